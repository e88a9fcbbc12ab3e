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
from itertools import chain
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
_MAX_HOST = 253  # the longest a host name can be
_MAX_SPANS = 5  # evidence spans kept per kind: enough to show why, not every nav link
_WINDOW = 80  # characters of a line looked at on either side of a name
_LEAD = r"\s+(?:the\s+)?[_*\"“‘']*$"  # between a cue and a name: "According to the _Financial Times_"
_CUE_KEYS = (  # the cue-word lists of outlets.toml
    "cite_before", "cite_after", "cite_between", "reference_after", "company_after", "credit_before",
    "credit_after", "appeal_before", "appeal_after", "publication_after", "appeal_anywhere", "appeal_heading",
    "copyright_before", "copyright_after", "disclaimer_before", "masthead_before", "byline_after",
    "bio_verbs", "bio_roles", "bio_past", "self_citation",
    # how an unlisted site's name is told from its page and its address
    "name_connectors", "section_labels", "domain_endings", "domain_affixes", "platform_domains",
    "company_suffixes", "not_names",
)

_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·:]{1,2}\s+|\s*[|–—·]\s*|\s+-(?=\S)|(?<=\S)-\s+|:\s+")
_SEPARATOR_CHAR = re.compile(r"[|\-–—·:]")
_MAX_SUFFIX = 80  # a title's outlet suffix is within its last characters
_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\]\n]*\])*)\]\((https?://[^)\s]+)(?:\s+\"[^\"\n]*\")?\)")
_LINK_OR_URL = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)|<?https?://\S+")
_LISTED = re.compile(r"(?:,|,?\s+and|,?\s+or|\s*/)\s+(?:[\w-]+\s+){0,3}")  # "told Reuters, state newswire TASS"
_WE = re.compile(r"\b(?:we|our)\b")  # not "us" ("About us" menus), nor "Our" (title-case headlines)
_TLD = re.compile(r"\.(?:com|org|net|co\.uk|int)$", re.I)
# a link the saved page resolved against its own address: "](https://site/path/<...>)"
_RESOLVED = re.compile(r"\]\((https?://([^/\s()<>]+)/[^\s()<>]*)<")
_MAIL_DOMAIN = re.compile(r"@((?:[\w-]+\.)+[A-Za-z]{2,})\b")  # after an address's user: "jane@"
_NAME_TOKEN = r"(?:[A-Z][\w&.+-]*[\w&+]|[A-Z]|\d[\d,]*\d|[a-z]+[A-Z][\w&.+-]*[\w&+])"
_NAME_EDGE = re.compile(r"[A-Z\d]|[a-z]+[A-Z]")
_PLAIN_WORD = re.compile(r"[A-Z][a-z]+")  # "Stanford", not "WTTW", "SecurityWeek" or "C&EN"
_MAX_NAME_WORDS = 8
# where a page names its own site: its chrome, around its first characters and its last
_SITE_HEAD, _SITE_TAIL, _MAX_SITE_MENTIONS = 100_000, 20_000, 200
_CITATION_REACH = 600  # characters from a "Cite this page" heading to the references it gives


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
    seen: int = 0  # instances of every kind

    def add(self, kind: str, weight: int, span: Evidence) -> None:
        self.seen += 1
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
        self._phrase_patterns: dict[str, re.Pattern[str]] = {}

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
        not. The page's address is the URL's host, or (text only) the host its links were
        resolved against. A listed URL domain decides. At an unlisted address the name the page
        uses for itself that matches the address does: a title suffix or prefix ("| Lowy
        Institute" on lowyinstitute.org), else the best-attested such name in the text ("The
        Quantum Insider" on thequantuminsider.com). Otherwise the listed outlet whose evidence
        (its resolved links among it) outweighs every other's; otherwise an unlisted name the
        text says is a publication ("Futura Doctrina is a reader-supported publication");
        otherwise, with no address, a name matching the one domain of the text's email
        addresses that any name matches ("matt@thequantuminsider.com"). A citation ("told
        Reuters", "AFP reported", "Photo: AFP") is never evidence. ``how`` is the strongest
        evidence: "url", "title", "dateline", "byline", "masthead", "sign-off" (a copyright
        line, an appeal, a disclaimer, the page's "Cite this page" reference to itself),
        "links", "site" (plain mentions of a name matching the address), "self-reference" or
        "text" (plain mentions). Offsets are into ``title`` ("title"), ``text`` ("full_text")
        and ``url`` ("url")."""
        chrome = _Chrome(boilerplate)
        page = _page_host(url, text)
        outlet = self._from_host(page[0]) if page else None
        if page and outlet is None:
            found = self._site(title, text, chrome, *page)
            if found is not None:
                return found
        candidates, cited = self._candidates(title, text, chrome)
        if page and outlet is not None and url is not None:
            evidence = candidates.get(outlet, _Candidate()).evidence()
            return OutletFinding(outlet, "url", tuple(sorted({page[1], *evidence})))
        found = _choose(candidates, cited) or self._publication(text)
        return found if found is not None or page else self._mailed_site(text, chrome)

    # --- an unlisted site ----------------------------------------------------------------

    def _site(self, title: str, text: str, chrome: _Chrome, host: str, span: Evidence) -> OutletFinding | None:
        """The name the page gives the site at ``host``: a title suffix or prefix matching
        one of the host's labels (or one word of five letters or more that a label holds:
        "| SpinQ" on spinquanta.com), else the text's best-attested name matching the
        deepest label that any name matches ("C&EN" on cen.acs.org before "American Chemical
        Society")."""
        labels = self._site_labels(host)
        variants = [*labels, *(v for label in labels for v in self._variants(label))]
        for part, start, end in _suffixes(title, first=True):
            inside = " " not in part and len(_fold(part)) >= 5 and any(_fold(part) in label for label in labels)
            if self._is_name(part) and (inside or any(self._abbreviates(v, part) for v in variants)):
                evidence = tuple(sorted({Evidence("title", start, end), span}))
                return OutletFinding(self.canonical(part), "title", evidence)
        for label in variants:
            named, spared = self._site_mentions(text, chrome, label, label not in labels)
            if named:
                name, found = max(
                    named.items(), key=lambda item: (item[1].score, item[1].seen, item[0] not in spared, len(item[0]))
                )
                how = "site" if found.how in _WEAK else found.how
                return OutletFinding(self.canonical(name), how, tuple(sorted({span, *found.evidence()})))
        return None

    def _site_mentions(
        self, text: str, chrome: _Chrome, label: str, less_affix: bool
    ) -> tuple[dict[str, _Candidate], set[str]]:
        """The text's capitalised names matching ``label``, each with its evidence, and those
        that match only with a spare last word. A name inside a longer one shares that one's
        evidence ("GitHub" in "GitHub Sponsors"); citations are left out; a plain word
        ("Stanford") counts only when written more than once or where the page speaks of
        itself, and on its own somewhere (not "Planetary" of "The Planetary Society"); a
        label ``less_affix`` takes names of two words or more."""
        named: dict[str, _Candidate] = {}
        spared: set[str] = set()
        alone: set[str] = set()
        phrases = self._phrases(label[0])
        head = min(len(text), _SITE_HEAD)
        looked = 0
        for phrase in chain(phrases.finditer(text, 0, head), phrases.finditer(text, max(head, len(text) - _SITE_TAIL))):
            found = list(self._label_names(phrase, label, less_affix))
            looked += len(found)
            if looked > _MAX_SITE_MENTIONS:
                break
            for name, start, end, spare in found:
                outer = max((f for f in found if f[1] <= start and end <= f[2]), key=lambda f: f[2] - f[1])
                kind, weight = self._context(text, outer[0], outer[1], outer[2], chrome)
                if kind != "cited":
                    named.setdefault(name, _Candidate()).add(kind, weight, Evidence("full_text", start, end))
                spared |= {name} if spare else set()
                alone |= {name} if outer[1:3] == (start, end) else set()
        return {
            name: found
            for name, found in named.items()
            if (" " in name if less_affix else not _PLAIN_WORD.fullmatch(name) or found.score >= 2 and name in alone)
        }, spared

    def _label_names(self, phrase: re.Match[str], label: str, less_affix: bool) -> Iterator[tuple[str, int, int, bool]]:
        """Every run of the phrase's words that names the host ``label`` ("Google" and
        "Google Research" in "Google Research"): a spare plain word only as the phrase's
        last ("Stanford Report", not "Payload Space Happy" in "Payload Space Happy Hour"),
        and for a label ``less_affix`` every word used: (name, start, end, whether a word
        was spare)."""
        at = phrase.start()
        tokens = [(m.group(), at + m.start(), at + m.end()) for m in re.finditer(r"\S+", phrase.group())]
        initials = [_fold(t)[:1] for t, _, _ in tokens] + [""]
        for i in range(len(tokens)):
            # a name starts with the label's first letter, or with "The" before a word that does
            if label[0] not in (initials[i], initials[i + 1] if _fold(tokens[i][0]) == "the" else ""):
                continue
            for j in range(i, min(len(tokens), i + _MAX_NAME_WORDS)):
                words = " ".join(t for t, _, _ in tokens[i : j + 1])
                spare = 0 if less_affix or j < len(tokens) - 1 else 1
                if self._is_name(words) and self._abbreviates(label, words, spare):
                    yield words, tokens[i][1], tokens[j][2], bool(spare) and not self._abbreviates(label, words, 0)

    def _is_name(self, name: str) -> bool:
        """Whether the words can be a site's name: from a capitalised word or digit to one, not
        a company form's last word, not a stock phrase ("About Us")."""
        words = name.split()
        first, last = words[0], words[-1]
        return (
            bool(_NAME_EDGE.match(first) and _NAME_EDGE.match(last))
            and last not in self._site_words["company_suffixes"]
            and name not in self._site_words["not_names"]
        )

    def _abbreviates(self, label: str, name: str, spare: int = 1) -> bool:
        """Whether the host label is the name's words run together, their initials or a mix
        ("lowyinstitute", "csis", "nytimes", "uchicago" for "University of Chicago",
        "labelstud" for "Label Studio"): each piece a whole word, its initial, or (the last)
        most of a plain one; connectors may be skipped, and ``spare`` plain last words
        ("stanford" for "Stanford Report", not for "Stanford ISSN" or "For Stanford"). A
        leading "The" the label leaves out needs two words after it ("The Planetary Society",
        not "The Harbourton" of "The Harbourton team")."""
        tokens = [(t, w) for t, w in ((t, _fold(t)) for t in name.split()) if w]
        stop = self._site_words["name_connectors"]
        if not tokens or label[0] not in (tokens[0][1][0], tokens[1][1][0] if len(tokens) > 1 else ""):
            return False
        if tokens[0][1] in stop and tokens[0][1] != "the":
            return False
        if tokens[0][1] == "the" and not label.startswith("the") and sum(w not in stop for _, w in tokens) < 2:
            return False

        def match(i: int, j: int, used: int) -> bool:
            if i == len(label):
                extra = [t for t, w in tokens[j:] if w not in stop]
                return used > 0 and len(extra) <= spare and all(_PLAIN_WORD.fullmatch(t) for t in extra)
            if j == len(tokens):
                return False
            token, word = tokens[j]
            for k in range(1, min(len(word), len(label) - i) + 1):
                if label[i + k - 1] != word[k - 1]:
                    break
                most = i + k == len(label) and k >= 3 and 2 * k > len(word) and _plain(token)
                if (k in (1, len(word)) or most) and match(i + k, j + 1, used + (word not in stop)):
                    return True
            return word in stop and match(i, j + 1, used)

        return match(0, 0, 0)

    def _variants(self, label: str) -> list[str]:
        """The label less one of the affixes a host adds to a name ("reneweuropegroup")."""
        affixes = self._site_words["domain_affixes"]
        less = [label[len(a) :] for a in affixes if label.startswith(a)]
        less += [label[: -len(a)] for a in affixes if label.endswith(a)]
        return [v for v in less if len(v) >= 3]

    def _site_labels(self, host: str) -> tuple[str, ...]:
        """The labels of a host that may name its site, deepest first: not its endings
        ("co.uk"), nor its sections ("news."), nor a hosting platform's user accounts."""
        words = self._site_words
        if any(host == d or host.endswith("." + d) for d in words["platform_domains"]):
            return ()
        labels = host.split(".")
        while len(labels) > 1 and (len(labels[-1]) <= 2 or labels[-1] in words["domain_endings"]):
            labels.pop()
        return tuple(label.replace("-", "") for label in labels if label not in words["section_labels"])

    def _mailed_site(self, text: str, chrome: _Chrome) -> OutletFinding | None:
        """The site named where the text gives an address at an unlisted domain whose name
        it uses ("matt@theharbourinsider.com" and "The Harbour Insider"), when exactly one
        domain is so named: an author's or a contact's address on the site's own domain."""
        named = {}
        for host, start, end in _mail_domains(text):
            if host not in named and self._from_host(host) is None:
                named[host] = self._site("", text, chrome, host, Evidence("full_text", start, end))
        sites = {f.name: f for f in named.values() if f is not None}
        return next(iter(sites.values())) if len(sites) == 1 else None

    def _publication(self, text: str) -> OutletFinding | None:
        """The one unlisted name the text says is a publication ("Futura Doctrina is a
        reader-supported publication"), where nothing else names the page's outlet."""
        if not self._patterns["publication_cue"].search(text):  # most texts: one quick scan
            return None
        stated = {
            (found.group(1), found.start(1), found.end(1))
            for found in self._patterns["publication"].finditer(text)
            if self._is_name(found.group(1)) and found.group(1) not in self.by_name
        }
        if len({name for name, _, _ in stated}) != 1:
            return None
        spans = sorted(Evidence("full_text", start, end) for _, start, end in stated)
        return OutletFinding(next(iter(stated))[0], "sign-off", tuple(spans[:_MAX_SPANS]))

    def _from_host(self, host: str) -> str | None:
        labels = host.removeprefix("www.").split(".")
        for i in range(len(labels) - 1):
            outlet = self.by_domain.get(".".join(labels[i:]))
            if outlet:
                return outlet
        return None

    # --- candidates --------------------------------------------------------------------

    def _candidates(self, title: str, text: str, chrome: _Chrome) -> tuple[dict[str, _Candidate], set[str]]:
        """Each outlet's evidence in the title and the text, and the outlets the text cites."""
        candidates: dict[str, _Candidate] = {}
        cited: set[str] = set()

        def add(outlet: str, kind: str, weight: int, span: Evidence) -> None:
            candidates.setdefault(outlet, _Candidate()).add(kind, weight, span)

        suffix = self._title_suffix(title)
        if suffix is not None:
            # "- Science" or "| Nature" may end a title as its section: not enough on its own
            written = title[suffix[1] : suffix[2]]
            section = written in self.ambiguous and _PLAIN_WORD.fullmatch(written)
            add(suffix[0], "title", 1 if section else _STRONG, Evidence("title", suffix[1], suffix[2]))
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
        if p["reference_before"].search(before) or p["reference_after"].match(after):
            # a reference to the page itself, under its "Cite this page", names its own outlet
            own = p["self_citation"].search(text, max(0, start - _CITATION_REACH), start)
            return ("sign-off", _FAIR) if own else ("cited", 0)
        if p["cite_before"].search(before) or any(p[key].match(after) for key in ("cite_after", "company_after")):
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
        """Per outlet, its links that point at its own site: links the saved page resolved
        against its own address ("https://site/path/<...>"), or navigation (in the chrome, or
        on a line of nothing but links). A link inside a sentence cites; a bare address is a
        printed reference. Per outlet: (its links, whether one was resolved against the
        page's address)."""
        if "](http" not in text:
            return {}
        links: dict[str, tuple[list[Evidence], bool]] = {}
        resolved = [(found.group(2), found.start(1), found.end(1), True) for found in _RESOLVED.finditer(text)]
        others = [
            (_host(found.group(2)), found.start(2), found.end(2), False)
            for found in _LINK.finditer(text)
            if "/<" not in found.group(2)
            and (not found.group(1).strip() or chrome.covers(found.start(2)) or _link_only(text, found.start(2)))
        ]
        for host, start, end, own in resolved + others:
            outlet = self._from_host(host.lower())
            if outlet is not None:
                spans, before = links.get(outlet, ([], False))
                spans.append(Evidence("full_text", start, end))
                links[outlet] = (spans, before or own)
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

    def _phrases(self, initial: str) -> re.Pattern[str]:
        """Runs of capitalised words from a word with this initial, or from a "The" before
        one: where a name matching a host label may start (compiled once per initial)."""
        pattern = self._phrase_patterns.get(initial)
        if pattern is None:
            cased = re.escape(initial.upper() + initial.lower())
            pattern = re.compile(rf"(?<![\w&'’.+-])(?=(?:The[ \t]+)?[{cased}]){self._name_pattern}")
            self._phrase_patterns[initial] = pattern
        return pattern

    @cached_property
    def _name_pattern(self) -> str:
        """A run of capitalised words, with connectors between: "Council on Foreign Relations"."""
        connector = _trie(self.cues.get("name_connectors", []))
        return rf"{_NAME_TOKEN}(?:[ \t]+(?:(?:{connector})[ \t]+)*{_NAME_TOKEN})*" if connector else _NAME_TOKEN

    @cached_property
    def _site_words(self) -> dict[str, frozenset[str]]:
        """The word lists that tell an unlisted site's name from its page and its host."""
        folded = ("name_connectors", "section_labels", "domain_endings", "domain_affixes", "platform_domains")
        return {
            key: frozenset(w.casefold() if key in folded else w for w in self.cues.get(key, []))
            for key in (*folded, "company_suffixes", "not_names")
        }

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        cue = {key: _alternation(self.cues.get(key, [])) for key in _CUE_KEYS}
        sentence = r"(?:^|[.!?:|•*]\s+|\s{2,})\W*"
        word = r"[A-Z][\w.'’-]*"
        name = self._name_pattern
        return {
            # "Futura Doctrina is a reader-supported publication"
            "publication": re.compile(rf"(?<![\w&'’.+-])({name})[_*]*\s+(?i:{cue['publication_after']})\b"),
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
                rf"[_*]*(?:\.\w+)?(?:['’]s(?:\s+\w+){{0,2}}?)?\s+"
                rf"(?:{cue['appeal_after']}|{cue['publication_after']})\b",
                re.I,
            ),
            "publication_cue": re.compile(cue["publication_after"]),  # as written: quick to scan for
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
            "self_citation": re.compile(rf"^\W*(?:{cue['self_citation']})\b", re.I | re.M),
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


def _suffixes(title: str, first: bool = False) -> Iterator[tuple[str, int, int]]:
    """The title's last separated part, that part less a trailing domain ending, and
    (``first``) its first part ("Visit Ukraine - ..."): (text, start, end)."""
    tail_at = max(0, len(title) - _MAX_SUFFIX)
    if not _SEPARATOR_CHAR.search(title, 0 if first else tail_at):
        return
    parts = list(_TITLE_SEPARATOR.finditer(title, tail_at))
    tail = title[parts[-1].end() :].rstrip() if parts else ""
    if tail:
        start = parts[-1].end()
        yield tail, start, start + len(tail)
        bare = _TLD.sub("", tail)
        if bare != tail:
            yield bare, start, start + len(bare)
    head = _TITLE_SEPARATOR.search(title) if first else None
    if head is not None and title[: head.start()].strip():
        start = len(title) - len(title.lstrip())
        yield title[start : head.start()], start, head.start()


def _inside_word(text: str, offset: int) -> bool:
    """Whether ``offset`` is inside a word ("xBBC", "Russia-Ukraine"), not at its start."""
    return offset > 0 and (text[offset - 1].isalnum() or text[offset - 1] == "-")


def _sentence(text: str, line_start: int, start: int, line_end: int) -> str:
    """The sentence of ``text`` around offset ``start``, within its line and a few windows
    of it (a page flattened to one line has no end of line to stop at)."""
    line_start, line_end = max(line_start, start - 3 * _WINDOW), min(line_end, start + 3 * _WINDOW)
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
    """The URL's host, lowercased ("" when there is none or the URL is malformed)."""
    if not url or "//" not in url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # "http://[oops/": an address is data from the wild
        return ""
    return host.lower()[:_MAX_HOST]


def _page_host(url: str | None, text: str) -> tuple[str, Evidence] | None:
    """The page's own host and where it is written: the URL's, or the one most of the
    text's resolved links were resolved against."""
    host = _host(url)
    if url is not None and host:
        start = url.lower().find(host)
        return host.removeprefix("www."), Evidence("url", start, start + len(host))
    if "/<" not in text:
        return None
    first: dict[str, Evidence] = {}
    counts: dict[str, int] = {}
    for found in _RESOLVED.finditer(text):
        host = found.group(2).lower().removeprefix("www.")
        first.setdefault(host, Evidence("full_text", found.start(2), found.end(2)))
        counts[host] = counts.get(host, 0) + 1
    if not counts:
        return None
    host = max(counts, key=counts.__getitem__)
    return host, first[host]


def _mail_domains(text: str) -> Iterator[tuple[str, int, int]]:
    """The domains of the text's email addresses: (domain, start, end). The "@" is looked for
    first: a regex starting at a user name would try every word of a long page."""
    at = text.find("@")
    while at > 0:
        found = _MAIL_DOMAIN.match(text, at)
        if found and (text[at - 1].isalnum() or text[at - 1] in "._+-"):
            yield found.group(1).lower(), found.start(1), found.end(1)
        at = text.find("@", at + 1)


def _plain(token: str) -> bool:
    """Whether a word is written plainly: "Studio" or "studio", not "MicrosoftTeams" or "ISRO-NASA"."""
    return bool(_PLAIN_WORD.fullmatch(token)) or token.isalpha() and token.islower()


@lru_cache(maxsize=4096)
def _fold(token: str) -> str:
    """A name's word as a host writes it: "NASASpaceFlight.com" -> "nasaspaceflight", "C&EN" ->
    "cen", "&" -> "&"."""
    token = _TLD.sub("", token.casefold())
    return token if token == "&" else re.sub(r"[^\w]|_", "", token)


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
