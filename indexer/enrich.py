"""Enrich: the article's own text, then its outlet, date, parties, people and places.

Each value is taken in order of trust and keeps where it came from (``provenance``) and the
spans that gave it (``evidence``):
1. explicit metadata (catalogue, front matter, JSON fields, HTML meta tags, set by ingest);
2. evidence in the page: the URL, the title, the text (``indexer.outlets``, ``indexer.dates``,
   ``indexer.entities``), read from the article's own text, or from the page around it
   where that is where a page says whose it is (a masthead, a copyright line);
3. otherwise unknown. Nothing is guessed from file times.
"""

from __future__ import annotations

from indexer import dates
from indexer.article import Article
from indexer.entities import find_entities
from indexer.evidence import Evidence
from indexer.gazetteer import Names
from indexer.outlets import Outlets
from indexer.page import separate
from indexer.textmap import to_body
from indexer.search import date_label

# Text evidence that outweighs a front-matter, JSON or HTML date: a page states its own date
# this way, while crawlers and feeds often store another story's, an event's or the crawl's.
# (An "Updated" stamp does not: the stored date may be the first publication.) A date in the
# catalogue (written by the user) always wins.
_DATE_IN_PAGE_WINS = frozenset({"stamp", "byline", "dateline", "url", "self link", "headline", "opening"})
_USER_GIVEN = "catalog"


def enrich(article: Article, names: Names, outlets: Outlets) -> Article:
    """Separate the article from its page, then fill date, source, parties, people and
    places (in place; returned for chaining)."""
    separate(article)
    _enrich_date(article)
    _enrich_source(article, outlets)
    _enrich_names(article, names)
    return article


def _enrich_date(article: Article) -> None:
    origin = article.provenance.get("date", "")
    explicit = dates.explicit_date(article.date_text, origin)
    if article.date_text and explicit is None:
        article.extra.setdefault("unparsed_date", article.date_text)
        article.provenance.pop("date", None)
    found = dates.find_dates(article.full_text, article.boilerplate, article.url, article.title)
    chosen, other = _trusted(explicit, found, origin, dates.foreign_to_url(article.url, article.title))
    if chosen is not None:
        _take_date(article, chosen)
    else:
        article.provenance.pop("date", None)
    if other is not None and chosen is not None and _agree(chosen, other):
        _add_evidence(article, "date", _label(chosen), other.evidence)  # the page bears the stored date out
    elif other is not None:
        doubt = "" if chosen is not None else ", a date the page gives something else"
        article.date_alternatives.append({"date": _label(other), "precision": other.precision, "from": other.how + doubt})
        _add_evidence(article, "date", _label(other), other.evidence)
    if found.updated is not None:
        article.updated, article.updated_precision = found.updated.value, found.updated.precision


def _trusted(
    explicit: dates.DateFinding | None, found: dates.Dates, origin: str, foreign: bool = False
) -> tuple[dates.DateFinding | None, dates.DateFinding | None]:
    """(the date to use, the other one the sources gave): the explicit one, unless the page
    states its own date in a way that outweighs a stored one, or the stored date is doubtful:
    the page writes that day only for something else (a crawler took an event's, a caption's
    or a sidebar's date), or the text is not the page its URL names (``foreign``). Then the
    page's date, or none. A user's catalogue always wins."""
    inferred = found.published
    if explicit is None or origin == _USER_GIVEN:
        return explicit or inferred, inferred if explicit else None
    doubtful = foreign or explicit.precision == "day" and _label(explicit) in found.others
    if inferred is None:
        return (None, explicit) if doubtful else (explicit, None)
    if _agree(explicit, inferred):  # one date; a doubtful stored day yields to the page's month
        page_only = doubtful and inferred.precision != explicit.precision
        return (inferred, explicit) if page_only else (explicit, inferred)
    return (inferred, explicit) if doubtful or inferred.how in _DATE_IN_PAGE_WINS else (explicit, inferred)


def _agree(a: dates.DateFinding, b: dates.DateFinding) -> bool:
    """Whether two dates say the same at the coarser of their precisions."""
    width = min(len(_label(a)), len(_label(b)))
    return _label(a)[:width] == _label(b)[:width]


def _label(finding: dates.DateFinding) -> str:
    return date_label(finding.value, finding.precision) or ""


def _take_date(article: Article, finding: dates.DateFinding) -> None:
    article.date, article.date_precision = finding.value, finding.precision
    article.provenance["date"] = finding.how
    _add_evidence(article, "date", _label(finding), finding.evidence)


def _enrich_source(article: Article, outlets: Outlets) -> None:
    source = " ".join((article.source or "").split())
    if source:
        article.source = outlets.canonical(source)
        return
    found = outlets.find(article.title, article.full_text, article.boilerplate, article.url)
    if found is not None:
        article.source, article.provenance["source"] = found.name, found.how
        _add_evidence(article, "source", found.name, found.evidence)


def _enrich_names(article: Article, names: Names) -> None:
    found = find_entities(article.title, article.body, names)
    article.parties, article.mentions = found.parties, found.mentions
    article.people, article.places = found.people, found.places
    for key, by_value in found.evidence.items():
        for value, spans in by_value.items():
            _add_evidence(article, key, value, spans)
    for key in ("parties", "mentions", "people", "places"):
        if getattr(article, key):
            article.provenance[key] = "text"


def _add_evidence(article: Article, key: str, value: str, spans: tuple[Evidence, ...]) -> None:
    """Record ``spans`` behind ``value``, a span of the whole text given as body offsets
    when it lies in the body, so highlighting finds it there."""
    placed = tuple(_in_body(article, span) for span in spans)
    if placed:
        by_value = article.evidence.setdefault(key, {})
        by_value[value] = tuple(sorted(set(by_value.get(value, ()) + placed)))


def _in_body(article: Article, span: Evidence) -> Evidence:
    if span.where != "full_text":
        return span
    inside = to_body(span.start, span.end, article.cuts)
    return Evidence("body", *inside) if inside is not None else span
