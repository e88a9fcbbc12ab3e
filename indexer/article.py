"""The records that flow through the pipeline.

They are plain dataclasses so every step (ingest, enrich, index) and every consumer can be
tested without the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FileState:
    """What incremental reindex compares to decide whether a file changed."""

    path: str
    size: int
    mtime_ns: int
    sha1: str


@dataclass
class Article:
    """One document: a file, or one record inside a JSON/JSONL file."""

    id: str
    path: str
    title: str
    body: str
    source: str | None = None
    date_text: str | None = None  # as written; enrich parses it into ``date``
    date: datetime | None = None
    url: str | None = None
    parties: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)
    # Where each metadata value came from: explicit ("catalog", "front matter", "json",
    # "html"), or inferred ("url", "dateline", "byline", "sign-off", "text", "person").
    provenance: dict[str, str] = field(default_factory=dict)


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

