"""The parties gazetteer: canonical names of states and blocs, with the aliases that name them.

The data lives in ``indexer/data/parties.toml`` (users edit it; a file of the same shape can
be given instead). Aliases are matched case-sensitively on whole words, so "Turkey" the
country is found and "turkey" the bird is not, and "US" never matches the pronoun "us".
"""

from __future__ import annotations

import os
import tomllib
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from indexer.analysis import word_spans

_POSSESSIVE = ("'s", "’s")


def _words(text: str) -> tuple[str, ...]:
    """Split into words the way aliases are keyed: offsets from analysis, possessives off."""
    out = []
    for start, end in word_spans(text):
        word = text[start:end]
        out.append(word[:-2] if word.endswith(_POSSESSIVE) else word)
    return tuple(out)


class Gazetteer:
    """Finds the parties a text names, and resolves a name a user types to its party."""

    def __init__(self, entries: dict[str, list[str]], blockers: list[str] = ()) -> None:
        """``entries`` maps each party to its aliases; ``blockers`` are phrases that name no
        party ("Latin America"): they compete in the longest-match like aliases and, when
        they win, consume their words."""
        self.names: tuple[str, ...] = tuple(sorted(entries))
        self._by_words: dict[tuple[str, ...], str] = {}
        self._lengths: dict[str, set[int]] = {}
        self._folded: dict[str, str] = {}
        for phrase in blockers:
            self._add(phrase, "")
        for canonical, aliases in entries.items():
            for alias in {canonical, *aliases}:
                self._add(alias, canonical)
                self._folded.setdefault(" ".join(_words(alias)).lower(), canonical)
        self._folded.update({name.lower(): name for name in entries})

    def _add(self, phrase: str, party: str) -> None:
        key = _words(phrase)
        if key:
            self._by_words[key] = party
            self._lengths.setdefault(key[0], set()).add(len(key))

    @classmethod
    def from_file(cls, path: Path) -> Gazetteer:
        data = tomllib.loads(path.read_text("utf-8"))
        entries = {name: list(v.get("aliases", [])) for name, v in data.items()}
        blockers = [phrase for v in data.values() for phrase in v.get("not_within", [])]
        return cls(entries, blockers)

    def find(self, text: str) -> Counter[str]:
        """Count each party named in ``text`` (longest alias wins where aliases overlap)."""
        words = _words(text)
        found: Counter[str] = Counter()
        i = 0
        while i < len(words):
            step = 1
            for n in sorted(self._lengths.get(words[i], ()), reverse=True):
                party = self._by_words.get(words[i : i + n])
                if party is not None:
                    if party:
                        found[party] += 1
                    step = n
                    break
            i += step
        return found

    def resolve(self, name: str) -> str | None:
        """The canonical party for a name typed by a user, any case ("kremlin" -> "Russia")."""
        return self._folded.get(" ".join(_words(name)).lower())


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer in ``$PARLEY_PARTIES``, else the one shipped with parley (loaded once
    per process). After editing it, `parley reindex --full` applies it to indexed articles."""
    override = os.environ.get("PARLEY_PARTIES")
    if override:
        return Gazetteer.from_file(Path(override))
    with resources.as_file(resources.files("indexer").joinpath("data/parties.toml")) as path:
        return Gazetteer.from_file(path)
