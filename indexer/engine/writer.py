"""The write side: add and delete documents by file, in committed batches.

Whoosh commits are atomic (a new table of contents is written last), so a crash or Ctrl-C
between commits leaves the last committed index, which always opens.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from whoosh import index as whoosh_index
from whoosh.codec.base import Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, LockError
from whoosh.util.filelock import FileLock
from whoosh.writing import MERGE_SMALL

from indexer.article import Article, FileState
from indexer.engine import terms
from indexer.engine.schema import SCHEMA_VERSION, VALUE_SEP, build_schema
from indexer.engine.store import INDEX_NAME, exists, facet_row, open_existing, open_searcher
from indexer.index_state import load_state, save_state
from indexer.search import IndexBusy, IndexDamaged, SchemaMismatch, date_label

_WRITER_MB = 256
_BUILDER_MB = 64  # per worker process: two of them and the run's own process stay under 600 MB
RUN_LOCK_NAME = "parley.lock"
SCRATCH_NAME = ".parley-build"  # worker segments before adoption; a dot name Whoosh leaves alone
BUSY = "another parley process is writing this index; try again when it finishes"


@dataclass
class IndexedFile:
    """What the index holds for one source file: the newest file state its documents were
    written from, and each document's record digest by id."""

    state: FileState
    ids: dict[str, str] = field(default_factory=dict)


class WhooshWriter:
    """Holds the index's write lock from ``begin`` to ``commit``/``cancel``, and parley's
    run lock from ``open_writer`` to ``close``."""

    def __init__(self, ix: whoosh_index.Index, run_lock: FileLock | None = None) -> None:
        self._ix = ix
        self._writer = None
        self._run_lock = run_lock
        self._adopted: list[Segment] = []

    @property
    def scratch(self) -> Path:
        """Where ``build_segment`` may write: inside the index folder, so adopting is a rename."""
        return Path(self._ix.storage.folder) / SCRATCH_NAME

    def indexed_files(self) -> dict[str, IndexedFile]:
        """Every file the index holds documents of, read from the per-document column."""
        files: dict[str, IndexedFile] = {}
        if self._ix.is_empty():
            return files
        states: dict[str, FileState] = {}  # the documents of one file share its state's text
        with open_searcher(self._ix) as searcher:
            for head, doc_id, digest in _file_column(searcher.reader()):
                state = states.get(head)
                if state is None:
                    state = states[head] = _file_state(head)
                entry = files.setdefault(state.path, IndexedFile(state))
                if state.mtime_ns > entry.state.mtime_ns:
                    # records left alone by a partial update keep the older state
                    entry.state = state
                entry.ids[doc_id] = digest
        return files

    def begin(self) -> None:
        try:
            self._writer = self._ix.writer(limitmb=_WRITER_MB)
        except LockError:
            raise IndexBusy(BUSY) from None

    def add(self, article: Article, state: FileState, digest: str) -> None:
        self._writer.add_document(**_fields(article, state, digest))

    def adopt(self, built: BuiltSegment) -> None:
        """Take in the segment ``build_segment`` wrote; it shows at the next commit.

        Its files move into the index (a rename each: ``scratch`` is inside the index
        folder), so adopting costs nothing however many documents the worker wrote. They
        move before the commit that names them: a crash in between leaves unnamed files,
        which Whoosh deletes at the next commit.
        """
        scratch = built.scratch
        terms.learn(built.terms)
        storage = FileStorage(str(scratch))
        for segment in TOC.read(storage, INDEX_NAME).segments:
            for name in segment.list_files(storage):
                os.replace(scratch / name, Path(self._ix.storage.folder) / name)
            self._adopted.append(segment)
        shutil.rmtree(scratch)

    def delete_document(self, doc_id: str) -> None:
        self._writer.delete_by_term("id", doc_id)

    def delete_file(self, path: str) -> None:
        self._writer.delete_by_term("path", path)

    def commit(self) -> None:
        """Commit the batch, then save the terms of the words it brought (after the commit:
        the table may know words the index lacks, never the other way round for long)."""
        if self._writer is not None:
            self._writer.commit(mergetype=self._keep_adopted)
            self._writer = None
            self._adopted = []
            terms.save(Path(self._ix.storage.folder))

    def _keep_adopted(self, writer: object, segments: list[Segment]) -> list[Segment]:
        """Whoosh's default merge policy (small segments only) plus the adopted segments."""
        return MERGE_SMALL(writer, segments) + self._adopted

    def cancel(self) -> None:
        """Drop the uncommitted batch and release the lock; safe to call at any time.

        Called while another error propagates (a full disk, Ctrl-C): Whoosh releases the
        lock even when closing the batch fails, and that second failure must not hide the first.
        """
        writer, self._writer = self._writer, None
        self._adopted = []
        if writer is not None:
            try:
                writer.cancel()
            except Exception:
                pass

    def close(self) -> None:
        """Cancel what is uncommitted and let the next run in."""
        self.cancel()
        if self._run_lock is not None:
            self._run_lock.release()
            self._run_lock = None


def _fields(article: Article, state: FileState, digest: str) -> dict[str, object]:
    """One article as Whoosh fields; ``file`` is what reindex compares against next time."""
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.body,
        "words": article.body,  # the body's spans are cached: no second tokenization
        "source": article.source or "",
        "parties": VALUE_SEP.join(article.parties),
        "people": VALUE_SEP.join(article.people),
        "places": VALUE_SEP.join(article.places),
        "mentions": VALUE_SEP.join(article.mentions),
        "date": article.date,
        "day": day_term(article),
        "url": article.url,
        "meta": _meta(article),
        "facets": facet_row(article),
        "file": VALUE_SEP.join([state.path, str(state.size), str(state.mtime_ns), state.sha1, article.id, digest]).encode(),
    }


def day_term(article: Article) -> str | None:
    """The ``day`` term: "YYYY-MM-DD", with 00 for the parts a date is not known to."""
    if article.date is None:
        return None
    label = date_label(article.date, article.date_precision) or ""
    return label + "-00-00"[: 10 - len(label)]


def _meta(article: Article) -> dict[str, object]:
    """What a document view needs beyond the indexed fields: how the values were found, and
    the page around the article (its cut pieces; the body is stored once)."""
    meta: dict[str, object] = {"extra": article.extra, "provenance": article.provenance, "date_text": article.date_text}
    optional = {
        "date_precision": article.date_precision,
        "updated": article.updated,
        "updated_precision": article.updated_precision,
        "date_alternatives": article.date_alternatives,
        "boilerplate": [list(span) for span in article.boilerplate],
        "cuts": [list(cut) for cut in article.cuts],
        "evidence": {
            key: {value: [[e.where, e.start, e.end] for e in spans] for value, spans in by_value.items()}
            for key, by_value in article.evidence.items()
        },
    }
    meta.update({key: value for key, value in optional.items() if value})
    return meta


class BuiltSegment(NamedTuple):
    """What a worker hands back: the folder of the segment it wrote, and the terms of the
    words it analysed first (for the index's term table)."""

    scratch: Path
    terms: dict[str, str]


def build_segment(scratch: Path, documents: Iterable[tuple[Article, FileState, str]]) -> BuiltSegment:
    """Write ``documents`` as a one-segment index of their own in ``scratch``, for a run's
    ``WhooshWriter.adopt``: how worker processes index in parallel without the index's lock.

    A scratch index of its own (not a second writer on the real index) because Whoosh's
    commit deletes every segment file its table of contents does not name, and removes the
    writers' shared temporary folder: a worker writing beside the index would lose its files.
    """
    scratch.mkdir(parents=True)
    ix = whoosh_index.create_in(str(scratch), build_schema(), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=_BUILDER_MB)
    try:
        for article, state, digest in documents:
            writer.add_document(**_fields(article, state, digest))
    except BaseException:
        writer.cancel()
        raise
    writer.commit(merge=False)
    return BuiltSegment(scratch, terms.take_unsaved())


def _file_column(reader) -> Iterator[list[str]]:
    """Each live document's file column as [file state, document id, digest]. Read segment by
    segment, in order: several times faster than looking each document up through the
    multi-segment reader, which reindex paid on every run (0.07 of 0.18 s on 20k articles)."""
    for segment, _ in reader.leaf_readers():
        deleted = segment.deleted_docs_set if segment.has_deletions() else ()
        for docnum, raw in enumerate(segment.column_reader("file")):
            if docnum not in deleted:
                yield raw.decode("utf-8").rsplit(VALUE_SEP, 2)


def _file_state(text: str) -> FileState:
    path, size, mtime_ns, sha1 = text.split(VALUE_SEP)
    return FileState(path, int(size), int(mtime_ns), sha1)


def open_writer(index_dir: Path, *, rebuild: bool = False) -> WhooshWriter:
    """Open (or create) the index for writing; raises IndexBusy while another run holds it.

    An index of another schema version can only be rebuilt: ``rebuild=True`` replaces it
    with an empty one (Whoosh's create clears the old tables of contents; its orphaned
    segments go at the next commit); otherwise SchemaMismatch is raised and nothing changes.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    run_lock = _run_lock(index_dir)
    try:
        return _open(index_dir, rebuild, run_lock)
    except BaseException:
        run_lock.release()
        raise


def _run_lock(index_dir: Path) -> FileLock:
    """Take parley's lock for a whole run, before anything is read or written.

    Whoosh locks only from a writer's start to its commit, which leaves a second run free
    to create the index over the first's (``create_in`` takes no lock) or to save the
    remembered roots over the other's. The lock is an flock: the kernel drops it when its
    process dies, so a killed run never blocks the next one (the file itself stays, unused).
    """
    lock = FileLock(str(index_dir / RUN_LOCK_NAME))
    if not lock.acquire(blocking=False):
        raise IndexBusy(BUSY)
    return lock


def _open(index_dir: Path, rebuild: bool, run_lock: FileLock) -> WhooshWriter:
    shutil.rmtree(index_dir / SCRATCH_NAME, ignore_errors=True)  # a killed run's unadopted chunks
    if rebuild or not exists(index_dir):
        terms.forget(index_dir)  # every word is analysed afresh (after an edit of the name files)
    state = load_state(index_dir)
    if exists(index_dir):
        try:
            ix = open_existing(index_dir)
            if rebuild:
                open_searcher(ix).close()  # a damaged segment is rebuilt, not read
            return WhooshWriter(ix, run_lock)
        except (SchemaMismatch, IndexDamaged):
            if not rebuild:
                raise
    state.schema_version = SCHEMA_VERSION
    if not exists(index_dir):
        save_state(index_dir, state)  # first: a crash just after create_in must not leave an index of no known version
    ix = whoosh_index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)
    save_state(index_dir, state)
    return WhooshWriter(ix, run_lock)

