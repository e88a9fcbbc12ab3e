"""The main view: search bar, filters, hits, facets, timeline and status."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from indexer.search import SORTS, IndexDamaged, IndexMissing, QueryError, SchemaMismatch, SearchIndex, SearchRequest, SearchResult, Sort
from tui.commands import ParleyCommands
from tui.filters import SORT_LABELS, Filters
from tui.garbage import QUIET, collect_and_freeze
from tui.history import History
from tui.jobs import UpdateFinished, UpdateProgress, run_update
from tui.screens.document import DocumentScreen
from tui.widgets.chips import ChipBar
from tui.widgets.facet_panel import FacetPanel
from tui.widgets.key_footer import KeyFooter
from tui.widgets.results_list import ResultsList
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusLine
from tui.widgets.suggestion import Suggestion
from tui.widgets.timeline import Timeline

NARROW = 90  # below this many columns the facet panel starts hidden (ctrl+f shows it)


class SearchScreen(Screen[None]):
    """Owns the query, sort and filters; every change re-runs the search in a worker."""

    COMMANDS = {ParleyCommands}
    BINDINGS = [
        Binding("ctrl+s", "cycle_sort", "Sort"),
        Binding("ctrl+f", "toggle_facets", "Facets"),
        Binding("ctrl+l", "clear_filters", "Clear filters"),
        Binding("ctrl+y", "accept_suggestion", "Did you mean"),
        Binding("ctrl+r", "reindex", "Reindex"),
        Binding("slash,escape", "focus_search", "Search", show=False),
    ]

    sort: reactive[Sort] = reactive("relevance", init=False)
    filters: reactive[Filters] = reactive(Filters, init=False)
    show_facets: reactive[bool] = reactive(True)

    @dataclass
    class Searched(Message):
        """A search finished and is still the latest one."""

        result: SearchResult

    @dataclass
    class SearchFailed(Message):
        """The latest search could not run; ``reason`` is one line for the status line."""

        reason: str

    def __init__(self, index: SearchIndex, index_dir: Path, history: History, timings: bool = True) -> None:
        super().__init__()
        self.index, self.index_dir, self.history, self.timings = index, index_dir, history, timings
        self.query_text = ""
        self.suggested: str | None = None
        self.shown_request: SearchRequest | None = None
        self._asked: SearchRequest | None = None  # the newest search asked for
        self._queued: SearchRequest | None = None  # asked for while another was running
        self._searching = False
        self._collect: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SearchBar(self.history, id="search-bar")
        yield ChipBar(id="chips")
        with Horizontal(id="main"):
            with Vertical(id="results-column"):
                yield Suggestion(id="suggestion")
                yield ResultsList(id="results")
            yield FacetPanel(id="facets")
        yield Timeline(id="timeline")
        yield StatusLine(self.timings, id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_facets = self.app.size.width >= NARROW
        self.query_one(ChipBar).display = False
        self.query_one(SearchBar).focus()
        self.run_search()

    def run_search(self, again: bool = False, limit: int | None = None) -> None:
        """Search for the query, filters and sort now in place: at once when no search is
        running, else as soon as the running one ends, whose results are dropped as stale.

        So a search starts on the first keystroke, with no timer to wait out, and a burst of
        keystrokes folds into one search, never into threads that compete for the GIL.
        ``again``: run even the search asked for last (the index has changed). ``limit``: how
        many hits to fetch; a new query, filter or sort starts again from a page of them."""
        request = self.filters.request(self.query_text, self.sort, limit or self.query_one(ResultsList).page)
        if request == self._asked and not again:
            return
        self._asked = request
        if self._searching:
            self._queued = request
        else:
            self._searching = True
            self._search(request)

    def _start_queued(self) -> bool:
        """A search ended: start the one asked for meanwhile, if any (True: what ended is stale)."""
        queued, self._queued = self._queued, None
        self._searching = queued is not None
        if queued is not None:
            self._search(queued)
        return queued is not None

    @work(thread=True, exclusive=True, group="search")
    def _search(self, request: SearchRequest) -> None:
        """Blocking index call, one at a time (see ``run_search``)."""
        try:
            outcome: Message = self.Searched(self.index.search(request))
        except (QueryError, SchemaMismatch, IndexDamaged, IndexMissing, OSError) as exc:
            outcome = self.SearchFailed(str(exc) or type(exc).__name__)
        if not get_current_worker().is_cancelled:
            self.post_message(outcome)

    @on(Searched)
    def _show(self, event: Searched) -> None:
        if self._start_queued():
            return
        result = event.result
        suggested = result.suggestion if result.total == 0 else None
        if (suggested is None) != (self.suggested is None):
            self.refresh_bindings()  # "Did you mean" is dimmed without a suggestion
        self.suggested = suggested
        self.query_one(ResultsList).show(result, keep=_same_search(result.request, self.shown_request))
        self.shown_request = result.request
        self.query_one(Suggestion).show(result.request.query, result.total, result.suggestion)
        self.query_one(FacetPanel).show(result.facets, self.filters)
        self.query_one(Timeline).show(result.facets)
        self.query_one(StatusLine).show_result(result, SORT_LABELS[self.sort], self.filters.describe())
        self._collect_when_quiet()

    def _collect_when_quiet(self) -> None:
        """Collect garbage once these results have been on screen a while (see tui.garbage)."""
        if self._collect is not None:
            self._collect.stop()
        self._collect = self.set_timer(QUIET, collect_and_freeze)

    @on(SearchFailed)
    def _fail(self, event: SearchFailed) -> None:
        if self._start_queued():
            return
        self.query_one(StatusLine).show_error(event.reason)

    @on(SearchBar.Search)
    def _query(self, event: SearchBar.Search) -> None:
        self.query_text = event.query
        self.run_search()  # first, so the search runs while the history file is written
        if event.submitted:
            self.history.add(event.query)
            self.query_one(ResultsList).focus()

    @on(FacetPanel.Toggled)
    @on(ChipBar.Removed)
    def _toggle(self, event: FacetPanel.Toggled | ChipBar.Removed) -> None:
        self.filters = self.filters.toggle(event.facet, event.value)

    @property
    def _shown_limit(self) -> int:
        """How many hits the list on screen asked for (more after the cursor reached its end)."""
        return (self.shown_request.limit if self.shown_request else None) or self.query_one(ResultsList).page

    @on(ResultsList.MoreWanted)
    def _more(self) -> None:
        self.run_search(limit=self._shown_limit + self.query_one(ResultsList).page)

    @on(ResultsList.Open)
    def _open(self, event: ResultsList.Open) -> None:
        self.history.add(self.query_text)
        self.app.push_screen(DocumentScreen(self.index, event.hit.id, self.filters.marking_query(self.query_text)))

    @on(Suggestion.Accept)
    def _accept(self, event: Suggestion.Accept) -> None:
        self.query_one(SearchBar).submit_query(event.query)

    async def watch_filters(self, filters: Filters) -> None:
        await self.query_one(ChipBar).show(filters)
        self.refresh_bindings()  # "Clear filters" is dimmed without any
        self.run_search()

    def watch_sort(self) -> None:
        self.run_search()

    def watch_show_facets(self, show: bool) -> None:
        self.query_one(FacetPanel).display = show

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None: shown dimmed, so the footer keeps its keys and only restyles one (see KeyFooter)
        if action == "accept_suggestion":
            return self.suggested is not None or None
        if action == "clear_filters":
            return bool(self.filters.chosen()) or None
        return True

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    def action_sort(self, sort: Sort) -> None:
        self.sort = sort

    def action_toggle_facets(self) -> None:
        self.show_facets = not self.show_facets

    def action_clear_filters(self) -> None:
        self.filters = Filters()

    def action_accept_suggestion(self) -> None:
        if self.suggested:
            self.post_message(Suggestion.Accept(self.suggested))

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_reindex(self) -> None:
        self.query_one(StatusLine).show_job("reindexing…")
        self._reindex()

    @work(thread=True, exclusive=True, group="update")
    def _reindex(self) -> None:
        run_update(self, self.index_dir)

    @on(UpdateProgress)
    def _progress(self, event: UpdateProgress) -> None:
        self.query_one(StatusLine).show_job(f"reindexing {event.done}/{event.total} files")

    @on(UpdateFinished)
    def _updated(self, event: UpdateFinished) -> None:
        self.query_one(StatusLine).show_job(f"reindex failed: {event.error}" if event.error else f"reindexed: {event.summary}")
        self.run_search(again=True, limit=self._shown_limit)  # the hits fetched so far stay listed


def _same_search(request: SearchRequest, shown: SearchRequest | None) -> bool:
    """The same query, filters and sort as the results on screen, perhaps for more hits."""
    return shown is not None and replace(request, limit=None) == replace(shown, limit=None)
