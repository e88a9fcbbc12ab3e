"""The read side: ``WhooshIndex`` answers searches with plain data from ``indexer.search``."""

from __future__ import annotations

import heapq
import threading
import time
from collections import Counter
from collections.abc import Iterable
from itertools import chain, islice
from pathlib import Path

from whoosh import query
from whoosh.qparser import QueryParser

from indexer import analysis
from indexer.engine import highlight, terms
from indexer.engine.query import (
    Vocabulary,
    expand_fuzzy,
    filter_queries,
    make_parser,
    or_of_parts,
    parse_user_query,
    split_filters,
    split_negations,
)
from indexer.engine.schema import VALUE_SEP
from indexer.engine.store import FacetRow, open_existing, open_searcher, read_facet_row
from indexer.evidence import Evidence
from indexer.index_state import load_state
from indexer.textmap import to_whole, whole_text
from indexer.search import (
    Document,
    Facets,
    FacetValue,
    Hit,
    IndexStats,
    SearchRequest,
    SearchResult,
    Span,
)

SUGGEST_BELOW = 2  # offer a spelling suggestion when a query finds fewer hits than this
_FACET_LIMIT = 50
_REMEMBERED = 64  # document sets and score tables kept per index version
_REMEMBERED_MEMBERS = 1_000_000  # and doc numbers in them at most (about 70 MB), bar the newest
_MULTI_VALUED = {"parties", "people", "places"}
# An OR of more terms than this, or with a phrase, is scored in one pass (see _summed_scores)
_WHOOSH_RANKS_UP_TO = 2


class WhooshIndex:
    """A searchable index. Thread-safe: calls share one searcher, refreshed after commits, so
    each search sees the last committed state and picks up a reindex without a restart."""

    def __init__(self, index_dir: Path, one_off: bool = False) -> None:
        self.path = index_dir
        self._ix = open_existing(index_dir, one_off)
        self._parser = make_parser(self._ix.schema)
        self._spell_parser = QueryParser("words", self._ix.schema)
        self._analyzer = self._ix.schema["body"].analyzer
        self._lock = threading.Lock()
        self._version = self._open_version()

    def close(self) -> None:
        with self._lock:
            self._version.searcher.close()

    def _fresh(self) -> _Version:
        """The current index version, reopened if a commit happened since the last call."""
        if self._ix.latest_generation() != self._version.searcher.reader().generation():
            # reopen rather than refresh(): Whoosh's reader reuse fails on an empty index
            self._version.searcher.close()
            self._version = self._open_version()
        return self._version

    def _open_version(self) -> _Version:
        """A searcher over the last commit, and the terms of the words it brought."""
        version = _Version(open_searcher(self._ix))
        terms.load(self.path)
        return version

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        q = parse_user_query(self._parser, request.query)
        with self._lock:
            version = self._fresh()
            whole = expand_fuzzy(q, version.vocabulary)
            q, in_query_filters = split_filters(whole, version.searcher.reader())
            ranked, negations = split_negations(q)
            filters = filter_queries(request)
            wanted = self._wanted(whole, list(filters.values()), version) if request.highlight else None
            if in_query_filters:
                filters["query filters"] = query.And(in_query_filters)
            by_filter = self._matching(version, ranked, negations, filters)
            matched = _intersection(by_filter.values())
            allowed = matched if len(by_filter) > 1 or negations else None
            top = self._top(version, ranked, request, matched, allowed)
            hits = tuple(self._hit(fields, score, wanted) for fields, score in top)
            facets = self._facets(version, by_filter) if request.facets else Facets()
            suggestion = self._suggestion(version.searcher, request.query) if len(matched) < SUGGEST_BELOW else None
        took_ms = (time.perf_counter() - started) * 1000
        return SearchResult(request, len(matched), round(took_ms, 2), hits, facets, suggestion)

    @staticmethod
    def _wanted(q: query.Query, filters: list[query.Query], version: _Version) -> highlight.HighlightTerms:
        """What to mark: the query's words and phrases, and the entity values it and the
        facet filters ask for (marked by the passages that gave them)."""
        return highlight.add_filters(highlight.highlight_terms(q, version.searcher.reader()), filters)

    @staticmethod
    def _matching(
        version: _Version, ranked: query.Query, negations: list[query.Query], filters: dict[str, query.Query]
    ) -> dict[str, set[int]]:
        """Each filter's doc numbers, and under "query" the query's (those the ranked part
        matches less those of its negations). Their intersection is the total, without the
        second pass over the postings Whoosh makes to count a top-10 search."""
        by_filter = {name: version.docs(fq) for name, fq in filters.items()}
        docs = version.docs(ranked)
        by_filter["query"] = docs.difference(*map(version.docs, negations)) if negations else docs
        return by_filter

    @staticmethod
    def _top(
        version: _Version, q: query.Query, request: SearchRequest, matched: set[int], allowed: set[int] | None
    ) -> list[tuple[dict, float | None]]:
        """The stored fields and scores (None unless ranked by relevance: a date sort's score
        would mean nothing to a reader) of the first hits. ``allowed`` (None: all) limits a
        ranking to the matched docs when the query alone does not.

        A date sort takes the matched docs in the version's date order rather than having
        Whoosh read and sort the dates of all of them (200k for browsing a 200k index)."""
        sort = request.sort
        if sort == "relevance" and isinstance(q, query.Every):
            sort = "-date"  # nothing to rank by: newest first reads best
        searcher = version.searcher
        if not matched:  # also because Whoosh would read an empty filter as no filter
            return []
        if sort != "relevance":
            order = version.by_date if sort == "date" else reversed(version.by_date)
            docnums = islice(filter(matched.__contains__, order), request.limit)
            return [(searcher.stored_fields(d), None) for d in docnums]
        if _summed_parts(q) is not None:
            best = _best(version.scores(q), matched, request.limit)
            return [(searcher.stored_fields(d), round(score, 4)) for d, score in best]
        results = searcher.search(q, filter=allowed, limit=request.limit)
        return [(hit.fields(), round(float(hit.score or 0.0), 4)) for hit in results]

    def _hit(self, fields: dict, score: float | None, wanted: highlight.HighlightTerms | None) -> Hit:
        """A plain-data hit from a document's stored fields."""
        body, title = fields.get("body", ""), fields.get("title", "")
        marks, title_marks = self._marks(body, title, wanted, _evidence(fields))
        return Hit(
            **_described(fields),
            score=score,
            snippet=highlight.snippet(body, marks) if wanted is not None else (),
            highlights=marks,
            title_highlights=title_marks,
        )

    def _marks(self, body: str, title: str, wanted: highlight.HighlightTerms | None, evidence: dict):
        """Highlight spans in the body and in the title (empty without a query): the query's
        words, and the passages behind the entity values it asks for."""
        if not wanted:
            return (), ()
        return (
            highlight.merge([*highlight.spans(body, "body", wanted, self._analyzer),
                             *highlight.evidence_spans(evidence, wanted, "body")]),
            highlight.merge([*highlight.spans(title, "title", wanted, self._analyzer),
                             *highlight.evidence_spans(evidence, wanted, "title")]),
        )

    @staticmethod
    def _facets(version: _Version, by_filter: dict[str, set[int]]) -> Facets:
        """Each facet counted over the docs every filter but its own allows."""
        columns = version.facets
        bases: dict[tuple[str, ...], set[int]] = {}

        def counts(name: str, own_filter: str) -> Counter[str]:
            others = tuple(f for f in by_filter if f != own_filter)
            if others not in bases:
                bases[others] = _intersection(by_filter[f] for f in others)
            return columns.counts(name, bases[others], version.live)

        return Facets(
            source=_ranked_counts(counts("source", "source")),
            parties=_ranked_counts(counts("parties", "parties")),
            people=_ranked_counts(counts("people", "people")),
            places=_ranked_counts(counts("places", "places")),
            year=_by_value(counts("year", "year")),
            month=_by_value(counts("month", "month")),
        )

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
            version = self._fresh()
            fields = version.searcher.document(id=doc_id)
            if fields is None:
                return None
            body, title = fields.get("body", ""), fields.get("title", "")
            # fuzzy terms expanded as a search expands them, so both mark the same words
            wanted = None
            if q is not None:
                wanted = highlight.highlight_terms(expand_fuzzy(q, version.vocabulary), version.searcher.reader())
            evidence = _evidence(fields)
            marks, title_marks = self._marks(body, title, wanted, evidence)
        meta = fields.get("meta") or {}
        cuts = tuple((start, piece) for start, piece in meta.get("cuts", ()))
        return Document(
            **_described(fields),
            body=body,
            extra=dict(meta.get("extra") or {}),
            highlights=marks,
            title_highlights=title_marks,
            updated=meta.get("updated"),
            updated_precision=meta.get("updated_precision"),
            date_alternatives=tuple(meta.get("date_alternatives", ())),
            full_text=whole_text(body, cuts),
            boilerplate=tuple(Span(start, end) for start, end in meta.get("boilerplate", ())),
            full_highlights=_in_whole_text(marks, cuts, evidence, wanted),
            evidence={
                key: {value: tuple(Evidence(*span) for span in spans) for value, spans in by_value.items()}
                for key, by_value in evidence.items()
            },
        )

    def stats(self) -> IndexStats:
        state = load_state(self.path)
        with self._lock:
            documents = self._fresh().searcher.doc_count()
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
    before = [original[a:b] for a, b in analysis.direct_word_spans(original)]
    spans = list(analysis.direct_word_spans(corrected))
    if len(before) != len(spans):
        return corrected
    out, last = [], 0
    for typed, (start, end) in zip(before, spans):
        word = corrected[start:end]
        out.append(corrected[last:start] + (word[:1].upper() + word[1:] if typed[:1].isupper() else word))
        last = end
    return "".join(out) + corrected[last:]


class _Version:
    """What one committed state of the index is read into, kept until the next commit: the
    searcher, the fuzzy-matching vocabulary, facet columns and recent document sets."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.vocabulary = Vocabulary(searcher.reader())
        self.facets = _FacetColumns(searcher.reader())
        self._memo: dict[tuple[str, str], set[int] | dict[int, float]] = {}
        self._live: set[int] | None = None
        self._by_date: list[int] | None = None

    def docs(self, q: query.Query) -> set[int]:
        """The doc numbers matching ``q``, remembered: a session re-runs the same query under
        other filters, and the same filters under other queries. Callers must not change it."""
        if q == query.Every():
            return self.live
        return self._remember(("docs", repr(q)), lambda: self._find(q))

    def scores(self, q: query.Query) -> dict[int, float]:
        """Each matching doc's score for a query of ``_summed_parts``, remembered as ``docs``."""
        return self._remember(("scores", repr(q)), lambda: _summed_scores(self.searcher, _summed_parts(q)))

    def _remember(self, key: tuple[str, str], compute):
        found = self._memo.pop(key, None)
        if found is None:
            found = compute()
        self._memo[key] = found  # most recently used last
        while len(self._memo) > 1 and (
            len(self._memo) > _REMEMBERED or sum(map(len, self._memo.values())) > _REMEMBERED_MEMBERS
        ):
            self._memo.pop(next(iter(self._memo)))
        return found

    def _find(self, q: query.Query) -> set[int]:
        """The docs of ``q``, by set operations in C over its parts' docs where it is made of
        ANDs, ORs, NOTs and expanding terms. Whoosh walks a tree of union matchers in Python
        for each document: a year's day terms (``date:1987``) took 230 ms on 20k articles,
        as a union of each day's postings 15 ms. A query ranked in one pass takes its docs
        from that pass. Only the whole query's set is remembered: its parts' sets would crowd
        out whole queries' (a word's title and body sets, at 200k articles)."""
        if _summed_parts(q) is not None:
            return set(self.scores(q))
        if isinstance(q, query.MultiTerm):
            reader, found = self.searcher.reader(), set()
            for field, text in q.expanded_terms(reader):
                found.update(reader.postings(field, text).all_ids())
            return found
        if isinstance(q, query.Not):
            return self.live - self._find(q.query)
        if isinstance(q, query.AndNot):
            return self._find(q.a) - self._find(q.b)
        if isinstance(q, query.And | query.Or) and q.subqueries and not getattr(q, "minmatch", 0):
            parts = [self._find(part) for part in q.subqueries]
            return set.intersection(*parts) if isinstance(q, query.And) else set().union(*parts)
        return set(self.searcher.docs_for_query(q))

    @property
    def by_date(self) -> list[int]:
        """All doc numbers oldest first, in the order Whoosh's date sort gives: by the date
        column's sortable value, ties by doc number (a newest-first sort is its reverse)."""
        if self._by_date is None:
            keys: list[int] = []
            for segment, _ in self.searcher.reader().leaf_readers():  # as Whoosh sorts: a segment
                column = segment.column_reader("date", translate=False)  # with no dates has a default
                keys.extend(map(column.sort_key, range(segment.doc_count_all())))
            self._by_date = sorted(range(len(keys)), key=keys.__getitem__)
        return self._by_date

    @property
    def live(self) -> set[int]:
        """Every document number not deleted."""
        if self._live is None:
            reader = self.searcher.reader()
            everything = range(reader.doc_count_all())
            self._live = set(reader.all_doc_ids()) if reader.has_deletions() else set(everything)
        return self._live


class _FacetColumns:
    """Each facet's values by doc number, decoded from the ``facets`` column the first time a
    document is counted and kept for this index version: a one-off search decodes only its
    matches, and a long session soon counts from memory alone.

    Counting runs in C (map, chain, Counter) over whichever is smaller, the matched docs or
    the others: past half the index, the others are counted and taken from the totals, so
    browsing 200k articles counts nothing. Its cost never depends on how many distinct
    values a facet has.
    """

    def __init__(self, reader) -> None:
        self._reader = reader
        self._column = None
        size = reader.doc_count_all()
        self._values: dict[str, list] = {name: [None] * size for name in FacetRow._fields}
        self._decoded: set[int] = set()
        self._rows: dict[bytes, FacetRow] = {}  # rows repeat (one outlet, one month): decode each once
        self._totals: dict[str, Counter[str]] = {}

    def counts(self, name: str, docs: set[int], live: set[int]) -> Counter[str]:
        """How many of ``docs`` have each value of facet ``name``."""
        if 2 * len(docs) <= len(live):
            return self._count(name, docs)
        if name not in self._totals:
            self._totals[name] = self._count(name, live)
        return self._totals[name] - self._count(name, live - docs)

    def _count(self, name: str, docs: set[int]) -> Counter[str]:
        self._decode(docs)
        values = map(self._values[name].__getitem__, docs)
        return Counter(chain.from_iterable(values) if name in _MULTI_VALUED else values)

    def _decode(self, docs: set[int]) -> None:
        missing = docs - self._decoded
        if not missing:
            return
        if self._column is None:  # opened lazily: an empty index has no column to open
            self._column = self._reader.column_reader("facets")
        columns = [self._values[name] for name in FacetRow._fields]
        for docnum in missing:
            raw = self._column[docnum]
            row = self._rows.get(raw) or self._rows.setdefault(raw, read_facet_row(raw))
            for column, value in zip(columns, row):
                column[docnum] = value
        self._decoded |= missing


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
        "mentions": _split(fields.get("mentions")),
        "date_precision": (fields.get("meta") or {}).get("date_precision", "day" if fields.get("date") else None),
    }


def _evidence(fields: dict) -> dict[str, dict[str, list]]:
    return (fields.get("meta") or {}).get("evidence") or {}


def _in_whole_text(
    marks: tuple[Span, ...], cuts: tuple[tuple[int, str], ...], evidence: dict, wanted: highlight.HighlightTerms | None
) -> tuple[Span, ...]:
    """The body's marks placed in the whole text, with the passages of the page around
    the article behind the entity values asked for (a masthead naming the outlet)."""
    placed = [Span(to_whole(s.start, cuts), to_whole(s.end, cuts, end=True)) for s in marks]
    if wanted:
        placed += highlight.evidence_spans(evidence, wanted, "full_text")
    return highlight.merge(placed)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(VALUE_SEP) if v)


def _summed_parts(q: query.Query) -> list[query.Term | query.Phrase] | None:
    """The parts of a query that is ranked by adding up its parts' scores in one pass
    (``_summed_scores``), or None for one Whoosh ranks better itself."""
    parts = or_of_parts(q)
    if parts is None or (len(parts) <= _WHOOSH_RANKS_UP_TO and not any(isinstance(p, query.Phrase) for p in parts)):
        return None
    return parts


def _summed_scores(searcher, parts: list[query.Term | query.Phrase]) -> dict[int, float]:
    """Every matching doc's score: the sum of its parts' scores, what Whoosh ranks an OR by,
    up to the order of the additions. One pass gives both the ranking and the docs.

    Whoosh walks a tree of union matchers, several Python calls deep per document, and its
    skipping of low-scoring blocks fails when rare terms (a fuzzy word's near misses) lift
    every block's bound: `Reagan~2` (18 terms) took 200 ms on 200k articles, read term by
    term 55 ms. A phrase cannot skip at all, and finding its docs and then its best docs
    checked every candidate's word positions twice (85 ms for "interest rates" on 20k
    articles, 45 ms in one pass).
    """
    scores: dict[int, float] = {}
    get = scores.get
    context = searcher.context()
    for leaf, offset in searcher.leaf_searchers():  # as Whoosh's own collector scores
        for part in parts:
            matcher = part.matcher(leaf, context)
            while matcher.is_active():
                docnum = matcher.id() + offset
                scores[docnum] = get(docnum, 0.0) + matcher.score()
                matcher.next()
    return scores


def _best(scores: dict[int, float], matched: set[int], limit: int | None) -> list[tuple[int, float]]:
    """The best of ``matched`` by score, ties by doc number."""
    found = [(d, s) for d, s in scores.items() if d in matched]
    order = lambda kv: (-kv[1], kv[0])
    return sorted(found, key=order) if limit is None else heapq.nsmallest(limit, found, key=order)


def _intersection(sets: Iterable[set[int]]) -> set[int]:
    """The docs in all of ``sets``; a single set is returned as it is, not copied."""
    first, *rest = sets
    return first.intersection(*rest) if rest else first


def _ranked_counts(counts: Counter[str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(v, n) for v, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:_FACET_LIMIT])


def _by_value(counts: Counter[str]) -> tuple[FacetValue, ...]:
    return tuple(FacetValue(v, n) for v, n in sorted(counts.items()))


def open_reader(index_dir: Path, one_off: bool = False) -> WhooshIndex:
    return WhooshIndex(index_dir, one_off)
