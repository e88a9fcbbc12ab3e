"""Sidecar catalogues: metadata for files that carry none.

A folder may hold a ``catalog.toml`` whose tables are keyed by file name, e.g.::

    ["000_1f1381fe34a7766b.txt"]
    title = "..."
    source = "Truthout"
    date = "2022-03-16"

Catalogue values beat what ingest finds in the file itself: a person wrote them on purpose.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

CATALOG_NAME = "catalog.toml"

Catalog = dict[str, dict[str, object]]


class CatalogCache:
    """Loads each folder's catalogue once per run; a broken one is reported, not fatal."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, Catalog] = {}
        self._edited: dict[str, float | None] = {}  # by folder, as text: a reindex asks for every file
        self.errors: list[str] = []

    def edited_since(self, path: Path, when: float | None) -> bool:
        """Whether the catalogue beside ``path`` was written at or after ``when`` (seconds
        since the epoch; None: no run has finished). Editing a catalogue changes neither the
        size nor the content of the files it describes, so reindex asks this before trusting
        them to be unchanged."""
        folder = os.path.dirname(path)
        if folder not in self._edited:
            try:
                self._edited[folder] = os.stat(os.path.join(folder, CATALOG_NAME)).st_mtime
            except OSError:
                self._edited[folder] = None
        edited = self._edited[folder]
        return edited is not None and (when is None or edited >= when)

    def entry(self, path: Path) -> dict[str, object]:
        """The catalogue entry for ``path`` (empty when there is none)."""
        folder = path.parent
        if folder not in self._by_dir:
            self._by_dir[folder] = self._load(folder / CATALOG_NAME)
        return self._by_dir[folder].get(path.name, {})

    def _load(self, file: Path) -> Catalog:
        if not file.is_file():
            return {}
        try:
            data = tomllib.loads(file.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            self.errors.append(f"{file}: catalogue ignored: {exc}")
            return {}
        return {name: dict(v) for name, v in data.items() if isinstance(v, dict)}
