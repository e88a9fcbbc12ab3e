"""The shipped name and outlet data on real text: the tricky cases, and the measured targets."""

from __future__ import annotations

import json

import pytest

from bench.eval_metadata import CORPORA, LABELS, evaluate, load_articles
from indexer.article import Article
from indexer.enrich import enrich
from indexer.gazetteer import default_names
from indexer.outlets import default_outlets
from indexer.search import SearchIndex, SearchRequest


def tagged(body: str, **fields) -> Article:
    return enrich(Article(id="x", path="x", title="", body=body, **fields), default_names(), default_outlets())


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Ankara rejected the plan; Turkey's foreign minister spoke.", ["Turkey"]),
        ("They ate turkey and stuffing.", []),
        ("Exports to Latin America rose.", []),
        ("Real Madrid beat Valencia.", []),
        ("British Airways cut flights.", []),
        ("The Kremlin said Moscow would wait.", ["Russia"]),
        ("Lavrov met Rubio in Istanbul.", ["Russia", "United States"]),
        ("Zelenskiy and Zelensky and Zelenskyy.", ["Ukraine"]),
        ("Talks in Kiev and in Kyiv.", ["Ukraine"]),
        ("Rutte spoke for the alliance.", ["NATO"]),
        ("US and EU officials, and us.", ["European Union", "United States"]),
    ],
)
def test_parties_in_tricky_text(text: str, parties: list[str]) -> None:
    assert tagged(text).parties == parties


def test_people_and_places_with_their_variants() -> None:
    a = tagged("Sergei Lavrov said Donbass and Zaporizhia were discussed with Zelenskiy.")
    assert a.people == ["Sergey Lavrov", "Volodymyr Zelenskyy"]
    assert {"Donbas", "Zaporizhzhia"} <= set(a.places)


def test_outlets_from_urls_and_from_text() -> None:
    assert tagged("x", url="https://www.reuters.com/world/europe/x").source == "Reuters"
    assert tagged("x", url="https://news.bbc.co.uk/1/hi/x.stm").source == "BBC News"
    assert tagged("He told Reuters he would go. Reuters could not verify it.").source is None
    assert tagged("KYIV, Feb 26 (Reuters) - Talks resumed.").source == "Reuters"


@pytest.mark.parametrize(("written", "query"), [("Kyiv", "Kiev"), ("Kiev", "Kyiv"), ("Zelenskyy", "Zelensky")])
def test_search_folds_spellings_and_marks_what_is_written(seeds: SearchIndex, written: str, query: str) -> None:
    result = seeds.search(SearchRequest(query=query, limit=None))
    marked = set()
    for hit in result.hits:
        body = seeds.document(hit.id).body
        marked |= {body[s.start : s.end] for s in hit.highlights}
    assert written in marked


def test_measured_quality_meets_the_targets() -> None:
    """Precision/recall on the hand-labelled set (tests/data), as `make eval-metadata` prints."""
    items = [json.loads(line) for line in LABELS.read_text("utf-8").splitlines() if line.strip()]
    assert len(items) >= 45
    scores = evaluate(items, load_articles(items, CORPORA))
    assert scores["source"].precision >= 0.9 and scores["source"].recall >= 0.9
    assert scores["date (day)"].precision >= 0.9 and scores["date (day)"].recall >= 0.9
    assert scores["parties"].precision >= 0.95 and scores["parties"].recall >= 0.9
