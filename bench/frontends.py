"""What a user waits for: a cold `parley search --format json`, and the TUI from a keystroke
to the results being on screen (driven through Textual's Pilot, headless)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpora import REPO
from bench.measure import Latency, child_env

TUI_SIZE = (160, 50)
TUI_TIMEOUT = 30.0  # seconds to wait for one search before giving up on the TUI


def cold_cli(index_dir: Path, texts: list[str], runs: int) -> Latency:
    """Wall time of ``runs`` fresh `parley search QUERY --format json` processes.

    ``python -m indexer.cli`` is what the `parley` console script runs, minus the venv
    lookup; it keeps the children on this checkout's code.
    """
    samples = []
    for run in range(runs):
        command = [sys.executable, "-m", "indexer.cli", "search", texts[run % len(texts)],
                   "--format", "json", "--index", str(index_dir)]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, env=child_env(), stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):  # 1 is "nothing found"
            raise RuntimeError(f"{' '.join(command)} failed with status {done.returncode}")
    return Latency.of(samples)


def tui_latency(index_dir: Path, texts: list[str], reps: int) -> dict[str, Latency]:
    """Keystroke-to-results in the TUI, two ways: ``typed`` times the last character of a
    query typed key by key (so it includes the search bar's debounce), ``enter`` times the
    Enter key pressed straight after typing (which skips the debounce)."""
    return asyncio.run(_drive(index_dir, texts, reps))


async def _drive(index_dir: Path, texts: list[str], reps: int) -> dict[str, Latency]:
    from tui.app import ParleyApp
    from tui.screens.search import SearchScreen

    arrived: dict[str, float] = {}  # query -> when its results message was posted

    def hook(message: object) -> None:
        if isinstance(message, SearchScreen.Searched):
            arrived[message.result.request.query] = time.perf_counter()

    app = ParleyApp(index_dir, timings=False)
    samples: dict[str, list[float]] = {"typed": [], "enter": []}
    async with app.run_test(size=TUI_SIZE, message_hook=hook) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, SearchScreen) and "" in arrived)
        for _ in range(reps):
            for text in texts:
                for variant, found in samples.items():
                    found.append(await _one_search(pilot, text, variant == "enter", arrived))
    return {variant: Latency.of(found) for variant, found in samples.items()}


async def _one_search(pilot, text: str, submit: bool, arrived: dict[str, float]) -> float:
    from tui.widgets.search_bar import SearchBar

    bar = pilot.app.screen.query_one(SearchBar)
    bar.focus()
    if bar.value:  # start from an empty bar whose own search has finished
        arrived.clear()
        bar.value = ""
        await _until(pilot, lambda: "" in arrived)
    arrived.clear()
    await pilot.press(*(text if submit else text[:-1]))
    started = time.perf_counter()
    await pilot.press("enter" if submit else text[-1])
    await _until(pilot, lambda: text in arrived)
    await pilot.pause()  # the screen handles the result and redraws
    return time.perf_counter() - started


async def _until(pilot, ready: Callable[[], bool]) -> None:
    deadline = time.perf_counter() + TUI_TIMEOUT
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError("the TUI did not show results in time")
        await pilot.pause(0.002)
