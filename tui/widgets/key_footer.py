"""The footer of key bindings, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[Binding, bool, str], ...]


def shown_keys(screen: Screen) -> Shown:
    """What a footer draws for ``screen``: each visible binding, whether it is enabled, its tooltip."""
    return tuple((binding, enabled, tooltip) for _, binding, enabled, tooltip in screen.active_bindings.values() if binding.show)


def _placed(keys: Shown) -> tuple[tuple[Binding, str], ...]:
    """What decides the footer's layout: the keys and their tooltips, not whether they are dimmed."""
    return tuple((binding, tooltip) for binding, _, tooltip in keys)


class KeyFooter(Footer):
    """Textual's Footer remounts every key whenever focus moves or bindings are refreshed, and
    the relayout that follows costs a search view tens of milliseconds per keystroke or
    result (70 ms when a suggestion came or went). Mostly the keys are the same, so this one
    skips the rebuild then, and only restyles the keys that were dimmed or lit."""

    def __init__(self) -> None:
        super().__init__()
        self.composed: Shown | None = None  # the keys the current children show

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        self.composed = shown_keys(self.screen) if keys else None  # none yet: the screen was not ready
        yield from keys

    def bindings_changed(self, screen: Screen) -> None:
        keys = shown_keys(screen)
        if self.composed is not None and _placed(keys) == _placed(self.composed):
            self._restyle(keys)
        elif self.composed is None or keys != self.composed:
            super().bindings_changed(screen)

    def _restyle(self, keys: Shown) -> None:
        """Dim or light each key as its binding now is (a key stands for its action's first binding)."""
        enabled: dict[str, bool] = {}
        for binding, on, _ in keys:
            enabled.setdefault(binding.action, on)
        for key in self.query(FooterKey):
            if key.action in enabled:
                key._disabled = not enabled[key.action]  # what a click on the key consults
                key.set_class(key._disabled, "-disabled")
        self.composed = keys
