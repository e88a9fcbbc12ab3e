"""Article data to screen text: plain strings styled at the API's offsets, never markup.

Everything an article supplies (title, body, outlet, parties, url, path) goes through
``printable`` first, which swaps control characters for visible symbols one for one, so an
ANSI or OSC escape can never reach the terminal live and the API's offsets still hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.content import Content

from indexer.output import printable
from indexer.search import Fragment, Span

MATCH = "bold black on yellow"
CURRENT = "bold black on dark_orange"
LEAD = 30  # characters of context kept before a snippet's first match


def marked(text: str, spans: Iterable[Span], style: str = MATCH) -> Text:
    """``text`` made printable (tabs as one space each, so offsets hold) with ``spans`` styled."""
    out = Text(printable(text).replace("\t", " "))
    for span in spans:
        out.stylize(style, span.start, span.end)
    return out


def flat(text: Text) -> Text:
    """``text`` on one line: newlines become spaces, so styles stay where they were."""
    text.plain = text.plain.replace("\n", " ")
    return text


def one_line(fragment: Fragment) -> Text:
    """A snippet fragment on one line, starting shortly before its first match so the match
    survives the list's end-of-line ellipsis."""
    text = flat(marked(fragment.text, fragment.spans))
    first = min((s.start for s in fragment.spans), default=0)
    if first <= LEAD:
        return text
    cut = text.plain.rfind(" ", 0, first - LEAD) + 1 or first - LEAD
    return Text("…").append_text(text[cut:])


def day(value: datetime | None) -> str:
    return value.date().isoformat() if value else "undated"


def shown_path(path: str, roots: Iterable[str]) -> str:
    """``path`` relative to the folder holding its index root ("seeds/a.txt"), so the view
    names files the way the user added them and not by a temp or home directory."""
    for root in roots:
        if Path(path).is_relative_to(root):
            return printable(str(Path(path).relative_to(Path(root).parent)))
    return printable(path)


def line_starts(content: Content, width: int) -> list[int]:
    """Character offset where each wrapped row of ``content`` starts, using Textual's own
    wrapping so a row number found here is the row the widget draws."""
    plain, starts, position = content.plain, [], 0
    for line in content.wrap(width):
        position = plain.find(line.plain, position)
        starts.append(position)
        position += len(line.plain)
    return starts
