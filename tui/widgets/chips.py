"""The active filters as removable chips under the search bar."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.containers import HorizontalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button

from indexer.output import printable
from tui.filters import LABELS, Filters


class Chip(Button):
    """One chosen facet value; pressing it (Enter or click) removes the filter."""

    def __init__(self, facet: str, value: str) -> None:
        super().__init__(Content(f"{LABELS[facet]}: {printable(value)} ✕"), compact=True, tooltip="Remove this filter")
        self.facet, self.value = facet, value


class ChipBar(HorizontalScroll):
    """Hidden while no filter is active, so it costs no row then."""

    @dataclass
    class Removed(Message):
        """The user removed this filter."""

        facet: str
        value: str

    async def show(self, filters: Filters) -> None:
        await self.remove_children()
        await self.mount_all(Chip(facet, value) for facet, value in filters.chosen())
        self.display = bool(filters.chosen())

    @on(Button.Pressed)
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, Chip)
        self.post_message(self.Removed(event.button.facet, event.button.value))
