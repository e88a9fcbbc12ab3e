"""The CLI contract scripts rely on: output shapes and grep-like exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_shape(capsys, seed_index: Path) -> None:
    code, out, _ = run(capsys, "search", '"no-fly zone"', "--index", str(seed_index), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"query", "total", "took_ms", "hits", "facets", "suggestion"}
    assert data["query"] == '"no-fly zone"' and data["total"] >= 1 and data["took_ms"] > 0
    hit = data["hits"][0]
    assert {"id", "path", "title", "source", "date", "parties", "score", "snippet", "highlights"} <= set(hit)
    assert hit["source"] == "Truthout" and isinstance(hit["parties"], list)
    assert set(data["facets"]) == {"source", "parties", "people", "places", "year", "month"}
    assert data["facets"]["source"]["Truthout"] >= 1
    start, end = hit["highlights"][0]
    shown = json.loads(run(capsys, "show", hit["id"], "--index", str(seed_index), "--format", "json")[1])
    assert shown["body"][start:end].lower() == "no-fly zone"


def test_exit_codes_follow_grep(capsys, seed_index: Path) -> None:
    assert run(capsys, "search", "peace", "--index", str(seed_index))[0] == 0
    assert run(capsys, "search", "xylophone", "--index", str(seed_index))[0] == 1
    code, out, err = run(capsys, "search", '"unclosed', "--index", str(seed_index))
    assert code == 2 and err.count("\n") == 1 and "quote" in err and not out


def test_missing_index_is_an_error_that_says_how_to_build_one(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "search", "peace", "--index", str(tmp_path / "none"))
    assert code == 2 and "parley index" in err


def test_filters_and_sort_options(capsys, seed_index: Path) -> None:
    code, out, _ = run(capsys, "search", "", "--index", str(seed_index), "--source", "Newsweek",
                       "--source", "The Week", "--party", "Russia", "--sort", "date", "--limit", "0", "--format", "json")
    data = json.loads(out)
    assert code == 0 and {h["source"] for h in data["hits"]} <= {"Newsweek", "The Week"}
    assert all("Russia" in h["parties"] for h in data["hits"])
    dates = [h["date"] for h in data["hits"]]
    assert dates == sorted(dates)
    code, out, _ = run(capsys, "search", "", "--index", str(seed_index), "--since", "2030-01-01", "--format", "json")
    assert code == 1 and json.loads(out)["total"] == 0
    with pytest.raises(SystemExit) as bad:
        main(["search", "x", "--since", "yesterday"])
    assert bad.value.code == 2


def test_jsonl_and_csv(capsys, seed_index: Path) -> None:
    _, out, _ = run(capsys, "search", "Witkoff", "--index", str(seed_index), "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines and all("title" in h for h in lines)
    _, out, _ = run(capsys, "search", "Witkoff", "--index", str(seed_index), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["title"] for r in rows] == [h["title"] for h in lines]


def test_text_output_is_plain_when_piped_and_shows_the_hit(capsys, seed_index: Path) -> None:
    code, out, _ = run(capsys, "search", '"no-fly zone"', "--index", str(seed_index))
    assert code == 0 and "Truthout" in out and "no-fly zone" in out and "\x1b[" not in out


def test_show_and_stats(capsys, seed_index: Path) -> None:
    data = json.loads(run(capsys, "search", "Crimea", "--index", str(seed_index), "--format", "json")[1])
    doc_id = data["hits"][0]["id"]
    code, out, _ = run(capsys, "show", doc_id, "--highlight", "Crimea", "--index", str(seed_index))
    assert code == 0 and "Crimea" in out and "matches" in out
    assert run(capsys, "show", "nope", "--index", str(seed_index))[0] == 1
    stats = json.loads(run(capsys, "stats", "--index", str(seed_index), "--format", "json")[1])
    assert stats["documents"] == 5 and stats["size_bytes"] > 0 and len(stats["roots"]) == 1
    assert stats["schema_version"] >= 1 and stats["last_reindex"]


def test_index_then_reindex_summary_and_json(capsys, tmp_path: Path) -> None:
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "one.txt").write_text("One\nFirst.\n", "utf-8")
    (articles / "bad.txt").write_bytes(b"\x00\x01\x02")
    index = str(tmp_path / "ix")
    code, out, err = run(capsys, "index", str(articles), "--index", index)
    assert code == 0 and out.strip() == "added 1, updated 0, removed 0, unchanged 0, skipped 1"
    assert "bad.txt: binary file" in err
    (articles / "two.txt").write_text("Two\nSecond.\n", "utf-8")
    code, out, _ = run(capsys, "reindex", "--index", index, "--format", "json")
    summary = json.loads(out)
    assert (summary["added"], summary["unchanged"]) == (1, 1)
    assert summary["skipped"] == [{"path": str((articles / "bad.txt").resolve()), "reason": "binary file (NUL bytes)"}]


def test_the_index_option_goes_before_or_after_the_command(capsys, seed_index: Path, tmp_path: Path) -> None:
    """Given before the command it was overwritten by the command's own default (./index)."""
    for argv in (["--index", str(seed_index), "stats", "--format", "json"], ["stats", "--index", str(seed_index), "--format", "json"]):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and json.loads(out)["documents"] == 5
    code, _, err = run(capsys, "--index", str(tmp_path / "none"), "search", "peace")
    assert code == 2 and str(tmp_path / "none") in err


def test_index_env_var_and_console_script(seed_index: Path) -> None:
    """A real process through the installed `parley` script, finding its index via $PARLEY_INDEX."""
    script = Path(sys.executable).with_name("parley")
    env = {**os.environ, "PARLEY_INDEX": str(seed_index)}
    done = subprocess.run([str(script), "search", "party:nato", "--format", "json"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert all("NATO" in h["parties"] for h in json.loads(done.stdout)["hits"])


def test_hostile_text_never_reaches_the_terminal_live(capsys, tmp_path: Path) -> None:
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "evil.txt").write_text(
        "Evil [bold]title[/]\n\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 [link=http://x]y[/link] peace\n", "utf-8"
    )
    index = str(tmp_path / "ix")
    run(capsys, "index", str(articles), "--index", index)
    for argv in (["search", "peace"], ["show", str((articles / "evil.txt").resolve())]):
        code, out, _ = run(capsys, *argv, "--index", index)
        assert code == 0 and "\x1b" not in out and "\x07" not in out
        assert "[link=http://x]y[/link]" in out
    assert "Evil [bold]title[/]" in run(capsys, "search", "peace", "--index", index)[1]


def test_search_loads_only_what_a_search_needs(seed_index: Path) -> None:
    """A cold `parley search` pays for every module it imports: the TUI, ingestion, the
    write side and fuzzy matching stay out unless the command or the query needs them."""
    code = (
        "import sys\nfrom indexer.cli import main\n"
        f"main(['search', 'ceasefire Paris', '--format', 'json', '--index', {str(seed_index)!r}])\n"
        "print('\\n'.join(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stderr.split())
    heavy = {"textual", "rich", "trafilatura", "dateutil", "rapidfuzz", "nltk", "indexer.ingest", "indexer.engine.writer"}
    assert json.loads(done.stdout)["total"] >= 1
    assert loaded & heavy == set()
