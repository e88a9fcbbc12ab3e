"""The write side: add and delete documents by file, in committed batches.

Whoosh commits are atomic (a new table of contents is written last), so a crash or Ctrl-C
between commits leaves the last committed index, which always opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError

from indexer.article import Article, FileState
from indexer.engine.schema import SCHEMA_VERSION, VALUE_SEP, build_schema
from indexer.engine.store import INDEX_NAME, exists, facet_row, open_existing
from indexer.index_state import load_state, save_state
from indexer.search import IndexBusy, SchemaMismatch

_WRITER_MB = 256


@dataclass
class IndexedFile:
    """What the index holds for one source file."""

    state: FileState
    ids: set[str] = field(default_factory=set)


class WhooshWriter:
    """Holds the index's write lock from ``begin`` to ``commit``/``cancel``."""

    def __init__(self, ix: whoosh_index.Index) -> None:
        self._ix = ix
        self._writer = None

    def indexed_files(self) -> dict[str, IndexedFile]:
        """Every file the index holds documents of, read from the per-document column."""
        files: dict[str, IndexedFile] = {}
        if self._ix.is_empty():
            return files
        with self._ix.searcher() as searcher:
            reader = searcher.reader()
            column = reader.column_reader("file")
            for docnum in reader.all_doc_ids():
                path, size, mtime_ns, sha1, doc_id = column[docnum].decode("utf-8").split(VALUE_SEP)
                entry = files.setdefault(path, IndexedFile(FileState(path, int(size), int(mtime_ns), sha1)))
                entry.ids.add(doc_id)
        return files

    def document_count(self) -> int:
        return self._ix.doc_count()

    def begin(self) -> None:
        try:
            self._writer = self._ix.writer(limitmb=_WRITER_MB)
        except LockError:
            raise IndexBusy("another parley process is writing this index; try again when it finishes") from None

    def add(self, article: Article, state: FileState) -> None:
        meta = {"extra": article.extra, "provenance": article.provenance, "date_text": article.date_text}
        self._writer.add_document(
            id=article.id,
            path=article.path,
            title=article.title,
            body=article.body,
            words=f"{article.title}\n{article.body}",
            source=article.source or "",
            parties=VALUE_SEP.join(article.parties),
            people=VALUE_SEP.join(article.people),
            places=VALUE_SEP.join(article.places),
            date=article.date,
            url=article.url,
            meta=meta,
            facets=facet_row(article),
            file=VALUE_SEP.join([state.path, str(state.size), str(state.mtime_ns), state.sha1, article.id]).encode(),
        )

    def delete_file(self, path: str) -> None:
        self._writer.delete_by_term("path", path)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer = None

    def cancel(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None


def open_writer(index_dir: Path, *, rebuild: bool = False) -> WhooshWriter:
    """Open (or create) the index for writing.

    An index of another schema version can only be rebuilt: ``rebuild=True`` replaces it
    with an empty one (Whoosh's create clears the old tables of contents; its orphaned
    segments go at the next commit); otherwise SchemaMismatch is raised and nothing changes.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    state = load_state(index_dir)
    if exists(index_dir) and not (rebuild and state.schema_version != SCHEMA_VERSION):
        return WhooshWriter(open_existing(index_dir))
    if exists(index_dir) and not rebuild:
        raise SchemaMismatch(f"the index at {index_dir} is of another schema version: run `parley reindex --full`")
    ix = whoosh_index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)
    state.schema_version = SCHEMA_VERSION
    save_state(index_dir, state)
    return WhooshWriter(ix)

