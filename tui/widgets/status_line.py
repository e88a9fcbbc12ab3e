"""One line for what the last search found, and for background jobs such as a reindex."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from indexer.output import printable
from indexer.search import SearchResult


class StatusLine(Horizontal):
    """``timings`` off leaves took_ms out, which keeps snapshot images stable between runs."""

    def __init__(self, timings: bool = True, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.timings = timings

    def compose(self) -> ComposeResult:
        yield Label(id="status-summary")
        yield Label(id="status-job")

    def show_result(self, result: SearchResult, sort: str, filters: str) -> None:
        shown, total = len(result.hits), result.total
        parts = [f"{total} hit{'s' * (total != 1)}" + (f" (first {shown} shown)" if shown < total else "")]
        if self.timings:
            parts.append(f"{result.took_ms:.0f} ms")
        parts.append(f"sort: {sort}")
        parts.append(f"filters: {printable(filters)}" if filters else "no filters")
        self.query_one("#status-summary", Label).update(Text(" · ".join(parts)), layout=False)  # one line, 1fr wide

    def show_error(self, message: str) -> None:
        self.query_one("#status-summary", Label).update(Text(printable(message), style="bold red"), layout=False)

    def show_job(self, message: str) -> None:
        self.query_one("#status-job", Label).update(Text(printable(message)))
