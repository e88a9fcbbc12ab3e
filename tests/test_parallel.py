"""Indexing with worker processes gives the same index as one process, commits whole files,
and survives being killed; small runs never start workers."""

from __future__ import annotations

import json
import marshal
import signal
import time
from pathlib import Path

import pytest

from indexer.engine.terms import TABLE_NAME
from indexer.engine.writer import SCRATCH_NAME
from indexer.parallel import CHUNK_MIN_BYTES
from indexer.reindex import update_index
from indexer.search import SearchRequest, open_index

from tests.faultkit import Corpus, inconsistencies, parley, snapshot, start


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Two chunks' worth of text, mostly in JSONL feeds bigger than a chunk (so a file is cut)."""
    corpus = Corpus(tmp_path_factory.mktemp("big"), 5).build(texts=150, feeds=3, records=1600)
    assert sum(p.stat().st_size for p in corpus.root.iterdir()) > 2 * CHUNK_MIN_BYTES
    return corpus


def _segments(index_dir: Path) -> int:
    return len(list(index_dir.glob("MAIN_*.seg")))


def _answers(index_dir: Path) -> list[object]:
    """What a user sees for a few searches: totals, ranked ids with scores, facet counts."""
    index = open_index(index_dir)
    try:
        results = [index.search(SearchRequest(query=q, limit=20, highlight=False))
                   for q in ("peace talks", "ceasefire OR treaty", "bank NOT market", "budg*")]
        return [(r.total, [(h.id, round(h.score, 6)) for h in r.hits], r.facets) for r in results]
    finally:
        index.close()


def test_workers_build_the_same_index_as_one_process(big: Corpus, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    serial = update_index(one, [big.root], workers=1)
    parallel = update_index(two, [big.root], workers=2)
    assert parallel.as_dict() == serial.as_dict()
    assert _segments(two) >= 2, "the work was not shared out"
    assert snapshot(two)[0] == snapshot(one)[0] == big.current
    assert _answers(two) == _answers(one)
    tables = [marshal.loads((index / TABLE_NAME).read_bytes()) for index in (one, two)]
    assert tables[0] and tables[1] == tables[0], "workers hand back the terms of the words they index"
    assert not (two / SCRATCH_NAME).exists()


def test_workers_apply_updates_and_deletions(big: Corpus, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [big.root], workers=2)
    big.write_feed("feed01.jsonl", 1500)  # a changed feed bigger than a chunk
    big.delete("a007.txt")
    summary = update_index(index_dir, workers=2, full=False)
    assert summary.removed >= 1 and summary.added + summary.updated > 0
    held, total, _ = snapshot(index_dir)
    assert held == big.current and total == big.expected_total()
    assert update_index(index_dir, workers=2, full=True).as_dict()["added"] == 0
    assert snapshot(index_dir)[1] == big.expected_total(), "a full rebuild leaves no duplicates"


def test_one_feed_holding_the_whole_run_is_shared_by_every_worker(tmp_path: Path) -> None:
    """A corpus in one JSONL (like Reuters) whose text is under the chunk size its file's
    bytes give (metadata pads each record) is still cut into one part per worker."""
    root, texts = tmp_path / "feed", Corpus(tmp_path / "words", 7)
    root.mkdir()
    rows = [{"id": f"r{n}", "title": f"Wire {n}", "topics": [texts.text(40)], "body": texts.text(60)}
            for n in range(5600)]
    (root / "wire.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    text = sum(len(row["body"]) for row in rows)
    assert 2 * CHUNK_MIN_BYTES < text < 0.75 * (root / "wire.jsonl").stat().st_size
    index_dir = tmp_path / "index"
    assert update_index(index_dir, [root], workers=2).added == len(rows)
    assert _segments(index_dir) >= 2, "one worker indexed the whole feed"


def test_small_runs_stay_in_process(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "small", 3).build(texts=20, feeds=1, records=30)
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus.root], workers=2)
    assert _segments(index_dir) <= 1 and snapshot(index_dir)[0] == corpus.current


def test_sigkill_while_workers_index_keeps_whole_files_and_reindex_finishes(big: Corpus, tmp_path: Path) -> None:
    kills = 0
    for delay in (1.0, 3.0, 5.0):  # reading, workers writing, the first chunk adopted
        index_dir = tmp_path / f"index-{delay}"
        proc = start("index", str(big.root), "--index", str(index_dir), "--workers", "2")
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.communicate()
        if (index_dir / "parley.json").exists() and any(index_dir.glob("_MAIN_*.toc")):
            assert not inconsistencies(index_dir, big)
        finished = parley("index", str(big.root), "--index", str(index_dir), "--workers", "2")
        assert finished.returncode == 0, finished.stderr
        assert snapshot(index_dir)[0] == big.current
        assert not (index_dir / SCRATCH_NAME).exists() or not any((index_dir / SCRATCH_NAME).iterdir())
    assert kills >= 2, "the runs ended before they could be killed"
