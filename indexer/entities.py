"""Entities: the parties an article involves and those it only names, its people and places,
each with the spans of text that gave it.

A party (a state or bloc) is *involved* when the text shows it acting or acted on: its name
before a verb ("the Kremlin said") or before a word for its state's bodies ("Ukrainian
troops", "Russia's army"), after a word for being attacked, supplied or dealt with ("sanctions
on Russia", "talks with Iran", "officials in Kyiv"), hosting or mediating, its NATO/EU
membership discussed, named in the headline, named often, or through a known person acting for
it (people.toml `party`) where the text names the party too or shows the person speaking, in
office or doing something. A party named only as a place ("talks in Abu Dhabi"), a comparison
("longer than Japan"), a nationality ("Spanish outlet", "a US-based firm", "Ukrainians" without
"the"), a historical aside or an item of a list of names is a *mention*, and so is the party of
a known person who is only named ("Draghi will be invited"). People are the known people whose
match the context agrees with (a surname alone after another given name is someone else: "Ben
Thatcher"; a name that opens an organisation's is nobody: "the Obama Presidential Center"), and
the people the text's own patterns show: a title, role or label before a name, a verb of saying
beside it, a role or "who" in apposition, "at" an institution, a known given name, or a list
that holds one of these ("founders Michael Shaulov and Idan Ofrat"); not bylines and credits.
Words a page glued together ("Vlad YatsenkoFounded") are split first. The cue words are data
(``data/cues.toml``, ``data/first_names.txt``), so they can be read and edited.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
import weakref
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from pathlib import Path

import regex

from indexer.analysis import word_spans
from indexer.evidence import Evidence
from indexer.gazetteer import Gazetteer, Names, data_folder, data_text, indexes

_POSSESSIVE = ("'s", "’s")
# Where a page lost the space between two words ("Vlad YatsenkoFounded: 2015"): a capital after
# three lower-case letters. "McDonald", "MacArthur", "DeSantis" and "YouTube" stay whole.
_GLUED = regex.compile(r"[A-Z](?<=[a-z]{3}[A-Z])(?=[a-z])")  # capitals first: the fast scan
_NAME_GAPS = frozenset((" ", "-", ". ", "."))
# A line of names that opens so is a byline or an author list.
_BYLINE = re.compile(r"\W*(?:by|authors?|written by|reporting by)\b\W*[A-Z]", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\([^()\n]{0,30}\)")
_LIST_WORD = re.compile(r"[^\s,;&]+")
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "man", "woman")  # "Skier", "Actor", "Guitarist"
_NUMERALS = frozenset(("II", "III", "IV"))  # a name's last word may be one: "Clint Kelly III"
_FIELDS = ("parties", "mentions", "people", "places")
_BLOCS = frozenset(("NATO", "European Union"))  # the blocs whose membership news discusses
_BODY = 2  # what follows a party name is one of its state's people or bodies
# Words a full stop follows without ending the sentence ("Gen. Rudskoy", "Rep. Don Bacon").
_ABBREVIATIONS = frozenset(
    "Adm Brig Capt Co Col Corp Dr Gen Gov Inc Jr Lt Ltd Maj Mr Mrs Ms Mt No Prof Rep Rev Sen Sgt Sr St vs".split()
)


@dataclass
class Entities:
    """What one article names. ``evidence[field][value]`` holds the spans that gave each value
    (``field`` one of "parties", "mentions", "people", "places"): for a party, the passages that
    show it involved and the names of the people acting for it (all its mentions when it is
    involved by being named often or through its people); for the rest, every place the value
    is named (for a mention named only through a person, that person's name)."""

    parties: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    evidence: dict[str, dict[str, tuple[Evidence, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Cues:
    """The cue words of ``cues.toml`` and ``first_names.txt`` as sets (see those files)."""

    table: dict[str, dict]
    first_names: frozenset[str]

    @cached_property
    def party(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.table.get("parties", {}).items() if isinstance(v, list)}

    @cached_property
    def person(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.table.get("people", {}).items()}

    @cached_property
    def context(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.table.get("context", {}).items()}

    @cached_property
    def apposition(self) -> frozenset[str]:
        """The words, as written, that make "X, the ..." a person: roles and titles."""
        p = self.person
        return p["roles"] | p["apposition_roles"] | p["titles"]

    @cached_property
    def prominent(self) -> int:
        return int(self.table.get("parties", {}).get("prominent", 4))

    @cached_property
    def history(self) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
        """Single history words (as written, and capitalised), and history phrases as word
        tuples."""
        words = self.party.get("history", frozenset())
        singles = {w for w in words if " " not in w}
        phrases = tuple(tuple(w.split()) for w in words if " " in w)
        return frozenset(singles | {w.capitalize() for w in singles}), phrases

    @cached_property
    def history_starts(self) -> frozenset[str]:
        """The first words of history phrases that are not history words themselves."""
        singles, phrases = self.history
        return frozenset(p[0] for p in phrases) - singles

    @cached_property
    def not_name(self) -> frozenset[str]:
        """Capitalised words that never start or end a person's name."""
        p, none = self.person, frozenset()
        return p.get("titles", none) | p.get("title_modifiers", none) | p.get("not_names", none)


def load_cues(folder: Path | None = None) -> Cues:
    """Read ``cues.toml`` and ``first_names.txt`` from ``folder`` where present, else the shipped
    ones."""
    table = tomllib.loads(data_text(folder, "cues.toml") or "")
    lines = (line.split("#", 1)[0] for line in data_text(folder, "first_names.txt").splitlines())
    return Cues(table, frozenset(word for line in lines for word in line.split()))


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    """The cues in ``$PARLEY_DATA`` or shipped with parley, loaded once per process."""
    return load_cues(data_folder())


def find_entities(title: str, body: str, names: Names, cues: Cues | None = None) -> Entities:
    """The parties ``title`` and ``body`` involve, those they only name, and their people and
    places, each value with its spans (``where`` "title" or "body"). ``body`` is the article's
    own text; it is split with ``analysis.word_spans``, as the index splits it."""
    cues = cues or default_cues()
    texts = [_Text("title", title), _Text("body", body)] if title else [_Text("body", body)]
    article = _Article(texts, names, cues)
    return article.entities()


def _unglued(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[tuple[int, int], ...], frozenset[int]]:
    """``spans`` with each word that glues two words together split in two, and the indexes
    of the words that start glued to the one before."""
    cuts = [m.start() for m in _GLUED.finditer(text)]
    if not cuts:
        return spans, frozenset()
    out, glued, k = [], set(), 0
    for start, end in spans:
        while k < len(cuts) and cuts[k] <= start:
            k += 1
        while k < len(cuts) and cuts[k] < end:
            out.append((start, cuts[k]))
            glued.add(len(out))
            start = cuts[k]
            k += 1
        out.append((start, end))
    return tuple(out), frozenset(glued)


class _Text:
    """One of an article's texts, split into words (possessives off) with their offsets."""

    def __init__(self, where: str, text: str) -> None:
        self.where = where
        self.text = text
        self.spans, self.glued_at = _unglued(text, word_spans(text)) if text else ((), frozenset())
        words = [text[s:e] for s, e in self.spans]
        if "'s" in text or "’s" in text:
            words = [w[:-2] if w.endswith(_POSSESSIVE) else w for w in words]
        self.words = tuple(words)
        self.present = frozenset(words)


    @cached_property
    def wrapped(self) -> bool:
        """Whether the text is hard-wrapped (most lines 40 to 80 characters, ending mid-sentence,
        as in wire copy), so that a newline inside a paragraph is a space."""
        lines = [line for line in self.text.split("\n") if line.strip()]
        wrapped = sum(40 <= len(line) <= 80 and line.rstrip()[-1] not in ".:!?\"”" for line in lines)
        return len(lines) >= 4 and wrapped >= 0.6 * len(lines)

    def gap(self, i: int) -> str:
        """The text between word ``i - 1`` and word ``i``."""
        if i <= 0:
            return self.text[: self.spans[0][0]] if self.spans else ""
        if i >= len(self.spans):
            return self.text[self.spans[-1][1]:]
        return self.text[self.spans[i - 1][1] : self.spans[i][0]]

    def possessive(self, i: int) -> bool:
        s, e = self.spans[i]
        return self.text.endswith(_POSSESSIVE, s, e)

    def breaks_before(self, i: int) -> bool:
        """Whether a sentence (or line) ends between word ``i - 1`` and word ``i``; in hard-wrapped
        text a bare newline is a space."""
        if i <= 0:
            return True
        gap = self.gap(i)
        if gap == "\n" and self.wrapped:
            return False
        if "\n" in gap or "!" in gap or "?" in gap:
            return True
        if "." in gap:
            before = self.words[i - 1]
            return not (len(before) == 1 or before in _ABBREVIATIONS or "." in before)
        return False

    def joins(self, i: int) -> bool:
        """Whether word ``i`` can continue a name that word ``i - 1`` is part of: a space, a
        hyphen or an initial's full stop between them, and no possessive."""
        gap = self.text[self.spans[i - 1][1] : self.spans[i][0]]
        if gap == "\n" and self.wrapped:
            gap = " "
        if gap not in _NAME_GAPS or self.possessive(i - 1):
            return False
        return gap in (" ", "-") or not self.breaks_before(i)

    def evidence(self, i: int, n: int) -> Evidence:
        """Words ``i`` to ``i + n``, a final possessive left out ("Ukraine" of "Ukraine's")."""
        s, e = self.spans[i][0], self.spans[i + n - 1][1]
        return Evidence(self.where, s, e - 2 if self.text.endswith(_POSSESSIVE, s, e) else e)  # type: ignore[arg-type]

    def written(self, i: int, n: int) -> str:
        """Words ``i`` to ``i + n`` as written (spaces tidied, a final possessive off)."""
        s, e = self.spans[i][0], self.spans[i + n - 1][1]
        if self.text.endswith(_POSSESSIVE, s, e):
            e -= 2
        return " ".join(self.text[s:e].replace("’", "'").split())

    def line(self, i: int) -> str:
        s, _ = self.spans[i]
        start = self.text.rfind("\n", 0, s) + 1
        end = self.text.find("\n", s)
        return self.text[start : end if end >= 0 else len(self.text)]


@dataclass
class _Person:
    """A person found in one text: the words of the name, and how strongly the text says so."""

    text: _Text
    i: int
    n: int
    tokens: tuple[str, ...]
    known: str | None = None
    strong: bool = False
    given_only: bool = False  # a given name after "Sir", "Sheikh"...: folds into a full name
    tail: bool = False  # after "and" or "of" and a capitalised word: a person only in a list
    cued: bool = False  # a title, a role, a verb of saying or an apposition stands by

    @property
    def key(self) -> str:
        """The spelling-blind key of the surname (a numeral after it skipped)."""
        tokens = self.tokens[:-1] if len(self.tokens) > 1 and self.tokens[-1] in _NUMERALS else self.tokens
        return _skeleton(tokens[-1])


class _Article:
    def __init__(self, texts: list[_Text], names: Names, cues: Cues) -> None:
        self.texts = texts
        self.names = names
        self.cues = cues
        self.taken: dict[int, set[int]] = {id(t): set() for t in texts}
        # what is found once per text, by (id of the text, what): gazetteer matches and the like
        self.matched: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
        self.evidence: dict[str, dict[str, list[Evidence]]] = {f: defaultdict(list) for f in _FIELDS}
        self.acting: set[str] = set()  # people shown acting: with a title or role, or a verb
        self.named_in_full: set[str] = set()

    def entities(self) -> Entities:
        people = self._people()
        places = self._places()
        parties, mentions = self._parties(people)
        evidence = {f: {v: tuple(sorted(set(spans))) for v, spans in self.evidence[f].items()} for f in _FIELDS}
        return Entities(sorted(parties), sorted(mentions - parties), sorted(people), sorted(places), evidence)

    # --- places -------------------------------------------------------------------------------

    def _places(self) -> set[str]:
        found = set()
        for text in self.texts:
            for name, i, n in self._place_matches(text):
                found.add(name)
                self.evidence["places"][name].append(text.evidence(i, n))
        return found

    # --- people -------------------------------------------------------------------------------

    def _people(self) -> set[str]:
        """Known people the context agrees with, and people the text's patterns show."""
        known: list[_Person] = []
        found: list[_Person] = []
        for text in self.texts:
            for name, i, n in self._matches(text, self.names.people):
                if self._opens_organisation(text, i + n) or n == 1 and self._cited(text, i):
                    self.taken[id(text)].update(range(i, i + n))
                    continue  # "the Obama Presidential Center", "Hollenberg, L. & Modi, K."
                person = _Person(text, i, n, text.words[i : i + n], known=name)
                blocker = self._other_given_name(text, i, name)
                if blocker is not None:
                    given = self._is_given(text.words[blocker])
                    tokens = text.words[blocker : i + n]
                    found.append(_Person(text, blocker, i + n - blocker, tokens, strong=given))
                else:
                    known.append(person)
                self.taken[id(text)].update(range(i if blocker is None else blocker, i + n))
            patterns = self._patterns(text)
            self._lists(text, [p for p in known if p.text is text] + patterns)
            found += [p for p in patterns if p.strong or not p.tail]
        return self._group(known, found)

    def _lists(self, text: _Text, people: list[_Person]) -> None:
        """Make the names of a list strong when one of them is known or cued: "founders
        Michael Shaulov and Idan Ofrat", "Dr. Tal David (CEO), Dr. Amit Ben Kish (CTO), and
        Roee Ozeri" (a given name is not enough: "Claude Sonnet, Mistral Medium")."""
        chains: list[list[_Person]] = []
        for p in sorted((p for p in people if not p.given_only), key=lambda p: p.i):
            if chains and self._listed(text, chains[-1][-1], p):
                chains[-1].append(p)
            else:
                chains.append([p])
        for chain in chains:
            if len(chain) > 1 and any(p.cued or p.known for p in chain):
                for p in chain:
                    p.strong = p.strong or len(p.tokens) > 1

    def _listed(self, text: _Text, p: _Person, q: _Person) -> bool:
        """Whether ``q`` follows ``p`` in a list: only a comma, "and" or "&" between them, with
        perhaps a parenthesis and a title ("Jane Doe (CEO), Dr. John Roe")."""
        between = text.text[text.spans[p.i + p.n - 1][1] : text.spans[q.i][0]]
        if "\n" in between or len(between) > 40:
            return False
        rest = _PARENTHESIS.sub(" ", between)
        if not any(c in rest for c in ",;&") and " and " not in f" {rest} ":
            return False
        titles = self.cues.person["titles"]
        return all(w == "and" or w.rstrip(".") in titles for w in _LIST_WORD.findall(rest))

    @staticmethod
    def _cited(text: _Text, i: int) -> bool:
        """A surname as a citation gives it, an initial after a comma ("Modi, K.")."""
        j = i + 1
        initial = j < len(text.words) and len(text.words[j]) == 1
        return initial and text.gap(j) == ", " and text.gap(j + 1).startswith(".")

    def _opens_organisation(self, text: _Text, j: int) -> bool:
        """Whether the name before word ``j`` opens an organisation's name: capitalised words
        after it end in an organisation word that is not a state's body ("Presidential
        Center", but not "Administration")."""
        words, organisations = text.words, self.cues.person["organisation_words"]
        if j >= len(words) or text.possessive(j - 1):
            return False
        for k in range(j, min(j + 3, len(words))):
            if not words[k][:1].isupper() or text.gap(k) != " ":
                return False
            if words[k] in organisations:
                return words[k] not in self.cues.party["bodies"]
        return False

    def _other_given_name(self, text: _Text, i: int, name: str) -> int | None:
        """Where a surname alone is preceded by a given name (or initial) that is not this
        person's ("M Blair", "Ben Thatcher"): the index of that word, else None."""
        given = self.names.people.given_names.get(name, frozenset())
        if text.words[i] in given or i == 0 or text.gap(i) not in (" ", ". ") or text.breaks_before(i):
            return None
        before = text.words[i - 1]
        if not before[:1].isupper() or text.possessive(i - 1):
            return None
        if any(_consonants(before) == _consonants(g) for g in given):
            return None  # "Nikolay Patrushev" is Nikolai Patrushev
        if len(before) == 1:
            return i - 1 if not any(g.startswith(before) for g in given) else None
        if self._is_common(before) or self.names.parties.starts(before) or self.names.places.starts(before):
            return None
        return i - 1

    def _is_common(self, word: str) -> bool:
        """A capitalised word that is a title, a cue or a sentence opener, not a name."""
        p = self.cues.person
        if word in _NUMERALS:
            return False
        return word in self.cues.not_name or word.lower() in p["sentence_words"] or word.isupper() and len(word) > 1

    def _patterns(self, text: _Text) -> list[_Person]:
        """People the text's own patterns show: runs of capitalised words, less the titles and
        organisation words before them, that a given name opens, or that a title, a role, a
        verb of saying or an apposition stands by ("strong"). A name of two words with none of
        these counts only if the same surname is found strongly elsewhere."""
        found = []
        person = self.cues.person
        for a, b in self._runs(text):
            last = text.words[b - 1]
            if b - a == 1 and self._is_common(last):
                continue
            if last in person["organisation_words"] or self._version_after(text, b):
                continue  # "Rice University", "Claude Sonnet 4.5"
            if b in self.taken[id(text)] and text.gap(b) == " ":
                continue  # the given name of a known person's surname

            a = self._name_start(text, a, b)
            if a is None:
                continue
            tokens = text.words[a:b]
            if not all(t.replace("'", "").replace("’", "").replace(".", "").isalpha() for t in tokens):
                continue  # "Says3"
            if a > 0 and text.words[a - 1].lower() in ("the", "a", "an"):
                continue  # "The Weakest Link", "the Crystal Harmony"
            if " ".join(tokens[:2]) in person["organisations"]:
                continue  # "Morgan Stanley"
            titled = self._titled(text, a)
            if len(tokens) == 1 and titled and text.words[a - 1] in person["given_titles"]:
                if self._is_given(tokens[0]):
                    found.append(_Person(text, a, 1, tokens, given_only=True))
                continue
            if len(tokens) == 1 and not titled and not self._said(text, a, b):
                continue
            given = self._is_given(tokens[0])
            if not given and any(t.lower() in text.present for t in tokens):
                continue  # "Claimed Territorial Gains"
            if not given and self._name_tail(text, a):
                found.append(_Person(text, a, b - a, tokens, tail=True))
                continue  # "Ministry of Community and Territorial Development", unless a list
            if tokens[-1] in _NUMERALS and len(tokens) < 3:
                continue  # "Artemis II"
            cued = titled or self._role_before(text, a) or self._said(text, a, b)
            cued = cued or self._apposed(text, b) or self._affiliated(text, b)
            found.append(_Person(text, a, b - a, tokens, strong=cued or len(tokens) > 1 and given, cued=cued))
        return found

    @staticmethod
    def _version_after(text: _Text, b: int) -> bool:
        """A product's version number right after the words ("Claude Sonnet 4.5")."""
        if b >= len(text.words) or text.gap(b) != " " or text.possessive(b - 1):
            return False
        after = text.words[b]
        return after[:1].isdigit() and ("." in after or len(after) <= 2)

    def _name_start(self, text: _Text, a: int, b: int) -> int | None:
        """Where the name ends a run of capitalised words: after its last title, organisation
        or common word ("Chief Scientist Jeff Dean"), and after a sentence's first word that
        reads as a role ("Skier", "Guitarist") before a given name that opens a name of two
        words or more ("Skier Lindsey Vonn"); None if no name of one to four words is left, or
        a common word stands inside it."""
        person = self.cues.person
        start = b
        while start > a and not self._is_common(text.words[start - 1]):
            if text.words[start - 1] in person["organisation_words"]:
                break
            start -= 1
        while start < b and text.words[start] in person["particles"]:
            start += 1
        if b - start > 2 and self._role_opens(text, start):
            start += 1  # "Skier Lindsey Vonn won", but not "a Cosmic Ray Experiment"
        words = text.words[start:b]
        if any(w.lower() in text.present for w in words[1:-1] if w not in person["particles"]):
            return None  # a headline, "Ray Kurzweil Is Right"
        particles = sum(w in person["particles"] for w in words)
        return start if 0 < b - start - particles <= 4 else None

    def _role_opens(self, text: _Text, i: int) -> bool:
        """Word ``i`` opens a sentence, reads as a role ("Skier", "Guitarist") and is no given
        name, and a given name follows it."""
        word = text.words[i]
        if not (word.lower().endswith(_AGENT_ENDINGS) and word[1:].islower() and text.gap(i + 1) == " "):
            return False
        return text.breaks_before(i) and not self._is_given(word) and self._is_given(text.words[i + 1])

    @staticmethod
    def _name_tail(text: _Text, a: int) -> bool:
        """Words after "of", "for" or "and" that follow a capitalised word: the tail of a longer
        name ("Ministry of Community and Territorial Development")."""
        return a > 1 and text.words[a - 1] in ("of", "for", "and", "&") and text.words[a - 2][:1].isupper()

    def _is_given(self, word: str) -> bool:
        """A given name: listed, or the first word of a known person's name."""
        if word in self.cues.first_names:
            return True
        return word in _leading_names(self.names.people) and not self._is_common(word)

    def _runs(self, text: _Text) -> list[tuple[int, int]]:
        """Runs of capitalised words (with name particles inside) not taken by a known name, cut
        at possessives and sentence ends."""
        taken = self.taken[id(text)] | self._known_spans(text)
        words = text.words
        caps = [i for i, w in enumerate(words) if w[0].isupper()]
        particles = self.cues.person["particles"]
        runs: list[tuple[int, int]] = []
        for i in caps:
            if i in taken or len(words[i]) > 1 and words[i].isupper() and words[i] not in _NUMERALS:
                continue
            if runs:
                start, end = runs[-1]
                if (i == end or i == end + 1 and words[end] in particles and text.joins(end)) and text.joins(i):
                    runs[-1] = (start, i + 1)
                    continue
            if words[i] not in _NUMERALS:
                runs.append((i, i + 1))
        near = self._near_speech(text)
        return [(a, b) for a, b in runs if b - a > 1 or a in near]

    def _near_speech(self, text: _Text) -> set[int]:
        """Indexes of the words right before or after a verb of saying ("Chomsky said", "said
        Patel"): where a surname alone can be a person."""
        speech = text.present & self.cues.person["speech"]
        near = {j + d for word in speech for j in indexes(text.words, word) for d in (-1, 1)}
        if "according" in speech:  # "according to X"
            near.update(j + 2 for j in indexes(text.words, "according"))
        return near

    def _known_spans(self, text: _Text) -> set[int]:
        """Word indexes of party and place names (found once per text)."""
        key = (id(text), 3)
        if key not in self.matched:
            taken: set[int] = set()
            for _, i, n in self._party_matches(text) + self._place_matches(text):
                taken.update(range(i, i + n))
            self.matched[key] = taken  # type: ignore[assignment]
        return self.matched[key]  # type: ignore[return-value]

    def _titled(self, text: _Text, a: int) -> bool:
        return a > 0 and text.words[a - 1] in self.cues.person["titles"] and not text.breaks_before(a)

    def _role_before(self, text: _Text, a: int) -> bool:
        """A role word right before the name ("spokesperson Maria Zakharova"), or a role as a
        label ("Founders: Nikolay Storonsky")."""
        if a == 0 or text.breaks_before(a):
            return False
        before, roles = text.words[a - 1], self.cues.person["roles"]
        return before in roles or text.gap(a).strip() == ":" and before.lower() in roles

    def _said(self, text: _Text, a: int, b: int) -> bool:
        """A verb of saying right after the name ("X said"; "X, said" only where commas set X
        off, and "X, ... said" not at all) or right before it ("said X", "according to X")."""
        speech = self.cues.person["speech"]
        words = text.words
        after = b < len(words) and words[b].lower() in speech and not text.breaks_before(b)
        if after and ("," not in text.gap(b) or self._apposition_opens(text, a)):
            return True  # "X said", "The head of Naftohaz, Yury Boyko, said"
        if a > 0 and words[a - 1].lower() in speech and "\n" not in text.gap(a):
            return True
        return a > 1 and words[a - 1] == "to" and words[a - 2].lower() == "according"

    @staticmethod
    def _apposition_opens(text: _Text, a: int) -> bool:
        """Whether a comma stands at most three words before word ``a``, in its sentence: the
        name is set off as an apposition ("Chart-topper 50 Cent, real name Curtis Jackson,
        said"), not the end of a longer one ("an agent for Virgin Galactic, said")."""
        for j in range(a, max(a - 3, 0) - 1, -1):
            if "," in text.gap(j):
                return True
            if text.breaks_before(j):
                return False
        return False

    def _apposed(self, text: _Text, b: int) -> bool:
        """"X, the Kremlin's spokesman", "Y, a partner at Accel", "Z, who": a role within a few
        words after a comma that follows the name, or "who"."""
        if b >= len(text.words) or text.gap(b).strip() != ",":
            return False
        if text.words[b] == "who":
            return True
        roles = self.cues.apposition
        for j in range(b, min(b + 5, len(text.words))):
            if j > b and text.breaks_before(j):
                return False
            if text.words[j] in roles:
                return True
        return False

    def _affiliated(self, text: _Text, b: int) -> bool:
        """"X at the University of Munich": "at" after the name, then an organisation's
        name."""
        words = text.words
        if b + 1 >= len(words) or words[b] != "at" or text.gap(b) != " ":
            return False
        k = b + 2 if words[b + 1] == "the" and b + 2 < len(words) else b + 1
        organisations = self.cues.person["organisation_words"]
        for j in range(k, min(k + 4, len(words))):
            if not words[j][:1].isupper() or j > k and text.gap(j) != " ":
                return False
            if words[j] in organisations:
                return True
        return False

    def _group(self, known: list[_Person], found: list[_Person]) -> set[str]:
        """Values from the people found: known people by canonical name, the others by the
        fullest name written, a later bare surname folded into it, spellings grouped."""
        people: set[str] = set()
        surnames: dict[str, str] = {}  # skeleton of a surname -> the value it folds into
        given_names = self.names.people.given_names
        full = {p.known for p in known if len(p.tokens) > 1 or p.tokens[0] in given_names.get(p.known, ())}
        self.named_in_full = full  # known people named in full make a story political
        groups: dict[str, list[_Person]] = defaultdict(list)
        given_only = [p for p in found if p.given_only]
        supported = {p.key for p in found if p.strong}
        candidates = [p for p in found if not p.given_only and p.key in supported]
        for p in sorted(candidates, key=lambda p: -len(p.tokens)):
            resolved = self.names.people.resolve_words(p.tokens) or self._spelled_like(p.tokens)
            if resolved:
                p.known = resolved
                known.append(p)
                full.add(resolved)
                continue
            groups[p.key].append(p)
        for p in known:
            if p.known not in full and not self._surname_agrees(p, groups):
                key = p.key
                if key in groups:  # "Ben Thatcher ... Thatcher": the later surname is his
                    groups[key].append(_Person(p.text, p.i, p.n, p.tokens))
                continue
            people.add(p.known)
            surnames.setdefault(_skeleton(p.known.split()[-1]), p.known)
            self._record(p.known, [p])
        for key, members in groups.items():
            for value, cluster in self._values(members, surnames.get(key)):
                people.add(value)
                self._record(value, cluster)
        for p in given_only:  # "Sir John" -> John Stevens, when the article names him in full
            given = _skeleton(p.tokens[0])
            value = next((v for v in sorted(people) if " " in v and _skeleton(v.split()[0]) == given), None)
            if value:
                self.evidence["people"][value].append(p.text.evidence(p.i, p.n))
        return people

    def _spelled_like(self, tokens: tuple[str, ...]) -> str | None:
        """The known person whose given name and surname are spelled like these, give or take
        vowels and doubled letters ("Askar Akaev" -> Askar Akayev, "George Schultz" -> George
        Shultz), if just one is."""
        if len(tokens) < 2:
            return None
        person = self._spellings_index.get((_consonants(tokens[0]), _consonants(tokens[-1])))
        if person is None:
            return None
        written, known = _skeleton(tokens[-1]), _skeleton(person.split()[-1])
        return person if SequenceMatcher(None, written, known).ratio() >= 0.85 else None  # not Mayer/Major

    @cached_property
    def _spellings_index(self) -> dict[tuple[str, str], str]:
        return _people_spellings(self.names.people)

    def _surname_agrees(self, person: _Person, groups: dict[str, list[_Person]]) -> bool:
        """A known person matched by surname alone, with no full name in the article: not
        when another person of that surname is named in full ("Ben Thatcher ... Thatcher"),
        and only with a title before it in a sports or business story, and where the story has
        no political word and names no known person in full, only shown acting ("Balladur
        maintains", but not "a testnet for Solana")."""
        if any(len(p.tokens) > 1 for p in groups.get(person.key, ())):
            return False
        if self._titled(person.text, person.i) or self._role_before(person.text, person.i):
            return True
        if self._off_politics:
            return False
        return self._context.get("politics", 0) > 0 or bool(self.named_in_full) or self._acts(person)

    @cached_property
    def _context(self) -> dict[str, int]:
        """How many of each kind's context words ("sports", "business", "politics") the
        article uses."""
        present = frozenset().union(*(text.present for text in self.texts))
        return {kind: len(present & words) for kind, words in self.cues.context.items()}

    @cached_property
    def _sports(self) -> bool:
        """A sports story: more sports words than political ones, and at least three."""
        sports = self._context.get("sports", 0)
        return sports >= 3 and sports > self._context.get("politics", 0)

    @cached_property
    def _off_politics(self) -> bool:
        """A sports story, or a business story with no political word."""
        return self._sports or self._context.get("business", 0) >= 3 and not self._context.get("politics", 0)

    def _record(self, value: str, occurrences: list[_Person]) -> None:
        """Keep the spans of a person's value, and whether it is shown acting anywhere."""
        self.evidence["people"][value].extend(p.text.evidence(p.i, p.n) for p in occurrences)
        if any(self._acts(p) for p in occurrences):
            self.acting.add(value)

    def _acts(self, p: _Person) -> bool:
        """A title or a role before the name, a verb of saying by it, or a verb after it in the
        active voice ("Lavrov spoke", "Zelensky listened"; not "Draghi will be invited", nor
        "the Draghi report")."""
        text, i, j = p.text, p.i, p.i + p.n
        if self._titled(text, i) or self._role_before(text, i) or self._said(text, i, j):
            return True
        words, acts, between = text.words, self.cues.party["acts"], self.cues.party["between"]
        for k in range(j, min(j + 3, len(words))):
            if text.gap(k) != " " or words[k] in ("be", "been", "being"):
                return False
            if words[k] in between and k + 1 < len(words):
                continue
            return words[k] in acts or len(words[k]) > 4 and words[k].endswith("ed") and words[k].islower()
        return False

    def _values(self, members: list[_Person], known: str | None) -> list[tuple[str, list[_Person]]]:
        """Group the people of one surname: bare surnames and compatible given names fold into
        the fullest name (or into the known person of that surname); a name only ever in a
        byline or credit line is not counted."""
        clusters: list[list[_Person]] = []
        for p in members:  # fullest first
            for cluster in clusters:
                if _compatible(cluster[0].tokens, p.tokens):
                    cluster.append(p)
                    break
            else:
                clusters.append([p])
        out = []
        for cluster in clusters:
            head = cluster[0]
            if len(head.tokens) == 1 and known:
                out.append((known, cluster))
            elif len(head.tokens) == 1 and not any(self._titled(p.text, p.i) for p in cluster):
                continue
            elif any(p.strong for p in cluster) and not all(self._credit(p) for p in cluster):
                fullest = [p.text.written(p.i, p.n) for p in cluster if len(p.tokens) == len(head.tokens)]
                out.append((Counter(fullest).most_common(1)[0][0], cluster))
        return out

    def _credited(self, text: _Text, i: int) -> bool:
        """A credit word, capitalised, right before word ``i`` or before "by" or "of" there
        ("Credit: Jane Doe", "Courtesy of Jane Doe"), or one in any case before "by"
        ("animation by Jane Doe"; not "courtesy of Bobby Stokes' winner")."""
        words, credit = text.words, self.cues.person["credit_before"]
        j, by = i - 1, False
        if j > 0 and words[j] in ("by", "of") and "\n" not in text.gap(j):
            j, by = j - 1, words[j] == "by"
        if j < 0 or words[j].lower() not in credit or text.gap(j + 1).strip() not in ("", ":"):
            return False
        return by or words[j][:1].isupper()

    def _credit(self, person: _Person) -> bool:
        """Whether the name stands in a byline, a credit or an author's note: beside a "/"
        ("Jane Doe/AFP") or after a credit word ("Credit: Jane Doe"), ending a caption after a
        "|", on a line of names and credit words ("By Jane Doe and John Roe", "Jane Doe |
        December 30, 2025, 10:20 pm") or of names that opens as a byline ("Authors: Jane Doe,
        John Roe et al."), or opening a line "X is a ..." in the text's last fifth."""
        text, i, n = person.text, person.i, person.n
        if "/" in text.gap(i) or "/" in text.gap(i + n) or self._credited(text, i):
            return True
        if "|" in text.gap(i) and (i + n == len(text.words) or "\n" in text.gap(i + n)):
            return True  # a caption's last part: "The device at work. | Jane Doe"
        line = text.line(i)
        credit = self.cues.person["credit_words"]
        words = (w.strip(".,:;()[]*_|") for w in line.split())
        other = (w.isalpha() and not w[:1].isupper() and w.lower() not in credit for w in words)
        if not _BYLINE.match(line):
            if not any(other):
                return True  # "By Jane Doe and John Roe"
        elif sum(other) <= 0.1 * len(line.split()):
            return True  # "Authors: Jane Doe, John Roe, ... et al."
        words = text.words
        opening = text.breaks_before(i) or "." in text.gap(i)
        bio = i + n + 1 < len(words) and words[i + n] == "is" and words[i + n + 1] in ("a", "an", "the")
        return opening and bio and text.spans[i][0] > 0.8 * len(text.text)

    # --- parties ------------------------------------------------------------------------------

    def _parties(self, people: set[str]) -> tuple[set[str], set[str]]:
        """(involved, named) parties, with their evidence. A known person's party is involved
        when the text names it too or shows the person acting, else only named."""
        involved: set[str] = set()
        named: dict[str, list[tuple[_Text, int, int, int]]] = defaultdict(list)
        for text in self.texts:
            people_words = self.taken[id(text)]
            for name, i, n in self._party_matches(text):
                if i not in people_words:
                    named[name].append((text, i, n, self._involvement(text, name, i, n)))
        through: dict[str, list[Evidence]] = defaultdict(list)  # a party's people's spans
        for person in people:
            party = self.names.person_party.get(person)
            if party:
                through[party].extend(self.evidence["people"][person])
                if party in named or person in self.acting:
                    involved.add(party)
        for party in involved:
            self.evidence["parties"][party].extend(through[party])
        for name, occurrences in named.items():
            positive = [(t, i, n) for t, i, n, score in occurrences if score > 0]
            if positive:
                involved.add(name)
                self.evidence["parties"][name].extend(t.evidence(i, n) for t, i, n in positive)
            elif name in involved or self._prominent(occurrences):
                involved.add(name)
                self.evidence["parties"][name].extend(t.evidence(i, n) for t, i, n, _ in occurrences)
            else:
                self.evidence["mentions"][name].extend(t.evidence(i, n) for t, i, n, _ in occurrences)
        for party in through.keys() - involved - named.keys():  # "Draghi will be invited"
            self.evidence["mentions"][party].extend(through[party])
        return involved, (named.keys() | through.keys()) - involved

    def _prominent(self, occurrences: list[tuple[_Text, int, int, int]]) -> bool:
        """Named often (a line a page repeats counted once), and plainly more than twice as
        often as a place, a comparison or the like."""
        scores = [score for *_, score in occurrences]
        plain = scores.count(0)
        if plain < self.cues.prominent or plain <= 2 * scores.count(-1):
            return False
        distinct = {(t.line(i), t.spans[i][0] - t.text.rfind("\n", 0, t.spans[i][0]))
                    for t, i, _, score in occurrences if score == 0}
        return len(distinct) >= self.cues.prominent

    def _party_matches(self, text: _Text) -> list[tuple[str, int, int]]:
        return self._matches(text, self.names.parties)

    def _place_matches(self, text: _Text) -> list[tuple[str, int, int]]:
        return self._matches(text, self.names.places)

    def _matches(self, text: _Text, gazetteer: Gazetteer) -> list[tuple[str, int, int]]:
        """``gazetteer.matches`` of a text, found once, less those inside a word that glues
        names together ("BepiColombo"; a person's name may end glued: "Vlad YatsenkoFounded")."""
        key = (id(text), id(gazetteer))
        if key not in self.matched:
            found = gazetteer.matches(text.words, text.present)
            if text.glued_at:
                person = gazetteer is self.names.people
                glued = text.glued_at
                found = [(v, i, n) for v, i, n in found if i not in glued and (person or i + n not in glued)]
            self.matched[key] = found
        return self.matched[key]

    def _involvement(self, text: _Text, name: str, i: int, n: int) -> int:
        """+1 where the words around a party name show it involved, -1 where they show a place
        (also "Vienna, Austria"), a comparison, a nationality, an event's venue, a historical
        aside or a list of other names, else 0."""
        if self._set_aside(text, i) or self._historical(text, i) or self._town_and_country(text, name, i, n):
            return -1
        after = self._after(text, i, n)
        if self._sports:  # "Ireland beat France": a national side, not a state
            return 1 if after == _BODY and text.words[i + n].lower() != "side" else -1
        if self._place(text, i) and not text.possessive(i + n - 1):
            return 1 if after == _BODY else -1  # "in the UN Security Council", "talks in Abu Dhabi"
        if self._nationals(text, i, n):  # "Ukrainians must apply", but "the Russians attacked"
            return 1 if after == _BODY else -1
        if after or text.where == "title":  # a headline's party is what the story is about
            return min(after, 1) if after else 1
        if self._acted_on(text, self._list_head(text, i)):
            return 1
        return 1 if self._member_or_host(text, name, i, n) else 0

    def _town_and_country(self, text: _Text, name: str, i: int, n: int) -> bool:
        """A capital and its own country side by side, as an address gives them ("(Vienna,
        Austria, 2024)")."""
        key = (id(text), 4)
        if key not in self.matched:  # the first and the last word of each party name -> its name
            ends = {k + m - 1: v for v, k, m in self._party_matches(text)}
            self.matched[key] = ends | {k: v for v, k, _ in self._party_matches(text)}  # type: ignore[assignment]
        at: dict[int, str] = self.matched[key]  # type: ignore[assignment]
        after = text.gap(i + n) == ", " and at.get(i + n) == name
        return after or text.gap(i) == ", " and at.get(i - 1) == name

    def _nationals(self, text: _Text, i: int, n: int) -> bool:
        """A plural demonym ("Ukrainians", not "the Ukrainians"): a country's people, a
        nationality, whom what they do does not make their state involved."""
        if n > 1 or text.words[i] not in _plural_demonyms(self.names.parties):
            return False
        return i == 0 or text.words[i - 1].lower() != "the"

    def _before(self, text: _Text, i: int, skip_the: bool = True) -> int | None:
        """The index of the word before ``i`` in the same sentence ("the" skipped), or None."""
        j = i - 1
        if j < 0 or text.breaks_before(i):
            return None
        if skip_the and text.words[j] == "the" and j > 0 and not text.breaks_before(j):
            j -= 1
        return j

    def _set_aside(self, text: _Text, i: int) -> bool:
        """A comparison ("longer than Japan", "just as Australia did"), a historical form ("the
        former Warsaw Pact"), the last part of "Town, Country" or of a list of names, or a
        language code ("EN/UK")."""
        cues = self.cues.party
        j = self._before(text, i)
        if j is None:
            return False
        words = text.words
        if words[j].lower() in cues["comparisons"] or words[i - 1] in cues["history_before"]:
            return True
        if j > 0 and f"{words[j - 1].lower()} {words[j].lower()}" in cues["comparisons"]:
            return True
        if text.gap(i) == "/" and len(words[i - 1]) == 2 and words[i - 1].isupper():
            return not self._party_at(text, i - 1)  # a language code, "EN/UK"
        # "Wiesbaden, Germany", "Macken, Weaver, Onuoha, Jordan."
        return text.gap(i) == ", " and words[i - 1][:1].isupper() and not self._party_at(text, i - 1)

    def _place(self, text: _Text, i: int) -> bool:
        """After "in", "at", "near"... ("talks in Abu Dhabi"), but not after an attack ("drones
        in Poland")."""
        cues = self.cues.party
        j = self._before(text, self._list_head(text, i))
        if j is None or text.words[j].lower() not in cues["places"]:
            return False
        return not self._acted_in(text, j)

    def _acted_in(self, text: _Text, j: int) -> bool:
        """Word ``j`` is "in" (or the like) after a word for an attack or for a state's rulers,
        or "in" after "military" and a noun: "the US raid in Venezuela", "drones over Poland",
        "officials in Kyiv", "the US military operation in Venezuela"."""
        if j == 0:
            return False
        cues, before, previous = self.cues.party, text.words[j].lower(), text.words[j - 1].lower()
        if before in ("in", "into", "over", "on") and previous in cues["attack_nouns"]:
            return True
        military = j > 1 and text.words[j - 2].lower() == "military"  # "a military operation in"
        return before == "in" and (previous in cues["rulers"] or military)

    def _party_at(self, text: _Text, j: int) -> bool:
        return j in self._known_spans(text)

    def _list_head(self, text: _Text, i: int) -> int:
        """The first party of a list the party at ``i`` ends ("France, the United Kingdom,
        Germany, and Ukraine"), or ``i``."""
        key = (id(text), 1)
        if key not in self.matched:
            self.matched[key] = {k + n - 1: k for _, k, n in self._party_matches(text)}  # type: ignore[assignment]
        starts: dict[int, int] = self.matched[key]  # type: ignore[assignment]
        head = i
        while True:
            j = head - 1
            while j >= 0 and text.words[j] in ("and", "or", "the") and text.gap(j + 1) in (" ", ", "):
                j -= 1
            if j < 0 or j == head - 1 and text.gap(head) not in (", ", " "):
                return head
            if j not in starts or text.breaks_before(j + 1) or text.possessive(j):
                return head
            if j == head - 1 and text.gap(head) == " ":
                return head  # "US Russia" is not a list
            head = starts[j]

    def _historical(self, text: _Text, i: int) -> bool:
        """A history word or a year before 1990 within eight words, in the same sentence."""
        for j in self._history_words(text):
            if abs(j - i) <= 8 and not any(text.breaks_before(k) for k in range(min(i, j) + 1, max(i, j) + 1)):
                return True
        return False

    def _history_words(self, text: _Text) -> list[int]:
        """Where the text has a history word or phrase, or a year before 1990 (found once)."""
        key = (id(text), 0)
        if key not in self.matched:
            singles, phrases = self.cues.history
            words = text.words
            found = set(text.present & singles)
            found.update(w for w in text.present if len(w) == 4 and w.isdigit() and "1000" < w < "1990")
            found.update(p[0] for p in phrases if p[0] in text.present)
            self.matched[key] = sorted(
                j for w in found for j in indexes(words, w)
                if w not in self.cues.history_starts or any(words[j : j + len(p)] == p for p in phrases)
            )
        return self.matched[key]  # type: ignore[return-value]

    def _after(self, text: _Text, i: int, n: int) -> int:
        """_BODY when what follows the name is a word for its state's people or bodies
        ("Ukrainian troops", "Russia's army", "US and EU officials", "the Canadian Space
        Agency"), or the name is one ("the UN Security Council"); 1 when it is a verb ("the
        Kremlin said", "Israel relentlessly attacked", "the PRC has become"); -1 when it is the
        nationality of someone or something else ("Spanish outlet", "American Royalty Trust")
        or an event held there ("the Vilnius Summit"); else 0."""
        cues = self.cues.party
        words = text.words
        if n > 1 and words[i + n - 1] in cues["bodies"]:
            return _BODY
        j = i + n
        while j + 1 < len(words) and words[j] in ("and", "or") and self._party_at(text, j + 1):
            j = max(k for k in range(j + 1, min(j + 5, len(words))) if self._party_at(text, k)) + 1
        if j + 1 < len(words) and "(" in text.gap(j) and words[j].isupper() and text.gap(j + 1).startswith(")"):
            j += 1  # "the People's Republic of China (PRC) has"
        if j >= len(words) or text.breaks_before(j) or text.gap(j).strip(" \"'“”‘’-()") != "":
            return 0
        word, lower = words[j], words[j].lower()
        possessive = text.possessive(j - 1)
        if lower in cues["events"]:
            return -1
        if lower in cues["nationality"] and not possessive:
            return -1
        if possessive and word[:1].isupper() and self._is_given(word):
            return -1  # "Britain's Jason Gardener": a private person's nationality
        if lower in cues["roles"] or word in self.cues.person["titles"]:
            return _BODY
        if word[:1].isupper():
            k = j
            while k + 1 < len(words) and k - j < 2 and words[k + 1][:1].isupper() and text.gap(k + 1) == " ":
                k += 1
            if words[k] in cues["bodies"]:
                return _BODY
            return -1 if self._company_after(text, j) else 0
        if j + 1 < len(words) and text.gap(j + 1) == " " and not possessive and word.islower():
            if words[j + 1].lower() in cues["roles"]:
                return _BODY  # "Russian drone attacks"
            if words[j + 1].lower() in cues["nationality"] and lower not in cues["acts"]:
                return -1  # "Norwegian industrial group"
        if lower in cues["acts"]:
            return 1
        k = j
        while k + 1 < len(words) and k - j < 2 and (lower in cues["between"] or lower.endswith("ly")):
            k += 1
            lower = words[k].lower()
        verb = lower in cues["acts"] or lower.endswith("ed") and len(lower) > 4 and words[k].islower()
        return 1 if verb and not text.breaks_before(k) else 0

    def _company_after(self, text: _Text, j: int) -> bool:
        """Whether the capitalised words from ``j`` on end a company's name ("American Royalty
        Trust", "China Aerospace Science and Technology Corporation")."""
        words, companies = text.words, self.cues.party["companies"]
        for k in range(j, min(j + 6, len(words))):
            if k > j and text.gap(k) != " ":
                return False
            if words[k] in companies:
                return True
            if not words[k][:1].isupper() and words[k] not in ("and", "of", "&"):
                return False
        return False

    def _acted_on(self, text: _Text, i: int) -> bool:
        """After a word for being attacked, supplied or dealt with ("against Russia", "aid to
        Kyiv", "the invasion of Ukraine", "officials from France", "the US raid in Venezuela")."""
        cues = self.cues.party
        j = self._before(text, i)
        if j is None:
            return False
        words = text.words
        before = words[j].lower()
        if before in cues["acted_on"]:
            return True
        if before == "between":  # "talks between Russia and Ukraine", not "a gap between"
            return j > 0 and words[j - 1].lower() in cues["acted_on_nouns"]
        if j == 0:
            return False
        previous = words[j - 1].lower()
        if before in cues["acted_on_prepositions"]:
            if previous in cues["acted_on_nouns"]:
                return True
            former = j > 1 and words[j - 2].lower() in ("former", "ex")
            return before in ("from", "of") and previous in cues["roles"] and not former  # "officials from France"
        return self._acted_in(text, j)

    def _member_or_host(self, text: _Text, name: str, i: int, n: int) -> bool:
        """Hosting or mediating words next to a party; membership words next to NATO or the EU,
        or after a party with NATO or the EU near ("Ukraine's path to NATO membership")."""
        cues = self.cues.party
        words = text.words
        if not text.present & (cues["hosting"] | cues["membership"]):
            return False
        if any(w.lower() in cues["hosting"] for w in words[max(0, i - 3) : i + n + 3]):
            return True
        matches = self._party_matches(text)
        near = words[max(0, i - 3) : i + n + 3] if name in _BLOCS else words[i + n : i + n + 5]
        if not any(w.lower() in cues["membership"] for w in near):
            return False
        return name in _BLOCS or any(m in _BLOCS and abs(k - i) <= 8 for m, k, _ in matches)


@lru_cache(maxsize=4096)
def _skeleton(word: str) -> str:
    """A spelling-blind key for a name word: no diacritics, lower case, y/i and doubled
    letters folded ("Zelenskyy", "Zelenskiy", "Zelensky" -> "zelenski")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()
    plain = plain.replace("y", "i").replace("kh", "h").replace("j", "i").replace("w", "v")
    out = []
    for c in plain:
        if c.isalpha() and (not out or out[-1] != c):
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=4096)
def _consonants(word: str) -> str:
    """A looser key than ``_skeleton``: its consonants, "sch"/"ck"/"ph"/"c" folded ("Mikhail",
    "Mikheil" -> "mkl"; "Schultz", "Shultz" -> "sltz")."""
    plain = _skeleton(word).replace("sch", "sh").replace("ck", "k").replace("ph", "f").replace("c", "k")
    return plain[:1] + "".join(c for c in plain[1:] if c not in "aeiouh")


_LEADING: weakref.WeakKeyDictionary[Gazetteer, frozenset[str]] = weakref.WeakKeyDictionary()


def _leading_names(people: Gazetteer) -> frozenset[str]:
    """The first words of known people's names of two words or more (built once per list)."""
    if people not in _LEADING:
        _LEADING[people] = frozenset(n.split()[0] for n in people.names if " " in n)
    return _LEADING[people]


_DEMONYMS: weakref.WeakKeyDictionary[Gazetteer, frozenset[str]] = weakref.WeakKeyDictionary()


def _plural_demonyms(parties: Gazetteer) -> frozenset[str]:
    """The aliases that are another alias and an "s": "Ukrainians", "Afghans" (built once per
    list)."""
    if parties not in _DEMONYMS:
        aliases = {a for canonical, forms in parties.entries.items() for a in forms}
        _DEMONYMS[parties] = frozenset(a for a in aliases if a.endswith("s") and a[:-1] in aliases)
    return _DEMONYMS[parties]


_SPELLINGS: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[str, str], str]] = weakref.WeakKeyDictionary()


def _people_spellings(people: Gazetteer) -> dict[tuple[str, str], str]:
    """(given name, surname) consonant keys of each known person's full forms -> the person,
    for the keys only one person has (built once per people list)."""
    if people in _SPELLINGS:
        return _SPELLINGS[people]
    index: dict[tuple[str, str], str] = {}
    clashes: set[tuple[str, str]] = set()
    given = people.given_names
    for person in people.names:
        words = person.replace("-", " ").split()
        first = next((w for w in words[:-1] if len(w.rstrip(".")) > 1), None)
        for g in {first, *given.get(person, ())} - {None}:
            key = (_consonants(g), _consonants(words[-1]))
            if index.get(key, person) != person:
                clashes.add(key)
            index[key] = person
    _SPELLINGS[people] = {k: v for k, v in index.items() if k not in clashes}
    return _SPELLINGS[people]


def _compatible(full: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether ``other`` can be the same person as ``full`` (the fuller name): the same
    surname already, and a given name that agrees or is missing ("Parker Bowles" in
    "Camilla Parker Bowles")."""
    if len(other) == 1 or len(full) == 1 or full[-len(other):] == other:
        return True
    a, b = _skeleton(full[0]), _skeleton(other[0])
    if len(other[0]) == 1 or len(full[0]) == 1:
        return a[:1] == b[:1]
    return a == b
