"""Machine facts, the results JSON, and the Markdown tables for the README.

Speed ratios are always "parley vs peer" as peer time / parley time, so above 1.0 means
parley is faster and below 1.0 slower, for builds and queries alike.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
from datetime import datetime
from importlib import metadata
from pathlib import Path

from bench.corpora import REPO
from bench.engines import MODE_NAMES, MODES

RESULTS = REPO / "bench" / "results"
PACKAGES = ("whoosh3", "nltk", "textual", "rich", "parley")


def machine() -> dict:
    """What a later run must match before its figures compare with this one's."""
    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "packages": {name: _version(name) for name in PACKAGES},
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--", "indexer", "tui")),
        "load_avg_at_start": os.getloadavg(),  # other work on the machine skews every figure
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def save(results: dict) -> Path:
    """Write bench/results/<timestamp>.json (via a temp file, so a crash leaves no half file)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def markdown(results: dict) -> str:
    """The Performance tables: builds, reindex, queries, front ends, targets."""
    return "\n\n".join(t for t in (_builds(results), _reindex(results), _queries(results),
                                    _frontends(results), _targets(results)) if t)


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("–" if v is None else str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _label(corpus: dict) -> str:
    return f"{corpus['name']} (replicated)" if corpus["kind"] == "replicated" else corpus["name"]


def _builds(results: dict) -> str:
    rows = []
    for corpus in results["corpora"]:
        parley = corpus["build"]["parley"]
        for engine, b in corpus["build"].items():
            ratio = "" if engine == "parley" else f"{b['wall_s'] / parley['wall_s']:.2f}"
            rows.append([_label(corpus), engine, b["docs"], f"{b['wall_s']:.1f}", f"{b['prepare_s']:.1f}" if b.get("prepare_s") else "",
                         f"{b['docs_per_s']:.0f}", f"{b['mb_per_s']:.2f}", f"{b['peak_rss_mb']:.0f}",
                         f"{b['cpu_per_wall']:.2f}", f"{b['index_mb']:.1f}", ratio])
    header = ["corpus", "engine", "docs", "index s", "of which ingest+enrich s", "docs/s", "MB/s", "peak RSS MB",
              "CPU/wall", "index MB", "parley speed vs this"]
    return "### Full index\n\n" + _table(header, rows)


def _reindex(results: dict) -> str:
    rows = []
    for corpus in results["corpora"]:
        steps = corpus.get("reindex")
        if steps:
            full = corpus["build"]["parley"]["wall_s"]
            rows.append([_label(corpus), f"{full:.1f}", f"{steps['no_change']['wall_s']:.2f}", steps["edit"]["edited"],
                         f"{steps['edit']['wall_s']:.2f}", f"{100 * steps['edit']['wall_s'] / full:.1f}%"])
    header = ["corpus", "full index s", "no-change reindex s", "1% edit", "reindex after edit s", "edit / full"]
    return "### Incremental reindex (parley, wall time of the process)\n\n" + _table(header, rows) if rows else ""


def _queries(results: dict) -> str:
    rows = []
    for corpus in results["corpora"]:
        parley = corpus.get("queries", {}).get("parley", {})
        for engine, modes in corpus.get("queries", {}).items():
            cells = []
            for mode in MODES:
                m = modes[mode]
                ratio = "" if engine == "parley" else f" ({m['p95'] / parley[mode]['p95']:.2f})"
                cells.append(f"{m['p50']:.1f} / {m['p95']:.1f} / {m['max']:.1f}{ratio}")
            rows.append([_label(corpus), engine, len(modes["hits"]["a"]), modes["skipped"] or "", *cells])
    header = ["corpus", "engine", "queries", "no equivalent", *(f"({m}) {MODE_NAMES[m]} p50 / p95 / max ms" for m in MODES)]
    note = "Bracketed: parley speed vs this engine at p95 (this p95 / parley p95)."
    return f"### Query latency (in-process, warm)\n\n{_table(header, rows)}\n\n{note}" if rows else ""


def _frontends(results: dict) -> str:
    rows = [[_label(c), _ms(c["cli"]), _ms(c["tui"]["typed"])]
            for c in results["corpora"] if "cli" in c and "tui" in c]
    header = ["corpus", "cold `parley search --format json` p50 / p95 ms",
              "TUI last keystroke -> results p50 / p95 ms"]
    return "### Front ends\n\n" + _table(header, rows) if rows else ""


def _ms(latency: dict) -> str:
    return f"{latency['p50']:.0f} / {latency['p95']:.0f}"


def _targets(results: dict) -> str:
    rows = [[t["name"], t["corpus"], _limit(t), _measured(t["measured"]), t["status"]] for t in results["targets"]]
    return "### Targets\n\n" + _table(["target", "corpus", "limit", "measured", "verdict"], rows)


def _measured(value: float | None) -> str | None:
    return None if value is None else f"{value:.3g}"


def _limit(target: dict) -> str:
    return f"{'>=' if target['higher_is_better'] else '<='} {target['limit']:g} {target['unit']}"
