"""Opening the Whoosh index on disk, and how documents' columns are encoded."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.engine.schema import SCHEMA_VERSION, VALUE_SEP
from indexer.index_state import load_state
from indexer.search import IndexMissing, SchemaMismatch, UNKNOWN

INDEX_NAME = "MAIN"


def exists(index_dir: Path) -> bool:
    return index_dir.is_dir() and whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME)


def open_existing(index_dir: Path) -> whoosh_index.Index:
    """Open the index, refusing a missing one or one written by another schema version."""
    if not exists(index_dir):
        raise IndexMissing(
            f"no index at {index_dir}: build one with `parley index PATH` (e.g. `parley index seeds`)"
        )
    version = load_state(index_dir).schema_version
    if version != SCHEMA_VERSION:
        raise SchemaMismatch(
            f"the index at {index_dir} was written by schema version {version}, this parley uses "
            f"{SCHEMA_VERSION}: run `parley reindex --full`"
        )
    return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)


def facet_row(source: str | None, date: datetime | None, parties: list[str]) -> bytes:
    month = date.strftime("%Y-%m") if date else ""
    return VALUE_SEP.join([source or "", month, *parties]).encode("utf-8")


def read_facet_row(raw: bytes) -> tuple[str, str, str, tuple[str, ...]]:
    """(source, year, month, parties) with UNKNOWN for what is missing."""
    if not raw:
        return UNKNOWN, UNKNOWN, UNKNOWN, ()
    source, month, *parties = raw.decode("utf-8").split(VALUE_SEP)
    return source or UNKNOWN, month[:4] or UNKNOWN, month or UNKNOWN, tuple(parties)
