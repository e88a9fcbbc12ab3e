"""Incremental reindex on real files: what changed is touched, nothing else."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from indexer.engine.schema import SCHEMA_VERSION
from indexer import ingest
from indexer.formats import parse_jsonl_line
from indexer.index_state import load_state, save_state
from indexer.reindex import update_index
from indexer.search import IndexBusy, SchemaMismatch, SearchRequest, open_index


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def counts(summary) -> tuple[int, int, int, int]:
    return summary.added, summary.updated, summary.removed, summary.unchanged


def total(index_dir: Path, query: str = "") -> int:
    index = open_index(index_dir)
    try:
        return index.search(SearchRequest(query=query)).total
    finally:
        index.close()


@pytest.fixture
def tree(corpus: Path) -> Path:
    write(corpus / "a.txt", "Alpha talks\nThe first round of talks.\n")
    write(corpus / "b.txt", "Bravo summit\nA summit in Geneva.\n")
    write(corpus / "feed.jsonl", '{"id": "x", "title": "X", "body": "one"}\n{"id": "y", "title": "Y", "body": "two"}\n')
    return corpus


def test_first_index_adds_everything_and_remembers_the_root(tree: Path, index_dir: Path) -> None:
    summary = update_index(index_dir, [tree])
    assert counts(summary) == (4, 0, 0, 0) and summary.files_read == 3
    assert load_state(index_dir).roots == [str(tree.resolve())]
    assert load_state(index_dir).last_reindex
    assert total(index_dir) == 4


def test_no_change_reads_nothing(tree: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    summary = update_index(index_dir)
    assert counts(summary) == (0, 0, 0, 4) and summary.files_read == 0


def test_a_catalogue_edit_reaches_the_files_it_describes_and_only_their_changed_records(
        tree: Path, index_dir: Path) -> None:
    """Editing catalog.toml changes no article file's size or content: reindex must still
    apply it, rewriting just the records whose catalogue entry changed."""
    catalog = write(tree / "catalog.toml", '["a.txt"]\nsource = "Outlet One"\n')
    update_index(index_dir, [tree])
    assert total(index_dir, 'source:"outlet one"') == 1
    past = load_state(index_dir).last_reindex_at.timestamp() - 60
    os.utime(catalog, (past, past))  # a catalogue the last run read: nothing to redo
    assert counts(update_index(index_dir)) == (0, 0, 0, 4)

    write(catalog, '["a.txt"]\nsource = "Outlet Two"\n\n["feed.jsonl"]\nsource = "Wire"\n')
    assert counts(update_index(index_dir)) == (0, 3, 0, 1)  # a.txt and the feed's two records
    assert total(index_dir, 'source:"outlet two"') == 1 and total(index_dir, 'source:"outlet one"') == 0
    assert total(index_dir, "source:wire") == 2


def test_add_update_delete_are_each_counted(tree: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    write(tree / "sub/c.txt", "Charlie\nNew file about a ceasefire.\n")
    write(tree / "a.txt", "Alpha talks\nThe second round of talks, on an armistice.\n")
    (tree / "b.txt").unlink()
    summary = update_index(index_dir)
    assert counts(summary) == (1, 1, 1, 2)
    assert summary.files_read == 2
    assert total(index_dir, "armistice") == 1 and total(index_dir, "Geneva") == 0 and total(index_dir) == 4


def test_jsonl_records_are_matched_by_id(tree: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    write(tree / "feed.jsonl", '{"id": "x", "title": "X", "body": "changed"}\n{"id": "z", "title": "Z", "body": "three"}\n')
    summary = update_index(index_dir)
    assert counts(summary) == (1, 1, 1, 2)


def test_touched_but_identical_file_is_unchanged(tree: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    stat = (tree / "a.txt").stat()
    os.utime(tree / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    summary = update_index(index_dir)
    assert counts(summary) == (0, 0, 0, 4) and summary.files_read == 1


def test_full_reindex_rereads_everything(tree: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    summary = update_index(index_dir, full=True)
    assert counts(summary) == (0, 4, 0, 0) and summary.files_read == 3
    assert total(index_dir) == 4


def test_index_a_second_path_keeps_the_first(tree: Path, tmp_path: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    other = write(tmp_path / "other/d.md", "---\ntitle: Delta\n---\nDelta body\n").parent
    summary = update_index(index_dir, [other])
    assert counts(summary) == (1, 0, 0, 0)
    assert len(load_state(index_dir).roots) == 2 and total(index_dir) == 5
    assert counts(update_index(index_dir)) == (0, 0, 0, 5)


def test_skips_are_reported_every_time_and_lose_nothing(tree: Path, index_dir: Path) -> None:
    (tree / "empty.txt").write_bytes(b"")
    summary = update_index(index_dir, [tree])
    assert [(Path(s.path).name, s.reason) for s in summary.skipped] == [("empty.txt", "empty file")]
    assert "skipped 1" in summary.line()


def test_a_file_turned_unreadable_keeps_its_documents(tree: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    target = tree / "a.txt"
    target.rename(tree / "a.keep")
    target.symlink_to(tree / "missing-target.txt")
    summary = update_index(index_dir)
    assert summary.removed == 0 and total(index_dir, "alpha") == 1
    assert any(s.reason.startswith("unreadable") for s in summary.skipped)


def test_interrupted_run_keeps_the_last_commit_and_the_next_run_finishes(tree: Path, index_dir: Path, monkeypatch) -> None:
    import indexer.reindex as reindex

    for n in range(12):
        write(tree / f"many/{n:02}.txt", f"Doc {n}\nBody number {n}.\n")
    monkeypatch.setattr(reindex, "BATCH_DOCS", 5)

    def interrupt(done: int, total_files: int, path: str) -> None:
        if done == 9:
            raise KeyboardInterrupt

    summary = update_index(index_dir, [tree], progress=interrupt)
    assert summary.interrupted and 0 < summary.added < 16
    assert total(index_dir) == summary.added, "the index holds exactly what was committed"
    finished = update_index(index_dir)
    assert finished.added == 16 - summary.added and total(index_dir) == 16


def test_a_second_writer_is_refused_with_a_clear_message(tree: Path, index_dir: Path) -> None:
    from indexer.engine import open_writer

    update_index(index_dir, [tree])
    holder = open_writer(index_dir)
    holder.begin()
    try:
        with pytest.raises(IndexBusy, match="another parley process"):
            update_index(index_dir)
    finally:
        holder.cancel()


def test_older_schema_is_detected_and_rebuilt_by_full(tree: Path, index_dir: Path) -> None:
    update_index(index_dir, [tree])
    state = load_state(index_dir)
    state.schema_version = SCHEMA_VERSION - 1
    save_state(index_dir, state)
    with pytest.raises(SchemaMismatch, match="reindex --full"):
        open_index(index_dir)
    with pytest.raises(SchemaMismatch):
        update_index(index_dir)
    summary = update_index(index_dir, full=True)
    assert summary.added == 4 and total(index_dir) == 4


def test_indexing_never_writes_to_the_articles(tree: Path, index_dir: Path) -> None:
    def checksum() -> dict[str, tuple[str, int]]:
        return {
            str(p): (hashlib.sha1(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(tree.rglob("*")) if p.is_file()
        }

    before = checksum()
    update_index(index_dir, [tree])
    update_index(index_dir)
    update_index(index_dir, full=True)
    assert checksum() == before


def test_an_edited_record_in_a_big_feed_rewrites_only_that_record(corpus: Path, index_dir: Path) -> None:
    feed = corpus / "feed.jsonl"
    lines = [json.dumps({"id": f"r{n}", "title": f"T{n}", "body": f"body {n}"}) for n in range(200)]
    feed.write_text("\n".join(lines) + "\n", "utf-8")
    update_index(index_dir, [corpus])
    lines[7] = json.dumps({"id": "r7", "title": "T7", "body": "an armistice"})
    del lines[9]
    feed.write_text("\n".join(lines) + "\n", "utf-8")
    summary = update_index(index_dir)
    assert counts(summary) == (0, 1, 1, 198) and summary.files_read == 1
    assert total(index_dir, "armistice") == 1 and total(index_dir) == 199
    again = update_index(index_dir)
    assert counts(again) == (0, 0, 0, 199) and again.files_read == 0, "the file's new state was recorded"


def test_records_without_ids_are_matched_by_line_and_unchanged_lines_are_not_parsed(corpus: Path, index_dir: Path, monkeypatch) -> None:
    feed = corpus / "feed.jsonl"
    lines = [json.dumps({"title": f"T{n}", "body": f"body {n}"}) for n in range(50)]
    feed.write_text("\n".join(lines) + "\n", "utf-8")
    update_index(index_dir, [corpus])
    lines[3] = json.dumps({"title": "T3", "body": "an armistice"})
    feed.write_text("\n".join(lines) + "\n", "utf-8")
    parsed = []
    monkeypatch.setattr(ingest, "parse_jsonl_line", lambda n, line: parsed.append(n) or parse_jsonl_line(n, line))
    assert counts(update_index(index_dir)) == (0, 1, 0, 49) and parsed == [4]
    assert total(index_dir, "armistice") == 1 and total(index_dir) == 50


def test_a_repeated_id_is_its_last_record_after_the_lines_swap(corpus: Path, index_dir: Path) -> None:
    feed = corpus / "feed.jsonl"
    first, second = json.dumps({"id": "x", "body": "armistice"}), json.dumps({"id": "x", "body": "ceasefire"})
    feed.write_text(f"{first}\n{second}\n", "utf-8")
    update_index(index_dir, [corpus])
    assert (total(index_dir, "armistice"), total(index_dir, "ceasefire")) == (0, 1)
    feed.write_text(f"{second}\n{first}\n", "utf-8")
    update_index(index_dir)
    assert (total(index_dir, "armistice"), total(index_dir, "ceasefire")) == (1, 0)


def test_a_changed_catalogue_entry_updates_the_records_of_a_changed_feed(corpus: Path, index_dir: Path) -> None:
    feed = write(corpus / "feed.jsonl", '{"id": "x", "body": "one"}\n')
    update_index(index_dir, [corpus])
    write(corpus / "catalog.toml", '["feed.jsonl"]\nsource = "Wire"\n')
    feed.write_text('{"id": "x", "body": "one"}\n{"id": "y", "body": "two"}\n', "utf-8")
    assert counts(update_index(index_dir)) == (1, 1, 0, 0)
    assert total(index_dir, "source:wire") == 2
