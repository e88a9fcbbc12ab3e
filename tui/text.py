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
from indexer.search import Fragment, Span, date_label

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


def day(value: datetime | None, precision: str | None = "day") -> str:
    """A date as far as it is known ("2025-03" for March 2025), or "undated"."""
    return date_label(value, precision) or "undated"


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


PASSAGE_CHARS = 150  # at most this much of the sentence around a piece of evidence
_ENDS = ("\n", ". ", "? ", "! ")


def passage(text: str, start: int, end: int, style: str = MATCH) -> Text:
    """The sentence (or line) of ``text`` holding ``text[start:end]``, on one line and at most
    about ``PASSAGE_CHARS`` long, with that stretch marked: what a value was read from."""
    left = max((i + len(m) for m in _ENDS if (i := text.rfind(m, 0, start)) >= 0), default=0)
    right = min((i + 1 for m in _ENDS if (i := text.find(m, end)) >= 0), default=len(text))
    left = max(left, start - PASSAGE_CHARS // 2)
    cut = min(right, max(end + PASSAGE_CHARS // 2, left + PASSAGE_CHARS))
    if cut < right:  # end on a whole word
        space = text.rfind(" ", end, cut)
        cut = space if space > end else cut
    shown = flat(marked(text[left:cut], [Span(start - left, end - left)], style))
    shown.rstrip()
    head = "…" if left > 0 and text[left - 1] not in "\n " else ""
    return Text(head).append_text(shown).append("…" if cut < right else "")
