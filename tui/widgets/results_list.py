"""The hit list: title, outlet, date, parties, score and highlighted snippets per hit."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.output import printable
from indexer.search import Hit, SearchResult
from tui.text import day, flat, marked, one_line
from tui.widgets.stable_list import StableOptionList

FRAGMENTS = 3  # snippet lines per hit


def hit_prompt(rank: int, hit: Hit) -> Text:
    """A hit as lines of plain text styled at the API's offsets (never markup); the score shows
    only when results are ranked by relevance (the API leaves it None otherwise)."""
    title = Text(f"{rank:>2}. ", style="bold").append_text(marked(hit.title, hit.title_highlights, "bold yellow"))
    flat(title).stylize("bold")
    score = (f"score {hit.score:.2f}",) if hit.score is not None else ()
    meta = " · ".join((printable(hit.source or "unknown outlet"), day(hit.date), *score,
                       printable(", ".join(hit.parties)) or "no parties"))
    lines = [title, Text(f"    {meta}", style="dim")]
    lines += [Text("    ").append_text(one_line(f)) for f in hit.snippet[:FRAGMENTS]]
    return Text("\n").join(lines)


class ResultsList(StableOptionList):
    """Arrow keys or j/k move, Enter or a click opens."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @dataclass
    class Open(Message):
        """The user chose a hit to read."""

        hit: Hit

    class MoreWanted(Message):
        """The cursor reached the last hit shown and the search found more."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.hits: dict[str, Hit] = {}
        self.more = False  # the search found more hits than are shown

    def show(self, result: SearchResult, keep: bool) -> None:
        """``keep``: the same search ran again (a reindex, or for more hits), so stay on the
        same hit."""
        hits = result.hits
        self.hits = {hit.id: hit for hit in hits}
        self.more = len(hits) < result.total
        options: list[Option | None] = []
        for rank, hit in enumerate(hits, start=1):
            options += [Option(hit_prompt(rank, hit), id=hit.id), None]
        self.replace_options(options[:-1], keep)

    @on(OptionList.OptionHighlighted)
    def _at_last(self, event: OptionList.OptionHighlighted) -> None:
        if self.more and event.option_index == self.option_count - 1:
            self.more = False  # asked once per result
            self.post_message(self.MoreWanted())

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Open(self.hits[event.option.id]))
