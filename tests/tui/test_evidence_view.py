"""The passage behind every value in the TUI: the page around the article on `b`, each value's
sentence on `e` (Enter marks all its passages), and a chip's value marked in the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.reindex import update_index
from tui.app import ParleyApp
from tui.screens.document import DocumentScreen
from tui.screens.evidence import EvidenceScreen
from tui.widgets.facet_panel import FacetPanel
from tui.widgets.results_list import ResultsList

PAGE = (
    "Skip to content\n"
    "[Home](https://example.org/) [World](https://example.org/world) [Sport](https://example.org/sport)\n"
    "\n"
    "Envoys meet in Geneva for a third round\n"
    "\n"
    "Russian Foreign Minister Sergei Lavrov said on Monday that Moscow would not accept the plan.\n"
    "Ukraine's foreign ministry said the talks in Geneva would go on after the ceasefire broke down.\n"
    "Lavrov added that the Kremlin saw no reason to hurry.\n"
    "\n"
    "Sign up for our newsletter to get the latest news in your inbox every morning.\n"
    "© 2026 Example News. All rights reserved.\n"
)


@pytest.fixture
def page_index(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "geneva.txt").write_text(PAGE, "utf-8")
    update_index(tmp_path / "index", [tmp_path / "pages"])
    return tmp_path / "index"


def test_b_shows_the_page_around_the_article_and_hides_it_again(drive, page_index: Path) -> None:
    async def scenario(ui) -> None:
        await ui.search("ceasefire")
        await ui.press("enter")
        assert isinstance(ui.app.screen, DocumentScreen)
        assert "newsletter" not in ui.text("#body-text") and "ceasefire" in ui.text("#body-text")
        await ui.press("b")
        whole = ui.text("#body-text")
        assert "Skip to content" in whole and "newsletter" in whole and "ceasefire" in whole
        assert ui.text("#doc-status").startswith("hit 1/1 "), "the hit is still marked in the whole page"
        await ui.press("b")
        assert "newsletter" not in ui.text("#body-text")

    drive(ParleyApp(page_index), scenario)


def test_e_lists_each_value_with_its_sentence_and_enter_marks_its_passages(drive, page_index: Path) -> None:
    async def scenario(ui) -> None:
        await ui.search("ceasefire")
        await ui.press("enter")
        await ui.press("e")
        assert isinstance(ui.app.screen, EvidenceScreen)
        listed = ui.text("#evidence-list")
        assert "Sergey Lavrov" in listed and "Sergei Lavrov said on Monday" in listed
        options = ui.app.screen.query_one("#evidence-list")
        lavrov = next(i for i in range(options.option_count) if "Sergey Lavrov" in str(options.get_option_at_index(i).prompt))
        options.highlighted = lavrov
        await ui.press("enter")
        assert isinstance(ui.app.screen, DocumentScreen)
        status = ui.text("#doc-status")
        assert status.startswith("hit 1/2 of person:") and "Sergey Lavrov" in status

    drive(ParleyApp(page_index), scenario)


def test_an_article_opened_under_a_chip_has_that_values_passages_marked(drive, page_index: Path) -> None:
    async def scenario(ui) -> None:
        await ui.search("geneva")
        panel = ui.app.screen.query_one(FacetPanel)
        panel.focus()
        await ui.press("home")
        while panel.cursor < panel.index_of("parties", "Russia"):
            await ui.press("down")
        await ui.press("enter")
        ui.app.screen.query_one(ResultsList).focus()
        await ui.press("enter")
        assert isinstance(ui.app.screen, DocumentScreen)
        assert 'party:"Russia"' in ui.text("#doc-status")

    drive(ParleyApp(page_index), scenario)


def test_a_long_sentence_is_shown_around_its_evidence_ending_on_a_whole_word() -> None:
    from tui.text import passage

    text = "word " * 100 + "Lavrov said " + "more words here " * 30 + "."
    shown = passage(text, 500, 506).plain
    assert "Lavrov said" in shown and len(shown) < 200
    assert shown.endswith("…") and shown[:-1].split()[-1] in {"more", "words", "here"}, "no word cut in half"
