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
    """Keystroke-to-results in the TUI (``typed``): each query is typed key by key into an
    empty search bar, and the last key is timed. Typing searches at once (no debounce), so
    Enter after typing has no search left to wait for and is not timed separately.

    Each sample runs from sending the key to the end of the first screen refresh after the
    view has taken in the results (the frame a user would see them in). It does not end
    when Pilot next finds the app idle: Pilot's idle check needs whole 20 ms windows without
    CPU use, and that waiting is the harness's, not the user's."""
    return asyncio.run(_drive(index_dir, texts, reps))


async def _drive(index_dir: Path, texts: list[str], reps: int) -> dict[str, Latency]:
    from textual import messages

    from tui.app import ParleyApp
    from tui.screens.search import SearchScreen
    from tui.widgets.results_list import ResultsList
    from tui.widgets.suggestion import Suggestion

    shown: dict[str, float] = {}  # query -> when the screen had painted its results
    taken: list[str] = []  # the query whose results the screen has taken but not yet painted

    def hook(message: object) -> None:
        """Sees each message as a pump takes it. A callback set as the screen takes the results
        can run before the screen hears that widgets need a redraw (each widget tells it from
        its own task), so the callback is set when the redraw request of the results list (or,
        when a query finds nothing after another that found nothing, of the line that says so)
        arrives: it then runs after the refresh that paints it."""
        if isinstance(message, SearchScreen.Searched):
            taken[:] = [message.result.request.query]
        elif isinstance(message, messages.Update | messages.Layout) and isinstance(message.widget, ResultsList | Suggestion) and taken:
            query = taken.pop()
            app.screen.call_after_refresh(lambda: shown.setdefault(query, time.perf_counter()))

    app = ParleyApp(index_dir, timings=False)
    samples: list[float] = []
    async with app.run_test(size=TUI_SIZE, message_hook=hook) as pilot:
        await _until(lambda: isinstance(app.screen, SearchScreen) and "" in shown)
        for _ in range(reps):
            for text in texts:
                samples.append(await _one_search(pilot, text, shown))
    return {"typed": Latency.of(samples)}


async def _one_search(pilot, text: str, shown: dict[str, float]) -> float:
    from tui.widgets.search_bar import SearchBar

    bar = pilot.app.screen.query_one(SearchBar)
    bar.focus()
    if bar.value:  # start from an empty bar whose own search has finished
        shown.clear()
        bar.value = ""
        await _until(lambda: "" in shown)
    await pilot.press(*text[:-1])
    shown.clear()  # what typing the rest showed
    started = time.perf_counter()
    await pilot.press(text[-1])
    await _until(lambda: text in shown)
    return shown[text] - started


async def _until(ready: Callable[[], bool]) -> None:
    """Poll without driving the app: Pilot's pause would force screen updates and add its
    own work to what is measured."""
    deadline = time.perf_counter() + TUI_TIMEOUT
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError("the TUI did not show results in time")
        await asyncio.sleep(0.002)
