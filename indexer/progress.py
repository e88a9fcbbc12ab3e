"""A rich progress bar for indexing on a terminal (the CLI only uses it on a TTY)."""

from __future__ import annotations

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class ProgressBar:
    """Adapts ``reindex.Progress`` callbacks to a transient rich bar on stderr."""

    def __init__(self) -> None:
        from rich.console import Console

        self._progress = Progress(
            TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            TextColumn("{task.fields[name]}", style="dim"),
            console=Console(stderr=True), transient=True,
        )
        self._task = self._progress.add_task("index", total=None, name="")

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, done: int, total: int, path: str) -> None:
        name = path.rsplit("/", 1)[-1][:40]
        self._progress.update(self._task, completed=done, total=total, name=name)
