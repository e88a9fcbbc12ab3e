"""The shared research corpora ingest as they are (read from ../shared, never copied)."""

from __future__ import annotations

from indexer.catalog import CatalogCache
from indexer.ingest import IngestOptions, discover, read_file

from tests.paths import CORPORA


def test_reuters_jsonl_ingests_every_record_with_dates_and_extras() -> None:
    """With the default settings: the size limit is per article, and the feed is 20 MB."""
    result = read_file(CORPORA / "reuters-21578.jsonl", CatalogCache(), IngestOptions())
    assert len(result.articles) == 20841 and not result.skips
    first = result.articles[0]
    assert first.id.endswith("#reuters-1") and first.title == "Bahia Cocoa Review"
    assert first.source == "Reuters" and first.date_text.startswith("1987-02-26")
    assert first.extra["places"] == ["el-salvador", "usa", "uruguay"]
    assert len({a.id for a in result.articles}) == 20841


def test_bbc_folder_ingests_every_file_including_the_latin1_one() -> None:
    files = list(discover([CORPORA / "bbc-news"]))
    articles = [f for f in files if f.parent.name != "bbc-news"]
    assert len(articles) == 2225 and len(files) == 2226  # plus ORIGIN.txt, a text file like any other
    catalogs, options = CatalogCache(), IngestOptions()
    results = [read_file(f, catalogs, options) for f in files]
    assert not [s for r in results for s in r.skips]
    latin = read_file(CORPORA / "bbc-news/sport/199.txt", catalogs, options).articles[0]
    assert "a £15.8m signing" in latin.body
