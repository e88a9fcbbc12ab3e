"""Human-readable CLI output with rich: hits and documents with their matches marked.

Text is built as ``rich.text.Text`` with style spans at the API's offsets, never as markup,
so an article containing "[bold]" prints literally. Styles are dropped when stdout is not a
terminal, which keeps piped output plain.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from indexer.output import printable
from indexer.search import Document, Hit, SearchResult, Span, date_label

MATCH = "bold black on yellow"


def marked(text: str, spans: tuple[Span, ...], style: str = MATCH) -> Text:
    """``text`` made printable with ``spans`` styled (printable keeps lengths, so offsets hold)."""
    out = Text(printable(text))
    for span in spans:
        out.stylize(style, span.start, span.end)
    return out


def print_result(result: SearchResult, console: Console | None = None) -> None:
    console = console or Console(highlight=False, soft_wrap=False)
    for rank, hit in enumerate(result.hits, start=1):
        _print_hit(console, rank, hit)
    summary = f"{result.total} hit{'s' * (result.total != 1)} in {result.took_ms:.0f} ms"
    if result.suggestion:
        summary += f' - did you mean "{printable(result.suggestion)}"?'
    console.print(Text(summary, style="dim"))


def _print_hit(console: Console, rank: int, hit: Hit) -> None:
    head = Text(f"{rank}. ", style="bold")
    head.append_text(marked(hit.title, hit.title_highlights, "bold yellow"))
    console.print(head)
    meta = " | ".join(
        part for part in (
            printable(hit.source or "unknown outlet"),
            date_label(hit.date, hit.date_precision) or "undated",
            ", ".join(hit.parties),
            f"score {hit.score:.2f}" if hit.score is not None else "",
        ) if part
    )
    console.print(Text(f"   {meta}", style="dim"))
    console.print(Text(f"   {printable(hit.id)}", style="dim cyan"))
    for fragment in hit.snippet:
        line = marked(fragment.text, fragment.spans)
        console.print(Text("   … ").append_text(_one_line(line)).append(" …"))
    console.print()


def _one_line(text: Text) -> Text:
    """Newlines to spaces without moving offsets."""
    text.plain = text.plain.replace("\n", " ")
    return text


def _date_row(doc: Document) -> str:
    text = date_label(doc.date, doc.date_precision) or "unknown"
    return text + (f" (updated {date_label(doc.updated, doc.updated_precision)})" if doc.updated else "")


def print_document(doc: Document, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    console.print(marked(doc.title, doc.title_highlights, "bold yellow").stylize("bold"))
    rows = {
        "source": doc.source or "unknown",
        "date": _date_row(doc),
        "parties": ", ".join(doc.parties) or "-",
        "mentions": ", ".join(doc.mentions) or "-",
        "people": ", ".join(doc.people) or "-",
        "places": ", ".join(doc.places) or "-",
        "url": doc.url or "-",
        "path": doc.path,
        "id": doc.id,
    }
    for key, value in rows.items():
        origin = doc.provenance.get(key)
        console.print(Text(f"{key:8} {printable(value)}" + (f"  ({origin})" if origin else ""), style="dim"))
    for other in doc.date_alternatives:
        console.print(Text(f"{'':8} ! {other['from']} says {other['date']}: the sources disagree", style="yellow"))
    if doc.highlights:
        console.print(Text(f"{len(doc.highlights)} matches", style="dim"))
    console.print()
    console.print(marked(doc.body, doc.highlights))
