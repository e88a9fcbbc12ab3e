"""Name lists: parties (states and blocs), people and places, and the words that name them.

The data lives in TOML files users can edit: ``indexer/data/{parties,people,places}.toml``, or
the same file names in the folder ``$PARLEY_DATA`` (files missing there fall back to the
shipped ones). Each entry has ``aliases`` (matched case-sensitively on whole words, so
"Turkey" the country is found and "turkey" the bird is not, and "US" never matches "us"),
optional ``not_within`` phrases in which an alias names nothing ("Latin America"), and
optional ``spellings``: groups of single words that are one name spelled differently
(Kyiv/Kiev), which search folds together. A person may name the ``party`` they act for.
"""

from __future__ import annotations

import os
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from indexer.analysis import Spans, direct_word_spans, normalize

_POSSESSIVE = ("'s", "’s")
KINDS = ("parties", "people", "places")


def _words(text: str, spans: Callable[[str], Spans] = direct_word_spans) -> tuple[str, ...]:
    """Split into words the way aliases are keyed: offsets from analysis, possessives off."""
    out = []
    for start, end in spans(text):
        word = text[start:end]
        out.append(word[:-2] if word.endswith(_POSSESSIVE) else word)
    return tuple(out)


class Gazetteer:
    """Finds the names of one kind a text mentions, and resolves a name a user types."""

    def __init__(self, entries: dict[str, list[str]], blockers: list[str] = ()) -> None:
        """``entries`` maps each canonical name to its aliases; ``blockers`` are phrases that
        name nothing ("Latin America"): they compete in the longest match like aliases and,
        when they win, consume their words.

        Both lookups are built on first use: `parley search party:japan` resolves a party
        and finds no names in text, and building all six took it 20 ms."""
        self.names: tuple[str, ...] = tuple(sorted(entries))
        self._entries = entries
        self._blockers = blockers

    @property
    def entries(self) -> dict[str, list[str]]:
        """Each canonical name -> its aliases, as given."""
        return self._entries

    @cached_property
    def _phrases(self) -> tuple[dict[tuple[str, ...], str], dict[str, tuple[int, ...]]]:
        """Each alias's (and blocker's) words -> its name ("" for a blocker), and the word
        counts of the phrases starting with each word, longest first."""
        by_words: dict[tuple[str, ...], str] = {}
        lengths: dict[str, set[int]] = {}
        named = [(phrase, "") for phrase in self._blockers]
        named += [(alias, canonical) for canonical, aliases in self._entries.items() for alias in {canonical, *aliases}]
        for phrase, name in named:
            key = _words(phrase)
            if key:
                by_words[key] = name
                lengths.setdefault(key[0], set()).add(len(key))
        return by_words, {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}

    @cached_property
    def _folded(self) -> dict[str, str]:
        """Each alias's words lowercased, and each name lowercased -> the name."""
        folded: dict[str, str] = {}
        for canonical, aliases in self._entries.items():
            for alias in {canonical, *aliases}:
                folded.setdefault(" ".join(_words(alias)).lower(), canonical)
        folded.update({name.lower(): name for name in self._entries})
        return folded

    def find(self, text: str) -> Counter[str]:
        """Count each name mentioned in ``text`` (leftmost-longest alias wins)."""
        return self.find_words(_words(text))

    def find_words(self, words: tuple[str, ...]) -> Counter[str]:
        return Counter(name for name, _, _ in self.matches(words))

    def matches(self, words: tuple[str, ...], present: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
        """Each name mentioned in ``words``, as (name, index of its first word, word count),
        in order (leftmost-longest alias wins; a blocker's words name nothing). ``present``,
        the set of ``words`` if the caller has it, saves building it."""
        found: list[tuple[str, int, int]] = []
        by_words, lengths = self._phrases
        present = present if present is not None else frozenset(words)
        starts = self.start_words & present
        if not starts:
            return found
        seconds = self._second_words
        starts = [w for w in starts if w not in seconds or seconds[w] & present]  # "the" needs "Gulf"
        after = 0  # the first word a match may start at
        for i in sorted(i for word in starts for i in indexes(words, word)):
            if i < after:
                continue
            for n in lengths[words[i]]:
                name = by_words.get(words[i : i + n]) if i + n <= len(words) else None
                if name is not None:
                    if name:
                        found.append((name, i, n))
                    after = i + n
                    break
        return found

    def starts(self, word: str) -> bool:
        """Whether some alias (or blocker) begins with ``word``."""
        return word in self.start_words

    @cached_property
    def _second_words(self) -> dict[str, frozenset[str]]:
        """For each word that starts only phrases of two words or more, their second words."""
        by_words, lengths = self._phrases
        seconds: dict[str, set[str]] = {}
        for key in by_words:
            if len(key) > 1 and 1 not in lengths[key[0]]:
                seconds.setdefault(key[0], set()).add(key[1])
        return {word: frozenset(s) for word, s in seconds.items()}

    @cached_property
    def start_words(self) -> frozenset[str]:
        """The words that some alias (or blocker) begins with."""
        return frozenset(self._phrases[1])

    @cached_property
    def given_names(self) -> dict[str, frozenset[str]]:
        """Each name -> the first words of its forms of two words or more: the given names
        ("Margaret" for Margaret Thatcher) that a surname alone may follow."""
        given: dict[str, frozenset[str]] = {}
        for canonical, aliases in self._entries.items():
            forms = (_words(alias) for alias in {canonical, *aliases})
            given[canonical] = frozenset(form[0] for form in forms if len(form) > 1)
        return given

    def resolve(self, name: str) -> str | None:
        """The canonical name for what a user typed, in any case ("kremlin" -> "Russia")."""
        return self.resolve_words(_words(name))

    def resolve_words(self, words: tuple[str, ...]) -> str | None:
        """``resolve`` for a name already split into words."""
        return self._folded.get(" ".join(words).lower())


def indexes(words: tuple[str, ...], word: str) -> list[int]:
    """Every index of ``word`` in ``words`` (found by ``tuple.index``, which scans in C)."""
    found = []
    i = -1
    try:
        while True:
            i = words.index(word, i + 1)
            found.append(i)
    except ValueError:
        return found


@dataclass(frozen=True)
class Names:
    """Every name list, plus what links them: a person's party, and spelling variants."""

    parties: Gazetteer
    people: Gazetteer
    places: Gazetteer
    person_party: dict[str, str]
    spellings: dict[str, str]  # normalized variant -> normalized preferred spelling


def load_names(folder: Path | None = None) -> Names:
    """Read the three name files from ``folder`` where present, else the shipped ones."""
    return _names(_load_tables(folder))


def _load_tables(folder: Path | None) -> dict[str, dict[str, dict]]:
    return {kind: _load_table(folder, f"{kind}.toml") for kind in KINDS}


def _spellings(tables: dict[str, dict[str, dict]]) -> dict[str, str]:
    """normalized variant -> normalized preferred spelling, from every entry's groups."""
    spellings: dict[str, str] = {}
    for table in tables.values():
        for entry in table.values():
            for group in entry.get("spellings", []):
                preferred = normalize(group[0])
                spellings.update({normalize(variant): preferred for variant in group[1:]})
    return spellings


def _names(tables: dict[str, dict[str, dict]]) -> Names:
    gazetteers = {
        kind: Gazetteer(
            {name: list(entry.get("aliases", [])) for name, entry in table.items()},
            [phrase for entry in table.values() for phrase in entry.get("not_within", [])],
        )
        for kind, table in tables.items()
    }
    person_party = {name: e["party"] for name, e in tables["people"].items() if e.get("party")}
    return Names(**gazetteers, person_party=person_party, spellings=_spellings(tables))


def _load_table(folder: Path | None, file_name: str) -> dict[str, dict]:
    text = data_text(folder, file_name)
    return tomllib.loads(text) if text else {}


def data_text(folder: Path | None, file_name: str) -> str:
    """A data file's text: ``folder``'s copy where it has one, else the shipped one ("" if
    neither exists)."""
    if folder is not None and (folder / file_name).is_file():
        return (folder / file_name).read_text("utf-8")
    shipped = resources.files("indexer").joinpath("data", file_name)
    return shipped.read_text("utf-8") if shipped.is_file() else ""


def data_folder() -> Path | None:
    """The folder named by ``$PARLEY_DATA``, if set."""
    folder = os.environ.get("PARLEY_DATA")
    return Path(folder) if folder else None


@lru_cache(maxsize=1)
def _default_tables() -> dict[str, dict[str, dict]]:
    return _load_tables(data_folder())


@lru_cache(maxsize=1)
def default_names() -> Names:
    """The names in ``$PARLEY_DATA`` or shipped with parley, loaded once per process. After an
    edit, `parley reindex --full` applies it to articles already indexed."""
    return _names(_default_tables())


@lru_cache(maxsize=1)
def default_spellings() -> dict[str, str]:
    """Just the spelling folds: all a plain query needs, without building the gazetteers
    (which would add a tenth of a second to every `parley search`)."""
    return _spellings(_default_tables())
