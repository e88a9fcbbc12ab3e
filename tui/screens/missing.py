"""Shown instead of the search view when there is no usable index yet."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Label, ProgressBar

from indexer.output import printable
from indexer.search import IndexDamaged, SchemaMismatch
from tui.jobs import UpdateFinished, UpdateProgress, run_update
from tui.widgets.key_footer import KeyFooter


class MissingIndexScreen(Screen[None]):
    """Offers the one fix that applies: build from the seeds folder when the index is missing,
    a full rebuild when it has an old schema. Dismissed once the index is ready."""

    BINDINGS = [Binding("b", "build", "Build index"), Binding("q", "app.quit", "Quit")]

    def __init__(self, index_dir: Path, seeds_dir: Path, problem: Exception) -> None:
        super().__init__()
        self.index_dir, self.seeds_dir = index_dir, seeds_dir
        self.rebuild = isinstance(problem, (SchemaMismatch, IndexDamaged))
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="missing"):
            yield Label(Text("No usable index" if not self.rebuild else "The index needs a rebuild", style="bold"))
            yield Label(Text(printable(str(self.problem))), id="missing-problem")
            yield Label(Text(self._offer()), id="missing-offer")
            yield Button(Content(self._action_label()), id="build", variant="primary", disabled=not self._can_build())
            yield ProgressBar(id="build-progress", show_eta=False)
            yield Label(id="build-outcome")
        yield KeyFooter()

    def _offer(self) -> str:
        if self.rebuild:
            return f"Rebuild {self.index_dir} from the folders it indexed (every file is read again)."
        if not self._can_build():
            return f"There is no seeds folder at {self.seeds_dir}: run `parley index --index {self.index_dir} FOLDER`."
        return f"Build an index at {self.index_dir} from the {self.seeds_dir.name}/ folder ({self.seeds_dir})?"

    def _action_label(self) -> str:
        return "Rebuild the index (b)" if self.rebuild else f"Build from {self.seeds_dir.name}/ (b)"

    def _can_build(self) -> bool:
        return self.rebuild or self.seeds_dir.is_dir()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    @on(Button.Pressed, "#build")
    def action_build(self) -> None:
        button = self.query_one(Button)
        if button.disabled:
            return
        button.disabled = True
        self.query_one(ProgressBar).display = True
        self._build()

    @work(thread=True, exclusive=True, group="update")
    def _build(self) -> None:
        paths = () if self.rebuild else (self.seeds_dir,)
        run_update(self, self.index_dir, paths, full=self.rebuild)

    @on(UpdateProgress)
    def _progress(self, event: UpdateProgress) -> None:
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)

    @on(UpdateFinished)
    def _finished(self, event: UpdateFinished) -> None:
        if event.error is None:
            self.dismiss()
            return
        self.query_one("#build-outcome", Label).update(Text(f"Could not build: {printable(event.error)}", style="bold red"))
        self.query_one(Button).disabled = False
