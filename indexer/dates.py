"""Dates: an article's published and updated dates, each with its precision and its evidence.

Metadata values are read as written (``explicit_date``). From the page itself
(``find_dates``) a date counts only where the page presents it as its own: a labelled stamp
("Published 5 Feb 2026", "Issued on: 04/02/2026 - 06:59"), a byline with a date, a wire
dateline ("KYIV, Feb 5 (Reuters) -", its year completed from the rest of the page), a line
under the headline that is only a date, a headline that ends with its date, a link to the page
itself, or the page's URL. A date inside a sentence is an event the article reports ("until May
2008"), and a photo caption's date is the photo's: both only support another finding. A date
keeps the precision it is written with, so "May 2008" is a month and never a day of it, and
"04/02/2026" is read day- or month-first only when the page settles which. Page elements a
conversion ran together ("Space29 December 2024", "Dec 4, 20235 mins") are read apart.

A stored date is judged by the page: ``Dates.others`` are the days it writes only for
something else, and ``foreign_to_url`` tells a text served in place of the page its URL names.

The words these rules read (month names, stamp labels, caption credits) are data:
``indexer/data/dates.toml`` or ``$PARLEY_DATA/dates.toml``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from typing import Literal

from dateutil import parser as dateparser

from indexer.evidence import Evidence, Spans, Where
from indexer.gazetteer import data_folder, data_text

Precision = Literal["day", "month", "year"]
Ymd = tuple[int, int, int]  # (year, month, day); month and day 0 when not known

_EARLIEST, _LATEST = 1800, 2200
_YEAR = r"(?:19|20)\d\d"
_SP = r"[^\S\n]"  # a space within a line: a date is written on one line
_OPENING_CHARS = 1500  # how far past the article's start a byline or date line may stand
_LOOKBACK = 48  # how far before a year a date written in words may start
_LIST = 3  # this many different dates in one role: a list of other stories, not the page's
_SEPARATORS = "|/·•–—-:;»›"
_MARKUP = " \t*_#>[]!\\+-"
_CAPTION_CHARS = 400
_LINE_CONTEXT = 200  # how much of a date's line either side its role is read from
# A kicker, byline or section name after a separator on a date line: "| Editorial Team"
_LABEL = r"[A-Z][\w.'’-]*(?:\s+(?:&|and|[A-Z][\w.'’-]*)){0,3}"


@dataclass(frozen=True)
class DateFinding:
    """A date and why it is believed. ``value`` is UTC; the 1st of the month (or of January)
    when ``precision`` is coarser than a day. A date read from a page is the day it writes, at
    midnight (its time of day and zone are not kept: a zone would move it across midnight).
    ``how`` names the rule ("stamp", "byline", "dateline", "headline", "opening", "url",
    "self link", "updated stamp") or the metadata it was written in (e.g. "front matter");
    ``evidence`` holds the spans it was read from."""

    value: datetime
    precision: Precision
    how: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Dates:
    """What a page says of itself: when it was published and, given apart, last updated;
    and ``others``: the days ("YYYY-MM-DD") it writes only for something else: in a sentence
    (an event it reports), a photo caption, or the chrome past its opening (other stories,
    events, deadlines). A stored date equal to one was likely taken from there."""

    published: DateFinding | None
    updated: DateFinding | None
    others: frozenset[str] = frozenset()


NO_DATES = Dates(None, None)


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


# Two defaults that differ in every part: a part dateutil fills from them was not written.
_DEFAULTS = (datetime(1, 1, 1), datetime(2, 2, 2))


def explicit_date(text: str | None, how: str) -> DateFinding | None:
    """A metadata value as written: "2025-03-05" (day), "2025-03" or "March 2025" (month),
    "2025" (year), "5 March 2025 10:00 GMT" (day, with its time in UTC). None for what is not a
    date, has no year, or is "04/02/2026" (which of day and month comes first is not known)."""
    text = " ".join((text or "").split())
    coarse = _COARSE.fullmatch(text)
    if coarse:
        year, month = int(coarse["y"]), int(coarse["m"] or 0)
        return _finding((year, month, 0), how, ()) if month <= 12 and _plausible(year) else None
    if _AMBIGUOUS.fullmatch(text):
        return None
    if _ISO_DAY.match(text):  # every part written: no need to find which ones dateutil filled
        value = parse_date(text)
        return DateFinding(value, "day", how, ()) if value else None
    try:
        filled = [dateparser.parse(text, default=default) for default in _DEFAULTS]
    except (ValueError, OverflowError):
        filled = []
    if not filled or filled[0].year != filled[1].year:
        return None
    if filled[0].day != filled[1].day:
        month = filled[0].month if filled[0].month == filled[1].month else 0
        return _finding((filled[0].year, month, 0), how, ()) if _plausible(filled[0].year) else None
    value = parse_date(text)
    return DateFinding(value, "day", how, ()) if value else None


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d|$)")
_COARSE = re.compile(rf"(?P<y>{_YEAR})(?:[-/](?P<m>\d\d?))?")
_AMBIGUOUS = re.compile(r"(?P<a>0?[1-9]|1[0-2])([/.-])(?P<b>0?[1-9]|1[0-2])\2\d{4}(?:\D.*)?")


def find_dates(text: str, boilerplate: Spans, url: str | None, title: str = "") -> Dates:
    """The published and updated dates the page states for itself.

    ``text`` is the whole text as read and ``boilerplate`` the spans of it that are page chrome:
    dates there are other stories', except a stamp or date line above the article (a
    masthead). ``url`` is the page's own address, ``title`` its headline. Evidence is in
    "full_text", "title" or "url"."""
    page = _Page(text, boilerplate)
    in_url, in_title = _url_dates(url or ""), _title_dates(title) if title else []
    if not (page.written or in_url or in_title or _DATELINE_HINT.search(text) or _SELF_LINK.search(text)):
        return NO_DATES
    return _Found(page, in_url, in_title).dates()


def foreign_to_url(url: str | None, title: str) -> bool:
    """Whether the title shares no word with the words of the URL's last part ("/support-of-
    the-confederation-for-the-people-affected-by-the-war-in-ukraine" under "Welcome to the
    FDFA"): the text is another page served in place of the one the URL names (a home page,
    an error page, a bot check), so a date stored for the URL is not this text's."""
    slug = _SLUG.search(url or "")
    words = {w[:_STEM] for w in _LETTERS.findall(slug.group(1).lower())} if slug else set()
    if len([w for w in words if len(w) >= _SLUG_WORD]) < _SLUG_WORDS:
        return False
    return not words & {w[:_STEM] for w in _LETTERS.findall(title.lower())}


_SLUG = re.compile(r"://[^/?#]+/(?:[^?#]*/)?([^/?#]+?)(?:\.[a-z]{2,5})?/?(?:[?#].*)?$")
_LETTERS = re.compile(r"[^\W\d_]{4,}")
_STEM, _SLUG_WORD, _SLUG_WORDS = 5, 4, 4  # words compared by their first 5 letters; 4 of 4+ letters


# ---------------------------------------------------------------------------------------------
# The words, from the data file


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: tuple[str, ...]
    time_zones: tuple[str, ...]
    published: tuple[str, ...]
    updated: tuple[str, ...]
    this_page: tuple[str, ...]
    period: tuple[str, ...]
    reading_time: tuple[str, ...]
    events: frozenset[str]
    caption_starts: tuple[str, ...]
    caption_credits: tuple[str, ...]

    @cached_property
    def month(self) -> str:
        """The months as a regex group body, as written in title case or capitals."""
        names = {form for name in self.months for form in (name, name.upper())}
        return "|".join(sorted(names, key=len, reverse=True))

    @cached_property
    def lower_months(self) -> dict[str, int]:
        return {name.lower(): number for name, number in self.months.items()}

    @cached_property
    def time(self) -> str:
        zones = "|".join(sorted(self.time_zones, key=len, reverse=True))
        clock = r"\d{1,2}(?:[:.]\d\d){1,2}\s*(?:[AaPp]\.?[Mm]\.?)?|\d{1,2}\s*[AaPp]\.?[Mm]\.?"
        return rf"(?:at\s+)?(?:{clock})(?:\s*(?:{zones})\b)?"

    @cached_property
    def weekday(self) -> str:
        return "|".join(sorted(self.weekdays, key=len, reverse=True))


@lru_cache(maxsize=1)
def _words() -> _Words:
    table = tomllib.loads(data_text(data_folder(), "dates.toml"))
    months = {name: number for number, names in enumerate(table["months"], 1) for name in names}
    return _Words(
        months=months,
        weekdays=tuple(table["weekdays"]),
        time_zones=tuple(table["time_zones"]),
        published=tuple(table["stamps"]["published"]),
        updated=tuple(table["stamps"]["updated"]),
        this_page=tuple(table["this_page"]["cues"]),
        period=tuple(table["period"]["cues"]),
        reading_time=tuple(table["lines"]["reading_time"]),
        events=frozenset(word.lower() for word in table["events"]["words"]),
        caption_starts=tuple(table["captions"]["starts"]),
        caption_credits=tuple(table["captions"]["credits"]),
    )


def _alternation(phrases: tuple[str, ...]) -> str:
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    before_year: re.Pattern[str]
    after_year: re.Pattern[str]
    zone_after: re.Pattern[str]
    stamp: re.Pattern[str]
    byline: re.Pattern[str]
    leftover: re.Pattern[str]
    clock: re.Pattern[str]
    reading_time: re.Pattern[str]
    label_after: re.Pattern[str]
    glued_reading_time: re.Pattern[str]
    cue_line: re.Pattern[str]
    dateline: re.Pattern[str]
    yearless: re.Pattern[str]
    this_page: re.Pattern[str]
    period: re.Pattern[str]
    url: tuple[tuple[re.Pattern[str], Precision], ...]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    w = _words()
    month, time, weekday = w.month, w.time, w.weekday
    url_month = "|".join(sorted({m.lower() for m in w.months}, key=len, reverse=True))
    gap = rf"[\s*_]*(?:on\s+)?[\s*_]*[:.\-]?[\s*_]*(?:(?:{weekday})\.?,?\s+)?(?:(?:{time})[\s,·|•–—-]*)?"
    return _Patterns(
        # a date written in words or digits that ends with its year (searched up to the year)
        before_year=re.compile(
            rf"""(?:
                (?<![A-Z\d_.])(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:{_SP}+of)?{_SP}+(?P<m1>{month})\.?,?{_SP}+
              | (?<![A-Z\d_])(?P<m2>{month})\.?{_SP}+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?{_SP}+
              | (?<![A-Z\d_])(?P<m3>{month})\.?,?{_SP}+
              | (?<![\w/.-])(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)
            )\Z""",
            re.X,
        ),
        zone_after=re.compile(rf"{_SP}*(?:{'|'.join(w.time_zones)})\b"),
        after_year=re.compile(r"(?P<sep>[-/])(?P<m>\d\d?)(?P=sep)(?P<d>\d\d?)(?![\d/])"),
        stamp=re.compile(rf"(?<![A-Za-z0-9])(?P<cue>{_alternation(w.published + w.updated)}){gap}\Z", re.I),
        byline=re.compile(
            rf"^[\W_]*(?:(?:(?i:posted)\s+)?(?i:by)\s+(?=[A-Z])[\w.'’ ,&/|·-]{{2,80}}?"
            rf"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{1,3}}\s*[|·•–—])[\s,|·•/–—-]*(?:on\s+)?"
            rf"(?:(?:{weekday})\.?,?\s+)?(?:(?:{time})[\s,|·•/–—-]*)?\Z"),
        leftover=re.compile(rf"(?:{time})|\b(?:{weekday})\b\.?|[A-Za-z]{{2,}}|\d+"),
        clock=re.compile(r"\d{1,2}[:.]\d\d"),
        reading_time=re.compile(rf"\d+\s*(?i:{_alternation(w.reading_time)})(?![a-z])"),
        label_after=re.compile(
            rf"[|·•–—-]\s*(?:(?i:by)\s+[A-Z][\w.'’ ,-]{{1,60}}|{_LABEL})\s*$"
        ),
        glued_reading_time=re.compile(rf"\d{{1,3}}\s*(?i:{_alternation(w.reading_time)})(?![a-z])"),
        cue_line=re.compile(rf"[\W_]*(?P<cue>{_alternation(w.published + w.updated)})[\s*_:]*", re.I),
        dateline=re.compile(
            rf"^[^\w\n]*(?:[A-Z][\w.'’ /-]{{1,40}},{_SP}+)?(?P<m>{month})\.?{_SP}+(?P<d>\d{{1,2}})"
            rf"(?:,?{_SP}+(?P<y>{_YEAR}))?{_SP}*\((?P<agency>[A-Z][\w .&/-]{{1,30}})\){_SP}*\\?[-–—]",
            re.M,
        ),
        yearless=re.compile(
            rf"(?<![\w])(?P<m1>{month})\.?{_SP}+(?P<d1>\d{{1,2}})(?!\d|:)"
            rf"|(?<![\w.])(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?{_SP}+(?:of{_SP}+)?(?P<m2>{month})\b"
        ),
        this_page=re.compile(rf"^[\W_]*(?:{_alternation(w.this_page)})\b", re.I),
        period=re.compile(rf"^[\W_]*(?:{_alternation(w.period)})\s+\Z", re.I),
        url=(
            (re.compile(rf"/(?P<y>{_YEAR})/(?P<m>\d\d?|{url_month})/(?P<d>\d\d?)(?=$|[/._-])", re.I), "day"),
            (re.compile(rf"(?<![\d])(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d])"), "day"),
            (re.compile(rf"/(?P<y>{_YEAR})(?P<m>\d\d)(?P<d>\d\d)(?=$|[/._-])"), "day"),
            (re.compile(rf"(?:^|[/-])(?P<m>{url_month})-(?P<d>\d\d?)-(?P<y>{_YEAR})(?=$|[/._-])", re.I), "day"),
            (re.compile(rf"(?:^|[/-])(?P<d>\d\d?)-(?P<m>{url_month})-(?P<y>{_YEAR})(?=$|[/._-])", re.I), "day"),
            (re.compile(rf"/(?P<y>{_YEAR})/(?P<m>\d\d?|{url_month})(?=$|/)", re.I), "month"),
            (re.compile(rf"/(?P<y>{_YEAR})-(?P<m>\d\d)-(?=[a-z])"), "month"),
        ),
    )


_YEAR_TOKEN = re.compile(_YEAR)  # digits either side checked in code: a lookbehind is slow
_GLUED = re.compile(r".*[a-z](?=[A-Z]|\Z)", re.S)
_WRAP = re.compile(r"[a-z,]\n[ \t]*[a-z]")
_DATELINE_HINT = re.compile(r"\)\s*\\?[-–—]")
_SELF_LINK = re.compile(r"https?://[^\s<>()\[\]\"']+?(?=<)")
_COPYRIGHT = re.compile(rf"(?:©|\(c\)|Copyright)\s*(?P<y>{_YEAR})\b", re.I)


# ---------------------------------------------------------------------------------------------
# Dates as written


@dataclass(frozen=True)
class _Seen:
    """One date written somewhere: its readings (two for a "04/02/2026" either way round)."""

    readings: tuple[Ymd, ...]
    where: Where
    start: int
    end: int
    order: str = ""  # "dmy" or "mdy": a numeric date whose own parts tell the order

    @property
    def ymd(self) -> Ymd:
        return self.readings[0]

    def evidence(self) -> Evidence:
        return Evidence(self.where, self.start, self.end)


def _ymd(year: int, month: int, day: int) -> Ymd | None:
    try:
        datetime(year, month or 1, day or 1)
    except ValueError:
        return None
    return (year, month, day) if _plausible(year) else None


def _plausible(year: int) -> bool:
    return _EARLIEST <= year <= _LATEST


def _written(text: str, where: Where = "full_text") -> list[_Seen]:
    """Every date with a year in ``text``, in order: found from each year, looking back for
    the day and month written before it or on for an ISO month and day after it."""
    p, months = _patterns(), _words().months
    seen: list[_Seen] = []
    for token in _YEAR_TOKEN.finditer(text):
        start, end = token.span()
        if not _lone(text, start, end, p.glued_reading_time) or p.zone_after.match(text, end):
            continue
        year = int(token.group())
        iso = p.after_year.match(text, end)
        if iso:
            ymd = _ymd(year, int(iso["m"]), int(iso["d"]))
            if ymd and not (start and text[start - 1] in "/-."):
                seen.append(_Seen((ymd,), where, start, iso.end()))
            continue
        if not _day_or_month_before(text, start):
            continue
        found = p.before_year.search(text, max(0, start - _LOOKBACK), start)
        if not found or _range_before(text, found.start()):
            continue
        if found["a"]:
            item = _numeric(year, int(found["a"]), int(found["b"]), where, found.start(), end)
        else:
            name = found["m1"] or found["m2"] or found["m3"]
            day = int(found["d1"] or found["d2"] or 0)
            ymd = _ymd(year, months.get(name) or months.get(name.title(), 0), day)
            item = _Seen((ymd,), where, found.start(), end) if ymd else None
        if item:
            seen.append(item)
    return seen


def _lone(text: str, start: int, end: int, glued: re.Pattern[str] | None = None) -> bool:
    """Four digits that are not part of a longer number, unless what follows them is
    ``glued`` on ("Dec 4, 20235 mins": a reading time run into the year)."""
    if start and text[start - 1].isdigit():
        return False
    return not text[end : end + 1].isdigit() or glued is not None and glued.match(text, end) is not None


def _day_or_month_before(text: str, year_start: int) -> bool:
    """Whether the word before a year may end a date: a day, a month, "04/02/" (most years in
    prose follow "in" or "the" and need no closer look)."""
    head = text[max(0, year_start - 12) : year_start]
    if not head or head[-1] not in " \t,./-":
        return False
    if head[-1] in "/.-":
        return head[-2:-1].isdigit()
    words = head.rstrip(" \t,.").split()
    last = words[-1] if words else ""
    months = _words().months
    day = last[-1:].isdigit() or last.endswith(("st", "nd", "rd", "th"))
    return day or last in months or last.title() in months


def _numeric(year: int, a: int, b: int, where: Where, start: int, end: int) -> _Seen | None:
    day_first, month_first = _ymd(year, b, a), _ymd(year, a, b)
    readings = tuple(dict.fromkeys(r for r in (day_first, month_first) if r))
    if not readings:
        return None
    order = "" if len(readings) > 1 or a == b else ("dmy" if day_first else "mdy")
    return _Seen(readings, where, start, end, order)


def _range_before(text: str, start: int) -> bool:
    """ "9-12 February 2026", "Feb. 13–20, 2026": a span of days, so an event."""
    return start >= 2 and text[start - 1] in "-–—" and text[start - 2].isdigit()


def _url_dates(url: str) -> list[_Seen]:
    """The date in a URL's path: ``/2026/02/05/``, ``/2026/feb/05/``, ``-2026-02-05``,
    ``/20260205-``, ``-february-5-2026``; ``/2025/04/`` gives the month."""
    if not url:
        return []
    path_start = url.find("/", url.find("://") + 3) if "://" in url else 0
    if path_start < 0:
        return []
    path = url[path_start:].split("?", 1)[0].split("#", 1)[0]
    months = _words().lower_months
    for pattern, precision in _patterns().url:
        for found in pattern.finditer(path):
            month = found["m"]
            month_number = int(month) if month.isdigit() else months.get(month.lower(), 0)
            day = int(found["d"]) if precision == "day" else 0
            ymd = _ymd(int(found["y"]), month_number, day)
            if ymd and month_number:
                return [_Seen((ymd,), "url", path_start + found.start(), path_start + found.end())]
    return []


def _title_dates(title: str) -> list[_Seen]:
    """A headline that ends (before an outlet suffix) or starts with its date:
    "Russian Offensive Campaign Assessment, February 7, 2026"."""
    return [s for s in _written(title, "title") if _heads(title, s, 0, len(title))]


def _heads(line: str, seen: _Seen, start: int, end: int) -> bool:
    """Whether ``seen`` is a headline's own date: at its end after a comma, colon or dash (an
    outlet suffix may follow) or at its start before one."""
    before = line[start : seen.start].rstrip(" *_")
    after = line[seen.end : end].strip(" *_.\r\t")
    if not before.strip(" #*_") and after[:1] in (":", "-", "–", "—", "|"):
        return True
    tail_ok = not after or after[:1] in ("|", "-", "–", "—") and len(after) <= 60
    return tail_ok and before[-1:] in (",", ":", "-", "–", "—", "|") and not _event_before(before)


def _event_before(before: str) -> bool:
    words = before.rstrip(" ,:-–—|").split()
    return bool(words) and words[-1].lower().strip("(") in _words().events


# ---------------------------------------------------------------------------------------------
# The page


class _Page:
    """The text, its boilerplate, and where the article starts (dates above it and in its
    opening are the page's own, in boilerplate further on other stories')."""

    def __init__(self, text: str, boilerplate: Spans) -> None:
        self.text = text
        self.spans = sorted(boilerplate)
        self._starts = [s for s, _ in self.spans]

    @cached_property
    def article_start(self) -> int:
        at = 0
        for start, end in self.spans:
            while at < len(self.text) and self.text[at].isspace():
                at += 1
            if start <= at < end:
                at = end
        while at < len(self.text) and self.text[at].isspace():
            at += 1
        return at

    @cached_property
    def wrapped(self) -> bool:
        """Hard-wrapped at a fixed width, as wire copy is: sentences run on over line breaks."""
        return len(_WRAP.findall(self.text, 0, 4000)) >= 3

    def in_boilerplate(self, at: int) -> bool:
        i = bisect_right(self._starts, at) - 1
        return i >= 0 and at < self.spans[i][1]

    def counts(self, at: int) -> bool:
        """In the article, or in the chrome above it."""
        return at < self.article_start or not self.in_boilerplate(at)

    def in_opening(self, at: int) -> bool:
        """Above the article or in its first lines, chrome or not: a masthead's date, or a
        date line the chrome around the headline took in."""
        return at < self.article_start + _OPENING_CHARS

    def line(self, at: int) -> tuple[int, int]:
        return self.text.rfind("\n", 0, at) + 1, (self.text.find("\n", at) + 1 or len(self.text) + 1) - 1

    @cached_property
    def written(self) -> list[_Seen]:
        return _written(self.text)


# ---------------------------------------------------------------------------------------------
# Findings


@dataclass(frozen=True)
class _Role:
    """A date in the text and what its line makes it: "published" or "updated" (a stamp),
    "this page" ("Reading now ..."), "caption", "byline", "opening" (a line that is only a date),
    "heading", "period" ("For the week ending ..."), or "sentence". ``at``: where its evidence
    starts; ``anywhere``: it counts past the article's opening."""

    role: str
    seen: _Seen
    at: int
    anywhere: bool = False


@dataclass(frozen=True)
class _Claim:
    """A date the page gives as its own, by one rule."""

    how: str
    seen: _Seen
    evidence: tuple[Evidence, ...]


class _Found:
    """The claims a page makes about its own date, and the dates that support them."""

    def __init__(self, page: _Page, url: list[_Seen], title: list[_Seen]) -> None:
        self.page = page
        self.url = url
        self.title = title

    # -- rules over the dates written in the text -------------------------------------------

    @cached_property
    def _roles(self) -> list[_Role]:
        """Each date in the text with the role its line gives it."""
        return [self._role(seen) for seen in self.page.written if not self._in_link(seen)]

    def _role(self, seen: _Seen) -> _Role:
        page, p, text = self.page, _patterns(), self.page.text
        line_start, line_end = page.line(seen.start)
        start = max(line_start, seen.start - _LINE_CONTEXT)  # a line may be a whole article
        before, after = text[start : seen.start], text[seen.end : min(line_end, seen.end + _LINE_CONTEXT)]
        stamp = p.stamp.search(before, max(0, len(before) - 80))
        opens_line = stamp is not None and start == line_start and not before[: stamp.start()].strip(_MARKUP)
        placed = stamp and _stamp_placed(before[: stamp.start()], stamp["cue"])
        if stamp and (placed or opens_line and not self._continues(line_start)):
            return _Role(_stamp_role(stamp["cue"]), seen, start + stamp.start(), opens_line and _bare(after))
        if start > line_start:  # deep inside a long line: prose, or a caption
            return _Role("caption" if self._is_caption(line_start, line_end) else "sentence", seen, seen.start)
        above = self._cue_above(line_start) if not before.strip(_MARKUP) else None
        if above:
            return _Role(_stamp_role(above["cue"]), seen, above.start("cue"), _bare(after))
        if p.this_page.match(before) and _heads(text, seen, line_start, line_end):
            return _Role("this page", seen, line_start, True)
        if _bare(after, trailing=True):
            if p.byline.search(before):
                return _Role("byline", seen, line_start + len(before) - len(before.lstrip(_MARKUP)))
            if _bare(_unglued(before)) and not after.lstrip(" *_)").startswith(".") and not self._continues(line_start):
                return _Role("opening", seen, seen.start)
        if self._is_caption(line_start, line_end):
            return _Role("caption", seen, seen.start)
        if text[line_start : line_start + 1] == "#" and _heads(text, seen, line_start, line_end):
            return _Role("heading", seen, line_start)
        if p.period.search(before):
            return _Role("period", seen, seen.start)
        return _Role("sentence", seen, seen.start)

    def _cue_above(self, line_start: int) -> re.Match[str] | None:
        """A stamp label alone on the line above a date ("Last updated" + "Jan 15, 2026")."""
        if line_start < 2:
            return None
        above_start = self.page.text.rfind("\n", 0, line_start - 1) + 1
        if line_start - above_start > 40:
            return None
        return _patterns().cue_line.fullmatch(self.page.text, above_start, line_start - 1)

    def _continues(self, line_start: int) -> bool:
        """Whether the line above runs on into this one ("... in" + "January 1986."; any
        unfinished line in hard-wrapped text): the date ends a sentence, so it is an event."""
        above = self.page.text[max(0, line_start - 80) : max(0, line_start - 1)].rsplit("\n", 1)[-1]
        if self.page.wrapped and above.strip() and not above.rstrip(" *_").endswith(tuple(".!?:\"”)")):
            return True
        return _event_before(above)

    def _in_link(self, seen: _Seen) -> bool:
        text = self.page.text
        token = max(text.rfind(c, 0, seen.start) for c in " \n(<[")
        return "/" in text[token + 1 : seen.start] or text[seen.start - 1 : seen.start] in ("/", "-", "_")

    def _is_caption(self, line_start: int, line_end: int) -> bool:
        w = _words()
        line = self.page.text[line_start : min(line_end, line_start + _CAPTION_CHARS)].lstrip(" *_>")
        return line.startswith(w.caption_starts) or any(c in line for c in w.caption_credits)

    def _claims(self, role: str) -> list[_Claim]:
        """The dates in that role where they count: in the article's opening (or the masthead
        above it); a stamp that opens its line, or a "Reading now" line, further on too."""
        page, how = self.page, _HOW.get(role, role)
        return [
            _Claim(how, r.seen, (Evidence("full_text", r.at, r.seen.end),))
            for r in self._roles
            if r.role == role
            and (page.in_opening(r.at) or r.anywhere and (role == "this page" or page.counts(r.at)))
        ]

    # -- the other rules --------------------------------------------------------------------

    def _datelines(self) -> list[_Claim]:
        """ "KYIV, Feb 5 (Reuters) -": its year from the date written with it, or from the rest
        of the page."""
        page, months, claims = self.page, _words().months, []
        end = page.article_start + _OPENING_CHARS
        if not _DATELINE_HINT.search(page.text, 0, end):
            return []
        for found in _patterns().dateline.finditer(page.text, 0, end):
            if not page.counts(found.start()):
                continue
            month = months.get(found["m"]) or months.get(found["m"].title(), 0)
            year = int(found["y"]) if found["y"] else self._year_for(month, int(found["d"]))
            ymd = _ymd(year, month, int(found["d"])) if year else None
            if ymd:
                start = found.start() + len(found.group()) - len(found.group().lstrip(_MARKUP))
                seen = _Seen((ymd,), "full_text", start, found.end())
                claims.append(_Claim("dateline", seen, (seen.evidence(),)))
        return claims

    def _year_for(self, month: int, day: int) -> int:
        """The year a year-less dateline stands in: the URL's, else the one year given by the
        page's dates of that day, else of that month or the next to it, else by its copyright
        line, its other dates, or the years it names. 0 when the page does not settle it."""
        if self.url and _months_apart(self.url[0].ymd[1], month) <= 1:
            return _year_of(month, *self.url[0].ymd[:2])
        page = self.page
        written = [s.ymd for s in page.written if len(s.readings) == 1 and page.counts(s.start)]
        steps = (
            {y for y, m, d in written if (m, d) == (month, day)},
            {_year_of(month, y, m) for y, m, _ in written if m and _months_apart(m, month) <= 1},
            {int(c["y"]) for c in _COPYRIGHT.finditer(page.text)},
            {y for y, _, _ in written},
            _named_years(page),
        )
        for years in steps:
            if len(years) == 1:
                return years.pop()
            if years:
                return 0
        return 0

    @cached_property
    def _self_links(self) -> list[_Claim]:
        """Links to the page itself: this text's relative links were written out as
        ``https://host/2026/02/05/<relative>``, so the part before "<" is the page's own
        address. Kept when they all give one date."""
        claims, dated = [], {}
        for link in _SELF_LINK.finditer(self.page.text):
            address = link.group()
            if address not in dated:
                dated[address] = _url_dates(address)
            for seen in dated[address]:
                moved = _Seen(seen.readings, "full_text", link.start() + seen.start, link.start() + seen.end)
                claims.append(_Claim("self link", moved, (moved.evidence(),)))
        return claims if len({c.seen.ymd for c in claims}) == 1 else []

    # -- choosing ---------------------------------------------------------------------------

    @cached_property
    def _support(self) -> list[_Seen]:
        """Dates that may settle another: the URL's, every date with one reading on the page,
        and the article's dates written without a year ("on February 4")."""
        written = [s for s in self.page.written if len(s.readings) == 1]
        return self.url + [c.seen for c in self._self_links] + written + self._yearless()

    def _yearless(self) -> list[_Seen]:
        page, months, seen = self.page, _words().months, []
        for found in _patterns().yearless.finditer(page.text):
            if page.counts(found.start()):
                name = found["m1"] or found["m2"]
                month = months.get(name) or months.get(name.title(), 0)
                seen.append(_Seen(((0, month, int(found["d1"] or found["d2"])),), "full_text", *found.span()))
        return seen

    def dates(self) -> Dates:
        """The findings; a published date after the updated one is some other date ("Last
        updated April 2, 2024" + "Next expected update" + "February 2026")."""
        published = self._published()
        updated = self._first(_unless_list(self._claims("updated")))
        if published is not None and updated is not None and _later(published, updated):
            published = None
        if published is None and updated is not None and self._news_stamp(updated):
            return Dates(replace(updated, how="updated stamp"), None, self._others)
        return Dates(published, updated, self._others)

    @cached_property
    def _others(self) -> frozenset[str]:
        """Days the page writes, but never where or as it would write its own date."""
        page = self.page
        written, own = set(), set()
        for r in self._roles:
            days = {f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in r.seen.readings if m and d}
            written |= days
            if r.role not in ("sentence", "caption") and (page.in_opening(r.at) or page.counts(r.at)):
                own |= days
        return frozenset(written - own)

    def _news_stamp(self, updated: DateFinding) -> bool:
        """An "Updated" stamp to the minute at the top of the page is a news page's only date,
        so its published date; a day alone there ("updated on Dec 5, 2025") is a revision."""
        start = updated.evidence[0].start
        line_start, line_end = self.page.line(start)
        timed = _patterns().clock.search(self.page.text, line_start, line_end)
        return self.page.in_opening(start) and timed is not None

    def _published(self) -> DateFinding | None:
        """The first rule's date, in this order of trust; a month or year made more precise by
        a later rule that falls inside it; with the evidence of every rule that agrees."""
        ranked = (
            _unless_list(self._claims("published")),
            self._claims("this page") + [_Claim("headline", s, (s.evidence(),)) for s in self.title],
            _unless_list(self._claims("byline")),
            self._datelines(),
            _unless_list(self._claims("heading")),
            [_Claim("url", s, (s.evidence(),)) for s in self.url],
            self._self_links,
            _unless_list(self._claims("opening")),
            self._claims("period")[:1],
        )
        findings = [f for f in (self._first(claims) for claims in ranked) if f]
        if not findings:
            return None
        chosen = findings[0]
        for finding in findings[1:]:
            if _refines(chosen, finding):
                chosen = replace(finding, evidence=chosen.evidence + finding.evidence)
        evidence = chosen.evidence + tuple(e for f in findings if _same(f, chosen) for e in f.evidence)
        return self._with_captions(replace(chosen, evidence=tuple(dict.fromkeys(evidence))))

    def _first(self, claims: list[_Claim]) -> DateFinding | None:
        """The first claim whose date the page settles."""
        for claim in claims:
            finding = self._settled(claim)
            if finding:
                return finding
        return None

    def _settled(self, claim: _Claim) -> DateFinding | None:
        """The claim's date, once the page settles which reading of "04/02/2026" it is."""
        readings = claim.seen.readings
        if len(readings) > 1:
            readings = _settle(claim.seen, self._support)
        if len(readings) == 1:
            return _finding(readings[0], claim.how, claim.evidence)
        if len({r[:2] for r in readings}) == 1:
            return _finding((*readings[0][:2], 0), claim.how, claim.evidence)
        return None

    def _with_captions(self, chosen: DateFinding) -> DateFinding:
        """Add the same-day photo captions as evidence."""
        day = (chosen.value.year, chosen.value.month, chosen.value.day)
        same = tuple(
            r.seen.evidence()
            for r in self._roles
            if r.role == "caption" and chosen.precision == "day" and r.seen.readings == (day,)
        )
        return replace(chosen, evidence=chosen.evidence + same) if same else chosen


_HOW = {
    "published": "stamp", "updated": "stamp", "period": "opening", "this page": "headline", "heading": "headline"
}


def _named_years(page: _Page) -> set[int]:
    text = page.text
    return {int(y.group()) for y in _YEAR_TOKEN.finditer(text) if _lone(text, *y.span()) and page.counts(y.start())}


def _months_apart(a: int, b: int) -> int:
    return min((a - b) % 12, (b - a) % 12)


def _year_of(month: int, year: int, other_month: int) -> int:
    """The year of ``month`` next to a date in ``other_month`` of ``year`` (Jan after Dec)."""
    return year + (month == 1 and other_month == 12) - (month == 12 and other_month == 1)


def _stamp_placed(before: str, cue: str) -> bool:
    """A stamp label written capitalised ("Published", "Smith Last Updated: 12 Feb, 2025"), or
    after a separator or another date and time ("... / updated on"); "published on" in a
    sentence is an event. (At a line's start it is one unless the line above runs on into it.)"""
    rest = before.rstrip(" \t*_")
    if cue[:1].isupper():
        return True
    if not rest.strip(_MARKUP):
        return False
    rest = rest.rstrip(",")
    after_time = rest.upper().endswith(("AM", "PM")) or rest.endswith(tuple(_words().time_zones))
    return rest[-1] in _SEPARATORS or rest[-1].isdigit() or after_time


def _stamp_role(cue: str) -> str:
    return "updated" if " ".join(cue.lower().split()) in _updated_cues() else "published"


def _unglued(before: str) -> str:
    """What stands before a date since another element was last run into it ("Space29
    December 2024", "Back to NewsSunday, July 6, 2025"): a kicker, a link or a name of its
    own, written without a space as a sentence never is."""
    glued = _GLUED.match(before)
    return before[glued.end() :] if glued else before


@lru_cache(maxsize=1)
def _updated_cues() -> frozenset[str]:
    return frozenset(" ".join(c.lower().split()) for c in _words().updated)


def _bare(part: str, trailing: bool = False) -> bool:
    """Nothing but markup, separators, a time and a weekday: the rest of a line that is only a
    date. ``trailing``: what follows the date may also give a reading time, and a byline or a
    short label after a separator ("| Report", "| Editorial Team")."""
    if len(part) >= 80:
        return False
    if trailing:
        part = _patterns().label_after.sub("", _patterns().reading_time.sub("", part))
    words = _patterns().leftover.findall(part)
    return not [w for w in words if w[:1].isalpha() and not _is_time_or_day(w)]


def _is_time_or_day(word: str) -> bool:
    w = _words()
    return word.rstrip(".") in w.weekdays or word in w.time_zones or bool(re.match(r"(?:at\s+)?\d", word))


def _unless_list(claims: list[_Claim]) -> list[_Claim]:
    """Claims of one role that give many different dates are a list of other stories."""
    return claims if len({c.seen.readings for c in claims}) < _LIST else []


def _refines(chosen: DateFinding, finding: DateFinding) -> bool:
    """A more precise date inside the chosen one's month or year."""
    order = ("year", "month", "day")
    if order.index(finding.precision) <= order.index(chosen.precision):
        return False
    same_year = finding.value.year == chosen.value.year
    return same_year and (chosen.precision == "year" or finding.value.month == chosen.value.month)


def _later(a: DateFinding, b: DateFinding) -> bool:
    """Whether ``a`` is after ``b`` at the coarser of their precisions."""
    parts = min(_PARTS[a.precision], _PARTS[b.precision])
    x, y = a.value, b.value
    return (x.year, x.month, x.day)[:parts] > (y.year, y.month, y.day)[:parts]


_PARTS = {"year": 1, "month": 2, "day": 3}


def _same(finding: DateFinding, chosen: DateFinding) -> bool:
    """The same date as ``chosen``, at its precision."""
    parts = _PARTS[chosen.precision]
    a, b = finding.value, chosen.value
    same = (a.year, a.month, a.day)[:parts] == (b.year, b.month, b.day)[:parts]
    return finding.precision == chosen.precision and same


def _settle(seen: _Seen, support: list[_Seen]) -> tuple[Ymd, ...]:
    """The readings of an ambiguous numeric date that the page agrees with: another date of the
    same day (with its year, or without one), else the order every self-evident numeric date
    on the page is written in."""
    days = {s.ymd for s in support if s is not seen}
    agreeing = tuple(r for r in seen.readings if r in days or (0, *r[1:]) in days)
    if len(agreeing) == 1:
        return agreeing
    orders = {s.order for s in support if s.order}
    if len(orders) == 1:
        return (seen.readings[0],) if orders == {"dmy"} else (seen.readings[-1],)
    return seen.readings


def _finding(ymd: Ymd, how: str, evidence: tuple[Evidence, ...]) -> DateFinding:
    year, month, day = ymd
    precision: Precision = "day" if day else "month" if month else "year"
    return DateFinding(datetime(year, month or 1, day or 1, tzinfo=timezone.utc), precision, how, evidence)
