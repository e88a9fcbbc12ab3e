"""Pictures of the two main views at 100x30, compared with approved SVGs under __snapshots__.

The app runs with ``timings=False``: search times vary from run to run, so the status line
leaves them out here (and only here). Paths are shown relative to the indexed folder, so the
temp directory the seed index lives in never reaches the picture.
"""

from __future__ import annotations

from pathlib import Path

from tui.app import ParleyApp

SIZE = (100, 30)


def test_search_view_with_a_query(snap_compare, as_user, seed_index: Path) -> None:
    async def run_before(pilot) -> None:
        await as_user(pilot).search("peace talks")

    assert snap_compare(ParleyApp(seed_index, timings=False), terminal_size=SIZE, run_before=run_before)


def test_document_view_on_the_second_hit(snap_compare, as_user, seed_index: Path) -> None:
    async def run_before(pilot) -> None:
        ui = as_user(pilot)
        await ui.search('"no-fly zone"')
        await ui.press("enter")
        await ui.press("n")

    assert snap_compare(ParleyApp(seed_index, timings=False), terminal_size=SIZE, run_before=run_before)
