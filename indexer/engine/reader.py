"""The read side: ``WhooshIndex`` answers searches with plain data from ``indexer.search``."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from whoosh import query
from whoosh.qparser import QueryParser

from indexer import analysis
from indexer.engine import highlight
from indexer.engine.query import expand_fuzzy, filter_queries, make_parser, parse_user_query, split_dates
from indexer.engine.schema import VALUE_SEP
from indexer.engine.store import FacetRow, open_existing, read_facet_row
from indexer.index_state import load_state
from indexer.search import (
    Document,
    Facets,
    FacetValue,
    Hit,
    IndexStats,
    SearchRequest,
    SearchResult,
)

SUGGEST_BELOW = 2  # offer a spelling suggestion when a query finds fewer hits than this
_FACET_LIMIT = 50
_DOC_SETS = 32  # document sets kept per index version


class WhooshIndex:
    """A searchable index. Thread-safe: calls share one searcher, refreshed after commits, so
    each search sees the last committed state and picks up a reindex without a restart."""

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir
        self._ix = open_existing(index_dir)
        self._parser = make_parser(self._ix.schema)
        self._spell_parser = QueryParser("words", self._ix.schema)
        self._analyzer = self._ix.schema["body"].analyzer
        self._lock = threading.Lock()
        self._searcher = self._ix.searcher()
        self._facet_rows: _FacetRows | None = None
        self._doc_sets: dict[str, set[int]] = {}

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    def _fresh(self):
        """The current searcher, refreshed if a commit happened since the last call."""
        if self._ix.latest_generation() != self._searcher.reader().generation():
            # reopen rather than refresh(): Whoosh's reader reuse fails on an empty index
            self._searcher.close()
            self._searcher, self._facet_rows, self._doc_sets = self._ix.searcher(), None, {}
        return self._searcher

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        q = parse_user_query(self._parser, request.query)
        with self._lock:
            searcher = self._fresh()
            q, in_query_dates = split_dates(expand_fuzzy(q, searcher.reader()))
            filters = filter_queries(request)
            if in_query_dates:
                filters["query dates"] = query.And(in_query_dates)
            matched, by_filter = self._matching(searcher, q, filters, request.facets)
            results, by_relevance = self._ranked(searcher, q, request, matched if filters else None)
            total = len(matched) if matched is not None else len(results)
            wanted = highlight.highlight_terms(q, searcher.reader()) if request.highlight else None
            hits = tuple(self._hit(hit, wanted, by_relevance) for hit in results)
            facets = self._facets(searcher, q, by_filter) if request.facets else Facets()
            suggestion = self._suggestion(searcher, request.query) if total < SUGGEST_BELOW else None
        took_ms = (time.perf_counter() - started) * 1000
        return SearchResult(request, total, round(took_ms, 2), hits, facets, suggestion)

    def _matching(self, searcher, q, filters: dict[str, query.Query], want_facets: bool):
        """The doc numbers matching query and filters (None when neither facets nor filters
        need them, which saves a pass), plus each filter's own doc set."""
        if not (filters or want_facets):
            return None, {}
        by_filter = {name: self._docs(searcher, fq) for name, fq in filters.items()}
        by_filter["query"] = self._docs(searcher, q)
        return set.intersection(*by_filter.values()), by_filter

    def _docs(self, searcher, q: query.Query) -> set[int]:
        """The doc numbers matching ``q``, remembered for this index version: a session
        re-runs the same query under other filters, and the same filters under other queries."""
        key = repr(q)
        docs = self._doc_sets.pop(key, None)
        if docs is None:
            docs = set(searcher.docs_for_query(q))
        self._doc_sets[key] = docs  # most recently used last
        while len(self._doc_sets) > _DOC_SETS:
            self._doc_sets.pop(next(iter(self._doc_sets)))
        return docs

    def _ranked(self, searcher, q, request: SearchRequest, allowed: set[int] | None):
        sort = request.sort
        if sort == "relevance" and isinstance(q, query.Every):
            sort = "-date"  # nothing to rank by: newest first reads best
        kwargs = {} if sort == "relevance" else {"sortedby": "date", "reverse": sort == "-date"}
        return searcher.search(q, filter=allowed, limit=request.limit, **kwargs), sort == "relevance"

    def _hit(self, hit, wanted: highlight.HighlightTerms | None, by_relevance: bool) -> Hit:
        """A plain-data hit; its score only when results are ranked by relevance (a date sort
        leaves Whoosh's sort key in its place, which means nothing to a reader)."""
        fields = hit.fields()
        body, title = fields.get("body", ""), fields.get("title", "")
        marks, title_marks = self._marks(body, title, wanted)
        return Hit(
            **_described(fields),
            score=round(float(hit.score or 0.0), 4) if by_relevance else None,
            snippet=highlight.snippet(body, marks) if wanted is not None else (),
            highlights=marks,
            title_highlights=title_marks,
        )

    def _marks(self, body: str, title: str, wanted: highlight.HighlightTerms | None):
        """Highlight spans in the body and in the title (empty without a query)."""
        if not wanted:
            return (), ()
        return (
            highlight.spans(body, "body", wanted, self._analyzer),
            highlight.spans(title, "title", wanted, self._analyzer),
        )

    def _facets(self, searcher, q, by_filter: dict[str, set[int]]) -> Facets:
        rows = self._rows(searcher)

        def docs_without(own: str) -> Iterable[int]:
            return set.intersection(*(docs for name, docs in by_filter.items() if name != own))

        def values(name: str, own_filter: str) -> Counter[str]:
            return Counter(v for d in docs_without(own_filter) for v in getattr(rows[d], name))

        def single(name: str, own_filter: str) -> Counter[str]:
            return Counter(getattr(rows[d], name) for d in docs_without(own_filter))

        return Facets(
            source=_ranked_counts(single("source", "source")),
            parties=_ranked_counts(values("parties", "parties")),
            people=_ranked_counts(values("people", "people")),
            places=_ranked_counts(values("places", "places")),
            year=_by_value(single("year", "year")),
            month=_by_value(single("month", "month")),
        )

    def _rows(self, searcher) -> _FacetRows:
        if self._facet_rows is None:
            self._facet_rows = _FacetRows(searcher.reader())
        return self._facet_rows

    def _suggestion(self, searcher, text: str) -> str | None:
        """A corrected query string from the unstemmed words of the body, if any word is off."""
        if not text.strip():
            return None
        try:
            q = self._spell_parser.parse(text)
            correction = searcher.correct_query(q, text, prefix=1)
        except Exception:  # a suggestion is a nicety; never let it fail a search
            return None
        return _match_case(text, correction.string) if correction.query != q else None

    def document(self, doc_id: str, query_text: str = "") -> Document | None:
        q = parse_user_query(self._parser, query_text) if query_text.strip() else None
        with self._lock:
            searcher = self._fresh()
            fields = searcher.document(id=doc_id)
            if fields is None:
                return None
            body, title = fields.get("body", ""), fields.get("title", "")
            wanted = highlight.highlight_terms(q, searcher.reader()) if q is not None else None
            marks, title_marks = self._marks(body, title, wanted)
        return Document(
            **_described(fields),
            body=body,
            extra=dict((fields.get("meta") or {}).get("extra") or {}),
            highlights=marks,
            title_highlights=title_marks,
        )

    def stats(self) -> IndexStats:
        state = load_state(self.path)
        with self._lock:
            documents = self._fresh().doc_count()
        size = sum(f.stat().st_size for f in self.path.iterdir() if f.is_file())
        return IndexStats(
            documents=documents,
            size_bytes=size,
            roots=tuple(state.roots),
            last_reindex=state.last_reindex_at,
            schema_version=state.schema_version or 0,
            path=str(self.path),
        )


def _match_case(original: str, corrected: str) -> str:
    """Give corrected words the capitalisation the user typed ("Witkof" -> "Witkoff")."""
    before = [original[a:b] for a, b in analysis.word_spans(original)]
    spans = list(analysis.word_spans(corrected))
    if len(before) != len(spans):
        return corrected
    out, last = [], 0
    for typed, (start, end) in zip(before, spans):
        word = corrected[start:end]
        out.append(corrected[last:start] + (word[:1].upper() + word[1:] if typed[:1].isupper() else word))
        last = end
    return "".join(out) + corrected[last:]


class _FacetRows(dict):
    """Facet values by doc number, decoded from the ``facets`` column the first time a
    document matches and kept for this index version: a one-off search decodes only its
    matches, and a long session soon counts from memory alone."""

    def __init__(self, reader) -> None:
        super().__init__()
        self._reader = reader
        self._column = None

    def __missing__(self, docnum: int) -> FacetRow:
        if self._column is None:  # opened lazily: an empty index has no column to open
            self._column = self._reader.column_reader("facets")
        row = self[docnum] = read_facet_row(self._column[docnum])
        return row


def _described(fields: dict) -> dict[str, object]:
    """What hits and documents share, from a document's stored fields."""
    return {
        "id": fields["id"],
        "path": fields["path"],
        "title": fields.get("title", ""),
        "source": fields.get("source") or None,
        "date": fields.get("date"),
        "parties": _split(fields.get("parties")),
        "people": _split(fields.get("people")),
        "places": _split(fields.get("places")),
        "url": fields.get("url"),
        "provenance": dict((fields.get("meta") or {}).get("provenance") or {}),
    }


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(VALUE_SEP) if v)


def _ranked_counts(counts: Counter[str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(v, n) for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_FACET_LIMIT])


def _by_value(counts: Counter[str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(v, n) for v, n in sorted(counts.items()))


def open_reader(index_dir: Path) -> WhooshIndex:
    return WhooshIndex(index_dir)
