"""The in-document search box of the document view."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FindBar(Input):
    """Enter posts ``Find`` with the new query; Escape posts ``Close``. Hidden until needed."""

    BINDINGS = [Binding("escape", "close", "Close find", show=False)]

    @dataclass
    class Find(Message):
        """Mark this query's hits in the document instead."""

        query: str

    class Close(Message):
        """The user left the find box without searching."""

    @on(Input.Submitted)
    def _find(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Find(self.value))

    def action_close(self) -> None:
        self.post_message(self.Close())
