"""Property-based tests: any query string gives a result or a QueryError, and any bytes in
an article file give articles or skips, never another exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.catalog import CatalogCache
from indexer.ingest import IngestOptions, read_file
from indexer.reindex import update_index
from indexer.search import QueryError, SearchRequest, SearchResult, open_index

QUERY_PIECES = [
    '"', "(", ")", "AND", "OR", "NOT", "-", "+", "*", "?", "~", "~2", "^", "^2", ":", "title:", "body:",
    "source:", "date:", "[", "]", "{", "}", "TO", "\\", "/", "'", "NATO", "peace", "talks", "zone",
    "no-fly", "2025", "2025-03", "é", "ß", "\x00", "\x1b[31m", " ", "  ", "\t", "\n", "\u200b", "😀",
]
queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map("".join),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=8).map(" ".join),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("props")
    articles = root / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Peace talks resume\n\nNATO discussed a no-fly zone in 2025.\n", "utf-8")
    (articles / "b.md").write_text("---\ntitle: Budget vote\nsource: Wire\ndate: 2025-03-02\n---\nTax and budget talks.\n", "utf-8")
    rows = [{"id": str(n), "title": f"Feed {n}", "body": f"Élection n°{n}: straße, peace {n}"} for n in range(5)]
    (articles / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    update_index(root / "index", [articles])
    index = open_index(root / "index")
    yield index, str(articles / "a.txt")
    index.close()


@SETTINGS
@given(text=queries, sort=st.sampled_from(["relevance", "date", "-date"]), facets=st.booleans())
def test_any_query_gives_a_result_or_a_query_error(small_index, text: str, sort: str, facets: bool) -> None:
    index, _ = small_index
    try:
        result = index.search(SearchRequest(query=text, sort=sort, facets=facets, limit=None))
    except QueryError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert isinstance(result, SearchResult) and result.total == len(result.hits) <= 7
    for hit in result.hits:
        assert all(0 <= s.start < s.end <= len(index.document(hit.id).body) for s in hit.highlights)


@SETTINGS
@given(text=queries)
def test_any_highlight_query_on_a_document_is_safe(small_index, text: str) -> None:
    index, doc_id = small_index
    try:
        doc = index.document(doc_id, text)
    except QueryError:
        return
    assert doc is not None and all(0 <= s.start < s.end <= len(doc.body) for s in doc.highlights)


SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl"]
FRAGMENTS = [
    b"---\n", b"title: ", b": ", b"- ", b"&a ", b"*a", b"!!python/object ", b"[", b"]", b"{", b"}", b'"',
    b'"body"', b'"id"', b"\\ud800", b",", b"\n", b"\r\n", b"<html>", b"<script>", b"</", b"<body>", b"<p>",
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xe9", b"\x1b[2J", b"text ", b"null", b"1e999", b"#",
]
contents = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(b"".join),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(max_examples=250, deadline=None)
@given(data=contents, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_give_articles_or_one_line_skips(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "article" + suffix)
        path.write_bytes(data)
        result = read_file(path, CatalogCache(), IngestOptions())
    assert result.articles or result.skips, "a file must be indexed or say why not"
    for skip in result.skips:
        assert skip.reason and "\n" not in skip.reason
    for article in result.articles:
        for text in (article.id, article.title, article.body):
            text.encode("utf-8")  # no lone surrogates: the index and stdout must encode it
