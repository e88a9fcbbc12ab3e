"""Hostile and broken input: every file is indexed or skipped with a one-line reason, the run
never aborts, no article's escape sequence reaches a terminal live, and the source files
are never written, moved or deleted."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from indexer.catalog import CatalogCache
from indexer.cli import main
from indexer.ingest import IngestOptions, discover, read_file
from indexer.reindex import update_index

from tests.faultkit import parley, snapshot, tree_state

ESC = "\x1b"
# What must never reach a terminal from an article: ESC, BEL, and the C1 controls (U+0080-U+009F,
# CSI among them) that some terminals obey too.
LIVE = [ESC, "\x07", *map(chr, range(0x80, 0xA0))]
HOSTILE_TEXT = (
    "\x1b[31mRED ALERT\x1b[0m headline\n\n"
    "Window title \x1b]0;pwned\x07 and a link \x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ "
    "clear \x1b[2J\x1b[H screen, C1 CSI \x9b31m, rich [bold red]markup[/bold red] [link=http://x]y[/link] "
    "and a bell \x07 in the zanzibar story.\n"
)

# name -> what happens to it: ("indexed", documents) or ("skipped", part of the reason)
EXPECTED: dict[str, tuple[str, object]] = {
    "binary.txt": ("skipped", "binary file"),
    "nul-late.txt": ("indexed", 1),
    "invalid-utf8.txt": ("indexed", 1),
    "utf16.txt": ("indexed", 1),
    "empty.txt": ("skipped", "empty file"),
    "huge.txt": ("skipped", "too large"),
    "long-line.txt": ("indexed", 1),
    "deep.json": ("skipped", "nested too deeply"),
    "broken.json": ("skipped", "invalid JSON"),
    "empty-list.json": ("skipped", "no articles"),
    "mixed.jsonl": ("indexed", 2),
    "script-only.html": ("skipped", "no text"),
    "bad-front.md": ("skipped", "front matter is not valid YAML"),
    "alias-loop.md": ("skipped", "nested too deeply"),
    "dangling.txt": ("skipped", "unreadable"),
    "fifo.txt": ("skipped", "not a regular file"),
    "with space.txt": ("indexed", 1),
    "new\nline.txt": ("indexed", 1),
    "caf\\xe9.txt": ("skipped", "not valid UTF-8"),
    "escapes.txt": ("indexed", 1),
    "escapes.jsonl": ("indexed", 1),
    "surrogates.json": ("indexed", 1),
}
MIXED_SKIPS = ("line 2: invalid JSON", "line 4: invalid JSON: nested too deeply")


def build_hostile(root: Path) -> Path:
    root.mkdir()
    (root / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (root / "nul-late.txt").write_bytes(b"Late NUL\n\n" + b"plain words " * 1000 + b"\x00 tail")
    (root / "invalid-utf8.txt").write_bytes(b"Caf\xe9 society\n\nPrices in \xa3 and \xff\xfe bytes.\n")
    (root / "utf16.txt").write_bytes("\ufeffUTF sixteen headline\n\nBody in UTF-16.\n".encode("utf-16-le"))
    (root / "empty.txt").write_bytes(b"")
    with open(root / "huge.txt", "wb") as huge:  # 50 MB, sparse: only its size is ever looked at
        huge.truncate(50 * 1024 * 1024)
    (root / "long-line.txt").write_text("word " * 40_000, "utf-8")
    (root / "deep.json").write_text("[" * 100_000, "utf-8")
    (root / "broken.json").write_text('{"title": "Half', "utf-8")
    (root / "empty-list.json").write_text("[]", "utf-8")
    (root / "mixed.jsonl").write_text(
        '{"id": "a", "title": "Good one", "body": "first"}\n{"id": "b", "title": \n'
        '{"id": "c", "title": "Good two", "body": "second"}\n' + "[" * 100_000 + "\n", "utf-8")
    (root / "script-only.html").write_text("<html><head><script>alert(1)</script></head></html>", "utf-8")
    (root / "bad-front.md").write_text("---\ntitle: [unclosed\n: : :\n---\nBody\n", "utf-8")
    (root / "alias-loop.md").write_text("---\nloop: &a [*a]\n---\nBody text\n", "utf-8")
    (root / "dangling.txt").symlink_to(root / "no-such-target.txt")
    os.mkfifo(root / "fifo.txt")
    (root / "loop").symlink_to("..", target_is_directory=True)  # a folder symlink to its parent
    (root / "with space.txt").write_text("Spaced name\n\nbody\n", "utf-8")
    (root / "new\nline.txt").write_text("Newline name\n\nbody\n", "utf-8")
    with open(os.path.join(os.fsencode(root), b"caf\xe9.txt"), "wb") as latin1_name:
        latin1_name.write(b"Latin-1 name\n\nbody\n")
    (root / "escapes.txt").write_text(HOSTILE_TEXT, "utf-8")
    row = {"id": "\x1b[2Jx", "title": "\x1b]0;title\x07 zanzibar", "body": HOSTILE_TEXT,
           "source": "\x1b[5mBlink\x1b[0m Times", "url": "http://x/\x1b[31m", "author": "[red]Mallory[/red]\x9b"}
    (root / "escapes.jsonl").write_text(json.dumps(row) + "\n", "utf-8")
    (root / "surrogates.json").write_text('{"id": "\\ud800", "title": "Lone \\udfff", "body": "zanzibar \\ud83d"}', "utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "articles")


def _name(path: str, root: Path) -> str:
    return path[len(str(root)) + 1:].split("#")[0]


def test_every_file_is_indexed_or_skipped_with_a_one_line_reason(hostile: Path, tmp_path: Path) -> None:
    summary = update_index(tmp_path / "index", [hostile])
    skipped = {}
    for skip in summary.skipped:
        assert "\n" not in skip.reason and len(skip.reason) < 300, skip
        skipped.setdefault(_name(skip.path, hostile), []).append(skip.reason)
    held = snapshot(tmp_path / "index")[0]
    indexed = {_name(path, hostile): len(docs) for path, docs in held.items()}
    for name, (outcome, detail) in EXPECTED.items():
        if outcome == "indexed":
            assert indexed.get(name) == detail, (name, skipped.get(name))
        else:
            assert name not in indexed and any(detail in r for r in skipped.get(name, [])), (name, skipped.get(name))
    assert all(any(m in r for r in skipped["mixed.jsonl"]) for m in MIXED_SKIPS), skipped["mixed.jsonl"]
    assert set(indexed) | set(skipped) == set(EXPECTED), "every file accounted for, nothing twice via the loop"
    assert summary.added == sum(d for o, d in EXPECTED.values() if o == "indexed")


def test_discovery_does_not_follow_a_folder_symlink_loop(hostile: Path) -> None:
    found = [f for f in discover([hostile]) if isinstance(f, Path)]
    assert len(found) == len(set(found)) and not any("loop" in f.parts for f in found)


def test_a_fifo_is_skipped_without_blocking(hostile: Path) -> None:
    results = []
    reader = threading.Thread(target=lambda: results.append(read_file(hostile / "fifo.txt", CatalogCache(), IngestOptions())), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert results, "reading a FIFO named like an article blocked"
    assert "not a regular file" in results[0].skips[0].reason


def test_surrogates_never_reach_the_index(hostile: Path) -> None:
    [article] = read_file(hostile / "surrogates.json", CatalogCache(), IngestOptions()).articles
    for text in (article.id, article.title, article.body):
        text.encode("utf-8")  # raises on a lone surrogate


def _no_live_escapes(text: str, what: str) -> None:
    found = sorted({repr(c) for c in text if c in LIVE})
    assert not found, f"{what} shows {found} live"


def test_cli_output_never_shows_an_escape_sequence_live(hostile: Path, tmp_path: Path, capsys) -> None:
    index = tmp_path / "index"
    result = parley("index", str(hostile), "--index", str(index))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 and "Traceback" not in result.stderr
    skips = result.stderr.splitlines()
    assert len(skips) == sum(1 for o, _ in EXPECTED.values() if o == "skipped") + len(MIXED_SKIPS)
    assert all(line.startswith("skipped ") for line in skips), skips
    _no_live_escapes(result.stdout + result.stderr, "parley index")

    forced = parley("search", "zanzibar", "--index", str(index), env={**os.environ, "FORCE_COLOR": "1", "COLUMNS": "100"})
    assert forced.returncode == 0, forced.stderr
    assert "\x1b]" not in forced.stdout and "\x07" not in forced.stdout and "\x1b[2J" not in forced.stdout and "\x9b" not in forced.stdout
    assert "markup[/bold red]" in forced.stdout, "Rich markup in an article prints literally"

    argv_common = ["--index", str(index)]
    assert main(["search", "zanzibar", "--limit", "0", *argv_common]) == 0
    ids = [h["id"] for h in json.loads(_run_json(capsys, ["search", "", "--limit", "0", "--format", "json", *argv_common]))["hits"]]
    for doc_id in ids:
        assert main(["show", doc_id, "--highlight", "zanzibar", *argv_common]) == 0
    assert main(["stats", *argv_common]) == 0
    out, err = capsys.readouterr()
    _no_live_escapes(out + err, "search/show/stats")


def _run_json(capsys, argv: list[str]) -> str:
    capsys.readouterr()
    assert main(argv) == 0
    return capsys.readouterr().out


def test_indexing_never_writes_moves_or_deletes_a_source_file(hostile: Path, tmp_path: Path) -> None:
    before = tree_state(hostile)
    index = str(tmp_path / "index")
    for command in (["index", str(hostile)], ["reindex"], ["reindex", "--full"]):
        result = parley(*command, "--index", index)
        assert result.returncode == 0, result.stderr
    assert tree_state(hostile) == before
