"""Issue 5's targets, checked against a run's results.

Targets are stated for Reuters (20,841 articles) on a 2-core machine; when a run has no
Reuters corpus (``--quick``), they are checked on the first corpus given and the corpus is
named beside each verdict, so a quick run is a smoke test, not a verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

SCALE_DOCS = 200_000


@dataclass(frozen=True)
class Target:
    name: str
    limit: float
    unit: str
    higher_is_better: bool
    value: Callable[[dict, dict], float | None]  # (corpus record, whole results) -> value
    on_scale: bool = False  # checked on the 200k replicated corpus instead


def _build(engine: str, field: str) -> Callable[[dict, dict], float | None]:
    return lambda corpus, _: corpus["build"].get(engine, {}).get(field)


def _index_speed_ratio(corpus: dict, _: dict) -> float | None:
    builds = corpus["build"]
    if "whoosh" not in builds:
        return None
    return round(builds["whoosh"]["wall_s"] / builds["parley"]["wall_s"], 2)


def _reindex(step: str) -> Callable[[dict, dict], float | None]:
    return lambda corpus, _: corpus.get("reindex", {}).get(step, {}).get("wall_s")


def _edit_share(corpus: dict, _: dict) -> float | None:
    edited = _reindex("edit")(corpus, _)
    return round(100 * edited / corpus["build"]["parley"]["wall_s"], 1) if edited is not None else None


def _query_p95(mode: str) -> Callable[[dict, dict], float | None]:
    return lambda corpus, _: corpus.get("queries", {}).get("parley", {}).get(mode, {}).get("p95")


def _cli_p95(corpus: dict, _: dict) -> float | None:
    return corpus["cli"]["p95"] / 1000 if "cli" in corpus else None


def _tui_p95(corpus: dict, _: dict) -> float | None:
    return corpus["tui"]["typed"]["p95"] if "tui" in corpus else None


TARGETS: tuple[Target, ...] = (
    Target("full index speed / stock Whoosh", 1.0, "x", True, _index_speed_ratio),
    Target("full index peak RSS (process tree)", 600, "MB", False, _build("parley", "peak_rss_mb")),
    Target("full index uses both cores (CPU s / wall s)", 1.5, "x", True, _build("parley", "cpu_per_wall")),
    Target("no-change reindex", 2.0, "s", False, _reindex("no_change")),
    Target("1%-edited reindex, % of full index", 5.0, "%", False, _edit_share),
    Target("query p95 (a) top-10", 30, "ms", False, _query_p95("a")),
    Target("query p95 (b) + facets", 60, "ms", False, _query_p95("b")),
    Target("query p95 (c) + facets + snippets", 120, "ms", False, _query_p95("c")),
    Target("query p95 (b) at 200k replicated", 300, "ms", False, _query_p95("b"), on_scale=True),
    Target("cold `parley search --format json` p95", 0.6, "s", False, _cli_p95),
    Target("TUI keystroke-to-results p95", 150, "ms", False, _tui_p95),
)


def primary(results: dict) -> dict | None:
    """The corpus the targets are stated for: Reuters if present, else the first original."""
    originals = [c for c in results["corpora"] if c["kind"] == "original"]
    return next((c for c in originals if c["name"].startswith("reuters")), originals[0] if originals else None)


def _scale(results: dict) -> dict | None:
    return next((c for c in results["corpora"] if c["kind"] == "replicated" and c["docs"] >= SCALE_DOCS), None)


def check(results: dict) -> list[dict]:
    """One verdict per target, plus the 1%-edit target again for each split variant."""
    verdicts = []
    for target in TARGETS:
        corpus = _scale(results) if target.on_scale else primary(results)
        verdicts.append(_verdict(target, corpus, results))
    for corpus in results["corpora"]:
        if corpus["kind"] == "split":
            verdicts.append(_verdict(TARGETS[4], corpus, results))
    return verdicts


def _verdict(target: Target, corpus: dict | None, results: dict) -> dict:
    value = target.value(corpus, results) if corpus else None
    if value is None:
        status = "NOT RUN"
    elif (value >= target.limit) if target.higher_is_better else (value <= target.limit):
        status = "PASS"
    else:
        status = "FAIL"
    spec = {k: v for k, v in asdict(target).items() if k != "value"}
    return {**spec, "corpus": corpus["name"] if corpus else None, "measured": value, "status": status}
