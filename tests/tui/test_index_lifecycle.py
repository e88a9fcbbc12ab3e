"""Index life in the app: building a missing index, reindexing while searching, and the
query history kept beside the index across runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.search import SearchRequest, open_index
from tui.app import ParleyApp
from tui.history import History
from tui.screens.missing import MissingIndexScreen
from tui.screens.search import SearchScreen
from tui.widgets.results_list import ResultsList
from tui.widgets.search_bar import SearchBar

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_missing_index_offers_to_build_from_seeds_and_then_searches(drive, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    index_dir = tmp_path / "index"

    async def scenario(ui) -> None:
        assert isinstance(ui.app.screen, MissingIndexScreen)
        assert "seeds/ folder" in ui.text("#missing-offer")
        await ui.press("b")
        await ui.settle()
        assert isinstance(ui.app.screen, SearchScreen)
        expected = open_index(index_dir).search(SearchRequest(limit=None)).total
        assert len(ui.app.screen.query_one(ResultsList).shown) == expected > 0

    drive(ParleyApp(index_dir, seeds_dir=tmp_path / "seeds"), scenario)


def test_reindex_key_picks_up_a_new_article(drive, own_index: Path) -> None:
    seeds = own_index.parent / "seeds"

    async def scenario(ui) -> None:
        before = len(ui.app.screen.query_one(ResultsList).shown)
        (seeds / "new.txt").write_text("Zyzzogeton sighted\n\nA zyzzogeton was sighted at dawn.\n", "utf-8")
        await ui.press("ctrl+r")
        await ui.settle()
        assert "reindexed: added 1" in ui.text("#status-job")
        assert len(ui.app.screen.query_one(ResultsList).shown) == before + 1
        await ui.search("zyzzogeton")
        assert ui.text("#status-summary").startswith("1 hit")

    drive(ParleyApp(own_index), scenario)


def test_history_survives_a_restart_and_up_recalls_it(drive, own_index: Path) -> None:
    async def first_run(ui) -> None:
        await ui.search("ceasefire")
        await ui.search('"peace deal"')

    async def second_run(ui) -> None:
        bar = ui.app.screen.query_one(SearchBar)
        bar.focus()
        await ui.press("up")
        assert bar.value == '"peace deal"'
        await ui.press("up")
        assert bar.value == "ceasefire"
        await ui.press("down", "down")
        assert bar.value == ""  # past the newest entry: back to what was typed

    drive(ParleyApp(own_index), first_run)
    drive(ParleyApp(own_index), second_run)


def test_history_file_is_capped_and_keeps_one_copy_of_a_repeated_query(tmp_path: Path) -> None:
    history = History(tmp_path / "history.txt", cap=3)
    for query in ("a", "b", "a", "c", "d"):
        history.add(query)
    assert History(tmp_path / "history.txt", cap=3).entries == ["a", "c", "d"]
    assert not list(tmp_path.glob(".history-*"))  # the temp file was renamed into place


def _empty_table_of_contents(index: Path) -> None:
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"")


def _cut_segments_in_half(index: Path) -> None:
    for segment in index.glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


@pytest.mark.parametrize("damage", [_empty_table_of_contents, _cut_segments_in_half])
def test_a_damaged_index_offers_a_full_rebuild_and_then_searches(drive, own_index: Path, damage) -> None:
    """A table of contents or a segment cut short (a power loss, a bad copy) must not crash
    the app: it says so and rebuilds from the remembered roots."""
    damage(own_index)

    async def scenario(ui) -> None:
        assert isinstance(ui.app.screen, MissingIndexScreen)
        assert "reindex --full" in ui.text("#missing-problem")
        await ui.press("b")
        await ui.settle()
        assert isinstance(ui.app.screen, SearchScreen)
        assert len(ui.app.screen.query_one(ResultsList).shown) == 5

    drive(ParleyApp(own_index), scenario)
