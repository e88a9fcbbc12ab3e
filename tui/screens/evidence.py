"""Why the article is tagged as it is: each metadata value with the sentence it came from."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from indexer.output import printable
from indexer.search import Document, Evidence
from tui.text import passage

# Document fields with evidence, their on-screen names, and the query field that marks them
FIELDS = (
    ("source", "outlet", "source"),
    ("date", "date", None),
    ("parties", "parties", "party"),
    ("mentions", "mentions", "mention"),
    ("people", "people", "person"),
    ("places", "places", "place"),
)
SHOWN_PER_VALUE = 2  # passages listed under each value (n/N in the article walks all of them)


def value_query(field: str, value: str) -> str | None:
    """The query that marks ``value``'s passages in the article (None: a date, which no
    query marks)."""
    name = next((q for f, _, q in FIELDS if f == field), None)
    return f'{name}:"{value}"' if name and '"' not in value else None


def _source_text(doc: Document, where: str) -> str:
    return {"body": doc.body, "title": doc.title, "url": doc.url or "", "full_text": doc.full_text}.get(where, "")


def _entry(doc: Document, field: str, label: str, value: str, spans: tuple[Evidence, ...]) -> Option:
    lines = Text(f"{label:9}", style="dim").append(printable(value), style="bold")
    origin = _origin(doc, field, value)
    if origin:
        lines.append(f"  ({printable(origin)})", style="dim italic")
    for span in spans[:SHOWN_PER_VALUE]:
        where = " (page around the article)" if span.where == "full_text" else f" ({span.where})" if span.where != "body" else ""
        lines.append("\n    ").append_text(passage(_source_text(doc, span.where), span.start, span.end))
        lines.append(where, style="dim")
    if len(spans) > SHOWN_PER_VALUE:
        lines.append(f"\n    … {len(spans) - SHOWN_PER_VALUE} more in the article", style="dim")
    return Option(lines, id=f"{field}\x1f{value}")


def _origin(doc: Document, field: str, value: str) -> str | None:
    """Where the value came from: a date the sources disagree on names its own source."""
    other = next((a for a in doc.date_alternatives if a["date"] == value), None) if field == "date" else None
    return f"{other['from']}: not used" if other else doc.provenance.get(field)


def entries(doc: Document) -> list[Option]:
    """One entry per value that has evidence, in header order."""
    found = []
    for field, label, _ in FIELDS:
        for value, spans in sorted((doc.evidence.get(field) or {}).items()):
            found.append(_entry(doc, field, label, value, spans))
    return found


class EvidenceScreen(ModalScreen[str | None]):
    """Enter on a value returns the query that marks its passages in the article."""

    BINDINGS = [Binding("escape,e,q", "dismiss", "Close")]

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def compose(self) -> ComposeResult:
        found = entries(self.doc)
        with Vertical(id="evidence"):
            yield Label(Text("Where each value came from", style="bold"))
            if found:
                yield OptionList(*found, id="evidence-list")
            else:
                yield Label("No value of this article was read from its text (they came from its metadata).")
            yield Label(Text("Enter: mark that value's passages in the article · Escape: close", style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        field, value = (event.option.id or "").split("\x1f", 1)
        self.dismiss(value_query(field, value))
