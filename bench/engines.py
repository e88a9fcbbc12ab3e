"""The engines a run compares, behind one small interface.

``build`` runs inside ``bench.worker`` (a child process, so its time and memory are its
own); ``open`` gives a searcher used in the harness process. A searcher answers a query
in one of three modes and returns the total hit count (printed beside the latencies as a
sanity check that the engines found comparable things):

* ``a``: top-10 hits only (no highlighting, no facets)
* ``b``: top-10 hits and facet counts
* ``c``: top-10 hits, facet counts and highlighted snippets
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from bench import peers
from bench.queries import BenchQuery

MODES = ("a", "b", "c")
MODE_NAMES = {"a": "top-10", "b": "top-10 + facets", "c": "top-10 + facets + snippets"}


class Searcher(Protocol):
    def search(self, q: BenchQuery, mode: str) -> int: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Engine:
    name: str
    build: Callable[[Path, list[Path], int], dict]
    open: Callable[[Path], Searcher] | None = None  # None: only its build is timed
    syntax: str = "parley"  # the BenchQuery field holding this engine's query text

    def supports(self, q: BenchQuery) -> bool:
        return getattr(q, self.syntax) is not None


def build_parley(index_dir: Path, paths: list[Path], max_bytes: int) -> dict:
    """A fresh index through the same call `parley index` makes."""
    from indexer.ingest import IngestOptions
    from indexer.reindex import update_index

    started = time.perf_counter()
    summary = update_index(index_dir, paths, options=IngestOptions(max_bytes=max_bytes))
    return {"seconds": round(time.perf_counter() - started, 3), "docs": summary.added, "summary": summary.line()}


class ParleySearcher:
    """parley's public search API, exactly as the CLI and the TUI call it."""

    def __init__(self, index_dir: Path) -> None:
        from indexer.search import open_index

        self._index = open_index(index_dir)

    def search(self, q: BenchQuery, mode: str) -> int:
        from indexer.search import SearchRequest

        request = SearchRequest(query=q.parley, since=q.since, until=q.until, sort=q.sort, limit=peers.TOP,
                                highlight=mode == "c", facets=mode != "a")
        return self._index.search(request).total

    def close(self) -> None:
        self._index.close()


PARLEY = Engine("parley", build_parley, ParleySearcher)
ENGINES: dict[str, Engine] = {
    e.name: e
    for e in (
        PARLEY,
        Engine("whoosh", peers.build_whoosh, peers.WhooshSearcher, "whoosh"),
        # Stock Whoosh's two-process writer: not a floor parley must beat, but the evidence
        # for what `procs=2, multisegment=True` would give parley's own writer.
        Engine("whoosh-2proc", partial(peers.build_whoosh, procs=2)),
        Engine("fts5", peers.build_fts5, peers.Fts5Searcher, "fts5"),
    )
}
PEERS = tuple(name for name in ENGINES if name != PARLEY.name)
