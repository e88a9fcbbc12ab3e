"""Opening the Whoosh index on disk, and how documents' columns are encoded."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from indexer.engine.schema import GROUP_SEP, SCHEMA_VERSION, VALUE_SEP
from indexer.index_state import load_state
from indexer.search import UNKNOWN, IndexDamaged, IndexMissing, SchemaMismatch, date_label

if TYPE_CHECKING:  # a search never builds a row: it need not load the article module
    from whoosh.searching import Searcher

    from indexer.article import Article

INDEX_NAME = "MAIN"


def exists(index_dir: Path) -> bool:
    """Whether an index was created here (judged by its tables of contents, without reading
    them, so a damaged one still counts as existing)."""
    return index_dir.is_dir() and any(index_dir.glob(f"_{INDEX_NAME}_*.toc"))


def open_existing(index_dir: Path, one_off: bool = False) -> whoosh_index.Index:
    """Open the index, refusing a missing one or one written by another schema version.

    ``one_off`` reads the segment files as a search needs them instead of mapping them:
    Whoosh copies each mapped segment's terms and postings into memory whole at open, 45 ms
    of a cold `parley search` on 20k articles, which only pays back over many searches."""
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
    try:
        return FileStorage(str(index_dir), supports_mmap=not one_off).open_index(INDEX_NAME)
    except Exception as exc:  # Whoosh raises anything from struct errors to TypeErrors here
        raise _damaged(index_dir, exc) from None


def open_searcher(ix: whoosh_index.Index) -> Searcher:
    """A searcher over the index's segments. Opening the index reads only its table of
    contents; each segment file is first read here, so a segment cut short (a power loss,
    a bad copy) surfaces here, as ``IndexDamaged``, rather than as a traceback."""
    try:
        return ix.searcher()
    except Exception as exc:  # EOFError, UnpicklingError, struct.error, ... from a bad segment
        raise _damaged(Path(ix.storage.folder), exc) from None


def _damaged(index_dir: Path, exc: Exception) -> IndexDamaged:
    return IndexDamaged(
        f"the index at {index_dir} cannot be read ({type(exc).__name__}): "
        "run `parley reindex --full` to rebuild it"
    )


class FacetRow(NamedTuple):
    """One document's facet values, UNKNOWN where an outlet or date is missing."""

    source: str
    year: str
    month: str
    parties: tuple[str, ...]
    people: tuple[str, ...]
    places: tuple[str, ...]


def facet_row(article: Article) -> bytes:
    """The facet values of a document; its period is "YYYY-MM", or "YYYY" for a date known
    only to the year (counted in its year, and as an unknown month)."""
    month = (date_label(article.date, article.date_precision) or "")[:7]
    groups = [article.source or "", month, *(VALUE_SEP.join(v) for v in (article.parties, article.people, article.places))]
    return GROUP_SEP.join(groups).encode("utf-8")


def read_facet_row(raw: bytes) -> FacetRow:
    if not raw:
        return FacetRow(UNKNOWN, UNKNOWN, UNKNOWN, (), (), ())
    source, month, *lists = raw.decode("utf-8").split(GROUP_SEP)
    parties, people, places = (tuple(v for v in group.split(VALUE_SEP) if v) for group in lists)
    return FacetRow(source or UNKNOWN, month[:4] or UNKNOWN, month if len(month) == 7 else UNKNOWN, parties, people, places)
