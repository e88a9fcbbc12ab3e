"""The records that flow through the pipeline.

They are plain dataclasses so every step (ingest, enrich, index) and every consumer can be
tested without the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from indexer.evidence import Evidence, Spans


@dataclass(frozen=True)
class FileState:
    """What incremental reindex compares to decide whether a file changed."""

    path: str
    size: int
    mtime_ns: int
    sha1: str


@dataclass
class Article:
    """One document: a file, or one record inside a JSON/JSONL file.

    Ingest fills ``full_text`` (the whole text as read) and explicit metadata; enrich
    separates the article from the page around it (``boilerplate``, ``cuts``, ``body``) and
    infers the rest, each inferred value with the spans that gave it (``evidence``).
    """

    id: str
    path: str
    title: str
    body: str  # the article's own text: what search, snippets, facets and inference see
    source: str | None = None
    date_text: str | None = None  # as written; enrich parses it into ``date``
    date: datetime | None = None
    date_precision: str | None = None  # "day", "month" or "year" (the date's unknown parts are 1)
    updated: datetime | None = None
    updated_precision: str | None = None
    url: str | None = None
    parties: list[str] = field(default_factory=list)  # countries and blocs the article involves
    mentions: list[str] = field(default_factory=list)  # those it only names
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)
    # Where each metadata value came from: explicit ("catalog", "front matter", "json",
    # "html"), or the rule that found it in the page (outlets: "url", "title", "dateline",
    # "byline", "masthead", "sign-off", "links", "site", "self-reference", "text"; dates:
    # "stamp", "byline", "dateline", "headline", "opening", "url", "self link", ...).
    provenance: dict[str, str] = field(default_factory=dict)
    full_text: str = ""  # the whole text as read ("" when it is the body, as in records built in code)
    title_in_text: bool = False  # no title was given: the text's first line may be one
    boilerplate: Spans = ()  # spans of ``full_text`` that are the page around the article
    cuts: tuple[tuple[int, str], ...] = ()  # what ``full_text`` has that ``body`` lacks: (start, text)
    # field ("source", "date", "parties", "mentions", "people", "places") -> value -> spans
    evidence: dict[str, dict[str, tuple[Evidence, ...]]] = field(default_factory=dict)
    # other dates the sources gave when they disagree: {"date", "precision", "from"}
    date_alternatives: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Skip:
    """A file (or a record in one) that was not indexed, and the one-line reason why."""

    path: str
    reason: str


@dataclass
class FileResult:
    """Everything ingest learned from one file."""

    state: FileState
    articles: list[Article] = field(default_factory=list)  # the records parsed
    skips: list[Skip] = field(default_factory=list)
    # every record's digest by document id, parsed or (already indexed, unchanged) not
    digests: dict[str, str] = field(default_factory=dict)

