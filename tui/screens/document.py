"""One article in full, with the query's hits marked and n/N to walk through them; the page
around the article one key away, and where each metadata value came from another."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label

from indexer.output import printable
from indexer.search import Document, QueryError, SearchIndex
from tui.screens.evidence import EvidenceScreen
from tui.widgets.document_body import DocumentBody
from tui.widgets.document_header import DocumentHeader
from tui.widgets.find_bar import FindBar
from tui.widgets.key_footer import KeyFooter


class DocumentScreen(Screen[None]):
    """``/`` re-fetches the document with a new query, so in-document matching uses the same
    analysis (stemming, phrases, wildcards, fuzzy terms) as the search that found it."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("n", "step(1)", "Next hit"),
        Binding("N", "step(-1)", "Previous hit"),
        Binding("slash", "find", "Find in document"),
        Binding("b", "page", "Page around it"),
        Binding("e", "evidence", "Why these values"),
    ]

    @dataclass
    class Loaded(Message):
        """The document arrived (None: it left the index since the search ran)."""

        document: Document | None
        roots: tuple[str, ...]

    @dataclass
    class Failed(Message):
        """The in-document query could not be used; ``reason`` is one line."""

        reason: str

    def __init__(self, index: SearchIndex, doc_id: str, query: str) -> None:
        super().__init__()
        self.index, self.doc_id, self.query_text = index, doc_id, query
        self.document: Document | None = None
        self.whole_page = False  # the article alone, or the whole text with the page around it dimmed

    def compose(self) -> ComposeResult:
        yield DocumentHeader(id="doc-header")
        yield DocumentBody(id="doc-body")
        yield FindBar(placeholder="Find in this document (same syntax as search); Enter to mark", id="find")
        yield Label(id="doc-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(FindBar).display = False
        self.query_one(DocumentBody).focus()
        self._fetch(self.query_text)

    @work(thread=True, exclusive=True, group="document")
    def _fetch(self, query: str) -> None:
        try:
            self.post_message(self.Loaded(self.index.document(self.doc_id, query), self.index.stats().roots))
        except QueryError as exc:
            self.post_message(self.Failed(str(exc)))

    @on(Loaded)
    def _show(self, event: Loaded) -> None:
        if event.document is None:
            self._status(Text("This article is no longer in the index (a reindex removed it).", style="bold red"))
            return
        self.document = event.document
        self.query_one(DocumentHeader).show(event.document, event.roots)
        self._show_text()
        self.refresh_bindings()

    def _show_text(self) -> None:
        doc, body = self.document, self.query_one(DocumentBody)
        if doc is None:
            return
        if self.whole_page:
            body.show(doc.full_text, doc.full_highlights, doc.boilerplate)
        else:
            body.show(doc.body, doc.highlights)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"Page around it" only where there is one, "Why these values" where some were read."""
        if action == "page":
            return bool(self.document and self.document.boilerplate) or None
        if action == "evidence":
            return bool(self.document and self.document.evidence) or None
        return True

    def action_page(self) -> None:
        self.whole_page = not self.whole_page
        self._show_text()

    def action_evidence(self) -> None:
        if self.document is not None:
            self.app.push_screen(EvidenceScreen(self.document), self._mark_value)

    def _mark_value(self, query: str | None) -> None:
        if query:
            self.query_text = query
            self._fetch(query)

    @on(Failed)
    def _fail(self, event: Failed) -> None:
        self._status(Text(printable(event.reason), style="bold red"))

    @on(DocumentBody.Moved)
    def _moved(self, event: DocumentBody.Moved) -> None:
        query = printable(self.query_text)
        if event.total:
            text = f"hit {event.current}/{event.total} of {query}  ·  n/N next/previous  ·  / find"
        else:
            text = f"no hits of {query} in this article  ·  / find" if query else "/ find in this article"
        self._status(Text(text))

    def _status(self, text: Text) -> None:
        self.query_one("#doc-status", Label).update(text)

    def action_step(self, delta: int) -> None:
        self.query_one(DocumentBody).step(delta)

    def action_find(self) -> None:
        find = self.query_one(FindBar)
        find.display = True
        find.value = self.query_text
        find.focus()

    @on(FindBar.Find)
    def _find(self, event: FindBar.Find) -> None:
        self.query_text = event.query
        self._close_find()
        self._fetch(event.query)

    @on(FindBar.Close)
    def _close_find(self) -> None:
        self.query_one(FindBar).display = False
        self.query_one(DocumentBody).focus()

    def action_back(self) -> None:
        self.dismiss()
