"""Which outlet published an article: from its URL, its title, and how its page names itself.

Data: ``indexer/data/outlets.toml`` (or ``$PARLEY_DATA/outlets.toml``): per outlet its
``domains``, the ``names`` it goes by, optional ``self_references`` (house phrases such as "told
the BBC") and ``ambiguous`` (names that count only where a page speaks of itself: "The Week",
"NATO"); and the cue words that tell a page naming itself ("© 2026 The Guardian", "Stay with
Newsweek") from a page citing an outlet ("AFP reported", "told Reuters", "Photo: AFP").
"""

from __future__ import annotations

import os
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from indexer.evidence import Evidence, Spans

# How much each kind of evidence says about whose page it is. A page speaking of itself in a
# title suffix, a dateline, a byline, a masthead phrase, a copyright line, an appeal or a
# disclaimer is strong; its name on a line of its own, an author's note, two links to its own
# site and its voice in its chrome ("we", "our") fair; a plain mention weak (capped at 3).
_STRONG, _FAIR = 3, 2
_MAX_MENTIONS = 3
_WEAK = frozenset({"text", "self-reference"})
_MAX_SPANS = 5  # evidence spans kept per kind: enough to show why, not every nav link
_WINDOW = 80  # characters of a line looked at on either side of a name
_LEAD = r"\s+(?:the\s+)?[_*\"“‘']*$"  # between a cue and a name: "According to the _Financial Times_"
_CUE_KEYS = (  # the cue-word lists of outlets.toml
    "cite_before", "cite_after", "cite_between", "reference_after", "company_after", "credit_before",
    "credit_after", "appeal_before", "appeal_after", "appeal_anywhere", "appeal_heading",
    "copyright_before", "copyright_after", "disclaimer_before", "masthead_before", "byline_after",
    "bio_verbs", "bio_roles", "bio_past",
)

_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·:]{1,2}\s+|\s*[|–—·]\s*|\s+-(?=\S)|(?<=\S)-\s+")
_SEPARATOR_CHAR = re.compile(r"[|\-–—·:]")
_MAX_SUFFIX = 80  # a title's outlet suffix is within its last characters
_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\]\n]*\])*)\]\((https?://[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_LINK_OR_URL = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)|<?https?://\S+")
_LISTED = re.compile(r"(?:,|,?\s+and|,?\s+or|\s*/)\s+(?:[\w-]+\s+){0,3}")  # "told Reuters, state newswire TASS"
_WE = re.compile(r"\b(?:we|our)\b")  # not "us" ("About us" menus), nor "Our" (title-case headlines)
_TLD = re.compile(r"\.(?:com|org|net|co\.uk|int)$", re.I)


@dataclass(frozen=True)
class OutletFinding:
    """The outlet whose page an article is, how that was told, and the spans that told it."""

    name: str
    how: str
    evidence: tuple[Evidence, ...]


@dataclass
class _Candidate:
    """One outlet's evidence in a page: per kind its weight (the strongest instance's; for
    plain mentions their number, capped) and spans."""

    weights: dict[str, int] = field(default_factory=dict)
    spans: dict[str, list[Evidence]] = field(default_factory=dict)
    mentions: int = 0

    def add(self, kind: str, weight: int, span: Evidence) -> None:
        if kind == "text":
            self.mentions += 1
            weight = min(self.mentions, _MAX_MENTIONS)
        self.weights[kind] = max(self.weights.get(kind, 0), weight)
        kept = self.spans.setdefault(kind, [])
        if len(kept) < _MAX_SPANS:
            kept.append(span)

    @property
    def score(self) -> int:
        return sum(self.weights.values())

    @property
    def how(self) -> str:
        return max(self.weights, key=lambda kind: (self.weights[kind], kind not in _WEAK))

    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(sorted({span for spans in self.spans.values() for span in spans}))


class Outlets:
    """The outlet table with its text patterns compiled once, on first use."""

    def __init__(
        self,
        by_domain: dict[str, str],
        by_name: dict[str, str],
        ambiguous: frozenset[str],
        self_references: dict[str, str] | None = None,
        cues: dict[str, list[str]] | None = None,
    ) -> None:
        self.by_domain, self.by_name, self.ambiguous = by_domain, by_name, ambiguous
        self.self_references = self_references or {}
        self.cues = cues or {}

    def canonical(self, name: str) -> str:
        """An outlet's display name for a name it goes by ("Reuter" -> "Reuters")."""
        return self.by_name.get(name, name)

    def from_url(self, url: str | None) -> str | None:
        """The outlet whose domain the URL's host is, or ends with ("news.bbc.co.uk")."""
        return self._from_host(_host(url))

    def find(self, title: str, text: str, boilerplate: Spans, url: str | None) -> OutletFinding | None:
        """The outlet whose page this is, or None when the evidence is not clear.

        ``text`` is the whole text as read and ``boilerplate`` its spans of page chrome:
        mastheads, copyright lines and appeals there count, plain mentions there (a teaser) do
        not. A known URL domain decides; otherwise a title suffix naming the URL's own site
        ("| Lowy Institute" on lowyinstitute.org) does; otherwise the outlet whose evidence
        outweighs every other's. A citation ("told Reuters", "AFP reported", "Photo: AFP")
        is never evidence. ``how`` is the strongest evidence: "url", "title", "dateline",
        "byline", "masthead", "sign-off" (a copyright line, an appeal, a disclaimer), "links",
        "self-reference" or "text" (plain mentions). Offsets are into ``title`` ("title"),
        ``text`` ("full_text") and ``url`` ("url")."""
        candidates, cited = self._candidates(title, text, boilerplate)
        by_url = self._url_finding(url, title, candidates)
        return by_url if by_url is not None else _choose(candidates, cited)

    def _url_finding(self, url: str | None, title: str, candidates: dict[str, _Candidate]) -> OutletFinding | None:
        """The outlet of the URL's domain (with the text's evidence for it), or of a title
        suffix naming the URL's own site; None when the URL tells neither."""
        host = _host(url)
        if url is None or not host:
            return None
        start = url.lower().find(host)
        span = Evidence("url", start, start + len(host))
        outlet = self._from_host(host)
        if outlet is not None:
            found = candidates.get(outlet, _Candidate())
            return OutletFinding(outlet, "url", tuple(sorted({span, *found.evidence()})))
        suffix = self._site_suffix(title, host)
        if suffix is not None:
            name, start, end = suffix
            return OutletFinding(name, "title", (Evidence("title", start, end), span))
        return None

    def _from_host(self, host: str) -> str | None:
        labels = host.removeprefix("www.").split(".")
        for i in range(len(labels) - 1):
            outlet = self.by_domain.get(".".join(labels[i:]))
            if outlet:
                return outlet
        return None

    # --- candidates --------------------------------------------------------------------

    def _candidates(self, title: str, text: str, boilerplate: Spans) -> tuple[dict[str, _Candidate], set[str]]:
        """Each outlet's evidence in the title and the text, and the outlets the text cites."""
        candidates: dict[str, _Candidate] = {}
        cited: set[str] = set()
        chrome = _Chrome(boilerplate)

        def add(outlet: str, kind: str, weight: int, span: Evidence) -> None:
            candidates.setdefault(outlet, _Candidate()).add(kind, weight, span)

        suffix = self._title_suffix(title)
        if suffix is not None:
            add(suffix[0], "title", _STRONG, Evidence("title", suffix[1], suffix[2]))
        cited_end = -1
        for found in self._name_hits(text):
            start, end = found.span()
            name = " ".join(found.group().split())  # "International Monetary\nFund"
            outlet = self.by_name[name]
            house = self._house_phrase(text, name, start)
            if house is not None:
                if not chrome.covers(start):
                    add(outlet, "self-reference", 1, Evidence("full_text", *house))
                continue
            listed = 0 <= start - cited_end <= _WINDOW and _LISTED.fullmatch(text, cited_end, start)
            kind, weight = ("cited", 0) if listed else self._context(text, name, start, end, chrome)
            if kind == "cited":
                cited.add(outlet)
                cited_end = end
            elif kind != "text" or (name not in self.ambiguous and not chrome.covers(start)):
                add(outlet, kind, weight, Evidence("full_text", start, end))
        for outlet, (spans, resolved) in self._self_links(text, chrome).items():
            weight = _STRONG if len(spans) >= 3 else _FAIR if len(spans) == 2 or resolved else 1
            for span in spans:
                add(outlet, "links", weight, span)
        return candidates, cited

    def _name_hits(self, text: str) -> Iterable[re.Match[str]]:
        """Every outlet name in the text, in order. Names written with a lower-case initial
        ("dpa", "openDemocracy") are looked for only when the text holds one: scanning for
        them at every lower-case letter would double the cost of every article."""
        capitalised, lower_case, lower_names = self._names
        hits: Iterable[re.Match[str]] = capitalised.finditer(text)
        if any(name in text for name in lower_names):
            hits = sorted([*hits, *lower_case.finditer(text)], key=lambda m: m.start())
        return (m for m in hits if not _inside_word(text, m.start()))

    def _house_phrase(self, text: str, name: str, start: int) -> tuple[int, int] | None:
        """The span of a house phrase ("told the BBC") around the name found at ``start``."""
        for phrase, inner, offset in self._house.get(self.by_name[name], ()):
            if text.startswith(inner, start) and text.startswith(phrase, start - offset):
                return start - offset, start - offset + len(phrase)
        return None

    def _context(self, text: str, name: str, start: int, end: int, chrome: _Chrome) -> tuple[str, int]:
        """What the words around a name make of it: (kind, weight), ("cited", 0), or
        ("text", 1) for a plain mention."""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        near_start = start - line_start <= _WINDOW
        # a window cut mid-line starts with a letter, so "^" there is never a line's start
        before = text[line_start:start] if near_start else "x" + text[start - _WINDOW : start]
        after = text[end : min(line_end, end + _WINDOW)]
        p = self._patterns
        if before.endswith("(") and after.startswith(")"):  # "KYIV (Reuters) -", or "(AFP)" under a photo
            return ("dateline", _STRONG) if near_start and p["dateline"].match(after) else ("cited", 0)
        if p["credit_before"].search(before) or p["credit_after"].match(after):
            return "cited", 0
        own = self._own_voice(before, after, name)
        if own is not None:
            return own
        if p["bio_before"].search(before) and self._in_bio(text, max(line_start, start - 3 * _WINDOW), start):
            return "byline", _FAIR
        if any(p[key].search(before) for key in ("cite_before", "reference_before")) or any(
            p[key].match(after) for key in ("cite_after", "reference_after", "company_after")
        ):
            return "cited", 0
        voice = chrome.covers(start) and name not in self.ambiguous
        if voice and _WE.search(_sentence(text, line_start, start, line_end)):
            return "sign-off", _FAIR  # its chrome speaking to the reader: "we invite you to ... Truthout"
        return "text", 1

    def _own_voice(self, before: str, after: str, name: str) -> tuple[str, int] | None:
        """(kind, weight) when the line speaks as the outlet: a masthead, a byline, a
        copyright line, an appeal or a disclaimer."""
        p = self._patterns
        if p["masthead"].fullmatch(before) and p["masthead"].fullmatch(after):
            # a line of its own: a masthead or sign-off ("REUTER"), or a photo credit ("AP");
            # "The Sun" or "NASA" alone is as likely a heading
            return ("text", 1) if name in self.ambiguous else ("masthead", _FAIR)
        if p["masthead_before"].search(before):
            return "masthead", _STRONG
        if p["appeal_heading"].search(before) and p["masthead"].fullmatch(after):
            return "sign-off", _STRONG
        if p["byline_before"].fullmatch(before) and p["byline_after"].fullmatch(after):
            return "byline", _STRONG
        sign_off = any(p[key].search(before) for key in ("copyright_before", "appeal_before", "disclaimer_before"))
        if sign_off or p["copyright_after"].match(after) or p["appeal_after"].match(after):
            return "sign-off", _STRONG
        return None

    def _in_bio(self, text: str, start: int, end: int) -> bool:
        """Whether the sentence ending at ``end`` reads as an author's note of a current job."""
        sentence = re.split(r"[.!?]\s", text[start:end])[-1]
        p = self._patterns
        return bool(p["bio"].search(sentence)) and not p["bio_past"].search(sentence)

    def _self_links(self, text: str, chrome: _Chrome) -> dict[str, tuple[list[Evidence], bool]]:
        """Per outlet, its links that point at its own site: navigation (in the chrome, or on
        a line of nothing but links), or links the saved page resolved against its own
        address ("https://site/path/<...>").
        A link inside a sentence cites; a bare address is a printed reference. Per outlet:
        (its links, whether one was resolved against the page's address)."""
        if "](http" not in text:
            return {}
        links: dict[str, tuple[list[Evidence], bool]] = {}
        for found in _LINK.finditer(text):
            outlet = self._from_host(_host(found.group(2)))
            if outlet is None:
                continue
            start = found.start(2)
            resolved = "/<" in found.group(2)
            if resolved or not found.group(1).strip() or chrome.covers(start) or _link_only(text, start):
                spans, before = links.get(outlet, ([], False))
                spans.append(Evidence("full_text", start, found.end(2)))
                links[outlet] = (spans, before or resolved)
        return links

    def _title_suffix(self, title: str) -> tuple[str, int, int] | None:
        """(outlet, start, end) when the title ends with a known outlet's name after a
        separator ("... | The Guardian", "... - WSJ", "... | CNN Politics")."""
        for name, start, end in _suffixes(title):
            outlet = self.by_name.get(name) or self.by_domain.get(name.lower())
            if outlet is None and " " in name:
                head = name.rsplit(" ", 1)[0]
                outlet = self.by_name.get(head) if head not in self.ambiguous else None
            if outlet is not None:
                return outlet, start, end
        return None

    def _site_suffix(self, title: str, host: str) -> tuple[str, int, int] | None:
        """(name, start, end) when the title's suffix names the URL's own site: its words
        run together, or their initials, are a label of the host ("Lowy Institute" on
        lowyinstitute.org, "CSIS" on csis.org)."""
        labels = set(host.removeprefix("www.").split(".")[:-1])
        for name, start, end in _suffixes(title):
            words = re.findall(r"\w+", name.casefold())
            joined = "".join(words)
            initials = "".join(w[0] for w in re.findall(r"[A-Z]\w*", name)).casefold()
            if joined in labels or (len(initials) > 1 and initials in labels):
                return self.canonical(name), start, end
        return None

    # --- patterns, built once ------------------------------------------------------------

    @cached_property
    def _names(self) -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
        """(a pattern for the names with a capital or other initial, one for those with a
        lower-case initial, those names). "_Fortune_" (Markdown emphasis) is a whole word,
        "Russia-Ukraine" and "BBC1" are not."""
        lower = tuple(n for n in self.by_name if n[:1].islower())
        rest = [n for n in self.by_name if not n[:1].islower()]
        # no lookbehind at the start (``_name_hits`` checks the left edge), so the regex
        # engine skips, in C, every character no name starts with: twice as fast
        whole = r"(?:{})(?![^\W_])(?!-)"
        capitalised, lower_case = (re.compile(whole.format(_trie(names) or r"(?!x)x")) for names in (rest, lower))
        return capitalised, lower_case, lower

    @cached_property
    def _house(self) -> dict[str, list[tuple[str, str, int]]]:
        """Per outlet, its house phrases (longest first), each with the name it holds and the
        name's offset in it."""
        house: dict[str, list[tuple[str, str, int]]] = {}
        for phrase, outlet in sorted(self.self_references.items(), key=lambda item: -len(item[0])):
            names = [
                n for n, o in self.by_name.items() if o == outlet and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", phrase)
            ]
            if names:
                name = max(names, key=len)
                house.setdefault(outlet, []).append((phrase, name, phrase.find(name)))
        return house

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        cue = {key: _alternation(self.cues.get(key, [])) for key in _CUE_KEYS}
        sentence = r"(?:^|[.!?:|•*]\s+|\s{2,})\W*"
        word = r"[A-Z][\w.'’-]*"
        return {
            "dateline": re.compile(r"\)\s*[-–—](?!\w)"),  # not "the ESA (European Space Agency)-provided"
            "credit_before": re.compile(rf"(?:{cue['credit_before']})\s*(?:\w+\s+){{0,3}}$|/\s*$|\bvia\s+$", re.I),
            "credit_after": re.compile(rf"[_*]*\s*(?:{cue['credit_after']})|\s*/", re.I),
            "masthead": re.compile(r"[\W_]*"),
            "masthead_before": re.compile(rf"^\W*(?:{cue['masthead_before']}){_LEAD}", re.I),
            "appeal_heading": re.compile(rf"^\W*(?:{cue['appeal_heading']}){_LEAD}", re.I),
            "byline_before": re.compile(
                rf"\W*(?:By\s+)?(?:{word}(?:\s+(?:{word}|and|de|van|von|al|bin)){{0,4}},\s+(?:the\s+)?)?"
            ),
            "byline_after": re.compile(rf"[_*]*(?:\.\w+)?(?:\s+(?:{cue['byline_after']}))?\W*", re.I),
            "copyright_before": re.compile(
                rf"(?:{cue['copyright_before']})\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?,?"
                r"\s*(?:by\s+)?(?:the\s+)?[_*]*$",
                re.I,
            ),
            "copyright_after": re.compile(rf"[_*]*[.,]?\s*(?:\d{{4}}\s*)?(?:{cue['copyright_after']})", re.I),
            "appeal_before": re.compile(
                rf"(?:{sentence}(?:{cue['appeal_before']})|\b(?:{cue['appeal_anywhere']})){_LEAD}", re.I
            ),
            "appeal_after": re.compile(
                rf"[_*]*(?:\.\w+)?(?:['’]s(?:\s+\w+){{0,2}}?)?\s+(?:{cue['appeal_after']})\b", re.I
            ),
            "disclaimer_before": re.compile(rf"\b(?:{cue['disclaimer_before']}){_LEAD}", re.I),
            "bio_before": re.compile(r"\b(?:at|for|with)" + _LEAD),
            "bio": re.compile(
                rf"{word}\s+(?:(?:{cue['bio_verbs']})\b"
                rf"|is\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?:{cue['bio_roles']})\b)"
            ),
            "bio_past": re.compile(rf"\b(?:{cue['bio_past']})\b", re.I),
            # '"Starship explodes". _Reuters_. Archived ...', "30. _The Economist_, “Today’s ...”"
            "reference_before": re.compile(r"[\"”]\s*[.,]?\s+[_*]*$|^\W*\d+[.)]\s+[_*]*$"),
            "reference_after": re.compile(
                rf"[_*]*\s*[.,]\s+(?:(?:[_*]*[\w.]+[_*]*[.,]\s+)?(?:{cue['reference_after']})\b|[\"“])", re.I
            ),
            "company_after": re.compile(
                rf"[_*]*,?\s*(?:(?:{cue['company_after']})(?!\w)|[<(][A-Z]{{1,5}}(?:\.[A-Z]{{1,2}})?[>)])", re.I
            ),
            "cite_before": re.compile(rf"\b(?:{cue['cite_before']}){_LEAD}", re.I),
            "cite_after": re.compile(
                rf"[_*]*(?:['’]s?(?:\s+[a-z][\w-]*)?)?,?(?:\s+(?:{cue['cite_between']})){{0,2}}"
                rf"\s+(?:{cue['cite_after']})\b",
                re.I,
            ),
        }


class _Chrome:
    """The boilerplate spans, asked whether they cover an offset."""

    def __init__(self, spans: Spans) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def covers(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.spans[i][1]


def _choose(candidates: dict[str, _Candidate], cited: set[str]) -> OutletFinding | None:
    """The outlet whose evidence clearly outweighs any other's, or None. Plain mentions and
    house phrases alone choose only an outlet that is the page's one candidate (mentions:
    at least two, and never cited)."""
    if not candidates:
        return None
    ranked = sorted(candidates.items(), key=lambda item: item[1].score, reverse=True)
    ranked.sort(key=lambda item: not set(item[1].weights) <= _WEAK, reverse=True)
    outlet, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else None
    if set(best.weights) <= _WEAK:
        enough = "self-reference" in best.weights or (best.mentions >= 2 and outlet not in cited)
        if runner_up is not None or not enough:
            return None
    elif best.score < 2:
        return None
    elif runner_up is not None:
        weak = set(runner_up.weights) <= _WEAK
        if best.score < (runner_up.score if weak else 2 * runner_up.score):
            return None
    return OutletFinding(outlet, best.how, best.evidence())


def _suffixes(title: str) -> Iterator[tuple[str, int, int]]:
    """The title's last separated part, and that part less a trailing domain ending:
    (text, start, end)."""
    tail_at = max(0, len(title) - _MAX_SUFFIX)
    parts = list(_TITLE_SEPARATOR.finditer(title, tail_at)) if _SEPARATOR_CHAR.search(title, tail_at) else []
    if not parts:
        return
    start = parts[-1].end()
    tail = title[start:].rstrip()
    if not tail:
        return
    yield tail, start, start + len(tail)
    bare = _TLD.sub("", tail)
    if bare != tail:
        yield bare, start, start + len(bare)


def _inside_word(text: str, offset: int) -> bool:
    """Whether ``offset`` is inside a word ("xBBC", "Russia-Ukraine"), not at its start."""
    return offset > 0 and (text[offset - 1].isalnum() or text[offset - 1] == "-")


def _sentence(text: str, line_start: int, start: int, line_end: int) -> str:
    """The sentence of ``text`` around offset ``start``, within its line."""
    head = max(text.rfind(end, line_start, start) for end in (". ", "? ", "! "))
    tails = [i for i in (text.find(end, start, line_end) for end in (". ", "? ", "! ")) if i >= 0]
    return text[max(head, line_start) : min(tails, default=line_end)]


def _link_only(text: str, offset: int) -> bool:
    """Whether the line at ``offset`` holds nothing but links."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : len(text) if end < 0 else end]
    return not re.search(r"[^\W\d_]{3}", _LINK_OR_URL.sub(" ", line))


def _host(url: str | None) -> str:
    return ((urlsplit(url).hostname or "") if url and "//" in url else "").lower()


def _alternation(phrases: Iterable[str]) -> str:
    """A regex for cue phrases: any case (compiled with re.I), any run of spaces."""
    return _trie({" ".join(p.casefold().split()) for p in phrases}) or r"(?!x)x"


def _trie(words: Iterable[str]) -> str:
    """One regex for many literal words, branching a character at a time (much faster than
    a flat alternation of several hundred names); a space stands for any run of spaces."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(root)


def load_outlets(path: Path) -> Outlets:
    """The outlet table and cue words of an outlets.toml; cue lists it leaves out are the
    shipped ones."""
    data = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    tables = {name: e for name, e in data.items() if isinstance(e, dict)}
    by_domain = {d.lower(): name for name, e in tables.items() for d in e.get("domains", [])}
    by_name = {n: name for name, e in tables.items() for n in [name, *e.get("names", [])]}
    ambiguous = frozenset(n for name, e in tables.items() if e.get("ambiguous") for n in [name, *e.get("names", [])])
    self_references = {p: name for name, e in tables.items() for p in e.get("self_references", [])}
    cues = {key: data[key] for key in _CUE_KEYS if key in data}
    if len(cues) < len(_CUE_KEYS) and path != _shipped():
        cues = {**_shipped_cues(), **cues}
    return Outlets(by_domain, by_name, ambiguous, self_references, cues)


def _shipped() -> Path:
    return Path(str(resources.files("indexer").joinpath("data", "outlets.toml")))


@lru_cache(maxsize=1)
def _shipped_cues() -> dict[str, list[str]]:
    data = tomllib.loads(_shipped().read_text("utf-8"))
    return {key: data[key] for key in _CUE_KEYS if key in data}


@lru_cache(maxsize=1)
def default_outlets() -> Outlets:
    folder = os.environ.get("PARLEY_DATA")
    if folder and (Path(folder) / "outlets.toml").is_file():
        return load_outlets(Path(folder) / "outlets.toml")
    return load_outlets(_shipped())
