"""Shared fixtures: real indexes built in temp dirs from real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.reindex import update_index
from indexer.search import SearchIndex, open_index

from tests.paths import SEEDS


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of a copy of the shipped seeds (built once; tests must not write to it)."""
    root = tmp_path_factory.mktemp("seedix")
    shutil.copytree(SEEDS, root / "seeds")
    update_index(root / "index", [root / "seeds"])
    return root / "index"


@pytest.fixture(scope="session")
def seeds(seed_index: Path) -> SearchIndex:
    index = open_index(seed_index)
    yield index
    index.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """An empty folder for a test's own article files."""
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"

