"""A document's text with the query's hits marked, one of them current, and the page around
the article (when it is shown) dimmed."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from indexer.search import Span
from tui.text import CURRENT, MATCH, line_starts, marked

CONTEXT_ROWS = 3  # rows left above the current hit when scrolling to it
PAGE_AROUND = "dim italic"  # the page around the article: menus, teasers, appeals, footers


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
        self.dimmed: tuple[Span, ...] = ()
        self._rows: tuple[int, list[int]] = (-1, [])  # (width, row start offsets) cache

    def compose(self) -> ComposeResult:
        yield Static(id="body-text")

    def show(self, text: str, hits: tuple[Span, ...], dimmed: tuple[Span, ...] = ()) -> None:
        self.text, self.hits, self.current, self.dimmed = text, hits, 0, dimmed
        self._rows = (-1, [])
        self._render_hits()

    def step(self, delta: int) -> None:
        if self.hits:
            self.current = (self.current + delta) % len(self.hits)
            self._render_hits()

    def _render_hits(self) -> None:
        body = marked(self.text, self.dimmed, PAGE_AROUND)
        for span in self.hits:
            body.stylize(MATCH, span.start, span.end)
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
