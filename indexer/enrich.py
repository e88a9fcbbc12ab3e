"""Enrich: turn an article's raw metadata into typed facet values.

Dates are parsed from what the source wrote, outlets are tidied, and parties are found in
the text with the gazetteer. A value that cannot be known stays ``None`` (shown as
"unknown"); nothing is guessed from file times.
"""

from __future__ import annotations

from datetime import datetime, timezone

from dateutil import parser as dateparser

from indexer.article import Article
from indexer.gazetteer import Gazetteer

_EARLIEST, _LATEST = 1800, 2200


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


def enrich(article: Article, gazetteer: Gazetteer) -> Article:
    """Fill ``date``, tidy ``source`` and find ``parties`` (in place; returned for chaining)."""
    article.date = parse_date(article.date_text)
    if article.date_text and article.date is None:
        article.extra.setdefault("unparsed_date", article.date_text)
        article.provenance.pop("date", None)
    if article.source:
        article.source = " ".join(article.source.split()) or None
    found = gazetteer.find(f"{article.title}\n{article.body}")
    article.parties = sorted(found)
    if article.parties:
        article.provenance["parties"] = "text"
    return article
