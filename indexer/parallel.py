"""Index on every core: worker processes enrich, analyse and write whole segments.

Reading files and comparing them with the index is about 2% of a full index; enrich, NLTK
analysis and Whoosh's postings are the rest, and they run in workers. Each worker writes its
chunk of documents as a segment of its own, which the run adopts into the index and commits,
oldest chunk first, so an interruption keeps every chunk committed before it.

Workers are spawned, not forked: a forked child would inherit the run lock's descriptor and
keep the index locked after its parent was killed, and forking a threaded process (the TUI
reindexes from a thread) can deadlock.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
from collections import deque
from collections.abc import Callable
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from types import TracebackType
from typing import Generic, TypeVar

from indexer.article import Article, FileState
from indexer.engine import WhooshWriter
from indexer.engine.writer import BuiltSegment, build_segment
from indexer.enrich import enrich
from indexer.gazetteer import default_names
from indexer.outlets import default_outlets

CHUNK_MIN_BYTES = 1 << 20  # below this a worker's start-up costs more than it saves
CHUNK_MAX_BYTES = 16 << 20  # bounds memory: at most workers + 1 chunks are in flight

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
Document = tuple[Article, FileState, str]  # the article as read, its file's state, its digest
T = TypeVar("T")


def available_cores() -> int:
    return len(os.sched_getaffinity(0))


def chunk_bytes(total_bytes: int, workers: int) -> int:
    """Chunk size for a run reading ``total_bytes``: one chunk per worker, as each segment
    costs a term dictionary of its own (most words recur in every chunk); the bounds keep
    small runs in-process and big ones within memory."""
    return min(max(total_bytes // workers, CHUNK_MIN_BYTES), CHUNK_MAX_BYTES)


Removal = Callable[[], None]  # deletes a file's old documents from the index


class DocumentWriter(Generic[T]):
    """Writes a run's changes file by file: in this process when ``workers`` is 1, else in
    chunks that worker processes index.

    With workers, each chunk's segment is adopted in order and, when the chunk ends at a file
    boundary, committed: ``commit(tag)`` gets what ``snapshot()`` returned when the chunk was
    sent (the run's count of what is now committed). A file's removals wait for its new
    documents, so every commit holds whole files, as in-process batches do. A run that ends
    with less than ``CHUNK_MIN_BYTES`` of text buffered and no worker started writes it
    in-process: small reindexes never pay for starting workers.
    """

    def __init__(self, writer: WhooshWriter, workers: int, chunk: int,
                 snapshot: Callable[[], T], commit: Callable[[T], None]) -> None:
        self._writer, self._workers, self._chunk = writer, workers, chunk
        self._snapshot, self._commit = snapshot, commit
        self._scratch = writer.scratch
        self._pool: Pool | None = None
        self._pending: deque[tuple[AsyncResult[BuiltSegment], list[Removal], T | None]] = deque()
        self._buffer: list[Document] = []
        self._removals: list[Removal] = []
        self._buffered_bytes = 0
        self._chunks = 0

    @property
    def in_process(self) -> bool:
        return self._workers == 1

    def __enter__(self) -> DocumentWriter[T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            # after an error (or Ctrl-C) the chunks in flight are not wanted
            self._pool.terminate() if kind else self._pool.close()
            self._pool.join()
        shutil.rmtree(self._scratch, ignore_errors=True)

    def replace(self, removals: list[Removal], documents: list[Document]) -> None:
        """One file's change: delete its old documents (``removals``), add ``documents``."""
        if self.in_process:
            self._write_here(removals, documents)
            return
        self._removals += removals
        self._buffer += documents
        size = sum(len(article.body) for article, _, _ in documents)
        self._buffered_bytes += size
        if self._buffered_bytes >= self._chunk:
            self._dispatch(spread=size >= self._chunk)

    def finish(self) -> None:
        """Write what is buffered and wait for every chunk to be adopted (and committed)."""
        if self._buffer and (self._pool is not None or self._buffered_bytes >= CHUNK_MIN_BYTES):
            self._dispatch(spread=True)
        while self._pending:
            self._adopt_oldest()
        self._write_here(self._removals, self._buffer)
        self._buffer, self._removals = [], []

    def _write_here(self, removals: list[Removal], documents: list[Document]) -> None:
        for remove in removals:
            remove()
        names, outlets = default_names(), default_outlets()
        for article, state, digest in documents:
            self._writer.add(enrich(article, names, outlets), state, digest)

    def _dispatch(self, spread: bool) -> None:
        """Send the buffer (which ends at a file boundary) as chunks of about the chunk size,
        or, to ``spread`` it over every worker (the run's last chunk, or one file as big as a
        chunk, such as a whole corpus in one JSONL), in at least one part per worker (each
        part still at least ``CHUNK_MIN_BYTES``). A file cut into parts is committed with its
        last part."""
        count = round(self._buffered_bytes / self._chunk)
        if spread:
            count = max(count, min(self._workers, self._buffered_bytes // CHUNK_MIN_BYTES))
        parts = _even_parts(self._buffer, count)
        removals, tag = self._removals, self._snapshot()
        self._buffer, self._removals, self._buffered_bytes = [], [], 0
        for number, part in enumerate(parts, 1):
            self._send(part, removals if number == 1 else [], tag if number == len(parts) else None)

    def _send(self, documents: list[Document], removals: list[Removal], tag: T | None) -> None:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self._workers, initializer=_start_worker, initargs=(os.getpid(),))
        self._chunks += 1
        # named by run too: a killed run's orphaned worker may still be writing its chunk
        scratch = self._scratch / f"{os.getpid()}-{self._chunks}"
        result = self._pool.apply_async(_write_chunk, (scratch, documents))
        self._pending.append((result, removals, tag))
        while len(self._pending) > self._workers or (self._pending and self._pending[0][0].ready()):
            self._adopt_oldest()

    def _adopt_oldest(self) -> None:
        result, removals, tag = self._pending.popleft()
        built = result.get()  # re-raises a worker's error here
        for remove in removals:
            remove()
        self._writer.adopt(built)
        if tag is not None:
            self._commit(tag)


def _even_parts(documents: list[Document], count: int) -> list[list[Document]]:
    """``documents`` cut into ``count`` (at least one) runs of about equal text length."""
    count = max(1, min(count, len(documents)))
    total = sum(len(article.body) for article, _, _ in documents)
    parts: list[list[Document]] = [[]]
    done = 0
    for document in documents:
        if done >= total * len(parts) / count and len(parts) < count:
            parts.append([])
        parts[-1].append(document)
        done += len(document[0].body)
    return parts


def _start_worker(parent: int) -> None:
    """Ctrl-C reaches the whole process group, but the run decides what to keep, so workers
    ignore it. They die with the run: an orphan would burn a core finishing a chunk no one
    will adopt (Linux's parent-death signal; elsewhere the orphan ends at its next chunk)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):
        pass
    if os.getppid() != parent:  # the run died before the signal was armed
        os._exit(1)


def _write_chunk(scratch: Path, documents: list[Document]) -> BuiltSegment:
    """In a worker: enrich the chunk's articles and write them as a segment in ``scratch``."""
    names, outlets = default_names(), default_outlets()
    return build_segment(scratch, ((enrich(a, names, outlets), state, digest) for a, state, digest in documents))
