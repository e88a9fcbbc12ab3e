"""Index updates run from the UI (build from seeds, full rebuild, reindex).

``update_index`` blocks for seconds to minutes, so screens call ``run_update`` from a thread
worker; it reports through messages, which are safe to post from any thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual.message import Message
from textual.message_pump import MessagePump

from indexer.reindex import update_index
from indexer.search import IndexBusy, IndexDamaged, IndexMissing, SchemaMismatch


@dataclass
class UpdateProgress(Message):
    """A file of an index update is being read."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, UpdateProgress)  # a flood of progress collapses to the latest


@dataclass
class UpdateFinished(Message):
    """An index update ended: ``error`` is None on success, else a one-line reason."""

    summary: str
    error: str | None = None


def run_update(target: MessagePump, index_dir: Path, paths: Iterable[Path] = (), full: bool = False) -> None:
    """Update the index, posting progress and the outcome to ``target``; call from a thread."""
    try:
        summary = update_index(
            index_dir, list(paths), full=full,
            progress=lambda done, total, path: target.post_message(UpdateProgress(done, total)),
        )
    except (IndexBusy, IndexMissing, SchemaMismatch, IndexDamaged, OSError) as exc:
        target.post_message(UpdateFinished("", error=str(exc) or type(exc).__name__))
    else:
        target.post_message(UpdateFinished(summary.line()))
