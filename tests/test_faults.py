"""Faults, for real: SIGKILL and Ctrl-C during `parley index`/`reindex` (the installed
console script in subprocesses), a full disk, a read-only index folder, an older schema.

Each time the index must still open, hold the last committed state (whole files, no
duplicates), and the next run must finish the work.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from indexer.cli import main
from indexer.engine import open_writer
from indexer.engine.schema import SCHEMA_VERSION
from indexer.index_state import load_state, save_state
from indexer.reindex import update_index
from indexer.search import IndexMissing, SearchRequest, open_index

from tests.faultkit import BUSY, PARLEY, Corpus, inconsistencies, parley, snapshot, start, wait_for_writer

KILLS = 20


def _total(index_dir: Path) -> int:
    return snapshot(index_dir)[1]


def _assert_no_stale_lock(index_dir: Path) -> None:
    """A writer can start at once: the dead process's locks went with it."""
    writer = open_writer(index_dir)
    try:
        writer.begin()
    finally:
        writer.close()


def test_sigkill_at_random_moments_never_loses_the_index(tmp_path: Path) -> None:
    seed = int(os.environ.get("PARLEY_FAULT_SEED", "20240611"))
    rng = random.Random(seed)
    corpus = Corpus(tmp_path / "articles", seed).build(texts=120, feeds=6, records=12)
    index_dir = tmp_path / "index"
    log: list[str] = []
    kills, trial, ever_opened = 0, 0, False
    work_s = {"index": 0.3, "reindex": 0.3, "--full": 0.3}  # how long each kind of run writes
    while kills < KILLS and trial < 2 * KILLS + 10:
        trial += 1
        if trial > 2:
            corpus.mutate()
        command = ["index", str(corpus.root)] if trial % 3 == 1 else ["reindex", "--full"] if trial % 3 == 2 else ["reindex"]
        kind = command[-1] if command[-1] == "--full" else command[0]
        proc = start(*command, "--index", str(index_dir))
        began, anywhere = time.monotonic(), trial % 4 == 0
        if anywhere:  # start-up, remembering roots, creating the index
            time.sleep(rng.uniform(0.0, 1.5))
        elif wait_for_writer(index_dir, proc):  # adding, committing, cleaning up, saving state
            began = time.monotonic()
            time.sleep(rng.uniform(0.0, work_s[kind]))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
            outcome = "killed"
        else:
            outcome = f"finished rc={proc.returncode}"
            if not anywhere:  # learn how long the writing part of a run lasts
                work_s[kind] = max(work_s[kind], time.monotonic() - began)
        out, err = proc.communicate()
        log.append(f"trial {trial} {' '.join(command[:2])}: {outcome} after {time.monotonic() - began:.2f}s")
        context = f"seed {seed}\n" + "\n".join(log) + f"\n{err[-2000:]}"
        if outcome != "killed":
            assert proc.returncode == 0, context  # a killed writer never makes later ones fail
        try:
            problems = inconsistencies(index_dir, corpus)
        except IndexMissing:
            assert not ever_opened, f"the index vanished\n{context}"
            continue
        ever_opened = True
        assert not problems, f"{problems}\n{context}"
        _assert_no_stale_lock(index_dir)
    assert kills >= KILLS, "\n".join(log)

    final = parley("reindex", "--index", str(index_dir))
    assert final.returncode == 0, final.stderr
    held, total, _ = snapshot(index_dir)
    assert held == corpus.current and total == corpus.expected_total(), f"seed {seed}\n" + "\n".join(log)


def test_ctrl_c_stops_cleanly_with_a_summary_of_what_was_committed(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "articles", 7).build(texts=900, feeds=4, records=10)
    for delay in (0.0, 0.3):
        index_dir = tmp_path / f"index-{delay}"
        proc = start("index", str(corpus.root), "--index", str(index_dir))
        assert wait_for_writer(index_dir, proc), "the run ended before it could be interrupted"
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        line = out.strip().splitlines()[-1]
        assert "interrupted" in line, out
        added = int(line.split()[1].rstrip(","))  # "added N, ..."
        assert _total(index_dir) == added, "the summary counts exactly what was committed"
        assert not inconsistencies(index_dir, corpus)
        finished = parley("reindex", "--index", str(index_dir))
        assert finished.returncode == 0, finished.stderr
        assert snapshot(index_dir)[0] == corpus.current


def test_ctrl_c_during_a_commit_waits_for_it(tmp_path: Path, monkeypatch) -> None:
    """In-process: SIGINT arriving mid-commit is delivered after the commit, whose documents
    the summary then counts (a commit cut in half would leave Whoosh's writer half closed)."""
    import indexer.engine.writer as writer_module

    corpus = Corpus(tmp_path / "articles", 8).build(texts=5, feeds=0, records=0)
    real_commit = writer_module.WhooshWriter.commit

    def commit_hit_by_ctrl_c(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        real_commit(self)

    monkeypatch.setattr(writer_module.WhooshWriter, "commit", commit_hit_by_ctrl_c)
    summary = update_index(tmp_path / "index", [corpus.root])
    assert summary.interrupted and summary.added == 5
    monkeypatch.undo()
    assert _total(tmp_path / "index") == 5
    assert update_index(tmp_path / "index").unchanged == 5


def test_a_crash_while_creating_the_index_leaves_one_of_known_version(tmp_path: Path, monkeypatch) -> None:
    from whoosh import index as whoosh_index

    real_create = whoosh_index.create_in

    def create_then_crash(*args, **kwargs):
        real_create(*args, **kwargs)
        raise SystemExit("killed")

    monkeypatch.setattr(whoosh_index, "create_in", create_then_crash)
    with pytest.raises(SystemExit):
        update_index(tmp_path / "index", [tmp_path])
    monkeypatch.undo()
    assert load_state(tmp_path / "index").schema_version == SCHEMA_VERSION
    open_index(tmp_path / "index").close()


def _small_and_big(tmp_path: Path) -> tuple[Path, Corpus, Corpus]:
    small = Corpus(tmp_path / "small", 1).build(texts=5, feeds=0, records=0)
    big = Corpus(tmp_path / "big", 2).build(texts=150, feeds=2, records=20)
    index_dir = tmp_path / "index"
    assert parley("index", str(small.root), "--index", str(index_dir)).returncode == 0
    return index_dir, small, big


def _one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


def test_disk_full_is_a_clear_error_and_the_old_index_survives(tmp_path: Path) -> None:
    """Honest simulation that works as root too: RLIMIT_FSIZE makes every write past 64 KiB
    in any file fail with EFBIG (Python ignores SIGXFSZ, so it is an OSError), the way a
    full disk fails a write; the new segment is far larger than that."""
    index_dir, small, big = _small_and_big(tmp_path)
    before = snapshot(index_dir)[0]

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = parley("index", str(big.root), "--index", str(index_dir), preexec_fn=limit_file_size)
    _one_line_error(result, "cannot write the index", "File too large", "last committed state")
    assert snapshot(index_dir)[0] == before
    finished = parley("reindex", "--index", str(index_dir))
    assert finished.returncode == 0, finished.stderr
    assert _total(index_dir) == small.expected_total() + big.expected_total()


def _can_mount_tmpfs() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="needs root with CAP_SYS_ADMIN for a private tmpfs mount")
def test_a_truly_full_disk_enospc(tmp_path: Path) -> None:
    """A real ENOSPC: the index copied onto a 400 KiB tmpfs in a private mount namespace
    (gone when the shell exits, so nothing is left mounted)."""
    index_dir, small, big = _small_and_big(tmp_path)
    mount = tmp_path / "mnt"
    mount.mkdir()
    script = f"""
        mount -t tmpfs -o size=400k tmpfs {mount} && cp -a {index_dir} {mount}/index || exit 99
        {PARLEY} index {big.root} --index {mount}/index
        echo "rc=$?" >&2
        {PARLEY} search "" --limit 0 --format jsonl --index {mount}/index | wc -l >&2
    """
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    lines = result.stderr.strip().splitlines()
    assert lines[-2] == "rc=2", result.stderr
    assert "No space left on device" in lines[-3] and "cannot write the index" in lines[-3]
    assert lines[-1].strip() == str(small.expected_total()), "the old index still answers in full"


def _unprivileged() -> list[str]:
    """Run as is, or as root without the capabilities that let root ignore file modes."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a folder read-only to root")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner,-linux_immutable"]


def test_read_only_index_folder_is_a_clear_error_and_still_searchable(tmp_path: Path) -> None:
    """chmod a-w on the index folder. Root ignores file modes, so as root the commands run
    under setpriv with CAP_DAC_OVERRIDE (and friends) dropped: the mode bits then bind."""
    prefix = _unprivileged()
    index_dir, small, _ = _small_and_big(tmp_path)
    small.write_txt("late.txt")
    before = snapshot(index_dir)[0]
    index_dir.chmod(0o555)
    try:
        probe = subprocess.run([*prefix, "touch", str(index_dir / "probe")], capture_output=True)
        assert probe.returncode != 0, "the folder is not read-only for the test's processes"
        for command in (["reindex"], ["index", str(small.root)]):
            result = subprocess.run([*prefix, str(PARLEY), *command, "--index", str(index_dir)],
                                    capture_output=True, text=True, timeout=120)
            _one_line_error(result, "cannot write the index", "Permission denied")
        search = subprocess.run([*prefix, str(PARLEY), "search", "", "--format", "jsonl",
                                 "--limit", "0", "--index", str(index_dir)], capture_output=True, text=True, timeout=120)
        assert search.returncode == 0 and len(search.stdout.splitlines()) == len(before), search.stderr
    finally:
        index_dir.chmod(0o755)
    assert snapshot(index_dir)[0] == before
    assert parley("reindex", "--index", str(index_dir)).returncode == 0
    assert snapshot(index_dir)[0] == small.current


def test_older_schema_cli_says_reindex_full(tmp_path: Path, capsys) -> None:
    corpus = Corpus(tmp_path / "articles", 3).build(texts=3, feeds=1, records=4)
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus.root])
    state = load_state(index_dir)
    state.schema_version = SCHEMA_VERSION - 1
    save_state(index_dir, state)
    for argv in (["search", "talks"], ["stats"], ["reindex"], ["index", str(corpus.root)]):
        code = main([*argv, "--index", str(index_dir)])
        out, err = capsys.readouterr()
        assert code == 2 and err.count("\n") == 1 and "parley reindex --full" in err, (argv, err)
    assert main(["reindex", "--full", "--index", str(index_dir)]) == 0
    capsys.readouterr()
    assert snapshot(index_dir)[0] == corpus.current


def test_a_second_writer_on_the_cli_is_refused_with_exit_2(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "articles", 4).build(texts=3, feeds=0, records=0)
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus.root])
    holder = open_writer(index_dir)
    try:
        _one_line_error(parley("reindex", "--index", str(index_dir)), BUSY)
    finally:
        holder.close()
    assert parley("reindex", "--index", str(index_dir)).returncode == 0


def test_empty_index_can_be_searched(tmp_path: Path) -> None:
    """An index whose files were all skipped (or one killed right after creation) holds no
    documents; searching it with facets must still answer."""
    (tmp_path / "articles").mkdir()
    update_index(tmp_path / "index", [tmp_path / "articles"])
    index = open_index(tmp_path / "index")
    try:
        assert index.search(SearchRequest(query="")).total == 0
    finally:
        index.close()


def test_a_damaged_table_of_contents_is_a_clear_error_that_full_reindex_repairs(tmp_path: Path) -> None:
    """A power loss can cut Whoosh's table of contents short (it is not fsynced): say so and
    let `parley reindex --full` rebuild, rather than crash."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a/one.txt").write_text("One\nCeasefire talks.\n", "utf-8")
    index = tmp_path / "ix"
    update_index(index, [tmp_path / "a"])
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"")
    searched = subprocess.run([str(PARLEY), "search", "ceasefire", "--index", str(index)], capture_output=True, text=True)
    assert searched.returncode == 2 and "reindex --full" in searched.stderr and "Traceback" not in searched.stderr
    rebuilt = subprocess.run([str(PARLEY), "reindex", "--full", "--index", str(index)], capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "added 1" in rebuilt.stdout
    assert subprocess.run([str(PARLEY), "search", "ceasefire", "--index", str(index)]).returncode == 0


def test_a_segment_cut_short_is_a_clear_error_that_full_reindex_repairs(tmp_path: Path) -> None:
    """A segment file cut in half (a bad copy, a full disk outside parley) is first read when
    a search or reindex opens it: each says to rebuild, and `parley reindex --full` does."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a/one.txt").write_text("One\nCeasefire talks.\n", "utf-8")
    index = tmp_path / "ix"
    update_index(index, [tmp_path / "a"])
    (segment,) = index.glob("*.seg")
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])
    for command in (["search", "ceasefire"], ["show", "x"], ["stats"], ["reindex"]):
        done = subprocess.run([str(PARLEY), *command, "--index", str(index)], capture_output=True, text=True)
        assert done.returncode == 2, (command, done.stderr)
        assert "reindex --full" in done.stderr and "Traceback" not in done.stderr, (command, done.stderr)
    rebuilt = subprocess.run([str(PARLEY), "reindex", "--full", "--index", str(index)], capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr
    found = subprocess.run([str(PARLEY), "search", "ceasefire", "--index", str(index), "--format", "json"],
                           capture_output=True, text=True)
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 1, found.stderr


def test_reindex_without_an_index_says_to_index_first(tmp_path: Path) -> None:
    done = subprocess.run([str(PARLEY), "reindex", "--index", str(tmp_path / "none")], capture_output=True, text=True)
    assert done.returncode == 2 and "parley index PATH" in done.stderr
