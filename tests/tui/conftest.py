"""Drive the real app headless: a UI wrapper around Textual's Pilot with waits that know
about parley's search workers, plus a private index for tests that write."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.geometry import Region
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget

from indexer.reindex import update_index
from tui.widgets.search_bar import SearchBar

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


class UI:
    """What a test does as a user: type, press, wait until the screen has caught up, read."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot, self.app = pilot, pilot.app

    async def settle(self) -> None:
        """Wait for workers and the messages they post (twice: a result can start another)."""
        for _ in range(2):
            await self.pilot.pause()
            await self.app.workers.wait_for_complete()
        await self.pilot.pause()

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.settle()

    async def search(self, query: str, submit: bool = True) -> None:
        """Type ``query`` into an empty search bar, and press Enter when ``submit``; either way
        wait only for the searches it started (typing searches at once, with no timer)."""
        await self.settle()  # the search view appears once the index has opened
        bar = self.app.screen.query_one(SearchBar)
        bar.focus()
        bar.value = ""
        await self.pilot.press(*query)
        if submit:
            await self.pilot.press("enter")
        await self.settle()

    def text(self, selector: str | type[Widget], top: int = 0, height: int | None = None) -> str:
        """The characters a widget draws, row by row (``height`` rows from ``top``, default all)."""
        widget = self.app.screen.query_one(selector)
        region = Region(0, top, widget.size.width, widget.size.height if height is None else height)
        strips = widget.render_lines(region)
        return "\n".join(strip.text.strip() for strip in strips)


Scenario = Callable[[UI], Awaitable[None]]


@pytest.fixture
def drive() -> Callable[..., None]:
    """``drive(app, scenario, size)`` runs ``scenario(ui)`` once the app has opened its index."""

    def run(app: App, scenario: Scenario, size: tuple[int, int] = (100, 30),
            hook: Callable[[Message], None] | None = None) -> None:
        """``hook`` sees every message the app's parts take, as Textual's ``message_hook``."""

        async def main() -> None:
            async with app.run_test(size=size, message_hook=hook) as pilot:
                ui = UI(pilot)
                await ui.settle()
                await scenario(ui)

        asyncio.run(main())

    return run


@pytest.fixture
def own_index(tmp_path: Path) -> Path:
    """A private seed index for tests that write (history, reindex): the shared one is read-only."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    update_index(tmp_path / "index", [tmp_path / "seeds"])
    return tmp_path / "index"



@pytest.fixture
def as_user() -> type[UI]:
    """The UI wrapper for code handed a bare Pilot (a snapshot's ``run_before``)."""
    return UI
