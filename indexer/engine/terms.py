"""Each indexed word's term (its preferred spelling, stemmed), kept with the index.

A search must analyse its query, and the hits it highlights, exactly as the articles were
analysed. That takes NLTK's stemmer, whose package import costs a cold `parley search` 0.26 s,
and the spelling folds of the name files (50 ms of TOML). Both are paid at index time instead:
writers save the term of every word they index in a table beside the index, searches look
words up there, and only a word no indexed article contains is analysed afresh.

The table holds nothing but what ``term`` computes, so its entries stay true for the index
they describe (a change of analysis bumps the schema version); a full rebuild starts afresh.
Writers are one at a time (the run lock), so saving needs no lock of its own.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path

from indexer import analysis
from indexer.gazetteer import default_spellings

TABLE_NAME = "parley-terms.marshal"

_known: dict[str, str] = {}  # normalized word -> term, in this process
_unsaved: dict[str, str] = {}  # the words indexed here (or in workers) since the last save
_loaded: dict[Path, int] = {}  # index folder -> mtime_ns of the table last loaded from it


def term(word: str) -> str:
    """``word`` (normalized) as the index holds it: its preferred spelling's stem."""
    found = _known.get(word)
    if found is None:
        found = _known[word] = analysis.stem(default_spellings().get(word, word))
    return found


def indexed_term(word: str) -> str:
    """``term``, noted for the table of the index being written. Every word is noted, not
    just those new to this process: a process may write more than one index."""
    found = _unsaved[word] = _known.get(word) or term(word)
    return found


def take_unsaved() -> dict[str, str]:
    """The words indexed here since the last call: what a worker hands back with its segment."""
    global _unsaved
    taken, _unsaved = _unsaved, {}
    return taken


def learn(entries: dict[str, str]) -> None:
    """Take in the words a worker indexed, to be saved with the next commit."""
    _known.update(entries)
    _unsaved.update(entries)


def load(index_dir: Path) -> None:
    """Know the terms saved with the index at ``index_dir`` (read again only once the table
    has changed: the reader asks after every commit). A missing or unreadable table only
    costs speed: its words are analysed again as they come."""
    try:
        mtime = (index_dir / TABLE_NAME).stat().st_mtime_ns
    except OSError:
        return
    if _loaded.get(index_dir) != mtime:
        _known.update(_read(index_dir))
        _loaded[index_dir] = mtime


def save(index_dir: Path) -> None:
    """Add what is unsaved to the table at ``index_dir``, atomically (temp file + rename)."""
    if not _unsaved:
        return
    table = _read(index_dir)
    table.update(take_unsaved())
    handle, temp = tempfile.mkstemp(dir=index_dir, prefix=".terms-")
    try:
        with os.fdopen(handle, "wb") as out:
            marshal.dump(table, out)
        os.replace(temp, index_dir / TABLE_NAME)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def forget(index_dir: Path) -> None:
    """Start afresh, as a rebuilt index does: nothing known, no table saved."""
    _known.clear()
    _unsaved.clear()
    _loaded.clear()
    (index_dir / TABLE_NAME).unlink(missing_ok=True)


def _read(index_dir: Path) -> dict[str, str]:
    try:
        table = marshal.loads((index_dir / TABLE_NAME).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}
