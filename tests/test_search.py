"""The search API on the seed index: every query form, filters, facets, highlights."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from indexer.reindex import update_index
from indexer.search import IndexMissing, QueryError, SearchIndex, SearchRequest, open_index


def titles(index: SearchIndex, query: str = "", **filters) -> list[str]:
    return [h.title for h in index.search(SearchRequest(query=query, limit=None, **filters)).hits]


def marked_words(text: str, spans) -> list[str]:
    return [text[s.start : s.end] for s in spans]


def test_no_fly_zone_phrase_finds_truthout_first_with_the_phrase_marked(seeds: SearchIndex) -> None:
    result = seeds.search(SearchRequest(query='"no-fly zone"'))
    first = result.hits[0]
    assert first.source == "Truthout"
    body = seeds.document(first.id).body
    assert marked_words(body, first.highlights) and all(
        w.lower() == "no-fly zone" for w in marked_words(body, first.highlights)
    )
    fragment = first.snippet[0]
    assert body[fragment.start : fragment.start + len(fragment.text)] == fragment.text
    assert [fragment.text[s.start : s.end].lower() for s in fragment.spans] == ["no-fly zone"]


def test_words_and_by_default_and_highlights_cover_each_stemmed_form(seeds: SearchIndex) -> None:
    result = seeds.search(SearchRequest(query="Witkoff negotiations", limit=None))
    assert result.total >= 1
    for hit in result.hits:
        body = seeds.document(hit.id).body
        words = {w.lower() for w in marked_words(body, hit.highlights)}
        assert "witkoff" in words
        assert words <= {"witkoff", "witkoff's", "witkoff’s", "negotiations", "negotiation", "negotiators",
                         "negotiator", "negotiate", "negotiated", "negotiating"}
    assert result.total < seeds.search(SearchRequest(query="Witkoff OR negotiations")).total


def test_not_excludes_and_is_never_highlighted(seeds: SearchIndex) -> None:
    with_rubio = set(titles(seeds, "Rubio"))
    result = seeds.search(SearchRequest(query="Witkoff NOT Rubio", limit=None))
    assert result.total and not {h.title for h in result.hits} & with_rubio
    for hit in result.hits:
        assert "rubio" not in {w.lower() for w in marked_words(seeds.document(hit.id).body, hit.highlights)}


def test_wildcard_and_fuzzy_match_and_mark_the_expanded_words(seeds: SearchIndex) -> None:
    hit = seeds.search(SearchRequest(query="negot*")).hits[0]
    words = marked_words(seeds.document(hit.id).body, hit.highlights)
    assert words and all(w.lower().startswith("negot") for w in words)
    assert titles(seeds, "Witkof~") == titles(seeds, "Witkoff")
    assert titles(seeds, "Zelenskiy~2")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("source:newsweek", {"Newsweek"}),
        ('source:"the week"', {"The Week"}),
        ("source:truthout OR source:newsweek", {"Truthout", "Newsweek"}),
    ],
)
def test_source_field(seeds: SearchIndex, query: str, expected: set[str]) -> None:
    result = seeds.search(SearchRequest(query=query, limit=None))
    assert {h.source for h in result.hits} == expected


def test_party_field_and_aliases(seeds: SearchIndex) -> None:
    nato = seeds.search(SearchRequest(query="party:nato", limit=None))
    assert 0 < nato.total < 5
    assert all("NATO" in h.parties for h in nato.hits)
    assert titles(seeds, "party:kremlin") == titles(seeds, "party:russia")
    assert titles(seeds, 'party:"united states"') == titles(seeds, "party:united-states")


def test_title_field(seeds: SearchIndex) -> None:
    found = titles(seeds, "title:leaked")
    assert found == ["Trump’s Ukraine peace talks advance amid leaked call"]


def test_date_queries(seeds: SearchIndex) -> None:
    all_dates = {h.date.date() for h in seeds.search(SearchRequest(limit=None)).hits if h.date}
    year = max(all_dates).year
    in_year = seeds.search(SearchRequest(query=f"date:{year}", limit=None))
    assert in_year.total == sum(1 for d in all_dates if d.year == year)
    start, end = min(all_dates), max(all_dates)
    ranged = seeds.search(SearchRequest(query=f"date:[{start.isoformat()} to {end.isoformat()}]", limit=None))
    assert ranged.total == len(all_dates)
    month = f"{end.year}-{end.month:02d}"
    assert all(h.date.strftime("%Y-%m") == month for h in seeds.search(SearchRequest(query=f"date:{month}")).hits)
    open_ended = seeds.search(SearchRequest(query=f"date:[{end.isoformat()} to]", limit=None))
    assert {h.date.date() for h in open_ended.hits} == {end}


@pytest.mark.parametrize(
    "query",
    ['"no-fly zone', "(peace OR talks", "peace)", "peace AND", "OR peace", "date:bogus",
     "date:[2025 to nonsense]", "author:someone", "[2025 to 2026"],
)
def test_malformed_queries_raise_a_one_line_error(seeds: SearchIndex, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        seeds.search(SearchRequest(query=query))
    assert "\n" not in str(caught.value) and str(caught.value)


def test_empty_query_lists_everything_newest_first(seeds: SearchIndex) -> None:
    result = seeds.search(SearchRequest(limit=None))
    assert result.total == 5
    dates = [h.date for h in result.hits if h.date]
    assert dates == sorted(dates, reverse=True)


def test_sort_by_date_both_ways(seeds: SearchIndex) -> None:
    newest = seeds.search(SearchRequest(query="peace", sort="-date", limit=None)).hits
    oldest = seeds.search(SearchRequest(query="peace", sort="date", limit=None)).hits
    assert [h.id for h in newest] == [h.id for h in reversed(oldest)]
    assert [h.date for h in newest] == sorted((h.date for h in newest), reverse=True)


def test_limit_keeps_the_total(seeds: SearchIndex) -> None:
    result = seeds.search(SearchRequest(query="Ukraine", limit=2))
    assert len(result.hits) == 2 and result.total == 5


def test_facet_counts_match_the_hits(seeds: SearchIndex) -> None:
    result = seeds.search(SearchRequest(query="Witkoff", limit=None))
    sources = {v.value: v.count for v in result.facets.source}
    assert sum(sources.values()) == result.total
    parties = {v.value: v.count for v in result.facets.parties}
    assert parties["Russia"] == sum("Russia" in h.parties for h in result.hits)
    years = {v.value: v.count for v in result.facets.year}
    assert years == {
        y: sum(1 for h in result.hits if (h.date.strftime("%Y") if h.date else "unknown") == y) for y in years
    }


def test_filters_or_within_a_facet_and_across_facets(seeds: SearchIndex) -> None:
    both = seeds.search(SearchRequest(sources=("Newsweek", "The Week"), limit=None))
    assert {h.source for h in both.hits} == {"Newsweek", "The Week"}
    # a facet's own counts ignore its own filter, so other outlets stay choosable
    assert len(both.facets.source) == 5 and both.total == 2
    narrowed = seeds.search(SearchRequest(sources=("Newsweek", "The Week", "Truthout"), parties=("NATO",), limit=None))
    assert narrowed.total == sum(1 for h in narrowed.hits if "NATO" in h.parties) == len(narrowed.hits)
    assert all(h.source in {"Newsweek", "The Week", "Truthout"} for h in narrowed.hits)


def test_year_month_and_date_range_filters(seeds: SearchIndex) -> None:
    hits = seeds.search(SearchRequest(limit=None)).hits
    newest = max(h.date for h in hits if h.date)
    year = seeds.search(SearchRequest(years=(str(newest.year),), limit=None))
    assert {h.date.year for h in year.hits} == {newest.year}
    assert all(v.value.startswith(str(newest.year)) for v in year.facets.month)
    month = seeds.search(SearchRequest(months=(newest.strftime("%Y-%m"),), limit=None))
    assert {h.date.strftime("%Y-%m") for h in month.hits} == {newest.strftime("%Y-%m")}
    since = seeds.search(SearchRequest(since=newest.date(), limit=None))
    assert {h.date for h in since.hits} == {newest}
    until = seeds.search(SearchRequest(until=date(1990, 1, 1), limit=None))
    assert until.total == 0


def test_spelling_suggestion_when_little_is_found(seeds: SearchIndex) -> None:
    result = seeds.search(SearchRequest(query="negotiatons Witkof"))
    assert result.total == 0
    assert result.suggestion == "negotiations Witkoff"
    assert seeds.search(SearchRequest(query="peace")).suggestion is None


def test_document_marks_every_hit_of_a_query(seeds: SearchIndex) -> None:
    hit = seeds.search(SearchRequest(query="Crimea")).hits[0]
    doc = seeds.document(hit.id, "Crimea")
    assert len(doc.highlights) == len(re.findall(r"\bCrimea\b", doc.body))
    assert seeds.document(hit.id).highlights == ()
    assert seeds.document("no/such/id") is None


def test_title_highlights(seeds: SearchIndex) -> None:
    hit = seeds.search(SearchRequest(query="leaked")).hits[0]
    assert marked_words(hit.title, hit.title_highlights) == ["leaked"]


def test_missing_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="parley index"):
        open_index(tmp_path / "nothing")


def test_a_reader_sees_a_reindex_without_reopening(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/one.txt").write_text("Ceasefire talks\nThe ceasefire began.\n", "utf-8")
    update_index(tmp_path / "ix", [tmp_path / "a"])
    index = open_index(tmp_path / "ix")
    assert index.search(SearchRequest(query="armistice")).total == 0
    (tmp_path / "a/two.txt").write_text("Armistice\nAn armistice was signed.\n", "utf-8")
    update_index(tmp_path / "ix")
    assert index.search(SearchRequest(query="armistice")).total == 1
    index.close()


@pytest.mark.parametrize("query", ["peace date:2025", "Witkoff date:[2025-01-01 to 2025-12-31]", "peace date:[2022 to]"])
def test_totals_agree_with_and_without_facets(seeds: SearchIndex, query: str) -> None:
    """Whoosh's ranked search undercounted matches ANDed with a numeric date range; dates
    are matched as day terms instead, and every path must count the same documents."""
    counted = seeds.search(SearchRequest(query=query, facets=False, limit=None))
    with_facets = seeds.search(SearchRequest(query=query, limit=None))
    assert counted.total == with_facets.total == len(counted.hits) == len(with_facets.hits) > 0
