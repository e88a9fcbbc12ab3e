"""The passage behind every value: `show`'s contract, entity filters that highlight, and dates
known only to the month, on a real index of a saved page with its menus and footer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cli import main
from indexer.reindex import update_index

PAGE = """---
title: "Lavrov rejects the plan | Example Wire"
source: https://www.example-wire.org/world/lavrov-rejects-plan
date: 2025-03
---
Skip to content
[Home](https://www.example-wire.org/) [World](https://www.example-wire.org/world) [Sport](https://www.example-wire.org/sport)

Russian Foreign Minister Sergei Lavrov said on Monday that Moscow would not accept the plan, which NATO had backed.
Ukraine's foreign ministry said the talks in Geneva would go on, and Kyiv asked the European Union for more air defence.
Lavrov added that the Kremlin saw no reason to hurry.

Sign up for our newsletter to get the latest news in your inbox every morning.
Related: Lavrov's visit to India, explained
"""


@pytest.fixture(scope="module")
def page_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("evidence")
    (root / "pages").mkdir()
    (root / "pages" / "lavrov.md").write_text(PAGE, "utf-8")
    update_index(root / "index", [root / "pages"])
    return root / "index"


def cli(capsys, *argv: str) -> tuple[int, object]:
    """Exit status, and what was printed (parsed when it is JSON)."""
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if "--format" in argv and "json" in argv else out


def shown(capsys, index: Path) -> dict:
    _, data = cli(capsys, "search", "", "--index", str(index), "--format", "json")
    return cli(capsys, "show", data["hits"][0]["id"], "--index", str(index), "--format", "json")[1]


def test_show_json_gives_body_full_text_boilerplate_and_evidence(capsys, page_index: Path) -> None:
    doc = shown(capsys, page_index)
    assert {"body", "full_text", "boilerplate", "evidence"} <= set(doc)
    assert "Skip to content" in doc["full_text"] and "Skip to content" not in doc["body"]
    assert "newsletter" not in doc["body"] and "Lavrov said on Monday" in doc["body"]
    chrome = "".join(doc["full_text"][start:end] for start, end in doc["boilerplate"])
    assert "Skip to content" in chrome and "newsletter" in chrome and "Lavrov said" not in chrome
    texts = {"body": doc["body"], "title": doc["title"], "url": doc["url"], "full_text": doc["full_text"]}
    assert set(doc["evidence"]) >= {"people", "parties"}
    for field, by_value in doc["evidence"].items():
        for value, spans in by_value.items():
            assert spans, (field, value)
            for span in spans:
                assert set(span) == {"in", "start", "end"} and texts[span["in"]][span["start"] : span["end"]].strip()
    lavrov = {doc["body"][s["start"] : s["end"]] for s in doc["evidence"]["people"]["Sergey Lavrov"] if s["in"] == "body"}
    assert {"Lavrov", "Sergei Lavrov"} & lavrov


def test_the_page_around_the_article_is_not_searched(capsys, page_index: Path) -> None:
    assert cli(capsys, "search", "newsletter", "--index", str(page_index))[0] == 1
    assert cli(capsys, "search", "India", "--index", str(page_index))[0] == 1, "a teaser line is not the article"
    assert cli(capsys, "search", "air defence", "--index", str(page_index))[0] == 0


@pytest.mark.parametrize("query", ["person:lavrov", 'person:"sergei lavrov"'])
def test_an_entity_filter_highlights_the_passages_behind_it(capsys, page_index: Path, query: str) -> None:
    code, data = cli(capsys, "search", query, "--index", str(page_index), "--format", "json")
    assert code == 0
    hit = data["hits"][0]
    body = shown(capsys, page_index)["body"]
    marked = [body[start:end] for start, end in hit["highlights"]]
    assert marked and all("Lavrov" in m for m in marked)
    assert any("Lavrov" in "".join(f["text"][s:e] for s, e in f["spans"]) for f in hit["snippet"])


def test_a_party_filter_option_highlights_too(capsys, page_index: Path) -> None:
    code, data = cli(capsys, "search", "plan", "--party", "NATO", "--index", str(page_index), "--format", "json")
    body = shown(capsys, page_index)["body"]
    assert code == 0 and "NATO" in {body[s:e] for s, e in data["hits"][0]["highlights"]}


def test_the_document_view_of_an_entity_query_marks_its_passages(capsys, page_index: Path) -> None:
    _, data = cli(capsys, "search", "", "--index", str(page_index), "--format", "json")
    _, doc = cli(capsys, "show", data["hits"][0]["id"], "--highlight", "party:russia", "--index", str(page_index),
                 "--format", "json")
    marked = {doc["body"][s:e] for s, e in doc["highlights"]}
    assert marked and marked <= {"Russian", "Moscow", "Kremlin", "Sergei Lavrov", "Lavrov", "Russian Foreign Minister Sergei Lavrov"}
    placed = {doc["full_text"][s:e] for s, e in doc["full_highlights"]}
    assert marked <= placed, "the same passages, placed in the whole text"


def test_a_date_known_to_the_month_stays_a_month(capsys, page_index: Path) -> None:
    doc = shown(capsys, page_index)
    assert (doc["date"], doc["date_precision"]) == ("2025-03", "month")
    assert doc["url"] == "https://www.example-wire.org/world/lavrov-rejects-plan", "a crawler's source: is the url"
    assert cli(capsys, "search", "date:2025-03", "--index", str(page_index))[0] == 0
    assert cli(capsys, "search", "date:2025", "--index", str(page_index))[0] == 0
    assert cli(capsys, "search", "date:2025-03-01", "--index", str(page_index))[0] == 1, "no made-up day"
    assert cli(capsys, "search", "", "--since", "2025-03-01", "--index", str(page_index))[0] == 0
    _, data = cli(capsys, "search", "", "--index", str(page_index), "--format", "json")
    assert data["facets"]["month"] == {"2025-03": 1} and data["hits"][0]["date"] == "2025-03"


def test_export_rows_carry_mentions_and_date_precision(capsys, page_index: Path) -> None:
    code, out = cli(capsys, "export", "--index", str(page_index), "--format", "jsonl")
    row = json.loads(out.splitlines()[0])
    assert code == 0 and row["date_precision"] == "month" and isinstance(row["mentions"], list)
    assert "Russia" in row["parties"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("date:[2025-02-15 to 2025-03-10]", False),
        ("date:[2025-02-15 to 2025-03-31]", True),
        ("date:[2024-06-01 to 2025-01-10]", False),
        ("date:[2025-03-01 to 2025-03-04]", False),
        ("date:[2025 to]", True),
    ],
)
def test_a_date_known_to_the_month_is_in_a_range_only_when_it_covers_the_month(
    capsys, page_index: Path, query: str, found: bool
) -> None:
    assert cli(capsys, "search", query, "--index", str(page_index))[0] == (0 if found else 1)


def test_until_mid_month_leaves_a_month_only_date_out(capsys, page_index: Path) -> None:
    assert cli(capsys, "search", "", "--until", "2025-03-10", "--index", str(page_index))[0] == 1
    assert cli(capsys, "search", "", "--until", "2025-03-31", "--index", str(page_index))[0] == 0


def test_a_date_known_to_the_year_counts_in_its_year_and_as_an_unknown_month(tmp_path: Path) -> None:
    from indexer.search import SearchRequest, open_index

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "year.md").write_text("---\ntitle: A year\ndate: 2025\n---\nTalks went on.\n", "utf-8")
    (tmp_path / "pages" / "day.md").write_text("---\ntitle: A day\ndate: 2025-03-05\n---\nTalks went on.\n", "utf-8")
    update_index(tmp_path / "index", [tmp_path / "pages"])
    index = open_index(tmp_path / "index")
    in_2025 = index.search(SearchRequest(years=("2025",)))
    assert in_2025.total == 2 and {v.value: v.count for v in in_2025.facets.month} == {"2025-03": 1, "unknown": 1}
    unknown_month = index.search(SearchRequest(years=("2025",), months=("unknown",)))
    assert [h.title for h in unknown_month.hits] == ["A year"]
    index.close()


def test_dates_the_sources_disagree_on_are_flagged_in_show_and_the_tui(capsys, tmp_path: Path) -> None:
    from tui.widgets.document_header import header_text

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.md").write_text(
        "---\ntitle: Talks\ndate: 2026-01-30\n---\nPublished 5 February 2026\n\nThe envoys met again.\n", "utf-8"
    )
    update_index(tmp_path / "index", [tmp_path / "pages"])
    index = ["--index", str(tmp_path / "index")]
    _, data = cli(capsys, "search", "", *index, "--format", "json")
    code, out = cli(capsys, "show", data["hits"][0]["id"], *index)
    assert code == 0 and "2026-02-05" in out and "! front matter says 2026-01-30: the sources disagree" in out
    from indexer.search import open_index

    opened = open_index(tmp_path / "index")
    shown = header_text(opened.document(data["hits"][0]["id"]), ()).plain
    opened.close()
    assert "! front matter says 2026-01-30: the sources disagree" in shown
