"""`parley tui`: the Textual app. It opens the index in a worker and shows the search view,
or the missing-index screen when there is nothing to search yet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from indexer.search import IndexDamaged, IndexMissing, SchemaMismatch, SearchIndex, open_index
from tui import garbage
from tui.history import History
from tui.screens.help import HelpScreen
from tui.screens.missing import MissingIndexScreen
from tui.screens.search import SearchScreen

SEEDS = Path(__file__).resolve().parent.parent / "seeds"  # the repo's sample articles
HISTORY_FILE = "history.txt"  # beside the index, so each index keeps its own queries


class ParleyApp(App[int]):
    """``timings=False`` leaves search times out of the status line (for stable snapshots)."""

    CSS_PATH = "app.tcss"
    TITLE = "parley"
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    @dataclass
    class Opened(Message):
        """The index is open and ready to search."""

        index: SearchIndex

    @dataclass
    class Unavailable(Message):
        """There is no usable index: ``problem`` is IndexMissing, SchemaMismatch or IndexDamaged."""

        problem: Exception

    def __init__(self, index_dir: Path, seeds_dir: Path = SEEDS, timings: bool = True) -> None:
        super().__init__()
        self.index_dir, self.seeds_dir, self.timings = index_dir, seeds_dir, timings
        self.index: SearchIndex | None = None

    def on_mount(self) -> None:
        garbage.hold()  # see tui.garbage: collected when quiet, with a backstop
        self.set_interval(garbage.QUIET, garbage.collect_if_piled)
        self._open()

    @work(thread=True, exclusive=True, group="open")
    def _open(self) -> None:
        try:
            self.post_message(self.Opened(open_index(self.index_dir)))
        except (IndexMissing, SchemaMismatch, IndexDamaged) as exc:
            self.post_message(self.Unavailable(exc))

    @on(Opened)
    def _search_view(self, event: Opened) -> None:
        self.index = event.index
        history = History(self.index_dir / HISTORY_FILE)
        self.push_screen(SearchScreen(event.index, self.index_dir, history, self.timings))

    @on(Unavailable)
    def _missing_view(self, event: Unavailable) -> None:
        self.push_screen(MissingIndexScreen(self.index_dir, self.seeds_dir, event.problem), lambda _: self._open())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def on_unmount(self) -> None:
        garbage.release()
        if self.index is not None:
            self.index.close()


def run(index_dir: Path) -> int:
    """Run the app until the user quits; the exit status for `parley tui`."""
    ParleyApp(index_dir).run()
    return 0
