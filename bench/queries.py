"""The fixed query set, written once per engine's syntax.

Each query names the same documents in every engine as far as the syntaxes allow: parley
and stock Whoosh differ only in field names (parley's `party:` alias is Whoosh's
`parties:`); FTS5 gets its free text restricted to the title and body columns, and date
filters as SQL ranges over an unindexed ISO-date column. ``None`` marks a query an engine
has no equivalent for (FTS5 has no fuzzy matching); such queries are skipped for it and
the report says how many were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class BenchQuery:
    kind: str  # word, phrase, boolean, wildcard, field, date, fuzzy, sorted, browse
    parley: str
    whoosh: str | None
    fts5: str | None  # MATCH expression; "" matches every row
    since: date | None = None  # a date filter given beside the query (every engine)
    until: date | None = None
    fts5_range: tuple[date, date] | None = None  # what parley and Whoosh write as `date:` in the text
    sort: str = "relevance"  # or "-date"
    quick: bool = False  # part of the --quick set


def _text(expr: str) -> str:
    """FTS5: search the title and body only, like the other engines' default fields."""
    return f"{{title body}} : ({expr})"


QUERIES: tuple[BenchQuery, ...] = (
    BenchQuery("word", "oil", "oil", _text("oil"), quick=True),
    BenchQuery("word", "economy", "economy", _text("economy")),
    BenchQuery("word", "shares", "shares", _text("shares")),
    BenchQuery("word", "government", "government", _text("government")),
    BenchQuery("phrase", '"interest rates"', '"interest rates"', _text('"interest rates"'), quick=True),
    BenchQuery("phrase", '"prime minister"', '"prime minister"', _text('"prime minister"')),
    BenchQuery("phrase", '"trade deficit"', '"trade deficit"', _text('"trade deficit"')),
    BenchQuery("boolean", "oil AND (opec OR saudi)", "oil AND (opec OR saudi)", _text("oil AND (opec OR saudi)"), quick=True),
    BenchQuery("boolean", "bank NOT japan", "bank NOT japan", _text("bank NOT japan")),
    BenchQuery("boolean", "wheat OR corn OR soybeans", "wheat OR corn OR soybeans", _text("wheat OR corn OR soybeans")),
    BenchQuery("wildcard", "negot*", "negot*", _text("negot*"), quick=True),
    BenchQuery("field", "trade source:reuters", "trade source:reuters", _text("trade") + " AND source : reuters", quick=True),
    BenchQuery("field", "trade party:japan", "trade parties:japan", _text("trade") + " AND parties : japan", quick=True),
    BenchQuery("field", 'tariffs party:"united states"', "tariffs parties:united-states",
               _text("tariffs") + ' AND parties : "united states"'),
    BenchQuery("date", "oil date:1987-03", "oil date:1987-03", _text("oil"),
               fts5_range=(date(1987, 3, 1), date(1987, 3, 31))),
    BenchQuery("date", "trade", "trade", _text("trade"), since=date(1987, 4, 1), until=date(1987, 4, 30), quick=True),
    BenchQuery("fuzzy", "goverment~", "goverment~", None, quick=True),
    BenchQuery("fuzzy", "Reagan~2", "Reagan~2", None),
    BenchQuery("sorted", "oil", "oil", _text("oil"), sort="-date"),
    BenchQuery("browse", "", "", "", sort="-date", quick=True),
)


def query_set(quick: bool) -> tuple[BenchQuery, ...]:
    return tuple(q for q in QUERIES if q.quick) if quick else QUERIES

