"""The document view: hits walked with n/N, find in document, return to the same place, and
article text that looks like markup or holds terminal escapes shown literally."""

from __future__ import annotations

from pathlib import Path

from indexer.reindex import update_index
from indexer.search import SearchIndex, SearchRequest
from tui.app import ParleyApp
from tui.screens.document import DocumentScreen
from tui.screens.search import SearchScreen
from tui.widgets.results_list import ResultsList

NO_FLY = '"no-fly zone"'
HOSTILE = "[bold]x[/] [link=http://e]y[/link] \x1b[31mred\x1b[0m \x1b]8;;http://e\x07osc\x1b]8;;\x07"


def test_enter_opens_n_walks_hits_and_escape_keeps_the_selection(drive, seed_index: Path, seeds: SearchIndex) -> None:
    async def scenario(ui) -> None:
        await ui.search("Ukraine")
        results = ui.app.screen.query_one(ResultsList)
        await ui.press("j")
        chosen = results.current.id
        assert chosen == results.shown[1].id
        total = len(seeds.document(chosen, "Ukraine").highlights)
        assert total > 2
        scroll = results.scroll_y
        await ui.press("enter")
        assert isinstance(ui.app.screen, DocumentScreen)
        assert ui.text("#doc-status").startswith(f"hit 1/{total} ")
        await ui.press("n")
        assert ui.text("#doc-status").startswith(f"hit 2/{total} ")
        await ui.press("N", "N")
        assert ui.text("#doc-status").startswith(f"hit {total}/{total} ")  # wraps around
        await ui.press("escape")
        assert isinstance(ui.app.screen, SearchScreen)
        assert results.current.id == chosen and results.scroll_y == scroll

    drive(ParleyApp(seed_index), scenario)


def test_n_scrolls_a_far_hit_into_view(drive, seed_index: Path, seeds: SearchIndex) -> None:
    async def scenario(ui) -> None:
        await ui.search("peace")
        results = ui.app.screen.query_one(ResultsList)
        longest = max(range(len(results.shown)), key=lambda i: len(seeds.document(results.shown[i].id).body))
        await ui.press(*["j"] * longest)
        doc = seeds.document(results.current.id, "peace")
        await ui.press("enter")
        await ui.press("N")  # from the first hit back round to the last, near the end
        body = ui.app.screen.query_one("#doc-body")
        assert body.scroll_y > 0
        last = doc.highlights[-1]
        shown = ui.text("#body-text", top=round(body.scroll_y), height=body.size.height)
        context = doc.body[max(0, last.start - 40) : last.end]  # the hit with words before it
        assert " ".join(context.split()) in " ".join(shown.split())

    drive(ParleyApp(seed_index), scenario)


def test_slash_finds_within_the_document(drive, seed_index: Path, seeds: SearchIndex) -> None:
    hit = seeds.search(SearchRequest(query=NO_FLY)).hits[0]
    total = len(seeds.document(hit.id, "ukraine").highlights)

    async def scenario(ui) -> None:
        await ui.search(NO_FLY)
        await ui.press("enter")
        await ui.press("slash", "ctrl+u", *"ukraine", "enter")
        assert ui.text("#doc-status").startswith(f"hit 1/{total} of ukraine")

    drive(ParleyApp(seed_index), scenario)


def test_markup_and_escapes_in_an_article_render_literally(drive, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(f"Hostile {HOSTILE} title\n\nPeace talks: {HOSTILE} end.\n", "utf-8")
    update_index(tmp_path / "index", [folder])

    async def scenario(ui) -> None:
        await ui.search("peace")
        listed = ui.text(ResultsList)
        assert "[bold]x[/]" in listed and "\x1b" not in listed
        await ui.press("enter")
        body, header = ui.text("#body-text"), ui.text("#doc-header")
        assert "[bold]x[/] [link=http://e]y[/link]" in body and "[/]" in header
        assert "␛[31mred" in body and "\x1b" not in body + header

    drive(ParleyApp(tmp_path / "index"), scenario)
