"""Incremental indexing: bring the index in line with the files under its roots.

A file is re-read only when its size or mtime changed, and re-indexed only when its content
hash changed too; files that vanished lose their documents. Work is committed file by file
in batches, so an interruption keeps every batch committed before it, and the next run
finishes the rest.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from datetime import datetime, timezone
from pathlib import Path

from indexer.article import FileResult, Skip
from indexer.catalog import CatalogCache
from indexer.engine import IndexedFile, WhooshWriter, open_writer
from indexer.index_state import load_state, save_state
from indexer.ingest import IngestOptions, discover, read_file, stat_state
from indexer.parallel import CHUNK_MIN_BYTES, DocumentWriter, available_cores, chunk_bytes
from indexer.search import IndexMissing

BATCH_DOCS = 2000  # documents per commit: bounds what an interruption can lose


@dataclass
class Summary:
    """What a run did, counted in documents (a JSONL file holds many)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    files_read: int = 0
    interrupted: bool = False

    def line(self) -> str:
        text = (
            f"added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged}, skipped {len(self.skipped)}"
        )
        return text + (" (interrupted: the counts are what was committed)" if self.interrupted else "")

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "files_read": self.files_read,
            "interrupted": self.interrupted,
        }


Progress = Callable[[int, int, str], None]  # (files done, files total, current path)


def update_index(
    index_dir: Path,
    paths: Iterable[Path] = (),
    *,
    full: bool = False,
    options: IngestOptions = IngestOptions(),
    progress: Progress | None = None,
    workers: int | None = None,
) -> Summary:
    """Index ``paths`` (remembered as roots), or rescan every remembered root when none given.

    ``full`` re-reads and re-indexes every file (and rebuilds an index of an older schema).
    ``workers`` processes write the documents (default: one per core); runs with little to
    write stay in this process whatever it is.
    Raises IndexBusy when another process holds the write lock, and IndexMissing when there
    is nothing to rescan (no paths given and none remembered).
    """
    paths = list(paths)
    if not paths and not load_state(index_dir).roots:
        raise IndexMissing(f"nothing to reindex at {index_dir}: add articles with `parley index PATH` first")
    writer = open_writer(index_dir, rebuild=full)
    try:
        return _update(writer, index_dir, paths, full, options, progress, workers or available_cores())
    finally:
        writer.close()  # after an error too: the next run must not wait for garbage collection


def _update(writer: WhooshWriter, index_dir: Path, paths: Iterable[Path], full: bool,
            options: IngestOptions, progress: Progress | None, workers: int) -> Summary:
    """The run itself, under ``writer``'s run lock (so the state file is ours to rewrite)."""
    state = load_state(index_dir)
    new_roots = [os.path.abspath(p) for p in paths]
    state.roots = sorted({*state.roots, *new_roots})
    save_state(index_dir, state)  # remembered first: an interrupted run is finished by `reindex`
    scan = [Path(r) for r in (new_roots or state.roots)]
    last = state.last_reindex_at
    run = _Run(writer, scan, full, options, progress, workers, last.timestamp() if last else None)
    started = datetime.now(timezone.utc).replace(microsecond=0)  # catalogues edited from now on are new
    try:
        run.execute()
    except KeyboardInterrupt:
        run.committed.interrupted = True
        return run.committed
    state.last_reindex = started.isoformat()
    save_state(index_dir, state)
    return run.summary


class _Run:
    """One pass over the roots; ``committed`` trails ``summary`` by the uncommitted batch."""

    def __init__(self, writer: WhooshWriter, roots: list[Path], full: bool, options: IngestOptions,
                 progress: Progress | None, workers: int, since: float | None):
        self.writer, self.roots, self.full, self.options, self.workers = writer, roots, full, options, workers
        self.since = since  # when the last finished run began (its catalogues are indexed)
        self.progress = progress or (lambda done, total, path: None)
        self.summary = Summary()
        self.committed = Summary()
        self.pending = 0
        self.catalogs = CatalogCache()
        self.documents: DocumentWriter[Summary] | None = None
        self._unchanged_stat: set[str] = set()  # files whose size and mtime are as indexed, stat once per run

    def execute(self) -> None:
        known = self.writer.indexed_files()
        found = list(discover(self.roots))
        # absolute, not resolved: a symlinked article keeps its own path (and id)
        files = [f if f.is_absolute() else Path(os.path.abspath(f)) for f in found if isinstance(f, Path)]
        self.summary.skipped.extend(s for s in found if isinstance(s, Skip))
        self.writer.begin()
        self._unchanged_stat = {str(path) for path in files if self._same_stat(path, known.get(str(path)))}
        with self._document_writer(files) as self.documents:
            for done, path in enumerate(files):
                self.progress(done, len(files), str(path))
                self._sync_file(path, known.get(str(path)))
            self.documents.finish()
        self._remove_vanished(known, {str(p) for p in files})
        self.summary.skipped.extend(Skip("catalog", e) for e in self.catalogs.errors)
        self._commit()
        self.progress(len(files), len(files), "")

    def _document_writer(self, files: list[Path]) -> DocumentWriter[Summary]:
        """Workers for a run with much to read; chunks sized so each worker gets one."""
        to_read = sum(_size(path) for path in files if self.full or str(path) not in self._unchanged_stat)
        workers = self.workers if to_read >= CHUNK_MIN_BYTES else 1
        return DocumentWriter(self.writer, workers, chunk_bytes(to_read, workers), self._snapshot, self._commit_and_go_on)

    def _sync_file(self, path: Path, indexed: IndexedFile | None) -> None:
        # a file with an edited catalogue is read again and compared record by record
        trusted = not self.full and not self.catalogs.edited_since(path, self.since)
        if trusted and str(path) in self._unchanged_stat:
            self.summary.unchanged += len(indexed.ids)
            return
        known = {} if self.full or indexed is None else {digest: doc_id for doc_id, digest in indexed.ids.items()}
        result = read_file(path, self.catalogs, self.options, known)
        self.summary.files_read += 1
        self.summary.skipped.extend(result.skips)
        if indexed and not result.state.sha1:
            self.summary.unchanged += len(indexed.ids)  # unreadable for now: keep what we had
            return
        if indexed and trusted and result.state.sha1 == indexed.state.sha1:
            self.summary.unchanged += len(indexed.ids)
            return
        self._replace(path, indexed, result)

    def _same_stat(self, path: Path, indexed: IndexedFile | None) -> bool:
        if indexed is None:
            return False
        try:
            return stat_state(path) == (indexed.state.size, indexed.state.mtime_ns)
        except OSError:
            return False

    def _replace(self, path: Path, indexed: IndexedFile | None, result: FileResult) -> None:
        """Bring one changed file's documents up to date, record by record: in a 20,000-record
        JSONL file with one edited record, only that record is analysed and rewritten."""
        old = indexed.ids if indexed else {}
        new = result.digests
        articles = {article.id: article for article in result.articles}  # the last of a repeated id
        removals = [partial(self.writer.delete_file, str(path))] if self.full and indexed else []
        removals += [partial(self.writer.delete_document, doc_id) for doc_id in old.keys() - new.keys()]
        documents = []
        for doc_id, digest in new.items():
            if not self.full and old.get(doc_id) == digest:
                self.summary.unchanged += 1
                continue
            if doc_id not in old:
                self.summary.added += 1
            else:
                self.summary.updated += 1
                if not self.full:
                    removals.append(partial(self.writer.delete_document, doc_id))
            documents.append((articles[doc_id], result.state, digest))
        self.summary.removed += len(old.keys() - new.keys())
        self.documents.replace(removals, documents)
        self._count(len(documents) + len(old.keys() - new.keys()))

    def _remove_vanished(self, known: dict[str, IndexedFile], present: set[str]) -> None:
        for path, indexed in known.items():
            if path not in present and self._under_roots(path) and not os.path.lexists(path):
                self.writer.delete_file(path)
                self.summary.removed += len(indexed.ids)
                self._count(len(indexed.ids))

    def _under_roots(self, path: str) -> bool:
        return any(Path(path).is_relative_to(root) for root in self.roots)

    def _count(self, docs: int) -> None:
        """Commit in-process work every BATCH_DOCS documents (workers' chunks commit as they land)."""
        self.pending += docs
        if self.pending >= BATCH_DOCS and self.documents.in_process:
            self._commit_and_go_on(self._snapshot())

    def _snapshot(self) -> Summary:
        return Summary(**{**self.summary.__dict__, "skipped": list(self.summary.skipped)})

    def _commit_and_go_on(self, done: Summary) -> None:
        """Commit, counting ``done`` as committed, and open the next batch."""
        self._commit(done)
        self.writer.begin()

    def _commit(self, done: Summary | None = None) -> None:
        with _interrupts_deferred():
            self.writer.commit()
            self.pending = 0
            self.committed = done or self._snapshot()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block is done, then deliver it.

    A commit cut short by KeyboardInterrupt leaves Whoosh's writer half closed (and the
    lock held until it is collected), and ``committed`` would not know whether the batch
    landed. Signal handlers can only be set from the main thread; elsewhere (the TUI's
    workers) there is no Ctrl-C to defer.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)  # the default handler raises KeyboardInterrupt
