"""Enrich: know each article's outlet, date, parties, people and places.

Values are taken in order of trust, and each records where it came from (``provenance``):
1. explicit metadata (catalogue, front matter, JSON fields, HTML meta tags, set by ingest);
2. the URL's domain (outlets data file);
3. the text: how it names its own outlet (dateline, byline, sign-off), an explicit date in
   its opening lines;
4. otherwise unknown. Nothing is guessed from file times.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from dateutil import parser as dateparser

from indexer.analysis import word_spans
from indexer.article import Article
from indexer.gazetteer import Names, _words
from indexer.outlets import Outlets

_EARLIEST, _LATEST = 1800, 2200
_OPENING_CHARS = 600
_DATELINE_CHARS = 100
_STAMP = re.compile(r"(?:Published|Updated|Posted|Last updated|Date)\W*(?:on\W*)?$", re.I)
# Finds where a date is written; dateutil does the parsing.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_IN_TEXT = re.compile(
    rf"\b(?:(?:19|20)\d\d-\d\d-\d\d|(?:\d{{1,2}}\s+)?{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?:19|20)\d\d)(?!\d)"
)


def parse_date(text: str | None) -> datetime | None:
    """Parse an ISO or human date ("2025-11-26", "26 Nov 2025 10:00 GMT"); None if unparseable.

    Naive times are taken as UTC so every stored date compares with every other.
    """
    if not text:
        return None
    try:
        value = dateparser.isoparse(text)
    except ValueError:
        try:
            value = dateparser.parse(text)
        except (ValueError, OverflowError):
            return None
    if not _EARLIEST <= value.year <= _LATEST:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def date_in_opening(body: str) -> datetime | None:
    """The first full date (with a year) the opening gives as the article's own: on a short,
    dateline-like line, or after "Published"/"Updated". A date inside a paragraph is an event
    ("results for the three months to 31 December 2004"), not the article's date."""
    for line in body[:_OPENING_CHARS].splitlines():
        for found in _DATE_IN_TEXT.finditer(line):
            own = len(line) <= _DATELINE_CHARS or _STAMP.search(line[: found.start()])
            value = parse_date(found.group(0)) if own else None
            if value:
                return value
    return None


def enrich(article: Article, names: Names, outlets: Outlets) -> Article:
    """Fill date, source, parties, people and places (in place; returned for chaining)."""
    _enrich_date(article)
    _enrich_source(article, outlets)
    _enrich_names(article, names)
    return article


def _enrich_date(article: Article) -> None:
    article.date = parse_date(article.date_text)
    if article.date_text and article.date is None:
        article.extra.setdefault("unparsed_date", article.date_text)
        article.provenance.pop("date", None)
    if article.date is None:
        article.date = date_in_opening(article.body)
        if article.date:
            article.provenance["date"] = "text"


def _enrich_source(article: Article, outlets: Outlets) -> None:
    source = " ".join((article.source or "").split())
    if source:
        article.source = outlets.canonical(source)
        return
    article.source = outlets.from_url(article.url)
    if article.source:
        article.provenance["source"] = "url"
        return
    found = outlets.from_text(article.title, article.body)
    if found:
        article.source, article.provenance["source"] = found


def _enrich_names(article: Article, names: Names) -> None:
    # split as the index splits, so the body's spans are computed once (analysis.word_spans)
    words = _words(article.title, word_spans) + _words(article.body, word_spans)
    article.people = sorted(names.people.find_words(words))
    article.places = sorted(names.places.find_words(words))
    named = set(names.parties.find_words(words))
    acting = {names.person_party[p] for p in article.people if p in names.person_party}
    article.parties = sorted(named | acting)
    for key, values, how in (("people", article.people, "text"), ("places", article.places, "text")):
        if values:
            article.provenance[key] = how
    if article.parties:
        article.provenance["parties"] = "text" if not acting - named else "text, people"
