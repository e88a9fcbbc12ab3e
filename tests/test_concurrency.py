"""Concurrency with real processes: writers exclude each other without harm, and readers
answer from a consistent committed snapshot while another process writes."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.index_state import load_state
from indexer.search import SearchRequest, open_index

from tests.faultkit import BUSY, Corpus, inconsistencies, parley, snapshot, start, wait_for_writer

EVERYTHING = SearchRequest(query="", limit=None, highlight=False, facets=False)


def _finish(proc) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def _refused_or_done(code: int, err: str) -> None:
    assert code in (0, 2), err
    if code == 2:
        assert BUSY in err and err.count("\n") == 1, err


def test_two_reindexes_at_once_never_corrupt_or_duplicate(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "articles", 11).build(texts=120, feeds=4, records=10)
    index_dir = tmp_path / "index"
    assert parley("index", str(corpus.root), "--index", str(index_dir)).returncode == 0
    refused = 0
    for _ in range(3):
        corpus.mutate()
        runs = [start("reindex", "--full", "--index", str(index_dir)), start("reindex", "--index", str(index_dir))]
        for code, _out, err in map(_finish, runs):
            _refused_or_done(code, err)
            refused += code == 2
        assert not inconsistencies(index_dir, corpus)
    final = parley("reindex", "--index", str(index_dir))
    assert final.returncode == 0, final.stderr
    held, total, ids = snapshot(index_dir)
    assert held == corpus.current and total == corpus.expected_total() == len(set(ids))
    assert refused >= 1, "the runs never overlapped, so exclusion was not tested"


def test_two_first_indexes_at_once_leave_one_whole_index(tmp_path: Path) -> None:
    """Both start on a folder with no index yet: one builds it, the other is refused before
    it creates, writes or remembers anything (no index created over the other's)."""
    a = Corpus(tmp_path / "a", 21).build(texts=60, feeds=0, records=0)
    b = Corpus(tmp_path / "b", 22).build(texts=60, feeds=0, records=0)
    index_dir = tmp_path / "index"
    runs = [start("index", str(c.root), "--index", str(index_dir)) for c in (a, b)]
    results = [_finish(p) for p in runs]
    done = []
    for c, (code, _out, err) in zip((a, b), results):
        _refused_or_done(code, err)
        if code == 0:
            done.append(c)
    held = snapshot(index_dir)[0]
    assert held == {p: d for c in done for p, d in c.current.items()}
    assert load_state(index_dir).roots == sorted(str(c.root) for c in done)


def test_readers_see_a_consistent_snapshot_while_another_process_writes(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "articles", 31).build(texts=150, feeds=4, records=10)
    index_dir = tmp_path / "index"
    assert parley("index", str(corpus.root), "--index", str(index_dir)).returncode == 0
    reader = open_index(index_dir)
    try:
        old = {h.id for h in reader.search(EVERYTHING).hits}
        for n in range(40):
            corpus.write_txt(f"added{n:02}.txt")
        writer = start("reindex", "--index", str(index_dir))
        assert wait_for_writer(index_dir, writer)
        seen = []
        while writer.poll() is None:
            seen.append(frozenset(h.id for h in reader.search(EVERYTHING).hits))
        cli = parley("search", "", "--limit", "0", "--format", "jsonl", "--index", str(index_dir))
        code, _out, err = _finish(writer)
        assert code == 0, err
        new = frozenset(corpus_ids(corpus))
        assert seen and all(ids in (old, new) for ids in seen), "a search saw a half-written state"
        assert {json.loads(line)["id"] for line in cli.stdout.splitlines()} in (old, new)
        after = {h.id for h in reader.search(EVERYTHING).hits}
        assert after == new, "the open reader picks up the commit without being reopened"
        assert reader.document(f"{corpus.root}/added00.txt") is not None
    finally:
        reader.close()


def corpus_ids(corpus: Corpus) -> set[str]:
    return {doc_id for docs in corpus.current.values() for doc_id, _title in docs}
