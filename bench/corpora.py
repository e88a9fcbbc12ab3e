"""The documents a run indexes: temp working copies of the corpora, the split and replicated
variants, and the 1% edit that the incremental reindex is timed on.

Everything is written under a temp dir: the shared corpora are read-only, and their text
must never land in the repository.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpora"
REUTERS = SHARED / "reuters-21578.jsonl"
BBC = SHARED / "bbc-news"
SPLIT_FOLDER_FILES = 1000  # files per folder in the split variant, as a user's archive might be
EDIT_MARK = " Edited for the parley benchmark."


@dataclass(frozen=True)
class Corpus:
    """One set of documents to index. ``root`` is a temp working copy (a file or a folder)."""

    name: str
    root: Path
    origin: str  # where the documents came from, for the report
    kind: str = "original"  # "original", "split" (one record per file) or "replicated"

    def files(self) -> list[Path]:
        """The files under ``root`` in sorted order (what the 1% edit picks from)."""
        if self.root.is_file():
            return [self.root]
        return sorted(p for p in self.root.rglob("*") if p.is_file() and not p.name.startswith("."))

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.files())


def working_copy(source: Path, workdir: Path) -> Corpus:
    """Copy a corpus file or folder into ``workdir`` so that editing it is harmless."""
    target = workdir / source.name
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    return Corpus(source.name.removesuffix(".jsonl"), target, str(source))


def split_jsonl(corpus: Corpus, workdir: Path) -> Corpus:
    """One file per record: a single big JSONL is re-read whole when any record changes, so
    the split variant shows what reindex costs when articles are stored one per file."""
    target = workdir / f"{corpus.name}-split"
    with corpus.root.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            folder = target / f"{number // SPLIT_FOLDER_FILES:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{number:06d}.jsonl").write_text(line, encoding="utf-8")
    return Corpus(f"{corpus.name} split", target, f"{corpus.origin}, one record per file", "split")


def replicate_jsonl(source: Path, docs: int, workdir: Path) -> Corpus:
    """Repeat the records of ``source`` with fresh ids until there are ``docs`` of them."""
    records = source.read_text(encoding="utf-8").splitlines()
    target = workdir / f"{source.stem}-x{docs}.jsonl"
    with target.open("w", encoding="utf-8") as out:
        for number in range(docs):
            record = json.loads(records[number % len(records)])
            copy = number // len(records)
            if copy:
                record["id"] = f"{record.get('id', number)}-copy{copy}"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Corpus(f"{source.stem} x{docs}", target, f"{source} replicated", "replicated")


def edit_fraction(corpus: Corpus, fraction: float) -> str:
    """Edit ``fraction`` of the corpus in place and describe what changed.

    With many files, that many files are edited (every record in them); a single JSONL
    file has that fraction of its records edited, which rewrites the one file.
    """
    files = corpus.files()
    step = max(1, round(1 / fraction))
    if len(files) == 1:
        edited = _rewrite_jsonl(files[0], lambda number: number % step == 0)
        return f"{edited} records of 1 file"
    for path in files[::step]:
        _edit_file(path)
    return f"{len(files[::step])} of {len(files)} files"


def _edit_file(path: Path) -> None:
    if path.suffix == ".jsonl":
        _rewrite_jsonl(path, lambda number: True)
    else:
        with path.open("a", encoding="utf-8") as out:
            out.write(EDIT_MARK)


def _rewrite_jsonl(path: Path, chosen: Callable[[int], bool]) -> int:
    """Append the edit mark to the body of the chosen records; returns how many."""
    edited, lines = 0, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if chosen(number):
            record = json.loads(line)
            record["body"] = record.get("body", "") + EDIT_MARK
            line, edited = json.dumps(record, ensure_ascii=False), edited + 1
        lines.append(line)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return edited
