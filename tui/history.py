"""Query history kept beside the index, so earlier searches survive a restart."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CAP = 200


class History:
    """Queries oldest first, without repeats; ``add`` moves a re-run query to the end."""

    def __init__(self, path: Path, cap: int = CAP) -> None:
        self.path, self.cap = path, cap
        self.entries = self._load()

    def _load(self) -> list[str]:
        try:
            lines = self.path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []  # no history yet, or an unreadable one: start afresh rather than fail
        return [line for line in lines if line.strip()][-self.cap :]

    def add(self, query: str) -> None:
        query = " ".join(query.split())
        if not query or (self.entries and self.entries[-1] == query):
            return
        self.entries = [q for q in self.entries if q != query][-(self.cap - 1) :] + [query]
        self._save()

    def _save(self) -> None:
        """Write a temp file and rename it over the old one, so a crash never leaves half a file."""
        try:
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".history-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write("\n".join(self.entries) + "\n")
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only index folder costs the history, not the search
