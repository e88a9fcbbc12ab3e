"""From the page as read to the article: its boilerplate marked, its title chosen, its body cut out.

Nothing is thrown away. ``full_text`` keeps the whole text; the body is that text less its
cuts (the boilerplate lines, and a title line taken from the text), and ``cuts`` records what
was taken out where, so the whole text is rebuilt from the body (the index stores the body
once) and any body offset maps onto the whole text (the document view shows both).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from indexer.article import Article
from indexer.evidence import Spans
from indexer.formats import MAX_TITLE_CHARS
from indexer.maintext import boilerplate
from indexer.textmap import without

_FALLBACK_TITLE_CHARS = 80
_MENU_SEPARATORS = re.compile(r"\s+[|·•›»/]\s+")
_MENU_ITEM_WORDS = 3
_SUFFIX_MARKS = frozenset({"|", "-", "–", "—", ":", "·", "•"})  # before a site's name in a title


def separate(article: Article) -> Article:
    """Mark the page around the article, choose the title when the text must give it, and
    set ``body`` to the article's own text (in place; returned for chaining)."""
    text = article.full_text or article.body
    chrome = boilerplate(text)
    title_cut = _first_line(text, chrome)
    if title_cut is not None and article.title_in_text and _reads_as_title(title_cut[2]):
        article.title = title_cut[2]
        article.provenance["title"] = "text"
    elif title_cut is None or not _repeats(title_cut[2], article.title):
        title_cut = None  # a given title repeated as the first line is the title, not body text
    removed = _union(chrome, (title_cut[:2],)) if title_cut is not None else chrome
    article.full_text, article.boilerplate = text, chrome
    article.cuts = tuple((s, text[s:e]) for s, e in removed)
    article.body = without(text, removed)
    if not article.title:
        article.title = _fallback_title(article.body, article.path)
    return article


def _fallback_title(body: str, path: str) -> str:
    """The body's first line, shortened, or the file's name when the body has no text."""
    line = next((ln.strip() for ln in body.splitlines() if ln.strip()), Path(path).stem)
    return line if len(line) <= _FALLBACK_TITLE_CHARS else line[: _FALLBACK_TITLE_CHARS - 1].rstrip() + "…"


def _first_line(text: str, chrome: Spans) -> tuple[int, int, str] | None:
    """The first non-blank line outside the boilerplate and past any breadcrumb: (where the
    blank lines before it start, where those after it end, the line without a Markdown
    heading's marks)."""
    position = 0
    for start, end in [*chrome, (len(text), len(text))]:
        for line_start, line_end in _lines(text, position, start):
            line = text[line_start:line_end].strip()
            if _is_menu(line):
                position = line_end  # a breadcrumb the boilerplate left: the headline follows
            elif line:
                return position, _after_blank_lines(text, line_end, start), line.lstrip("# ").strip()
        position = end
    return None


def _reads_as_title(line: str) -> bool:
    return len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ":", ","))


def _is_menu(line: str) -> bool:
    """A menu or breadcrumb line: three or more short items between separators."""
    items = _MENU_SEPARATORS.split(line)
    return len(items) >= 3 and all(len(item.split()) <= _MENU_ITEM_WORDS for item in items)


def _repeats(line: str, title: str) -> bool:
    """Whether ``line`` is the given title, perhaps without the site's name the title ends
    with ("Talks resume | Example News")."""
    words, given = line.split(), title.split()
    if not words or given[: len(words)] != words:
        return False
    return len(given) == len(words) or given[len(words)] in _SUFFIX_MARKS


def _lines(text: str, start: int, stop: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each line between ``start`` and ``stop``, ends including the newline."""
    while start < stop:
        newline = text.find("\n", start, stop)
        end = stop if newline < 0 else newline + 1
        yield start, end
        start = end


def _after_blank_lines(text: str, position: int, stop: int) -> int:
    for line_start, line_end in _lines(text, position, stop):
        if text[line_start:line_end].strip():
            return line_start
        position = line_end
    return position


def _union(a: Spans, b: Spans) -> Spans:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((*a, *b)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
