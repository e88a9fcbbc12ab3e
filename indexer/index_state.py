"""A small JSON file beside the index: remembered roots, last reindex, schema version.

Written atomically (temp file + rename) so a crash never leaves it half-written.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

STATE_NAME = "parley.json"


@dataclass
class IndexState:
    schema_version: int | None = None
    roots: list[str] = field(default_factory=list)
    last_reindex: str | None = None  # ISO 8601, UTC: when the last finished run began

    @property
    def last_reindex_at(self) -> datetime | None:
        return datetime.fromisoformat(self.last_reindex) if self.last_reindex else None


def load_state(index_dir: Path) -> IndexState:
    """The state beside ``index_dir``; defaults when there is none or it is unreadable."""
    try:
        data = json.loads((index_dir / STATE_NAME).read_text("utf-8"))
        return IndexState(**{k: v for k, v in data.items() if k in IndexState.__dataclass_fields__})
    except (OSError, ValueError, TypeError):
        return IndexState()


def save_state(index_dir: Path, state: IndexState) -> None:
    fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=".parley-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(state), out, indent=2)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, index_dir / STATE_NAME)
