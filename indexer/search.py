"""The search API: the one contract the CLI, the TUI and scripts use.

Everything crossing this seam is plain data (frozen dataclasses of str/int/float/datetime),
so a caller never sees Whoosh, and swapping the engine touches ``indexer.engine`` only.

    >>> index = open_index(Path("index"))
    >>> result = index.search(SearchRequest(query='"no-fly zone"', parties=("NATO",)))
    >>> result.hits[0].title, result.facets.source

Errors: ``IndexMissing`` when there is no index at the path (the message says how to build
one), ``QueryError`` for a malformed query (a one-line message fit to show a user),
``SchemaMismatch`` when the index was written by another schema version, and ``IndexDamaged``
when its files cannot be read; both of the last say to run `parley reindex --full`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal, Protocol

from indexer.evidence import Evidence

Sort = Literal["relevance", "date", "-date"]
SORTS: tuple[Sort, ...] = ("relevance", "-date", "date")
UNKNOWN = "unknown"  # the facet value for an outlet or date that could not be known
_LABEL_WIDTH = {"day": 10, "month": 7, "year": 4}


def date_label(value: datetime | None, precision: str | None = "day") -> str | None:
    """A date as far as it is known: "2025-03-05", "2025-03" or "2025" (None: undated)."""
    if value is None:
        return None
    return value.date().isoformat()[: _LABEL_WIDTH.get(precision or "day", 10)]


class IndexMissing(FileNotFoundError):
    """There is no index (or an empty one) at the given path."""


class QueryError(ValueError):
    """The query cannot be parsed; ``str(err)`` is a one-line message for the user."""


class SchemaMismatch(RuntimeError):
    """The index was written by a different schema version; rebuild it."""


class IndexDamaged(RuntimeError):
    """The index's files cannot be read (e.g. a table of contents cut short by a power loss)."""


class IndexBusy(RuntimeError):
    """Another process is writing the index."""


@dataclass(frozen=True)
class Span:
    """A highlighted stretch of text: character offsets, end exclusive."""

    start: int
    end: int


@dataclass(frozen=True)
class Fragment:
    """A snippet of a body: ``text`` is ``body[start:start + len(text)]``; spans are relative."""

    text: str
    start: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Hit:
    """One search result. ``highlights`` are offsets into the stored body, all of them."""

    id: str
    path: str
    title: str
    source: str | None
    date: datetime | None
    parties: tuple[str, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    url: str | None
    score: float | None  # relevance; None when sorted by date or the query is empty
    snippet: tuple[Fragment, ...]
    highlights: tuple[Span, ...]
    title_highlights: tuple[Span, ...]
    provenance: dict[str, str] = field(default_factory=dict)  # where source, date, ... came from
    mentions: tuple[str, ...] = ()  # parties the article only names
    date_precision: str | None = None  # "day", "month" or "year": how much of ``date`` is known


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Counts for the current query. A facet's counts ignore that facet's own filter (but
    honour the others), so choosing one outlet still shows what the others would add."""

    source: tuple[FacetValue, ...] = ()
    parties: tuple[FacetValue, ...] = ()
    people: tuple[FacetValue, ...] = ()
    places: tuple[FacetValue, ...] = ()
    year: tuple[FacetValue, ...] = ()
    month: tuple[FacetValue, ...] = ()  # "YYYY-MM", within the chosen years (or all)


@dataclass(frozen=True)
class SearchRequest:
    """A query plus facet filters. Values within one filter OR together; filters AND."""

    query: str = ""
    sources: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    years: tuple[str, ...] = ()  # "2025", or UNKNOWN
    months: tuple[str, ...] = ()  # "2025-03"
    since: date | None = None
    until: date | None = None
    sort: Sort = "relevance"
    limit: int | None = 10  # None: every hit
    highlight: bool = True
    facets: bool = True


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    total: int
    took_ms: float
    hits: tuple[Hit, ...]
    facets: Facets = field(default_factory=Facets)
    suggestion: str | None = None  # a corrected query string when this one finds little


@dataclass(frozen=True)
class Document:
    """A whole stored article, with every hit of an optional query marked.

    ``body`` is the article's own text (what search and ``highlights`` see); ``full_text``
    the whole text as read, of which ``boilerplate`` is the page around the article, and
    ``full_highlights`` the hits and the query's entity evidence placed in it."""

    id: str
    path: str
    title: str
    body: str
    source: str | None
    date: datetime | None
    parties: tuple[str, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]
    url: str | None
    extra: dict[str, object]
    provenance: dict[str, str]  # where source, date, parties, ... came from
    highlights: tuple[Span, ...] = ()
    title_highlights: tuple[Span, ...] = ()
    mentions: tuple[str, ...] = ()
    date_precision: str | None = None
    updated: datetime | None = None
    updated_precision: str | None = None
    # other dates the sources gave, when they disagree: {"date", "precision", "from"}
    date_alternatives: tuple[dict[str, str], ...] = ()
    full_text: str = ""
    boilerplate: tuple[Span, ...] = ()
    full_highlights: tuple[Span, ...] = ()
    # field ("source", "date", "parties", "mentions", "people", "places") -> value -> passages
    evidence: dict[str, dict[str, tuple[Evidence, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexStats:
    documents: int
    size_bytes: int
    roots: tuple[str, ...]
    last_reindex: datetime | None
    schema_version: int
    path: str


class SearchIndex(Protocol):
    """What an engine offers readers. Implementations must be safe to call from threads."""

    def search(self, request: SearchRequest) -> SearchResult: ...

    def document(self, doc_id: str, query: str = "") -> Document | None: ...

    def stats(self) -> IndexStats: ...

    def close(self) -> None: ...


def open_index(path: Path, one_off: bool = False) -> SearchIndex:
    """Open the index at ``path`` for searching; raises IndexMissing or SchemaMismatch.

    ``one_off`` suits a caller that searches once or twice and exits (the CLI): it opens
    faster, and each search reads a little slower than from a long-lived index."""
    from indexer.engine import open_reader

    return open_reader(path, one_off)
