"""The document view's header: title and metadata, each value with where it came from (the
sentences it came from are one key away: the evidence screen)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.widgets import Static

from indexer.output import printable
from indexer.search import Document
from tui.text import day, flat, marked, shown_path

ORIGIN_NAMES = {"source": "outlet"}  # provenance keys under their on-screen names


def header_text(doc: Document, roots: Iterable[str]) -> Text:
    title = marked(doc.title, doc.title_highlights, "bold yellow")
    flat(title).stylize("bold")
    rows = {
        "outlet": doc.source or "unknown",
        "date": day(doc.date, doc.date_precision) + (f" (updated {day(doc.updated, doc.updated_precision)})" if doc.updated else ""),
        "parties": ", ".join(doc.parties) or "none found",
        "people": ", ".join(doc.people) or "none found",
        "places": ", ".join(doc.places) or "none found",
        **({"mentions": ", ".join(doc.mentions)} if doc.mentions else {}),  # parties only named
        "url": doc.url or "-",
        "path": shown_path(doc.path, roots),
    }
    origins = {ORIGIN_NAMES.get(key, key): origin for key, origin in doc.provenance.items()}
    lines = [title]
    for key, value in rows.items():
        line = Text(f"{key:8} ", style="dim").append(printable(value))
        if key in origins:
            line.append(f"  (from {printable(origins[key])})", style="dim italic")
        lines.append(line)
        if key == "date":
            lines.extend(_disagreements(doc))
    if "title" in origins:
        lines.append(Text(f"title    from {printable(origins['title'])}", style="dim italic"))
    return Text("\n").join(lines)


def _disagreements(doc: Document) -> list[Text]:
    """A flag under the date for each other date the sources gave."""
    return [
        Text(f"{'':9}! {printable(other['from'])} says {printable(other['date'])}: the sources disagree", style="yellow")
        for other in doc.date_alternatives
    ]


class DocumentHeader(Static):
    """Plain text only: every value is an article's data and is never parsed as markup."""

    def show(self, doc: Document, roots: Iterable[str]) -> None:
        self.update(header_text(doc, roots))
