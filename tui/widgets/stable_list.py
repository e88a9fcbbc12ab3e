"""An OptionList whose highlighted option survives a refresh of its options."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import OptionList
from textual.widgets.option_list import Option


class StableOptionList(OptionList):
    """Results and facets refresh on every search; the user's place in them should not."""

    def replace_options(self, options: Iterable[Option | None], keep: bool = True) -> None:
        """Set the options, with the highlight on the option with the same id as before
        (when ``keep`` and it is still there), else on the first one that can be chosen."""
        kept = self.highlighted_option.id if keep and self.highlighted_option else None
        self.set_options(options)
        ids = [option.id for option in self.options if not option.disabled]
        if kept is not None and kept in ids:
            self.highlighted = self.get_option_index(kept)
        elif ids:
            self.highlighted = self.get_option_index(ids[0])
