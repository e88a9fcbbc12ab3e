"""`python -m bench` (`make bench BENCH_ARGS=...`): run the harness and report.

    python -m bench                          # Reuters + BBC (+ Reuters split one file per record)
    python -m bench --quick                  # BBC only, fewer queries: a ~2 minute smoke run
    python -m bench --scale 100000,200000    # also Reuters replicated to 100k and 200k articles
    python -m bench --corpus PATH ...        # any file or folder parley can index (repeatable)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bench import corpora, frontends, report, targets
from bench.corpora import Corpus
from bench.engines import ENGINES, MODES, PARLEY, PEERS, Engine
from bench.measure import Latency, Run, run_worker, timed
from bench.queries import BenchQuery, query_set

MAX_BYTES = 2**31  # parley skips files over 5 MB by default; the replicated JSONL is ~200 MB
EDIT_FRACTION = 0.01
SCALE_REPS = 2  # timed passes on replicated corpora, where one pass takes many seconds
_STARTED = time.perf_counter()


@dataclass(frozen=True)
class Settings:
    peers: tuple[str, ...]
    queries: tuple[BenchQuery, ...]
    reps: int  # timed passes over the query set, per engine and mode
    cli_runs: int
    tui_reps: int
    split: bool


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", action="append", type=Path, metavar="PATH",
                        help="a corpus file or folder (repeatable; default: Reuters and BBC in ../shared/corpora)")
    parser.add_argument("--quick", action="store_true", help="BBC only, fewer queries and repetitions")
    parser.add_argument("--scale", default="", metavar="N,N", help="also index Reuters replicated to N articles")
    parser.add_argument("--peers", default=None, metavar="LIST", help=f"comma-separated peers (default: {','.join(PEERS)})")
    parser.add_argument("--reps", type=int, default=None, help="timed passes over the query set (default 5, quick 3)")
    parser.add_argument("--no-split", action="store_true", help="skip the one-record-per-file variant of JSONL corpora")
    return parser.parse_args(argv)


def settings_for(args: argparse.Namespace) -> Settings:
    default_peers = ("whoosh", "fts5") if args.quick else PEERS
    peers = tuple(p for p in args.peers.split(",") if p) if args.peers is not None else default_peers
    unknown = set(peers) - set(PEERS)
    if unknown:
        raise SystemExit(f"unknown peer(s): {', '.join(sorted(unknown))} (choose from {', '.join(PEERS)})")
    return Settings(peers=peers, queries=query_set(args.quick), reps=args.reps or (3 if args.quick else 5),
                    cli_runs=10, tui_reps=1 if args.quick else 2, split=not (args.quick or args.no_split))


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


def prepare(args: argparse.Namespace, settings: Settings, workdir: Path) -> list[Corpus]:
    """Working copies of the corpora, then their split and replicated variants."""
    sources = args.corpus or ([corpora.BBC] if args.quick else [corpora.REUTERS, corpora.BBC])
    missing = [str(s) for s in sources if not s.exists()]
    if missing:
        raise SystemExit(f"no corpus at {', '.join(missing)} (give one with --corpus PATH)")
    found = [corpora.working_copy(s, workdir) for s in sources]
    jsonl = [c for c in found if c.root.suffix == ".jsonl"]
    if settings.split:
        found += [corpora.split_jsonl(c, workdir) for c in jsonl]
    scale_source = Path(jsonl[0].origin) if jsonl else corpora.REUTERS
    found += [corpora.replicate_jsonl(scale_source, int(n), workdir) for n in args.scale.split(",") if n.strip()]
    return found


def engines_for(corpus: Corpus, settings: Settings) -> list[Engine]:
    """Splits only show reindex. Replicas skip the Whoosh peers: stock Whoosh at 200k costs
    ~10 minutes for a figure no target uses, while FTS5 costs little and bounds what is possible."""
    if corpus.kind == "split":
        return [PARLEY]
    peers = [p for p in settings.peers if not (corpus.kind == "replicated" and p.startswith("whoosh"))]
    return [PARLEY, *(ENGINES[p] for p in peers)]


def bench_corpus(corpus: Corpus, settings: Settings, workdir: Path) -> dict:
    """Everything measured on one corpus; the reindex goes last because it edits the files."""
    size = corpus.size_bytes()
    record = {"name": corpus.name, "origin": corpus.origin, "kind": corpus.kind,
              "files": len(corpus.files()), "bytes": size, "build": {}}
    dirs = {}
    for engine in engines_for(corpus, settings):
        dirs[engine.name] = workdir / f"index-{engine.name}-{len(dirs)}-{corpus.root.name}"
        record["build"][engine.name] = build(engine, corpus, dirs[engine.name], size)
    record["docs"] = record["build"]["parley"]["docs"]
    if corpus.kind != "split":
        record["queries"] = {e.name: query_latencies(e, dirs[e.name], corpus, settings)
                             for e in engines_for(corpus, settings) if e.open}
    if corpus.kind == "original":
        record.update(front_ends(dirs["parley"], corpus, settings))
    if corpus.kind != "replicated":
        record["reindex"] = reindex(corpus, dirs["parley"])
    return record


def build(engine: Engine, corpus: Corpus, index_dir: Path, size: int) -> dict:
    log(f"{corpus.name}: {engine.name} full index ...")
    run = run_worker("build", engine.name, str(index_dir), str(MAX_BYTES), str(corpus.root))
    docs = run.report["docs"]
    result = {**_run_fields(run), "docs": docs, "prepare_s": run.report.get("prepare_seconds"),
              "docs_per_s": round(docs / run.wall_s, 1), "mb_per_s": round(size / 2**20 / run.wall_s, 3),
              "index_mb": round(sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file()) / 2**20, 2)}
    log(f"{corpus.name}: {engine.name} {docs} docs in {run.wall_s:.1f} s, peak {run.peak_rss_mb:.0f} MB, "
        f"CPU/wall {run.cpu_per_wall:.2f}, {result['index_mb']:.1f} MB on disk")
    return result


def _run_fields(run: Run) -> dict:
    fields = run.as_dict()
    report_ = fields.pop("report")
    return {**fields, "in_process_s": report_.get("seconds")}


def query_latencies(engine: Engine, index_dir: Path, corpus: Corpus, settings: Settings) -> dict:
    """p50/p95/max per mode over the engine's usable queries, after one untimed warm-up pass
    (a long-running TUI or API user has its caches filled; the cold start is timed by the CLI run)."""
    log(f"{corpus.name}: {engine.name} queries ...")
    usable = [q for q in settings.queries if engine.supports(q)]
    reps = SCALE_REPS if corpus.kind == "replicated" else settings.reps
    searcher = engine.open(index_dir)
    try:
        hits = {mode: {_key(q): searcher.search(q, mode) for q in usable} for mode in MODES}  # also the warm-up
        samples = {mode: {_key(q): [] for q in usable} for mode in MODES}
        for _ in range(reps):
            for mode in MODES:
                for q in usable:
                    samples[mode][_key(q)].append(timed(lambda: searcher.search(q, mode))[0])
    finally:
        searcher.close()
    result = {mode: Latency.of([s for per_query in samples[mode].values() for s in per_query]).__dict__ for mode in MODES}
    log(f"{corpus.name}: {engine.name} p95 " + ", ".join(f"({m}) {result[m]['p95']:.1f} ms" for m in MODES))
    medians = {mode: {key: Latency.of(s).p50 for key, s in samples[mode].items()} for mode in MODES}
    return {**result, "hits": hits, "skipped": len(settings.queries) - len(usable), "median_ms_by_query": medians}


def _key(q: BenchQuery) -> str:
    """A readable name for a query in the results (the parley text plus what is beside it)."""
    extras = [f"since {q.since}" if q.since else "", f"until {q.until}" if q.until else "",
              f"sort {q.sort}" if q.sort != "relevance" else ""]
    return " ".join([q.parley or "(everything)", *(e for e in extras if e)])


def front_ends(index_dir: Path, corpus: Corpus, settings: Settings) -> dict:
    texts = [q.parley for q in settings.queries if q.parley and not (q.since or q.until)]
    log(f"{corpus.name}: cold CLI x{settings.cli_runs} ...")
    cli = frontends.cold_cli(index_dir, texts, settings.cli_runs)
    log(f"{corpus.name}: TUI keystrokes x{len(texts) * settings.tui_reps} ...")
    tui = frontends.tui_latency(index_dir, texts, settings.tui_reps)
    log(f"{corpus.name}: CLI p95 {cli.p95:.0f} ms, TUI keystroke p95 {tui['typed'].p95:.0f} ms")
    return {"cli": cli.__dict__, "tui": {variant: lat.__dict__ for variant, lat in tui.items()}}


def reindex(corpus: Corpus, index_dir: Path) -> dict:
    log(f"{corpus.name}: reindex with no change ...")
    same = run_worker("reindex", str(index_dir), str(MAX_BYTES))
    edited = corpora.edit_fraction(corpus, EDIT_FRACTION)
    log(f"{corpus.name}: reindex after editing {edited} ...")
    after = run_worker("reindex", str(index_dir), str(MAX_BYTES))
    log(f"{corpus.name}: no change {same.wall_s:.2f} s ({same.report['summary']}); "
        f"after edit {after.wall_s:.2f} s ({after.report['summary']})")
    return {"no_change": {**_run_fields(same), "summary": same.report["summary"]},
            "edit": {**_run_fields(after), "summary": after.report["summary"], "edited": edited}}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = settings_for(args)
    results = {"started": datetime.now().isoformat(timespec="seconds"), "mode": "quick" if args.quick else "full",
               "argv": sys.argv[1:] if argv is None else argv, "machine": report.machine(),
               "settings": {"peers": settings.peers, "queries": len(settings.queries), "reps": settings.reps,
                            "cli_runs": settings.cli_runs, "tui_reps": settings.tui_reps},
               "corpora": []}
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        for corpus in prepare(args, settings, Path(tmp)):
            results["corpora"].append(bench_corpus(corpus, settings, Path(tmp)))
    results["targets"] = targets.check(results)
    results["seconds"] = round(time.perf_counter() - _STARTED, 1)
    results["load_avg_at_end"] = os.getloadavg()
    path = report.save(results)
    print(report.markdown(results))
    print(f"\nSaved {path.relative_to(corpora.REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
