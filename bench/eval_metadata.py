"""Measure metadata inference against the hand-labelled set in tests/data/metadata_eval.jsonl.

    python -m bench.eval_metadata [--labels FILE] [--corpora DIR] [--show-errors]

Each labelled item is read and enriched exactly as `parley index` would (the seeds with their
catalogue, BBC files as plain text, Reuters records as JSONL records), then compared with the
labels: precision and recall for outlet, date (exact day, and month) and the parties and
people named. Corpora are read from ../shared/corpora; nothing is copied.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from indexer.article import Article
from indexer.catalog import CatalogCache
from indexer.enrich import enrich
from indexer.gazetteer import default_names
from indexer.ingest import IngestOptions, read_file
from indexer.outlets import default_outlets

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "tests" / "data" / "metadata_eval.jsonl"
CORPORA = REPO.parent / "shared" / "corpora"
TARGETS = {"source": (0.9, 0.9), "date (day)": (0.9, 0.9), "date (month)": (0.9, 0.9), "parties": (0.95, 0.9)}


@dataclass
class Score:
    """True positives, false positives and false negatives for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, predicted: set[str], expected: set[str], ref: str) -> None:
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)
        if predicted != expected:
            self.errors.append(f"{ref}: got {sorted(predicted)}, want {sorted(expected)}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_articles(items: list[dict], corpora: Path) -> dict[str, Article]:
    """The enriched article for each labelled ref."""
    names, outlets, catalogs, options = default_names(), default_outlets(), CatalogCache(), IngestOptions()
    articles: dict[str, Article] = {}
    wanted = {i["ref"].split("#", 1)[1] for i in items if "#" in i["ref"]}
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "reuters-sample.jsonl"
        records.write_text(_reuters_lines(corpora / "reuters-21578.jsonl", wanted), "utf-8")
        for article in read_file(records, catalogs, options).articles:
            articles["reuters-21578.jsonl#" + article.id.rsplit("#", 1)[1]] = enrich(article, names, outlets)
    for item in items:
        ref = item["ref"]
        if "#" not in ref:
            path = REPO / ref if ref.startswith("seeds/") else corpora / ref
            [article] = read_file(path, catalogs, options).articles
            articles[ref] = enrich(article, names, outlets)
    return articles


def _reuters_lines(path: Path, ids: set[str]) -> str:
    with path.open(encoding="utf-8") as lines:
        return "".join(line for line in lines if json.loads(line)["id"] in ids)


def evaluate(items: list[dict], articles: dict[str, Article]) -> dict[str, Score]:
    """Compare each article with its labels (an outlet label by any name the outlet goes by)."""
    outlets = default_outlets()
    scores = {name: Score() for name in ("source", "date (day)", "date (month)", "parties", "people")}
    for item in items:
        article, ref = articles[item["ref"]], item["ref"]
        scores["source"].add(_one(article.source), _one(item["source"] and outlets.canonical(item["source"])), ref)
        day = article.date.date().isoformat() if article.date else None
        label = item["date"]
        scores["date (day)"].add(_one(day) if label is None or len(label) == 10 else set(), _day(label), ref)
        scores["date (month)"].add(_one(day and day[:7]), _one(label and label[:7]), ref)
        scores["parties"].add(set(article.parties), set(item["parties"]), ref)
        scores["people"].add(set(article.people), set(item["people"]), ref)
    return scores


def _one(value: str | None) -> set[str]:
    return {value.casefold()} if value else set()


def _day(label: str | None) -> set[str]:
    return _one(label) if label and len(label) == 10 else set()


def report(scores: dict[str, Score], items: int, show_errors: bool) -> str:
    lines = [f"metadata inference on {items} labelled articles", "",
             "| field | precision | recall | target (P / R) |", "| --- | --- | --- | --- |"]
    for name, score in scores.items():
        target = TARGETS.get(name)
        verdict = ""
        if target:
            ok = score.precision >= target[0] and score.recall >= target[1]
            verdict = f"{target[0]:.2f} / {target[1]:.2f} {'PASS' if ok else 'FAIL'}"
        lines.append(f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {verdict} |")
        if show_errors:
            lines.extend(f"    {e}" for e in score.errors)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    items = [json.loads(line) for line in args.labels.read_text("utf-8").splitlines() if line.strip()]
    scores = evaluate(items, load_articles(items, args.corpora))
    print(report(scores, len(items), args.show_errors))


if __name__ == "__main__":
    main()
