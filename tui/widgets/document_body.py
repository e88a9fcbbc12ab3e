"""A document's body with the query's hits marked and one of them current."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from indexer.search import Span
from tui.text import CURRENT, line_starts, marked

CONTEXT_ROWS = 3  # rows left above the current hit when scrolling to it


class DocumentBody(VerticalScroll):
    """``step`` moves the current hit (wrapping around) and scrolls it into view."""

    @dataclass
    class Moved(Message):
        """The current hit changed: ``current`` counts from 1, 0 when there are no hits."""

        current: int
        total: int

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.text, self.hits, self.current = "", (), 0
        self._rows: tuple[int, list[int]] = (-1, [])  # (width, row start offsets) cache

    def compose(self) -> ComposeResult:
        yield Static(id="body-text")

    def show(self, text: str, hits: tuple[Span, ...]) -> None:
        self.text, self.hits, self.current = text, hits, 0
        self._rows = (-1, [])
        self._render_hits()

    def step(self, delta: int) -> None:
        if self.hits:
            self.current = (self.current + delta) % len(self.hits)
            self._render_hits()

    def _render_hits(self) -> None:
        body = marked(self.text, self.hits)
        if self.hits:
            hit = self.hits[self.current]
            body.stylize(CURRENT, hit.start, hit.end)
        self.query_one(Static).update(body)
        self.post_message(self.Moved(self.current + 1 if self.hits else 0, len(self.hits)))
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        if self.hits:
            row = self._row_of(self.hits[self.current].start)
            self.scroll_to(y=max(0, row - CONTEXT_ROWS), animate=False)

    def _row_of(self, offset: int) -> int:
        """The wrapped row holding ``offset``, by wrapping the text as the Static does."""
        static = self.query_one(Static)
        width = static.content_region.width
        if self._rows[0] != width:
            plain = marked(self.text, ()).plain
            self._rows = (width, line_starts(Content(plain), width))
        return static.virtual_region.y + max(0, bisect_right(self._rows[1], offset) - 1)
