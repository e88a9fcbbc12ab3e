"""The peers parley is measured against, built from parley's own ingest and enrich output so
all engines index identical text and metadata.

* stock Whoosh: ``StemmingAnalyzer`` on title and body, the same stored fields as parley
  (id, path, title, body, source, parties, date) plus a ``month`` column for the month
  facet, which parley derives from its own facets column.
* SQLite FTS5 with ``tokenize='porter'``: one virtual table; date, month, id and path are
  UNINDEXED columns, filtered and grouped with plain SQL.

Both answer the three query modes the way their documentation suggests: Whoosh with
``groupedby`` facets (Count maps) and ``Hit.highlights``; FTS5 with ``bm25``, GROUP BY-like
counting over the matching rows, and ``snippet``/``highlight``.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time as day_time, timedelta
from pathlib import Path

from bench.queries import BenchQuery

TOP = 10
WHOOSH_LIMIT_MB = 256  # the same writer memory parley uses
FTS5_FILE = "fts5.db"
FTS5_COLUMNS = "title, body, source, parties, id UNINDEXED, path UNINDEXED, date UNINDEXED, month UNINDEXED"


class Prepared:
    """Parley's articles, ingested and enriched, with the time that took kept apart so the
    report can show how much of a build is parley's own pipeline rather than the engine."""

    def __init__(self, paths: list[Path], max_bytes: int) -> None:
        self.paths, self.max_bytes = paths, max_bytes
        self.seconds, self.docs = 0.0, 0

    def __iter__(self) -> Iterator:
        from indexer.catalog import CatalogCache
        from indexer.enrich import enrich
        from indexer.gazetteer import default_names
        from indexer.ingest import IngestOptions, discover, read_file
        from indexer.outlets import default_outlets

        catalogs, options = CatalogCache(), IngestOptions(max_bytes=self.max_bytes)
        names, outlets = default_names(), default_outlets()
        for path in (p for p in discover(self.paths) if isinstance(p, Path)):  # not Skips
            started = time.perf_counter()
            articles = [enrich(a, names, outlets) for a in read_file(path, catalogs, options).articles]
            self.seconds += time.perf_counter() - started
            self.docs += len(articles)
            yield from articles

    def report(self, started: float) -> dict:
        return {"seconds": round(time.perf_counter() - started, 3), "prepare_seconds": round(self.seconds, 3), "docs": self.docs}


def slug(value: str) -> str:
    """A facet value as one token, the way parley keys them ("United States" -> united-states)."""
    return "-".join(re.findall(r"\w+", value)).lower()


def _naive(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=None) if value else None


def _day_range(q: BenchQuery, fts5: bool = False) -> tuple[date, date] | None:
    if fts5 and q.fts5_range:
        return q.fts5_range
    return (q.since, q.until) if q.since or q.until else None


# --- stock Whoosh ------------------------------------------------------------------------


def whoosh_schema():
    from whoosh import fields
    from whoosh.analysis import StemmingAnalyzer

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True),
        source=fields.ID(stored=True, sortable=True),
        parties=fields.KEYWORD(stored=True),
        date=fields.DATETIME(stored=True, sortable=True),
        month=fields.ID(sortable=True),
    )


def build_whoosh(index_dir: Path, paths: list[Path], max_bytes: int, procs: int = 1) -> dict:
    """Index with Whoosh's own writer; ``procs`` > 1 uses its multiprocessing writer."""
    from whoosh import index

    started = time.perf_counter()
    docs = Prepared(paths, max_bytes)
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(index_dir), whoosh_schema())
    writer = ix.writer(limitmb=WHOOSH_LIMIT_MB, procs=procs, multisegment=procs > 1)
    for article in docs:
        writer.add_document(**_whoosh_fields(article))
    writer.commit()
    return docs.report(started)


def _whoosh_fields(a) -> dict:
    """The document's fields, leaving out metadata it lacks as a Whoosh user would (title
    and body always go in: highlighting needs them stored even when empty)."""
    metadata = {
        "source": slug(a.source or ""), "parties": " ".join(slug(p) for p in a.parties),
        "date": _naive(a.date), "month": a.date.strftime("%Y-%m") if a.date else "",
    }
    return {"id": a.id, "path": a.path, "title": a.title, "body": a.body, **{k: v for k, v in metadata.items() if v}}


class WhooshSearcher:
    def __init__(self, index_dir: Path) -> None:
        from whoosh import index, sorting
        from whoosh.qparser import FuzzyTermPlugin, MultifieldParser
        from whoosh.qparser.dateparse import DateParserPlugin

        self._ix = index.open_dir(str(index_dir))
        self._searcher = self._ix.searcher()
        self._parser = MultifieldParser(["title", "body"], self._ix.schema)
        self._parser.add_plugin(FuzzyTermPlugin())
        self._parser.add_plugin(DateParserPlugin(free=False))
        self._facets = {
            "source": sorting.FieldFacet("source", maptype=sorting.Count),
            "parties": sorting.FieldFacet("parties", allow_overlap=True, maptype=sorting.Count),
            "month": sorting.FieldFacet("month", maptype=sorting.Count),
        }

    def search(self, q: BenchQuery, mode: str) -> int:
        from whoosh import query

        text = self._parser.parse(q.whoosh) if q.whoosh else query.Every()
        days = _day_range(q)
        kwargs = {"sortedby": "date", "reverse": True} if q.sort == "-date" else {}
        if days:
            kwargs["filter"] = query.DateRange("date", _day_start(days[0]), _day_start(days[1] + timedelta(days=1)))
        if mode != "a":
            kwargs["groupedby"] = self._facets
        results = self._searcher.search(text, limit=TOP, **kwargs)
        if mode != "a":
            for name in self._facets:
                results.groups(name)
        for hit in results[:TOP]:
            hit.fields()
            if mode == "c":
                hit.highlights("body", top=3)
                hit.highlights("title")
        return len(results)

    def close(self) -> None:
        self._searcher.close()


def _day_start(day: date) -> datetime:
    return datetime.combine(day, day_time.min)


# --- SQLite FTS5 -------------------------------------------------------------------------


def build_fts5(index_dir: Path, paths: list[Path], max_bytes: int) -> dict:
    started = time.perf_counter()
    docs = Prepared(paths, max_bytes)
    index_dir.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(index_dir / FTS5_FILE)
    con.execute(f"CREATE VIRTUAL TABLE docs USING fts5({FTS5_COLUMNS}, tokenize='porter')")
    rows = (
        (a.title, a.body, a.source or "", " ".join(slug(p) for p in a.parties), a.id, a.path,
         a.date.isoformat() if a.date else None, a.date.strftime("%Y-%m") if a.date else None)
        for a in docs
    )
    with con:
        con.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()
    return docs.report(started)


class Fts5Searcher:
    def __init__(self, index_dir: Path) -> None:
        self._con = sqlite3.connect(index_dir / FTS5_FILE, check_same_thread=False)

    def search(self, q: BenchQuery, mode: str) -> int:
        where, params = self._where(q)
        ranked = q.fts5 and q.sort == "relevance"
        order = "bm25(docs, 2.0, 1.0)" if ranked else "date DESC"
        marks = ", highlight(docs, 0, '[', ']'), snippet(docs, 1, '[', ']', '…', 24)" if q.fts5 else ", substr(body, 1, 240)"
        columns = "id, title, source, date, parties" + (marks if mode == "c" else "")
        self._con.execute(f"SELECT {columns} FROM docs WHERE {where} ORDER BY {order} LIMIT {TOP}", params).fetchall()
        if mode == "a":
            return self._con.execute(f"SELECT count(*) FROM docs WHERE {where}", params).fetchone()[0]
        return self._facet_counts(where, params)

    def _where(self, q: BenchQuery) -> tuple[str, list[str]]:
        clauses, params = [], []
        if q.fts5:
            clauses.append("docs MATCH ?")
            params.append(q.fts5)
        days = _day_range(q, fts5=True)
        if days:
            clauses.append("date >= ? AND date < ?")
            params += [days[0].isoformat(), (days[1] + timedelta(days=1)).isoformat()]
        return " AND ".join(clauses) or "1", params

    def _facet_counts(self, where: str, params: list[str]) -> int:
        """Source, party and month counts over every matching row; returns the total."""
        sources, parties, months, total = Counter(), Counter(), Counter(), 0
        for source, party_text, month in self._con.execute(f"SELECT source, parties, month FROM docs WHERE {where}", params):
            total += 1
            sources[source] += 1
            months[month] += 1
            parties.update(party_text.split())
        return total

    def close(self) -> None:
        self._con.close()
