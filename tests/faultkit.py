"""Helpers for the fault, concurrency and hostile-input tests: the real ``parley`` console
script run in subprocesses, generated corpora (never copied into the repo), and what an
index holds, read back through the search API."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from indexer.search import SearchRequest, open_index

PARLEY = Path(sys.executable).with_name("parley")
BUSY = "another parley process is writing"
WRITER_ACTIVE = "MAIN.tmp"  # Whoosh's scratch folder: exists while a writer is open
WORDS = (
    "government minister election labour party vote parliament economy tax budget health "
    "school police court crime war peace talks summit ceasefire treaty sanctions trade "
    "market bank growth jobs strike union council mayor inquiry report"
).split()

Snapshot = dict[str, frozenset[tuple[str, str]]]  # path -> {(id, title)}


def parley(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the installed console script to completion."""
    return subprocess.run([str(PARLEY), *args], capture_output=True, text=True, timeout=timeout, **kwargs)


def start(*args: str, **kwargs) -> subprocess.Popen[str]:
    return subprocess.Popen([str(PARLEY), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def wait_for_writer(index_dir: Path, proc: subprocess.Popen[str], timeout: float = 30) -> bool:
    """Wait until ``proc`` has a Whoosh writer open on ``index_dir`` (False if it exited first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (index_dir / WRITER_ACTIVE).exists():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    raise TimeoutError(f"no writer on {index_dir} after {timeout} s")


class Corpus:
    """Generated articles (text files and JSONL feeds) and every version of each file ever
    written, so a test can tell a committed state from a half-written one."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.versions: dict[str, set[frozenset[tuple[str, str]]]] = {}
        self.current: Snapshot = {}
        self._serial = 0
        root.mkdir(parents=True, exist_ok=True)

    def text(self, words: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words))

    def write_txt(self, name: str) -> None:
        self._serial += 1
        title = f"Story {name} v{self._serial} {self.text(3)}"
        path = self.root / name
        path.write_text(f"{title}\n\n{self.text(120)}\n", "utf-8")
        self._record(path, {(str(path), title)})

    def write_feed(self, name: str, records: int) -> None:
        self._serial += 1
        path = self.root / name
        rows = [
            {"id": f"r{self.rng.randrange(10 * records)}", "title": f"Feed {name} v{self._serial} {n}", "body": self.text(60)}
            for n in range(records)
        ]
        rows = list({row["id"]: row for row in rows}.values())  # ids unique within a file
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
        self._record(path, {(f"{path}#{row['id']}", row["title"]) for row in rows})

    def delete(self, name: str) -> None:
        path = self.root / name
        path.unlink()
        self.current.pop(str(path), None)

    def build(self, texts: int, feeds: int, records: int) -> Corpus:
        for n in range(texts):
            self.write_txt(f"a{n:03}.txt")
        for n in range(feeds):
            self.write_feed(f"feed{n:02}.jsonl", records)
        return self

    def mutate(self) -> None:
        """Change enough that a reindex has work: rewrite, add and delete some files."""
        names = sorted(Path(p).name for p in self.current)
        for name in self.rng.sample(names, k=min(25, len(names))):
            if name.endswith(".jsonl"):
                self.write_feed(name, self.rng.randint(5, 15))
            else:
                self.write_txt(name)
        for _ in range(3):
            self._serial += 1
            self.write_txt(f"new{self._serial:04}.txt")
        for name in self.rng.sample([n for n in names if n.endswith(".txt")], k=2):
            self.delete(name)

    def expected_total(self) -> int:
        return sum(len(v) for v in self.current.values())

    def _record(self, path: Path, docs: set[tuple[str, str]]) -> None:
        frozen = frozenset(docs)
        self.versions.setdefault(str(path), set()).add(frozen)
        self.current[str(path)] = frozen


def snapshot(index_dir: Path) -> tuple[Snapshot, int, list[str]]:
    """What the index holds: (path -> {(id, title)}, the reported total, every id in order)."""
    index = open_index(index_dir)
    try:
        result = index.search(SearchRequest(query="", limit=None, highlight=False, facets=False))
    finally:
        index.close()
    by_path: dict[str, set[tuple[str, str]]] = {}
    for hit in result.hits:
        by_path.setdefault(hit.path, set()).add((hit.id, hit.title))
    return {p: frozenset(d) for p, d in by_path.items()}, result.total, [h.id for h in result.hits]


def inconsistencies(index_dir: Path, corpus: Corpus) -> list[str]:
    """Why the index is not a state some sequence of whole-file commits could produce."""
    held, total, ids = snapshot(index_dir)
    problems = []
    if total != len(ids) or len(ids) != len(set(ids)):
        problems.append(f"total {total}, {len(ids)} hits, {len(set(ids))} distinct ids")
    if total != sum(len(d) for d in held.values()):
        problems.append("total differs from the sum over files")
    for path, docs in held.items():
        if docs not in corpus.versions.get(path, set()):
            problems.append(f"{Path(path).name}: {len(docs)} docs match no version of the file")
    return problems


def tree_state(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (symlinks, FIFOs and all, never followed or opened unless
    regular): its type and mode, mtime, and for regular files the content hash."""
    import hashlib
    import stat

    state: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            digest = ""
            if stat.S_ISREG(st.st_mode):
                with open(path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha1").hexdigest()
            state[path] = (st.st_mode, st.st_mtime_ns, st.st_size, digest)
    return state
