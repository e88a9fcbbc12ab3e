"""Ingest: every format, every skip reason, the catalogue and stable ids, on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.catalog import CatalogCache
from indexer.ingest import IngestOptions, decode, discover, read_file
from indexer.article import Article, Skip
from indexer.page import separate


def read(path: Path, **options):
    return read_file(path, CatalogCache(), IngestOptions(**options))


def articles(path: Path) -> list[Article]:
    """The file's articles with their body separated from the page, as indexing sees them."""
    return [separate(a) for a in read(path).articles]


def test_txt_short_first_line_is_the_title(corpus: Path) -> None:
    f = corpus / "a.txt"
    f.write_text("Talks resume in Geneva\n\nDelegations met on Monday.\n", "utf-8")
    [article] = articles(f)
    assert article.title == "Talks resume in Geneva"
    assert article.body.strip() == "Delegations met on Monday."
    assert article.id == str(f)


def test_txt_long_first_line_stays_in_the_body(corpus: Path) -> None:
    first = "Negotiators said they have made progress on a potential peace deal to end the war in Ukraine."
    f = corpus / "a.txt"
    f.write_text(first + "\nMore text.\n", "utf-8")
    [article] = articles(f)
    assert article.body.startswith(first)
    assert article.title.startswith("Negotiators said")


def test_markdown_front_matter_fields_and_extras(corpus: Path) -> None:
    f = corpus / "note.md"
    f.write_text(
        "---\ntitle: Ceasefire holds\ndate: 2025-03-14\nurl: https://example.org/x\n"
        "source: Example Times\nauthor: A. Writer\ntags: [war, talks]\n---\nThe ceasefire held overnight.\n",
        "utf-8",
    )
    [article] = read(f).articles
    assert (article.title, article.source, article.date_text) == ("Ceasefire holds", "Example Times", "2025-03-14")
    assert article.url == "https://example.org/x"
    assert article.extra == {"author": "A. Writer", "tags": ["war", "talks"]}
    assert article.provenance["source"] == "front matter"
    assert "ceasefire held overnight" in article.body


def test_markdown_without_front_matter_uses_its_heading(corpus: Path) -> None:
    f = corpus / "plain.md"
    f.write_text("# Sanctions widen\n\nBrussels agreed a new package.\n", "utf-8")
    [article] = articles(f)
    assert article.title == "Sanctions widen"


def test_markdown_with_broken_yaml_is_skipped_with_reason(corpus: Path) -> None:
    f = corpus / "bad.md"
    f.write_text("---\ntitle: [unclosed\n---\nBody\n", "utf-8")
    result = read(f)
    assert not result.articles
    assert "front matter is not valid YAML" in result.skips[0].reason


HTML = """<html><head><title>Talks resume | Reuters</title>
<meta property="og:site_name" content="Reuters">
<meta property="article:published_time" content="2025-03-11T10:00:00Z">
<link rel="canonical" href="https://www.reuters.com/world/talks"></head>
<body><nav>Menu Home Login</nav><article><h1>Talks resume in Jeddah</h1>
<p>KYIV, March 11 (Reuters) - Ukrainian and U.S. officials met in Jeddah on Tuesday to discuss a
ceasefire proposal that Russia has not yet accepted, officials said.</p>
<p>The talks lasted eight hours and ended with a joint statement on prisoner exchanges.</p>
</article><footer>Copyright cookie policy</footer><script>var tracking = 1;</script></body></html>"""


def test_html_main_text_and_metadata(corpus: Path) -> None:
    f = corpus / "page.html"
    f.write_text(HTML, "utf-8")
    [article] = read(f).articles
    assert article.title == "Talks resume in Jeddah"
    assert article.source == "Reuters"
    assert article.date_text == "2025-03-11"
    assert article.url == "https://www.reuters.com/world/talks"
    assert "ceasefire proposal" in article.body
    assert "Menu Home" not in article.body and "tracking" not in article.body


def test_json_object_and_list_with_record_ids(corpus: Path) -> None:
    (corpus / "one.json").write_text(json.dumps({"title": "T", "text": "Body one", "tag": "x"}), "utf-8")
    (corpus / "many.json").write_text(
        json.dumps([{"id": "a1", "title": "A", "content": "Body A"}, {"title": "B", "body": "Body B"}]), "utf-8"
    )
    [one] = read(corpus / "one.json").articles
    assert (one.body, one.extra) == ("Body one", {"tag": "x"})
    assert one.id == f"{corpus / 'one.json'}#0"
    many = read(corpus / "many.json").articles
    assert [a.id.rsplit("#", 1)[1] for a in many] == ["a1", "1"]
    assert [a.body for a in many] == ["Body A", "Body B"]


def test_jsonl_one_bad_line_among_good_ones(corpus: Path) -> None:
    f = corpus / "feed.jsonl"
    f.write_text(
        '{"id": 7, "title": "Good", "body": "first", "date": "2025-01-02", "source": "Wire"}\n'
        "{not json\n"
        '{"title": "Also good", "text": "second"}\n'
        '"a string, not an object"\n',
        "utf-8",
    )
    result = read(f)
    assert [a.title for a in result.articles] == ["Good", "Also good"]
    assert [a.id.rsplit("#", 1)[1] for a in result.articles] == ["7", "3"]
    assert result.articles[0].source == "Wire" and result.articles[0].date_text == "2025-01-02"
    reasons = [s.reason for s in result.skips]
    assert reasons[0].startswith("line 2: invalid JSON") and reasons[1].startswith("line 4:")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
        ("bad.json", b"{nope", "invalid JSON"),
        ("notext.json", b'{"title": "", "body": ""}', "no text"),
    ],
)
def test_skip_reasons(corpus: Path, name: str, content: bytes, reason: str) -> None:
    f = corpus / name
    f.write_bytes(content)
    result = read(f)
    assert not result.articles
    assert reason in result.skips[0].reason


def test_oversized_file_is_skipped_without_reading(corpus: Path) -> None:
    f = corpus / "big.txt"
    f.write_text("word " * 3000, "utf-8")
    result = read(f, max_bytes=10_000)
    assert "too large" in result.skips[0].reason and not result.articles


def test_the_size_limit_is_per_article_in_a_feed(corpus: Path) -> None:
    f = corpus / "feed.jsonl"
    records = [{"id": "a", "body": "short one"}, {"id": "b", "body": "word " * 3000}, {"id": "c", "body": "short two"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    result = read(f, max_bytes=10_000)
    assert [a.id.rsplit("#", 1)[1] for a in result.articles] == ["a", "c"]
    assert len(result.skips) == 1 and "too large record b" in result.skips[0].reason


def test_a_crawlers_source_address_is_the_url_not_the_outlet(corpus: Path) -> None:
    f = corpus / "crawl.md"
    f.write_text("---\ntitle: T\nsource: https://www.example.org/a/b\n---\nText of it.\n", "utf-8")
    [article] = read(f).articles
    assert (article.source, article.url) == (None, "https://www.example.org/a/b")


def test_unreadable_file_is_skipped(corpus: Path) -> None:
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    result = read(corpus / "gone.txt")
    assert result.skips[0].reason.startswith("unreadable")


def test_decoding_fallbacks() -> None:
    assert decode("Café in Kyiv".encode("latin-1"))[0] == "Café in Kyiv"
    assert decode("\ufeffKyiv".encode("utf-8"))[0] == "Kyiv"
    assert decode("Київ talks".encode("utf-16"))[0] == "Київ talks"
    assert decode(b"line\r\nbreaks\r") == ("line\nbreaks\n", None)


def test_discover_skips_hidden_and_vcs_folders_and_unsupported(corpus: Path) -> None:
    for rel in ("a.txt", "sub/b.md", ".hidden/c.txt", ".git/d.txt", "e.pdf", "sub/.f.txt", "catalog.toml"):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text("x", "utf-8")
    found = list(discover([corpus]))
    assert [p.relative_to(corpus).as_posix() for p in found] == ["a.txt", "sub/b.md"]
    [skip] = list(discover([corpus / "e.pdf"]))
    assert isinstance(skip, Skip) and "unsupported" in skip.reason


def test_catalogue_gives_metadata_and_beats_the_file(corpus: Path) -> None:
    (corpus / "a.txt").write_text("Skip to content\nThe talks went on.\n", "utf-8")
    (corpus / "catalog.toml").write_text(
        '["a.txt"]\ntitle = "Real headline"\nsource = "Truthout"\ndate = "2022-03-16"\nauthor = "C. W."\n', "utf-8"
    )
    [article] = read_file(corpus / "a.txt", CatalogCache(), IngestOptions()).articles
    assert (article.title, article.source, article.date_text) == ("Real headline", "Truthout", "2022-03-16")
    assert article.provenance["title"] == article.provenance["source"] == "catalog"
    assert article.extra == {"author": "C. W."}
    assert not article.title_in_text, "with a title given, the first line is text"


def test_broken_catalogue_is_reported_not_fatal(corpus: Path) -> None:
    (corpus / "a.txt").write_text("Title\nBody\n", "utf-8")
    (corpus / "catalog.toml").write_text("[[[", "utf-8")
    catalogs = CatalogCache()
    [article] = read_file(corpus / "a.txt", catalogs, IngestOptions()).articles
    assert separate(article).title == "Title"
    assert "catalogue ignored" in catalogs.errors[0]


def test_reading_never_writes_to_the_file(corpus: Path) -> None:
    f = corpus / "a.md"
    f.write_text("---\ntitle: x\n---\nbody\n", "utf-8")
    before = (f.read_bytes(), f.stat().st_mtime_ns)
    read(f)
    assert (f.read_bytes(), f.stat().st_mtime_ns) == before
