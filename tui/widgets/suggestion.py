"""The "did you mean" line shown when a query finds nothing."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from indexer.output import printable


class Suggestion(Static):
    """Names the corrected query; a click (or the screen's key) accepts it."""

    @dataclass
    class Accept(Message):
        """Search for the suggested query instead."""

        query: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.query: str | None = None

    def show(self, query: str, total: int, suggestion: str | None) -> None:
        self.query = suggestion if total == 0 else None
        self.display = total == 0
        if total:
            return
        text = Text("No articles match ")
        text.append(printable(query) or "the filters", style="bold")
        if suggestion:
            text.append(". Did you mean ").append(printable(suggestion), style="bold yellow underline")
            text.append("? Press ctrl+y or click here to search for it.")
        self.update(text)

    def on_click(self, event: Click) -> None:
        if self.query:
            self.post_message(self.Accept(self.query))
