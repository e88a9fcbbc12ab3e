"""The search view as a user meets it: typing, facets and chips, sort, suggestions, errors."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from indexer.reindex import update_index
from indexer.search import SearchIndex, SearchRequest, open_index
from tui.app import ParleyApp
from tui.garbage import QUIET, collect_if_piled
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.widgets.chips import Chip
from tui.widgets.facet_panel import FacetPanel
from tui.screens.document import DocumentScreen
from tui.widgets.results_list import FRAGMENTS, SHORTEST_HIT, ResultsList
from tui.widgets.search_bar import SearchBar

NO_FLY = '"no-fly zone"'


def titles(ui) -> list[str]:
    return [hit.title for hit in ui.app.screen.query_one(ResultsList).shown]


def test_typing_shows_the_best_hit_first_without_pressing_enter(drive, seed_index: Path, seeds: SearchIndex) -> None:
    expected = seeds.search(SearchRequest(query=NO_FLY)).hits[0]

    async def scenario(ui) -> None:
        await ui.search(NO_FLY, submit=False)
        assert titles(ui)[0] == expected.title
        assert expected.title[:40] in ui.text(ResultsList)
        assert ui.text("#status-summary").startswith("1 hit · ")
        assert ui.app.focused is ui.app.screen.query_one(SearchBar)  # still typing

    drive(ParleyApp(seed_index), scenario)


def test_a_burst_of_keystrokes_folds_into_one_more_search_and_shows_the_last_query(
    drive, seed_index: Path, seeds: SearchIndex
) -> None:
    query = "peace negotiations"
    searched: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, SearchScreen.Searched) and message.result.request.query not in searched[-1:]:
            searched.append(message.result.request.query)

    async def scenario(ui) -> None:
        await ui.search("")
        searched.clear()
        bar = ui.app.screen.query_one(SearchBar)
        for end in range(1, len(query) + 1):  # faster than any typist: no pause between keys
            bar.value = query[:end]
        await ui.settle()
        assert searched == [query[0], query]  # the first key's search, then the last state
        assert titles(ui) == expected

    expected = [hit.title for hit in seeds.search(SearchRequest(query=query, limit=20)).hits]
    assert expected
    drive(ParleyApp(seed_index), scenario, hook=hook)


def test_a_facet_value_narrows_the_hits_and_refreshes_counts_and_choosing_it_again_drops_it(
    drive, seed_index: Path, seeds: SearchIndex
) -> None:
    everything = seeds.search(SearchRequest(limit=None))
    outlet = seeds.search(SearchRequest(query=NO_FLY)).hits[0].source
    narrowed = seeds.search(SearchRequest(sources=(outlet,), limit=None))
    top_party = narrowed.facets.parties[0]

    async def choose(ui, facet: str, value: str) -> None:
        panel = ui.app.screen.query_one(FacetPanel)
        panel.focus()
        panel.cursor = panel.index_of(facet, value)
        await ui.press("enter")

    async def scenario(ui) -> None:
        assert len(titles(ui)) == everything.total
        await choose(ui, "source", outlet)
        assert len(titles(ui)) == narrowed.total < everything.total
        assert [chip.value for chip in ui.app.screen.query(Chip)] == [outlet]
        assert f"{top_party.value}" in ui.text(FacetPanel)
        party_line = next(line for line in ui.text(FacetPanel).splitlines() if top_party.value in line)
        assert party_line.split()[-1] == str(top_party.count)
        assert f"filters: outlet={outlet}" in ui.text("#status-summary")
        await choose(ui, "source", outlet)
        assert len(titles(ui)) == everything.total
        assert not ui.app.screen.query(Chip)

    drive(ParleyApp(seed_index), scenario)


def test_two_values_of_one_facet_or_together_and_a_chip_click_removes_its_filter(
    drive, seed_index: Path, seeds: SearchIndex
) -> None:
    first, second = (v.value for v in seeds.search(SearchRequest()).facets.source[:2])
    both = seeds.search(SearchRequest(sources=(first, second))).total

    async def scenario(ui) -> None:
        panel = ui.app.screen.query_one(FacetPanel)
        for value in (first, second):
            panel.focus()
            panel.cursor = panel.index_of("source", value)
            await ui.press("enter")
        assert len(titles(ui)) == both
        await ui.pilot.click(ui.app.screen.query(Chip).first())
        await ui.settle()
        assert [chip.value for chip in ui.app.screen.query(Chip)] == [second]

    drive(ParleyApp(seed_index), scenario)


def test_sort_key_cycles_relevance_newest_oldest(drive, seed_index: Path, seeds: SearchIndex) -> None:
    newest = seeds.search(SearchRequest(query="peace", sort="-date")).hits[0].title
    oldest = seeds.search(SearchRequest(query="peace", sort="date")).hits[0].title

    async def scenario(ui) -> None:
        await ui.search("peace")
        await ui.press("ctrl+s")
        assert "sort: newest" in ui.text("#status-summary") and titles(ui)[0] == newest
        await ui.press("ctrl+s")
        assert "sort: oldest" in ui.text("#status-summary") and titles(ui)[0] == oldest
        await ui.press("ctrl+s")
        assert "sort: relevance" in ui.text("#status-summary")

    drive(ParleyApp(seed_index), scenario)


def test_zero_hits_offers_the_suggestion_and_one_key_accepts_it(drive, seed_index: Path, seeds: SearchIndex) -> None:
    suggestion = seeds.search(SearchRequest(query="ukrane")).suggestion
    assert suggestion

    async def scenario(ui) -> None:
        await ui.search("ukrane")
        assert not titles(ui)
        assert f"Did you mean {suggestion}?" in ui.text("#suggestion")
        await ui.press("ctrl+y")
        assert ui.app.screen.query_one(SearchBar).value == suggestion
        await ui.settle()
        assert titles(ui) and not ui.app.screen.query_one("#suggestion").display

    drive(ParleyApp(seed_index), scenario)


def test_the_footer_offers_did_you_mean_only_with_a_suggestion_and_clear_filters_only_with_a_filter(
    drive, seed_index: Path, seeds: SearchIndex
) -> None:
    """Each is dimmed without, and lit in place with: the footer keeps the same keys."""
    outlet = seeds.search(SearchRequest(query=NO_FLY)).hits[0].source

    def keys(ui) -> dict[str, bool]:
        """Footer key descriptions, each with whether it is enabled (not dimmed)."""
        return {key.description: not key.has_class("-disabled") for key in ui.app.screen.query("KeyFooter FooterKey")}

    async def scenario(ui) -> None:
        assert keys(ui)["Did you mean"] is False and keys(ui)["Clear filters"] is False
        footer_keys = list(ui.app.screen.query("KeyFooter FooterKey"))
        await ui.search("ukrane")
        assert keys(ui)["Did you mean"] is True
        assert list(ui.app.screen.query("KeyFooter FooterKey")) == footer_keys, "restyled, not rebuilt"
        await ui.search(NO_FLY)  # Enter moves focus to the hits; the footer follows both changes
        assert keys(ui)["Did you mean"] is False
        panel = ui.app.screen.query_one(FacetPanel)
        panel.focus()
        panel.cursor = panel.index_of("source", outlet)
        await ui.press("enter")
        assert keys(ui)["Clear filters"] is True

    drive(ParleyApp(seed_index), scenario)


def test_a_malformed_query_shows_one_line_in_the_status_line(drive, seed_index: Path) -> None:
    async def scenario(ui) -> None:
        await ui.search("title:((")
        status = ui.text("#status-summary")
        assert "unbalanced" in status and "Traceback" not in status

    drive(ParleyApp(seed_index), scenario)


def test_facet_panel_starts_hidden_at_80x24_and_toggles(drive, seed_index: Path) -> None:
    async def scenario(ui) -> None:
        panel, results = ui.app.screen.query_one(FacetPanel), ui.app.screen.query_one(ResultsList)
        assert not panel.display and results.size.width >= 78  # the hits get the whole width
        full = results.size.width
        await ui.press("ctrl+f")
        assert panel.display and results.size.width < full
        assert "Outlet" in ui.text(FacetPanel)
        await ui.press("ctrl+f")
        assert not panel.display and results.size.width == full

    drive(ParleyApp(seed_index), scenario, size=(80, 24))


def test_palette_sorts_by_newest_and_help_opens_and_closes(drive, seed_index: Path) -> None:
    async def scenario(ui) -> None:
        await ui.press("ctrl+p")
        await ui.pilot.press(*"sort by newest")
        await ui.pilot.pause(0.3)
        await ui.press("enter")
        assert "sort: newest" in ui.text("#status-summary")
        await ui.press("f1")
        assert isinstance(ui.app.screen, HelpScreen)
        await ui.press("escape")
        assert not isinstance(ui.app.screen, HelpScreen)

    drive(ParleyApp(seed_index), scenario)


def test_choosing_a_year_lists_its_months_and_the_timeline_names_the_peak(
    drive, seed_index: Path, seeds: SearchIndex
) -> None:
    everything = seeds.search(SearchRequest())
    year = max(everything.facets.year, key=lambda v: v.count).value
    months = seeds.search(SearchRequest(years=(year,))).facets.month
    peak = max(everything.facets.month, key=lambda v: v.count)

    async def scenario(ui) -> None:
        assert f"peak {peak.value} ({peak.count})" in ui.text("#timeline-caption")
        panel = ui.app.screen.query_one(FacetPanel)
        assert "Month" not in ui.text(FacetPanel)
        panel.focus()
        panel.cursor = panel.index_of("year", year)
        await ui.press("enter")
        assert {m.value for m in months} <= {row.value.value for row in panel.rows if row.facet == "month" and row.value}
        assert "Month" in ui.text(FacetPanel)

    drive(ParleyApp(seed_index), scenario)


def test_garbage_is_collected_when_quiet_not_by_cpython_while_the_app_runs(drive, seed_index: Path) -> None:
    """CPython's own collections are held while the app runs; the app collects once results
    have been on screen a while, freezing the survivors, and hands collection back on exit."""

    async def scenario(ui) -> None:
        assert not gc.isenabled()
        gc.unfreeze()
        await ui.search(NO_FLY)
        await ui.pilot.pause(QUIET + 0.3)
        assert gc.get_freeze_count() > 0  # the next collection walks only what is new

    assert gc.isenabled()
    drive(ParleyApp(seed_index), scenario)
    assert gc.isenabled()


def test_the_backstop_collects_cycles_once_they_pile_up() -> None:
    """Even while the user keeps the app busy, garbage cannot grow without bound."""

    class Node:
        pass

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        assert not collect_if_piled(limit=1000)
        cycle = Node()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        del cycle
        piled = [[n] for n in range(2000)]
        assert gone() is not None, "a cycle outlives its last reference until collected"
        assert collect_if_piled(limit=1000) and gone() is None
        assert not collect_if_piled(limit=1000)
        del piled
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def talks_index(tmp_path: Path, count: int) -> tuple[Path, list[str]]:
    """An index of ``count`` short articles that all match "talks", and their titles in rank order."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for number in range(count):
        (articles / f"{number:02}.txt").write_text(f"Talks round {number}\nCeasefire talks, round {number}.\n", "utf-8")
    update_index(tmp_path / "index", [articles])
    index = open_index(tmp_path / "index")
    expected = [hit.title for hit in index.search(SearchRequest(query="talks", limit=None)).hits]
    index.close()
    return tmp_path / "index", expected


def test_reaching_the_last_hit_fetches_the_next_ones_and_keeps_the_cursor_in_place(drive, tmp_path: Path) -> None:
    """A search fetches a page of hits: as many as the list could show, plus one. Moving onto
    the last one shown fetches a page more, in the same order, with the cursor still on the
    hit it was on, until every hit is listed."""
    index_dir, expected = talks_index(tmp_path, 45)

    async def scenario(ui) -> None:
        await ui.search("talks")
        results = ui.app.screen.query_one(ResultsList)
        page = results.page
        assert page * SHORTEST_HIT > results.size.height and page < 20
        assert titles(ui) == expected[:page] and f"(first {page} shown)" in ui.text("#status-summary")
        await ui.press(*["down"] * (page - 2))
        assert len(titles(ui)) == page  # on the one before the last: nothing fetched yet
        await ui.press("down")  # onto the last
        assert titles(ui) == expected[:2 * page]
        assert results.current.title == expected[page - 1]
        await ui.press(*["down"] * (45 - page))
        assert titles(ui) == expected and "shown" not in ui.text("#status-summary")
        await ui.press("ctrl+r")  # a reindex searches again: every hit stays, and the cursor
        assert "reindexed" in ui.text("#status-job")
        assert titles(ui) == expected
        assert results.current.title == expected[-1]

    drive(ParleyApp(index_dir), scenario)


def test_a_taller_window_fetches_the_hits_that_fill_it(drive, tmp_path: Path) -> None:
    index_dir, expected = talks_index(tmp_path, 45)

    async def scenario(ui) -> None:
        await ui.search("talks")
        results = ui.app.screen.query_one(ResultsList)
        before = len(titles(ui))
        await ui.pilot.resize_terminal(100, 80)
        await ui.settle()
        assert len(titles(ui)) > before and titles(ui) == expected[:len(titles(ui))]
        assert results.virtual_size.height >= results.size.height, "the list is full"

    drive(ParleyApp(index_dir), scenario, size=(100, 30))


def test_clicks_choose_a_facet_value_and_open_a_hit_and_keys_page_through_the_lists(
    drive, seed_index: Path, seeds: SearchIndex
) -> None:
    everything = seeds.search(SearchRequest(limit=None))
    outlet = everything.facets.source[0]

    async def scenario(ui) -> None:
        panel, results = ui.app.screen.query_one(FacetPanel), ui.app.screen.query_one(ResultsList)
        first, second = results.shown[:2]
        title_line = 2 + min(len(first.snippet), FRAGMENTS) + 1  # the first hit's lines and rule
        await ui.pilot.click(ResultsList, offset=(4, title_line - results.scroll_offset.y))
        await ui.settle()
        assert isinstance(ui.app.screen, DocumentScreen) and second.title[:30] in ui.text("#doc-header")
        await ui.press("escape")
        panel.focus()
        await ui.press("end")
        assert panel.cursor == max(i for i, row in enumerate(panel.rows) if row.value), "the last value"
        await ui.press("home")
        assert panel.cursor == 1, "the first value, not the heading above it"
        await ui.press("pagedown")
        assert panel.cursor > 1 and panel.rows[panel.cursor].value is not None
        await ui.press("home")
        row = panel.index_of("source", outlet.value)
        await ui.pilot.click(FacetPanel, offset=(4, row - panel.scroll_offset.y))  # past its border and padding
        await ui.settle()
        assert [chip.value for chip in ui.app.screen.query(Chip)] == [outlet.value]
        assert len(titles(ui)) == outlet.count

    drive(ParleyApp(seed_index), scenario, size=(120, 40))


def test_the_facet_panel_scrolls_to_its_last_value_after_new_counts_change_its_length(
    drive, seed_index: Path, seeds: SearchIndex
) -> None:
    """A new list of another length that still overflows updates the scroll range and the
    scrollbar without a new layout of the screen (typing lays it out anyway, so the new
    counts come straight from a search here): End must still bring the last value into view."""

    async def scenario(ui) -> None:
        await ui.search("", submit=False)
        panel = ui.app.screen.query_one(FacetPanel)
        panel.focus()
        lengths = []
        for query in ("", "ceasefire"):
            panel.show(seeds.search(SearchRequest(query=query)).facets, ui.app.screen.filters)
            await ui.press("end")
            height = panel.scrollable_content_region.height
            lengths.append(len(panel.rows))
            assert len(panel.rows) > height, "the list overflows the panel"
            assert panel.max_scroll_y == panel.scroll_offset.y == len(panel.rows) - height
            assert panel.vertical_scrollbar.window_virtual_size == len(panel.rows)
            assert panel.rows[-1].value.value in ui.text(FacetPanel)
        assert lengths[0] != lengths[1]

    drive(ParleyApp(seed_index), scenario, size=(100, 20))
