"""Highlight spans and snippets, computed with the index's own analyzer.

Running the same analyzer over the stored text is what makes offsets exact: a span covers
exactly the characters whose stems matched, a phrase is marked as one span from its first
to its last word, and words under NOT are never marked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from whoosh import query

from indexer.engine.schema import ValueTokenizer
from indexer.search import Fragment, Span

# Fields whose values keep the passages that gave them (a document's ``evidence``): a query
# or filter on one marks those passages as a word query marks its words.
ENTITY_FIELDS = ("source", "parties", "mentions", "people", "places")
_EXPANDED_FIELDS = frozenset({"title", "body", *ENTITY_FIELDS})

SNIPPET_CHARS = 240
MAX_FRAGMENTS = 3
_CONTEXT = 70


@dataclass
class HighlightTerms:
    """The terms a query would match, per field: single terms and phrases (word lists)."""

    terms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    phrases: dict[str, list[tuple[list[str], int]]] = field(default_factory=lambda: defaultdict(list))

    def __bool__(self) -> bool:
        return any(self.terms.values()) or any(self.phrases.values())


def highlight_terms(q: query.Query, reader) -> HighlightTerms:
    """Collect what to mark from a query, expanding wildcards and fuzzy terms in the index."""
    found = HighlightTerms()
    _collect(q, reader, found)
    return found


def _collect(q: query.Query, reader, found: HighlightTerms) -> None:
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        _collect(q.a, reader, found)
    elif isinstance(q, query.Phrase):
        found.phrases[q.fieldname].append((list(q.words), q.slop))
    elif isinstance(q, query.Term):
        found.terms[q.fieldname].add(q.text)
    elif isinstance(q, query.MultiTerm) and getattr(q, "fieldname", None) in _EXPANDED_FIELDS:
        fieldobj = reader.schema[q.fieldname]
        for term in q._btexts(reader):
            found.terms[q.fieldname].add(fieldobj.from_bytes(term) if isinstance(term, bytes) else term)
    else:
        for child in q.children():
            _collect(child, reader, found)


def spans(text: str, fieldname: str, wanted: HighlightTerms, analyzer) -> tuple[Span, ...]:
    """Every match of ``wanted`` in ``text``, as sorted, non-overlapping character spans."""
    terms = wanted.terms.get(fieldname, set())
    phrases = wanted.phrases.get(fieldname, [])
    if not (terms or phrases) or not text:
        return ()
    tokens = [(t.pos, t.text, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]
    found = [Span(s, e) for _, word, s, e in tokens if word in terms]
    for words, slop in phrases:
        found.extend(_phrase_spans(tokens, words, slop))
    return merge(found)


def add_filters(wanted: HighlightTerms, filters: list[query.Query]) -> HighlightTerms:
    """``wanted`` plus the entity terms of facet filters (a chip chosen in the TUI, `--party`)."""
    for q in filters:
        _collect(q, None, wanted)
    return wanted


def evidence_spans(evidence: dict[str, dict[str, list]], wanted: HighlightTerms, where: str) -> list[Span]:
    """The passages behind each entity value ``wanted`` asks for, in the text ``where``
    ("body" or "title"): how `person:lavrov` marks what made the article Lavrov's."""
    found = []
    for name in ENTITY_FIELDS:
        slugs = wanted.terms.get(name)
        if not slugs:
            continue
        for value, spans in (evidence.get(name) or {}).items():
            if ValueTokenizer.slug(value) in slugs:
                found.extend(Span(start, end) for kind, start, end in spans if kind == where)
    return found


def _phrase_spans(tokens: list[tuple[int, str, int, int]], words: list[str], slop: int) -> list[Span]:
    out = []
    for i, (pos, word, start, _) in enumerate(tokens):
        if word != words[0]:
            continue
        j, last_pos, end = i, pos, None
        for want in words[1:]:
            j += 1
            if j >= len(tokens) or tokens[j][1] != want or tokens[j][0] - last_pos > slop:
                break
            last_pos = tokens[j][0]
        else:
            end = tokens[j][3]
        if end is not None:
            out.append(Span(start, end))
    return out


def merge(found: list[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans covering ``found``."""
    merged: list[Span] = []
    for span in sorted(found, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)


def snippet(text: str, marks: tuple[Span, ...]) -> tuple[Fragment, ...]:
    """Up to three fragments around the densest clusters of hits, in reading order.

    Without hits (a title-only match, or no query) the opening of the text is the snippet.
    """
    if not marks:
        end = _word_end(text, min(len(text), SNIPPET_CHARS))
        return (Fragment(text[:end], 0, ()),) if text else ()
    clusters: list[list[Span]] = [[marks[0]]]
    for span in marks[1:]:
        if span.end - clusters[-1][0].start <= SNIPPET_CHARS - 2 * _CONTEXT:
            clusters[-1].append(span)
        else:
            clusters.append([span])
    best = sorted(clusters, key=lambda c: (-len(c), c[0].start))[:MAX_FRAGMENTS]
    return tuple(_fragment(text, c) for c in sorted(best, key=lambda c: c[0].start))


def _fragment(text: str, cluster: list[Span]) -> Fragment:
    start = _word_start(text, max(0, cluster[0].start - _CONTEXT))
    end = _word_end(text, min(len(text), max(cluster[-1].end + _CONTEXT, start + SNIPPET_CHARS // 2)))
    inner = tuple(Span(s.start - start, s.end - start) for s in cluster if s.end <= end)
    return Fragment(text[start:end], start, inner)


def _word_start(text: str, index: int, reach: int = 20) -> int:
    """Move back to the start of the word ``index`` falls in (at most ``reach`` chars)."""
    stop = max(0, index - reach)
    while stop < index and not text[index - 1].isspace():
        index -= 1
    return index


def _word_end(text: str, index: int, reach: int = 20) -> int:
    """Move on to the end of the word ``index`` falls in (at most ``reach`` chars)."""
    stop = min(len(text), index + reach)
    while index < stop and not text[index].isspace():
        index += 1
    return index
