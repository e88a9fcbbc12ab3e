"""The seeds as a user saves pages, without the hand-written catalogue: the article's own text is
what is searched, and the outlet, date and parties come from it, not from the page around it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.reindex import update_index
from indexer.search import SearchIndex, SearchRequest, open_index

from tests.paths import SEEDS

TRUTHOUT, NEWSWEEK = "000_1f1381fe34a7766b.txt", "002_aa0a90b86f733b0c.txt"


@pytest.fixture(scope="module")
def bare_seeds(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    root = tmp_path_factory.mktemp("bare")
    (root / "pages").mkdir()
    for page in SEEDS.glob("*.txt"):
        shutil.copy(page, root / "pages" / page.name)
    update_index(root / "index", [root / "pages"])
    index = open_index(root / "index")
    yield index
    index.close()


def hit_names(index: SearchIndex, query: str) -> set[str]:
    return {Path(h.path).name for h in index.search(SearchRequest(query=query, limit=None)).hits}


def document(index: SearchIndex, name: str):
    [hit] = [h for h in index.search(SearchRequest(limit=None)).hits if h.path.endswith(name)]
    return index.document(hit.id)


@pytest.mark.parametrize("word", ["Trump", "Gaza"])
def test_a_donation_appeal_below_the_article_is_not_searched(bare_seeds: SearchIndex, word: str) -> None:
    assert TRUTHOUT not in hit_names(bare_seeds, word)
    doc = document(bare_seeds, TRUTHOUT)
    assert word in doc.full_text and "Israel" not in doc.parties and "Donald Trump" not in doc.people


@pytest.mark.parametrize("word", ["Amtrak", "Tennessee"])
def test_a_trending_sidebar_is_not_searched(bare_seeds: SearchIndex, word: str) -> None:
    assert NEWSWEEK not in hit_names(bare_seeds, word)
    doc = document(bare_seeds, NEWSWEEK)
    assert word in doc.full_text and "China" not in doc.parties


def test_no_title_is_the_page_chrome(bare_seeds: SearchIndex) -> None:
    titles = [h.title for h in bare_seeds.search(SearchRequest(limit=None)).hits]
    assert len(titles) == 5 and not [t for t in titles if t.lower().startswith("skip to")]


def test_outlets_come_from_the_pages_own_evidence(bare_seeds: SearchIndex) -> None:
    assert document(bare_seeds, NEWSWEEK).source == "Newsweek"
    assert document(bare_seeds, "003_e73be56e222d0cc2.txt").source == "The Week"
    assert document(bare_seeds, TRUTHOUT).source == "Truthout"


def test_spain_named_only_as_an_outlets_nationality_is_a_mention(bare_seeds: SearchIndex) -> None:
    doc = bare_seeds.document(document(bare_seeds, NEWSWEEK).id, "party:spain")
    assert "Spain" not in doc.parties and "Spain" in doc.mentions and not doc.highlights
    marked = bare_seeds.document(doc.id, "mention:spain")
    assert {marked.body[s.start : s.end] for s in marked.highlights} == {"Spanish"}
