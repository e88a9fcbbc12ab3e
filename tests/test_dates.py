"""Dates: what a page states as its own date, at the precision it states it, with evidence."""

from __future__ import annotations

import json

import pytest

from indexer.article import Article
from indexer.dates import DateFinding, explicit_date, find_dates, foreign_to_url, parse_date
from indexer.enrich import enrich
from indexer.evidence import Evidence
from indexer.gazetteer import default_names
from indexer.outlets import default_outlets
from tests.paths import CORPORA

BODY = "\n\nThe talks went on for a third day, officials said.\n"


def day(finding: DateFinding | None) -> str | None:
    """The finding as a label would write it: "2026-02-05", "2026-02" or "2026"."""
    if finding is None:
        return None
    return finding.value.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[finding.precision])


def published(text: str, url: str | None = None, title: str = "", boilerplate=()) -> DateFinding | None:
    return find_dates(text, boilerplate, url, title).published


def own(text: str) -> tuple[DateFinding | None, DateFinding | None]:
    """The published and updated dates a text states for itself."""
    found = find_dates(text, (), None)
    return found.published, found.updated


def quoted(text: str, evidence: Evidence) -> str:
    return text[evidence.start : evidence.end]


# -- metadata values as written ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "label", "precision"),
    [
        ("2025-03-05", "2025-03-05", "day"),
        ("2025-03", "2025-03", "month"),
        ("March 2025", "2025-03", "month"),
        ("2025", "2025", "year"),
        ("5 March 2025 10:00 GMT", "2025-03-05", "day"),
        ("13/02/2026", "2026-02-13", "day"),
    ],
)
def test_explicit_date_keeps_the_precision_it_is_written_with(written: str, label: str, precision: str) -> None:
    found = explicit_date(written, "front matter")
    assert (day(found), found.precision, found.how, found.evidence) == (label, precision, "front matter", ())


def test_explicit_date_never_makes_up_a_part() -> None:
    assert explicit_date("5 March 2025 10:00 GMT", "json").value.hour == 10
    assert explicit_date("5 March", "json") is None, "no year: dateutil would take this year's"
    assert explicit_date("04/02/2026", "catalogue") is None, "day- or month-first is not known"
    assert explicit_date("unknown", "front matter") is None and explicit_date(None, "json") is None
    assert explicit_date("2025-13", "json") is None


def test_parse_date_forms() -> None:
    assert parse_date("2025-11-26").isoformat() == "2025-11-26T00:00:00+00:00"
    assert parse_date("26 Nov 2025 10:00 GMT").hour == 10
    assert parse_date("2025-11-26T12:00:00+02:00").hour == 10
    assert parse_date("not a date") is None and parse_date("0001-01-01") is None


# -- stamps, bylines, datelines, headlines ----------------------------------------------------


def test_issued_on_alone_is_ambiguous() -> None:
    assert published("Issued on: 04/02/2026 - 06:59" + BODY) is None, "4 February or 2 April"


@pytest.mark.parametrize(
    ("text", "url", "label"),
    [
        ("Issued on: 04/02/2026 - 06:59" + BODY, "https://www.france24.com/en/2026/02/04/talks", "2026-02-04"),
        ("Issued on: 04/02/2026 - 06:59" + BODY, "https://www.example.com/news/2026/04/02/talks", "2026-04-02"),
        ("Issued on: 04/02/2026 - 06:59" + BODY + "A photo taken on February 4, 2026.", None, "2026-02-04"),
        ("Issued on: 04/02/2026 - 06:59" + BODY + "The minister spoke on 2 April.", None, "2026-04-02"),
        ("Issued on: 04/02/2026 - 06:59\nModified: 15/02/2026 - 08:00" + BODY, None, "2026-02-04"),
    ],
)
def test_issued_on_settled_by_the_url_or_another_date(text: str, url: str | None, label: str) -> None:
    found = published(text, url)
    assert (day(found), found.how) == (label, "stamp")
    assert quoted(text, found.evidence[0]) == "Issued on: 04/02/2026"


def test_a_byline_with_a_time() -> None:
    text = "by Katarzyna Szalajko 10:41 AM February 5, 2026" + BODY
    found = published(text)
    assert (day(found), found.how) == ("2026-02-05", "byline")
    assert quoted(text, found.evidence[0]) == "by Katarzyna Szalajko 10:41 AM February 5, 2026"
    assert day(published("By Jane Doe | Feb. 5, 2026, 9:00 AM ET" + BODY)) == "2026-02-05"


def test_a_yearless_dateline_is_completed_from_the_page() -> None:
    text = "KYIV, Feb 5 (Reuters) - Talks resumed on Thursday.\n\nThe budget for 2026 was agreed."
    found = published(text)
    assert (day(found), found.how) == ("2026-02-05", "dateline")
    assert quoted(text, found.evidence[0]) == "KYIV, Feb 5 (Reuters) -"
    caption = "Dec 9 (Reuters) - Shares rose.\n\nTraders at the exchange, December 9, 2024. REUTERS/Staff"
    assert day(published(caption)) == "2024-12-09", "the year of a same-day caption"
    assert day(published("KYIV, Feb 5 (Reuters) - Talks resumed.", "https://example.com/2026/02/05/x")) == "2026-02-05"
    assert published("KYIV, Feb 5 (Reuters) - Talks resumed on Thursday.") is None, "no year anywhere"
    split = "KYIV, Feb 5 (Reuters) - Talks resumed.\nThe plan dates from 2022 and runs to 2026."
    assert published(split) is None, "two years named: neither is settled"


@pytest.mark.parametrize(
    ("text", "label", "how"),
    [
        ("Published: 17 December 2025" + BODY, "2025-12-17", "stamp"),
        ("PUBLISHED Jan 17, 2026, 6:00 AM ET" + BODY, "2026-01-17", "stamp"),
        ("Posted on Wednesday, 5 February 2026 at 10:41" + BODY, "2026-02-05", "stamp"),
        ("Home / World / First published 5th February 2026" + BODY, "2026-02-05", "stamp"),
        ("Headline of the story\n4:37 AM PDT · October 14, 2025" + BODY, "2025-10-14", "opening"),
        ("Headline of the story\nDec 09, 2024 · 9 min read" + BODY, "2024-12-09", "opening"),
        ("For the week ending February 21, 2026, the front held." + BODY, "2026-02-21", "opening"),
        ("# Daily update, 3 March 2026" + BODY, "2026-03-03", "headline"),
        # a date line run into the page elements beside it
        ("Headline of the story\nSpace29 December 2024\nBy A Writer" + BODY, "2024-12-29", "opening"),
        ("Back to NewsSunday, July 6, 2025" + BODY, "2025-07-06", "opening"),
        ("Headline of the story\nNews\nDec 4, 20235 mins" + BODY, "2023-12-04", "opening"),
        ("December 2nd, 2025| 1 min readScience & Engineering" + BODY, "2025-12-02", "opening"),
        ("Headline of the story\nOctober 13, 2025 | Editorial Team" + BODY, "2025-10-13", "opening"),
        ("By Ana Lee, Ben OrtizMarch 14, 2022" + BODY, "2022-03-14", "byline"),
    ],
)
def test_the_page_states_its_date(text: str, label: str, how: str) -> None:
    found = published(text)
    assert (day(found), found.how) == (label, how)


def test_the_headline_date_of_a_daily_report() -> None:
    title = "Russian Offensive Campaign Assessment, February 7, 2026 | Critical Threats"
    found = published("Russian forces advanced." + BODY, title=title)
    assert (day(found), found.how, found.evidence[0].where) == ("2026-02-07", "headline", "title")
    assert quoted(title, found.evidence[0]) == "February 7, 2026"
    text = "Russian forces advanced." + BODY + "Reading Now Russian Offensive Campaign Assessment, February 7, 2026\n" \
        "Next up Russian Offensive Campaign Assessment, February 6, 2026\n"
    assert day(published(text, boilerplate=((len(text) - 130, len(text)),))) == "2026-02-07"
    assert published("Talks go on" + BODY, title="Wenger to stay until May 2008") is None


def test_dated_links_to_the_page_itself() -> None:
    text = "Talks went on.\n[](https://www.aljazeera.com/news/2026/2/9/</>)\nMore text."
    found = published(text)
    assert (day(found), found.how) == ("2026-02-09", "self link")
    assert quoted(text, found.evidence[0]) == "/2026/2/9"
    url = "https://example.org/news/talks-resume-2026-02-05"
    found = published("Talks went on." + BODY, url=url)
    assert (day(found), found.how, found.evidence[0].where, quoted(url, found.evidence[0])) == (
        "2026-02-05", "url", "url", "2026-02-05"
    )
    assert day(published("x" + BODY, url="https://www.theguardian.com/world/2026/feb/02/talks")) == "2026-02-02"
    assert day(published("x" + BODY, url="https://www.france24.com/en/europe/20260204-talks")) == "2026-02-04"
    two_dates = "[](https://a.com/2026/02/09/<x>) [](https://a.com/2026/02/08/<y>)"
    assert published(two_dates) is None, "links that disagree are not the page's"


def test_a_stamp_label_on_the_line_above() -> None:
    dates = find_dates("Headline of the story\nDate\n10 May 2022" + BODY, (), None)
    assert (day(dates.published), dates.published.how) == ("2022-05-10", "stamp")
    dates = find_dates("Headline of the story\nBy A Writer\nUpdated on: \nMay 3, 2024" + BODY, (), None)
    assert (dates.published, day(dates.updated)) == (None, "2024-05-03"), "not an event on May 3"


def test_a_date_after_the_last_update_is_not_the_publication() -> None:
    text = "Test scores of AI systems\nLast updated\nApril 2, 2024\nNext expected update\nFebruary 2026" + BODY
    dates = find_dates(text, (), None)
    assert (dates.published, day(dates.updated)) == (None, "2024-04-02")


def test_same_day_captions_support_but_never_date_alone() -> None:
    text = "Published 5 February 2026" + BODY + "Soldiers in Kyiv, February 5, 2026. REUTERS/Staff\n"
    found = published(text)
    assert [quoted(text, e) for e in found.evidence] == ["Published 5 February 2026", "February 5, 2026"]
    assert published(BODY + "Soldiers in Kyiv on February 5, 2026. (Photo by A Smith/Getty Images)\n") is None


# -- what is not the page's date --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wenger signs new deal\n\nThe Arsenal manager has signed a new contract to stay until May 2008.",
        "Profits rise\n\nReporting its results for the three months to 31 December 2004, the airline made a profit.",
        "Leeds v Saracens\n\nHeadingley\n\nFriday, 25 February\n\n2000 GMT\n\nThe Tykes have won twice.",
        "The match kicks off at 2005 GMT on Saturday.",
        "Leeds v Saracens\nFriday, 25 February 2000 GMT\n\nThe Tykes have won twice.",
        "The debentures are due\nJune 15, 2017.\n    The company said its net rose in the\nquarter to 12 mln dlrs.",
        "Net 5,436,000 vs 3,888,000\n    NOTE: Earnings adjusted for three-for-two stock split paid\nJune 20, 1986",
        "The European Commission published on 18 July 2025 draft guidelines on the act.",
        "Russia in Review, Feb. 13–20, 2026 | Russia Matters\nPlenary priorities 9-12 February 2026",
    ],
)
def test_dates_of_events_are_not_the_article_date(text: str) -> None:
    assert own(text) == (None, None)


def test_a_sidebar_date_in_boilerplate_is_another_story() -> None:
    article = "Talks resume\n\n" + "The delegations met again in Geneva and spoke for hours. " * 40
    sidebar = "\nMost read\nPublished 3 March 2026\nA storm hits the coast\n"
    text = article + sidebar
    assert published(text, boilerplate=((len(article), len(text)),)) is None
    assert day(published(text)) == "2026-03-03", "the same line, when it is not marked as chrome"
    masthead = "Skip to content\nPublished 4 March 2026\n"
    framed = masthead + text
    assert day(published(framed, boilerplate=((0, len(masthead)), (len(masthead) + len(article), len(framed))))) \
        == "2026-03-04", "a masthead stamp above the article counts"


def test_a_list_of_dated_teasers_dates_nothing() -> None:
    teasers = "".join(f"Story number {n}\nJanuary {n}, 2026\n\n" for n in range(10, 14))
    assert published(teasers) is None


def test_the_days_a_page_writes_for_something_else() -> None:
    article = "Talks resume\nPublished 9 February 2026\n\nThe summit, held on August 15, 2025, ended early. "
    caption = "\nSoldiers near Sumy, on January 28, 2026. (Photo by A Smith/Getty Images)\n"
    filler = "The delegations met again in Geneva and spoke for hours. " * 30
    sidebar = "\nUpcoming events\nOnline Event Fri, January 30, 2026\n"
    text = article + caption + filler + sidebar
    found = find_dates(text, ((len(text) - len(sidebar), len(text)),), None)
    assert day(found.published) == "2026-02-09"
    assert found.others == {"2025-08-15", "2026-01-28", "2026-01-30"}, "an event, a photo, another page's event"


def test_a_text_that_is_not_the_page_its_url_names() -> None:
    slug = "https://www.example.ch/en/support-of-the-confederation-for-the-people-affected-by-the-war"
    assert foreign_to_url(slug, "Welcome to the FDFA: Diplomacy for Switzerland"), "a home page in its place"
    assert not foreign_to_url(slug, "Support for the people affected by the war in Ukraine")
    assert not foreign_to_url("https://www.example.com/article/rjgqm11oebx", "Welcome"), "an id says nothing"
    assert not foreign_to_url("https://www.example.com/blog/large-scale-ftqc", "Welcome"), "too few words to tell"
    assert not foreign_to_url(None, "Welcome")


# -- a stored date against the page (indexer.enrich) -------------------------------------------


def stored(body: str, date_text: str, url: str | None = None, title: str = "Talks resume") -> Article:
    """The article enriched, with ``date_text`` from its front matter."""
    a = Article(id="x", path="x", title=title, body=body, url=url, date_text=date_text,
                provenance={"date": "front matter"})
    return enrich(a, default_names(), default_outlets())


def test_a_stored_day_the_page_writes_only_for_something_else_is_dropped() -> None:
    a = stored("The summit, held in Anchorage on August 15, 2025, ended without a deal.", "2025-08-15")
    assert (a.date, a.provenance.get("date")) == (None, None)
    assert a.date_alternatives == [
        {"date": "2025-08-15", "precision": "day", "from": "front matter, a date the page gives something else"}
    ]
    photo = stored("Talks went on.\nA launch at the Cape, March 17, 2023. (Courtesy of SpaceX)", "2023-03-17")
    assert photo.date is None
    kept = stored("Talks went on into the night on Wednesday.", "2025-10-15")
    assert (kept.date.date().isoformat(), kept.provenance["date"]) == ("2025-10-15", "front matter")


def test_the_page_outweighs_a_doubtful_stored_day() -> None:
    a = stored("2025 in space\n29 December 2024\nLucy flies by an asteroid on April 20, 2025.", "2025-04-20")
    assert (a.date.date().isoformat(), a.provenance["date"]) == ("2024-12-29", "opening")
    url = "https://example.com/2026/01/starship-progress-at-the-cape"
    month = stored("Talks went on.\nThe forum's last post, January 17, 2026, was brief.", "2026-01-17", url)
    assert (month.date.date().isoformat(), month.date_precision, month.provenance["date"]) == (
        "2026-01-01", "month", "url"), "the URL's month, not the doubtful day in it"


def test_an_updated_stamp_does_not_outweigh_a_stored_date() -> None:
    a = stored("TOI Tech Desk / Updated: Feb 10, 2026, 17:37 IST\nTalks went on.", "2026-02-09")
    assert (a.date.date().isoformat(), a.provenance["date"]) == ("2026-02-09", "front matter")


def test_a_stored_date_for_another_page_is_dropped() -> None:
    url = "https://www.example.ch/en/support-of-the-confederation-for-the-people-affected-by-the-war"
    a = stored("The ministry safeguards the country's interests abroad.", "2024-11-19", url,
               title="Welcome to the FDFA: Diplomacy for Switzerland")
    assert a.date is None and a.date_alternatives[0]["date"] == "2024-11-19"


# -- precision and the updated date -----------------------------------------------------------


def test_a_month_stays_a_month() -> None:
    found = published("Published: March 2025" + BODY)
    assert (day(found), found.precision, found.value.day) == ("2025-03", "month", 1)
    assert published("x" + BODY, url="https://arstechnica.com/space/2025/04/rockets/").precision == "month"
    refined = published("Published: February 2026" + BODY, url="https://example.com/2026/02/05/x")
    assert (day(refined), refined.how, len(refined.evidence)) == ("2026-02-05", "url", 2), "the URL gives the day"


def test_updated_is_kept_apart_from_published() -> None:
    dates = find_dates("Published 3 February 2026, updated 5 February 2026 at 10:00 GMT" + BODY, (), None)
    assert (day(dates.published), day(dates.updated), dates.updated.how) == ("2026-02-03", "2026-02-05", "stamp")
    dates = find_dates("By Jane Doe\nFebruary 3, 2026\nLast updated: February 9, 2026" + BODY, (), None)
    assert (day(dates.published), day(dates.updated)) == ("2026-02-03", "2026-02-09")


def test_an_updated_stamp_alone() -> None:
    news = find_dates("TOI Tech Desk / TIMESOFINDIA.COM / Updated: Feb 10, 2026, 17:37 IST" + BODY, (), None)
    assert (day(news.published), news.published.how, news.updated) == ("2026-02-10", "updated stamp", None)
    revised = find_dates("Cem Dilmegani\nupdated on Dec 5, 2025" + BODY, (), None)
    assert (revised.published, day(revised.updated)) == (None, "2025-12-05"), "a revision, not the publication"


# -- the real corpora: BBC 2004-05 and Reuters 1987 bodies state no date of their own ---------

BBC = CORPORA / "bbc-news"
REUTERS = CORPORA / "reuters-21578.jsonl"


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC corpus not present")
def test_bbc_texts_get_no_invented_date() -> None:
    text = (BBC / "sport" / "196.txt").read_text("utf-8")
    assert "until May 2008" in text and own(text) == (None, None)
    files = sorted(BBC.glob("*/*.txt"))
    assert len(files) > 2000
    dated = [p.name for p in files if own(p.read_text("utf-8", "replace")) != (None, None)]
    assert dated == []


@pytest.mark.skipif(not REUTERS.is_file(), reason="Reuters corpus not present")
def test_reuters_bodies_get_no_invented_date() -> None:
    with REUTERS.open(encoding="utf-8") as lines:
        bodies = [json.loads(line)["body"] for line in lines]
    assert len(bodies) > 20000
    assert [b[:60] for b in bodies if own(b) != (None, None)] == []
