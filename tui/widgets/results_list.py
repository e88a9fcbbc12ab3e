"""The hit list: title, outlet, date, parties, score and highlighted snippets per hit."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.strip import Strip

from indexer.output import printable
from indexer.search import Hit, SearchResult
from tui.text import day, flat, marked, one_line
from tui.widgets.line_list import LineList

FRAGMENTS = 3  # snippet lines per hit
SHORTEST_HIT = 4  # lines: title, outlet line, a snippet line (the opening, without a match), rule
MIN_PAGE = 10  # hits fetched at a time at least


def hit_lines(rank: int, hit: Hit) -> list[Text]:
    """A hit as lines of plain text styled at the API's offsets (never markup); the score shows
    only when results are ranked by relevance (the API leaves it None otherwise)."""
    title = Text(f"{rank:>2}. ", style="bold").append_text(marked(hit.title, hit.title_highlights, "bold yellow"))
    flat(title).stylize("bold")
    score = (f"score {hit.score:.2f}",) if hit.score is not None else ()
    meta = " · ".join((printable(hit.source or "unknown outlet"), day(hit.date, hit.date_precision), *score,
                       printable(", ".join(hit.parties)) or "no parties"))
    lines = [title, Text(f"    {meta}")]  # styled as a part of the list (results-list--meta)
    return lines + [Text("    ").append_text(one_line(f)) for f in hit.snippet[:FRAGMENTS]]


class ResultsList(LineList):
    """Arrow keys or j/k move, Enter or a click opens; a rule separates the hits."""

    COMPONENT_CLASSES = {"results-list--meta", "results-list--separator"}

    @dataclass
    class Open(Message):
        """The user chose a hit to read."""

        hit: Hit

    class MoreWanted(Message):
        """The search found more hits, and the cursor reached the last one shown or the list
        has room for more."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.shown: list[Hit] = []
        self.hits: dict[str, Hit] = {}
        self.more = False  # the search found more hits than are shown
        self._lines: dict[int, list[Text]] = {}  # each hit's lines, made when first drawn

    @property
    def page(self) -> int:
        """How many hits to fetch at a time: as many as the list could show, plus one to
        move onto. Each is highlighted, so a screenful is faster to fetch than a fixed 20."""
        return max(MIN_PAGE, -(-self.size.height // SHORTEST_HIT) + 1)

    @property
    def current(self) -> Hit | None:
        """The hit the cursor is on."""
        return self.shown[self.cursor] if 0 <= self.cursor < len(self.shown) else None

    def show(self, result: SearchResult, keep: bool) -> None:
        """``keep``: the same search ran again (a reindex, or for more hits), so stay on the
        same hit."""
        kept = self.current.id if keep and self.current else None
        self.shown, self.hits = list(result.hits), {hit.id: hit for hit in result.hits}
        self.more = len(self.shown) < result.total
        self._lines = {}
        last = len(self.shown) - 1
        heights = [2 + min(len(hit.snippet), FRAGMENTS) + (rank < last) for rank, hit in enumerate(self.shown)]
        ids = list(self.hits)
        self.show_entries(heights, ids.index(kept) if kept in self.hits else -1)
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """Ask for more hits while the list has room for them (a taller window)."""
        if self.more and self.virtual_size.height < self.size.height:
            self._want_more()

    def _want_more(self) -> None:
        self.more = False  # asked once per result
        self.post_message(self.MoreWanted())

    def draw(self, entry: int, line: int, width: int, base: Style, over: Style) -> Strip:
        lines = self._lines.get(entry)
        if lines is None:
            lines = self._lines[entry] = hit_lines(entry + 1, self.shown[entry])
        if line >= len(lines):  # the rule below the hit
            rule = self.get_component_rich_style("results-list--separator")
            return Strip([Segment("─" * width, rule)], width)
        if line == 1 and not over:  # outlet, date, score and parties, muted off the cursor
            base += self.get_component_rich_style("results-list--meta")
        text = lines[line]
        if text.cell_len > width:
            text = text.copy()
            text.truncate(width, overflow="ellipsis")
        # under the text's own styles, so a match keeps its colours on the cursor's hit
        segments = Segment.apply_style(text.render(self.app.console), base)
        return Strip(segments).adjust_cell_length(width, base)

    def choose(self, entry: int) -> None:
        self.post_message(self.Open(self.shown[entry]))

    def watch_cursor(self, new: int) -> None:
        super().watch_cursor(new)
        if self.more and new == len(self.shown) - 1:
            self._want_more()
