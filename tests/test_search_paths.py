"""The search's fast paths give exactly what the plain way gives: fuzzy terms expanded from a
cached vocabulary, NOT answered as a mask, totals from document sets, facets counted from
per-document columns (or from their complement, past half the index)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from whoosh.query import FuzzyTerm

from indexer.engine.query import Vocabulary, make_parser, parse_user_query
from indexer.engine.store import open_existing
from indexer.reindex import update_index
from indexer.search import UNKNOWN, Hit, SearchIndex, SearchRequest, open_index

OUTLETS = ("Reuters", "Newsweek", "The Week", "")
PLACES = ("Crimea", "Donbas", "Kherson", "Mariupol", "Bakhmut")
PEOPLE = ("Zelensky", "Putin", "Lavrov")
PARTIES = ("NATO", "Russia", "Ukraine", "the European Union", "the United States")


def record(number: int) -> dict[str, str]:
    """An article whose outlet, date and named places and parties vary with ``number``."""
    body = (
        f"Talks in {PLACES[number % 5]} and {PLACES[number % 3]} went on. "
        f"{PARTIES[number % 5]} and {PARTIES[number % 4]} spoke of a ceasefire and of sanctions, "
        f"said {PEOPLE[number % 3]} "
        f"{'and oil prices' if number % 2 else 'and a negotiated peace'}."
    )
    item = {"id": f"a{number}", "title": f"Report {number}", "body": body, "source": OUTLETS[number % 4]}
    if number % 7:
        item["date"] = f"{2023 + number % 2}-{1 + number % 12:02d}-{1 + number % 28:02d}"
    return item


def write_feed(path: Path, numbers: range) -> None:
    path.write_text("".join(json.dumps(record(n)) + "\n" for n in numbers), encoding="utf-8")


@pytest.fixture(scope="module")
def feed_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """60 articles indexed, then 12 of them removed and 6 undated ones added by a reindex
    (so documents are deleted, and a segment has no dates at all)."""
    root = tmp_path_factory.mktemp("feed")
    feed, undated = root / "feed.jsonl", root / "undated.jsonl"
    write_feed(feed, range(60))
    update_index(root / "index", [feed])
    write_feed(feed, range(12, 60))
    undated.write_text("".join(json.dumps(record(n) | {"date": ""}) + "\n" for n in range(60, 66)), encoding="utf-8")
    update_index(root / "index", [feed, undated])
    index = open_index(root / "index")
    yield index
    index.close()


def facet_values(hit: Hit) -> dict[str, tuple[str, ...]]:
    month = hit.date.strftime("%Y-%m") if hit.date else UNKNOWN
    return {
        "source": (hit.source or UNKNOWN,),
        "parties": hit.parties,
        "people": hit.people,
        "places": hit.places,
        "year": (month[:4] if hit.date else UNKNOWN,),
        "month": (month,),
    }


FILTER_OF = {"source": "sources", "parties": "parties", "people": "people", "places": "places",
             "year": "years", "month": "months"}


def brute_force_counts(index: SearchIndex, request: SearchRequest, facet: str) -> Counter[str]:
    """Count a facet from every hit of the request without that facet's own filter."""
    unfiltered = replace(request, **{FILTER_OF[facet]: ()}, limit=None, facets=False, highlight=False)
    return Counter(v for hit in index.search(unfiltered).hits for v in facet_values(hit)[facet])


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(),  # everything: counted as the complement of nothing
        SearchRequest(query="ceasefire"),  # every live article
        SearchRequest(query="oil"),  # half of them: counted directly
        SearchRequest(query="peace NOT oil"),
        SearchRequest(query="ceasefire", sources=("Reuters", "Newsweek")),
        SearchRequest(query="sanctions", places=("Crimea",), years=("2024",)),
        SearchRequest(months=("2023-03", "2024-02"), parties=("NATO",)),
        SearchRequest(query="sanctions", until=date(2023, 6, 30)),
    ],
    ids=repr,
)
def test_facet_counts_equal_a_brute_force_count(feed_index: SearchIndex, request_: SearchRequest) -> None:
    facets = feed_index.search(request_).facets
    for name in FILTER_OF:
        assert {v.value: v.count for v in getattr(facets, name)} == brute_force_counts(feed_index, request_, name), name
    assert facets.source and facets.places and facets.parties and facets.people


def test_deleted_articles_are_neither_found_nor_counted(feed_index: SearchIndex) -> None:
    everything = feed_index.search(SearchRequest(limit=None))
    assert everything.total == len(everything.hits) == 54
    assert not {h.id for h in everything.hits} & {f"a{n}" for n in range(12)}
    assert sum(v.count for v in everything.facets.source) == 54


@pytest.mark.parametrize("query", ["sanctions NOT oil", "ceasefire NOT (oil OR Donbas)", "peace NOT Putin NOT Crimea"])
def test_not_ranks_as_its_positive_part_less_the_excluded(feed_index: SearchIndex, query: str) -> None:
    positive, _, excluded = query.partition(" NOT ")
    dropped = {h.id for h in feed_index.search(SearchRequest(query=excluded.replace(" NOT ", " OR "), limit=None)).hits}
    expected = [h.id for h in feed_index.search(SearchRequest(query=positive, limit=None)).hits if h.id not in dropped]
    result = feed_index.search(SearchRequest(query=query, limit=None))
    assert [h.id for h in result.hits] == expected and result.total == len(expected) > 0
    assert [h.id for h in feed_index.search(SearchRequest(query=query, limit=3, facets=False)).hits] == expected[:3]


def test_filters_that_leave_nothing_give_no_hits(feed_index: SearchIndex) -> None:
    """Whoosh reads an empty filter set as no filter at all: such a search listed hits
    while its total said 0."""
    for request in (SearchRequest(query="ceasefire", until=date(1990, 1, 1)),
                    SearchRequest(query="oil", sources=("Reuters",), places=("Nowhere",), facets=False)):
        result = feed_index.search(request)
        assert result.total == 0 and result.hits == ()


@pytest.mark.parametrize(
    ("field", "word", "maxdist"),
    [("body", "witkof", 1), ("body", "zelenskiy", 2), ("body", "negotiat", 2), ("title", "rusia", 1), ("body", "x", 2)],
)
def test_fuzzy_vocabulary_finds_what_whoosh_automaton_finds(seed_index: Path, field: str, word: str, maxdist: int) -> None:
    with open_existing(seed_index).reader() as reader:
        assert reader.is_atomic()  # one segment: Whoosh expands with its Levenshtein automaton
        whoosh_words = sorted(reader.terms_within(field, word, maxdist, prefix=1))
        ours = Vocabulary(reader).within(FuzzyTerm(field, word, maxdist=maxdist, prefixlength=1))
        assert ours == sorted(whoosh_words, key=lambda w: -reader.doc_frequency(field, w))
    assert ours or word == "x"


def test_date_sorts_follow_the_dates_both_ways_and_within_filters(feed_index: SearchIndex) -> None:
    for request in (SearchRequest(), SearchRequest(query="sanctions NOT oil"), SearchRequest(sources=("Reuters",))):
        oldest = feed_index.search(replace(request, sort="date", limit=None)).hits
        newest = feed_index.search(replace(request, sort="-date", limit=None)).hits
        dated = [h.date for h in oldest if h.date]
        undated = [h.date is None for h in oldest]
        assert dated == sorted(dated) and any(undated) and undated in (sorted(undated), sorted(undated, reverse=True))
        assert [h.id for h in newest] == [h.id for h in reversed(oldest)]
        assert {h.id for h in newest} == {h.id for h in feed_index.search(replace(request, limit=None)).hits}
        assert [h.id for h in feed_index.search(replace(request, sort="-date", limit=4)).hits] == [h.id for h in newest[:4]]


def test_a_document_marks_fuzzy_words_as_its_search_does(seeds: SearchIndex) -> None:
    """Both expand fuzzy terms the same way; Whoosh's own automaton failed on an empty word."""
    hit = seeds.search(SearchRequest(query="Witkof~")).hits[0]
    assert seeds.document(hit.id, "Witkof~").highlights == hit.highlights != ()
    assert seeds.document(hit.id, "source::~") is not None


@pytest.mark.parametrize(
    ("query", "filtered"),
    [
        ("ceasefire source:reuters", SearchRequest(query="ceasefire", sources=("Reuters",))),
        ("sanctions party:nato place:crimea", SearchRequest(query="sanctions", parties=("NATO",), places=("Crimea",))),
        ("oil person:putin NOT Kherson", SearchRequest(query="oil NOT Kherson", people=("Putin",))),
    ],
)
def test_outlet_and_name_terms_filter_like_the_facet_filters(feed_index: SearchIndex, query: str, filtered: SearchRequest) -> None:
    """Such a term scores 1.0 in every document it is in, so it is applied as a filter: the
    same hits in the same order, with the same scores, as the words under that filter."""
    typed = feed_index.search(SearchRequest(query=query, limit=None, facets=False))
    chosen = feed_index.search(replace(filtered, limit=None, facets=False))
    assert [(h.id, h.score) for h in typed.hits] == [(h.id, h.score) for h in chosen.hits]
    assert typed.total == chosen.total > 0


@pytest.mark.parametrize("words", [("sanctions", "oil", "peace"), ("ceasefire", "Crimea", "Putin", "Lavrov")])
def test_an_or_of_words_scores_each_article_by_the_sum_of_its_words(feed_index: SearchIndex, words: tuple[str, ...]) -> None:
    """An OR of several words (or a fuzzy word's expansions) is ranked by adding up each
    word's own score, without Whoosh's matcher tree: checked against single-word searches."""
    alone = [{h.id: h.score for h in feed_index.search(SearchRequest(query=w, limit=None)).hits} for w in words]
    result = feed_index.search(SearchRequest(query=" OR ".join(words), limit=None))
    assert result.total == len(result.hits) == len(set().union(*alone))
    for hit in result.hits:
        assert hit.score == pytest.approx(sum(scores.get(hit.id, 0.0) for scores in alone), abs=1e-3)
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    top = feed_index.search(SearchRequest(query=" OR ".join(words), limit=3, facets=False)).hits
    assert [h.id for h in top] == [h.id for h in result.hits[:3]]



@pytest.mark.parametrize("text", ['"oil prices"', '"negotiated peace" OR sanctions', '"said Putin" OR "said Lavrov" OR Crimea'])
def test_phrases_rank_and_count_as_whoosh_ranks_and_counts_them(feed_index: SearchIndex, text: str) -> None:
    """A phrase, or an OR with one, is scored in one pass that also gives its documents:
    the same hits, order and scores as Whoosh's own search."""
    with open_existing(feed_index.path).searcher() as searcher:
        q = parse_user_query(make_parser(searcher.schema), text)
        expected = [(searcher.stored_fields(h.docnum)["id"], round(h.score, 4)) for h in searcher.search(q, limit=None)]
    result = feed_index.search(SearchRequest(query=text, limit=None, facets=False))
    assert [(h.id, h.score) for h in result.hits] == expected
    assert result.total == len(expected) > 0
    assert feed_index.search(SearchRequest(query=text, limit=2)).total == result.total
