"""Measure article text and metadata inference against hand-labelled pages.

    python -m bench.eval_metadata [--split report|tune|all] [--show-errors]

Two labelled sets (tests/data/README.md says how each was made):

- ``webcrawl_eval.jsonl``: real saved web pages (../shared/corpora/webcrawl-2026) and the
  seeds without their catalogue, each with its article lines, outlet, date, parties,
  mentions and people. Split in two: the rules were tuned on the ``tune`` half only; the
  ``report`` half is what the figures below are. Each page is read twice: with its front
  matter stripped (text only: the outlet and date count where the text states them) and as
  parley reads it (front matter kept).
- ``metadata_eval.jsonl``: clean BBC and Reuters articles, labelled earlier and used while
  the rules were written (a regression check, not a result): every party NAMED, so it is
  compared with parties and mentions together.

Everything is read and enriched exactly as `parley index` would. Corpora are read from
../shared/corpora; nothing is copied.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter

from indexer.article import Article
from indexer.catalog import CatalogCache
from indexer.enrich import enrich
from indexer.gazetteer import default_names
from indexer.ingest import IngestOptions, read_file
from indexer.outlets import default_outlets
from indexer.search import date_label
from indexer.textmap import without

REPO = Path(__file__).resolve().parent.parent
WEBCRAWL = REPO / "tests" / "data" / "webcrawl_eval.jsonl"
LEGACY = REPO / "tests" / "data" / "metadata_eval.jsonl"
CORPORA = REPO.parent / "shared" / "corpora"
# (precision, recall) at least, on the report half
TARGETS = {
    "main text (4-gram F1)": (0.90, None),
    "outlet, text only": (0.9, 0.9),
    "outlet, front matter kept": (0.9, 0.9),
    "date, text only": (0.9, 0.9),
    "date, front matter kept": (0.9, 0.9),
    "parties": (0.9, 0.9),
    "people": (0.85, 0.8),
}
MAX_WRONG_DATES_PER_40 = 1
_WORD = re.compile(r"\w+")


@dataclass
class Score:
    """True positives, false positives and false negatives for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    items: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, predicted: set[str], expected: set[str], ref: str) -> None:
        self.items += 1
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


@dataclass
class Mean:
    """A per-page figure averaged over pages (main-text F1)."""

    values: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, value: float, ref: str) -> None:
        self.values.append(value)
        if value < 0.9:
            self.errors.append(f"{ref}: {value:.2f}")

    @property
    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 1.0


def load_labels(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def page_path(ref: str, corpora: Path) -> Path:
    return REPO / ref if ref.startswith("seeds/") else corpora / ref


def read_page(path: Path, text_only: bool) -> Article:
    """The page enriched as `parley index` would read it: as stored, or (``text_only``)
    with its front matter stripped and no catalogue, as a plain text file."""
    if not text_only:
        [article] = read_file(path, CatalogCache(), IngestOptions()).articles
        return enrich(article, default_names(), default_outlets())
    raw = path.read_text("utf-8")
    content = frontmatter.loads(raw).content if path.suffix == ".md" else raw
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / (path.stem + ".txt")
        plain.write_text(content, "utf-8")
        [article] = read_file(plain, CatalogCache(), IngestOptions()).articles
        return enrich(article, default_names(), default_outlets())


def labelled_text(path: Path, ranges: list[list[int]]) -> str:
    lines = path.read_text("utf-8").splitlines()
    return "\n".join(line for first, last in ranges for line in lines[first - 1 : last])


def four_gram_f1(predicted: str, expected: str) -> float:
    """F1 of the distinct lowercased word 4-grams of two texts (1.0 when both have none)."""
    got, want = _grams(predicted), _grams(expected)
    if not got and not want:
        return 1.0
    overlap = len(got & want)
    if not overlap:
        return 0.0
    precision, recall = overlap / len(got), overlap / len(want)
    return 2 * precision * recall / (precision + recall)


def _grams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def person_key(name: str) -> str:
    """A name compared across spellings: the gazetteer's canonical name when it knows the
    person, folded to ASCII lowercase."""
    canonical = default_names().people.resolve(name) or name
    folded = unicodedata.normalize("NFKD", canonical).encode("ascii", "ignore").decode()
    return " ".join(_WORD.findall(folded.lower()))


def _one(value: str | None) -> set[str]:
    return {value.casefold()} if value else set()


def evaluate_webcrawl(items: list[dict], corpora: Path) -> dict[str, Score | Mean]:
    """Every figure of the webcrawl set over ``items``."""
    outlets = default_outlets()
    scores: dict[str, Score | Mean] = {name: Score() for name in TARGETS if name != "main text (4-gram F1)"}
    scores["main text (4-gram F1)"] = Mean()
    scores["mentions"] = Score()
    for item in items:
        ref, path = item["ref"], page_path(item["ref"], corpora)
        label_source = _one(item["source"] and outlets.canonical(item["source"]))
        for text_only, mode in ((True, "text only"), (False, "front matter kept")):
            article = read_page(path, text_only)
            if text_only:
                scores["main text (4-gram F1)"].add(four_gram_f1(without(article.full_text, article.boilerplate), labelled_text(path, item["article_lines"])), ref)
                scores["parties"].add(set(article.parties), set(item["parties"]), ref)
                scores["mentions"].add(set(article.mentions), set(item["mentions"]), ref)
                scores["people"].add({person_key(p) for p in article.people}, {person_key(p) for p in item["people"]}, ref)
            if not text_only or item["source_in_text"]:
                scores[f"outlet, {mode}"].add(_one(article.source), label_source, ref)
            if not text_only or item["date_in_text"]:
                scores[f"date, {mode}"].add(_one(date_label(article.date, article.date_precision)), _one(item["date"]), ref)
    return scores


def evaluate_legacy(items: list[dict], corpora: Path) -> dict[str, Score]:
    """The clean-corpus set: outlet, date, named parties (parties and mentions) and people."""
    outlets = default_outlets()
    scores = {name: Score() for name in ("outlet", "date", "parties named", "people")}
    for item, article in zip(items, _legacy_articles(items, corpora)):
        ref = item["ref"]
        scores["outlet"].add(_one(article.source), _one(item["source"] and outlets.canonical(item["source"])), ref)
        scores["date"].add(_one(date_label(article.date, article.date_precision)), _one(item["date"]), ref)
        scores["parties named"].add(set(article.parties) | set(article.mentions), set(item["parties"]), ref)
        scores["people"].add({person_key(p) for p in article.people}, {person_key(p) for p in item["people"]}, ref)
    return scores


def _legacy_articles(items: list[dict], corpora: Path) -> Iterable[Article]:
    names, outlets, catalogs, options = default_names(), default_outlets(), CatalogCache(), IngestOptions()
    wanted = {i["ref"].split("#", 1)[1] for i in items if "#" in i["ref"]}
    records: dict[str, Article] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "reuters-sample.jsonl"
        with (corpora / "reuters-21578.jsonl").open(encoding="utf-8") as lines:
            sample.write_text("".join(line for line in lines if json.loads(line)["id"] in wanted), "utf-8")
        for article in read_file(sample, catalogs, options).articles:
            records[article.id.rsplit("#", 1)[1]] = enrich(article, names, outlets)
    for item in items:
        ref = item["ref"]
        if "#" in ref:
            yield records[ref.split("#", 1)[1]]
        else:
            [article] = read_file(page_path(ref, corpora), catalogs, options).articles
            yield enrich(article, names, outlets)


def wrong_dates_per_40(scores: dict[str, Score | Mean]) -> float:
    """Wrong dates (a date given that is not the labelled one) per 40 pages read with their
    front matter: every page counts there, dated or not."""
    dated = scores["date, front matter kept"]
    return 40 * dated.fp / dated.items if isinstance(dated, Score) and dated.items else 0.0


def report(title: str, scores: dict[str, Score | Mean], show_errors: bool, targets: dict | None) -> str:
    lines = [title, "", "| field | precision | recall | target (P / R) |", "| --- | --- | --- | --- |"]
    for name, score in scores.items():
        target = (targets or {}).get(name)
        if isinstance(score, Mean):
            verdict = f"{target[0]:.2f} {'PASS' if score.mean >= target[0] else 'FAIL'}" if target else ""
            lines.append(f"| {name} | {score.mean:.3f} (mean of {len(score.values)}) |  | {verdict} |")
        else:
            verdict = ""
            if target:
                ok = score.precision >= target[0] and (target[1] is None or score.recall >= target[1])
                verdict = f"{target[0]:.2f} / {target[1]:.2f} {'PASS' if ok else 'FAIL'}"
            lines.append(f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {verdict} |")
        if show_errors:
            lines.extend(f"    {e}" for e in score.errors)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("report", "tune", "all"), default="report",
                        help="which half of the webcrawl set (default: report, the held-out half)")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    items = [i for i in load_labels(WEBCRAWL) if args.split in ("all", i["split"])]
    scores = evaluate_webcrawl(items, args.corpora)
    held_out = "held out: the rules never saw it" if args.split == "report" else "NOT a result: the rules were tuned on it"
    print(report(f"webcrawl set, {args.split} half ({len(items)} pages; {held_out})", scores, args.show_errors, TARGETS))
    print(f"\nwrong dates per 40 pages: {wrong_dates_per_40(scores):.1f} (target <= {MAX_WRONG_DATES_PER_40})\n")
    unseen = [i for i in items if not i.get("labels_seen")]
    if len(unseen) < len(items):
        print(report(f"the same without the {len(items) - len(unseen)} pages whose labels rule writers saw "
                     f"(tests/data/README.md)", evaluate_webcrawl(unseen, args.corpora), False, TARGETS) + "\n")
    legacy = load_labels(LEGACY)
    print(report(f"clean BBC and Reuters set ({len(legacy)} articles; a regression check, tuned on)",
                 evaluate_legacy(legacy, args.corpora), args.show_errors, None))


if __name__ == "__main__":
    main()
