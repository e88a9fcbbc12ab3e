"""The footer of key bindings, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[Binding, bool, str], ...]


def shown_keys(screen: Screen) -> Shown:
    """What a footer draws for ``screen``: each visible binding, whether it is enabled, its tooltip."""
    return tuple((binding, enabled, tooltip) for _, binding, enabled, tooltip in screen.active_bindings.values() if binding.show)


class KeyFooter(Footer):
    """Textual's Footer remounts every key whenever focus moves or bindings are refreshed, and
    the relayout that follows costs a search view tens of milliseconds per keystroke or
    result; mostly the keys are the same, so this one skips the rebuild then."""

    def __init__(self) -> None:
        super().__init__()
        self.composed: Shown | None = None  # the keys the current children show

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        self.composed = shown_keys(self.screen) if keys else None  # none yet: the screen was not ready
        yield from keys

    def bindings_changed(self, screen: Screen) -> None:
        if self.composed is None or shown_keys(screen) != self.composed:
            super().bindings_changed(screen)
