"""The query input: turns typing into searches and walks the query history."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from tui.history import History


class SearchBar(Input):
    """Posts ``Search`` as the query changes (the screen folds a burst of keystrokes into one
    search) and on Enter; up/down recall past queries."""

    BINDINGS = [
        Binding("up", "recall(-1)", "Older query", show=False),
        Binding("down", "recall(1)", "Newer query", show=False),
    ]

    @dataclass
    class Search(Message):
        """Search for ``query``; ``submitted`` when the user pressed Enter (a deliberate query)."""

        query: str
        submitted: bool

    def __init__(self, history: History, **kwargs: object) -> None:
        super().__init__(placeholder='Search: words, "phrases", OR, NOT, negot*, title:, date:2025 (F1: help)', **kwargs)
        self.history = history
        self._recalled: int | None = None  # position in the history while browsing it
        self._draft = ""  # what was typed before browsing, restored past the newest entry
        self._searched: str | None = None  # the query last posted, so an echo of it is not re-run

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self._searched:
            self._post(event.value, False)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self._recalled = None
        self._post(self.value, True)

    def _post(self, query: str, submitted: bool) -> None:
        self._searched = query
        self.post_message(self.Search(query, submitted))

    def set_query(self, query: str) -> None:
        """Replace the query (a recalled one) with the cursor at its end; it runs once typing would."""
        self.value = query
        self.cursor_position = len(query)

    def submit_query(self, query: str) -> None:
        """Replace the query and run it at once, as if typed and Enter pressed (an accepted suggestion)."""
        self.set_query(query)
        self._post(query, True)

    def action_recall(self, step: int) -> None:
        entries = self.history.entries
        if self._recalled is None:
            if step > 0 or not entries:
                return
            self._draft, self._recalled = self.value, len(entries)
        self._recalled = max(0, self._recalled + step)
        if self._recalled >= len(entries):
            self._recalled = None
            self.set_query(self._draft)
        else:
            self.set_query(entries[self._recalled])
