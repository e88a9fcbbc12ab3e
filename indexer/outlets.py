"""Which outlet published an article, from its URL or from how the text names its outlet.

Data: ``indexer/data/outlets.toml`` (or ``$PARLEY_DATA/outlets.toml``): per outlet its
``domains``, the ``names`` it calls itself in text, and optional ``self_references``: phrases
only its own articles use ("told the BBC" in BBC house style; in another outlet's text
"told Reuters" cites Reuters). ``ambiguous = true`` marks names that are also common words
("Time", "The Week"), which count only in an outlet-style context.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

# Where a text names its own outlet, strongest first: a wire dateline, a byline ending a
# line ("Peter Weber, The Week US"), a house appeal ("Stay with Newsweek"), a copyright line.
_CONTEXTS = (
    ("dateline", r"^[^\n]{{0,60}}\(({names})\)\s*[-–—]"),
    ("masthead", r"^\s*({names})\s*$"),
    ("byline", r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){{0,3}}, ({names})(?: US| UK)?\s*$"),
    ("sign-off", r"(?:Stay with|Subscribe to|Support|Sign up for|Follow|Donate to|Join) ({names})\b"),
    ("sign-off", r"(?:©|Copyright|\(c\))\s*(?:\d{{4}}\s*)?({names})\b"),
    ("sign-off", r"^({names})\s*$\Z"),
)
# Mentions that cite another outlet rather than being it.
_CITATION = re.compile(r"(?:told|to|by|according to|on|in an interview with|reported by|the)\s+$", re.I)
_MIN_MENTIONS = 2


class Outlets:
    """The outlet table with its text patterns compiled once."""

    def __init__(
        self,
        by_domain: dict[str, str],
        by_name: dict[str, str],
        ambiguous: frozenset[str],
        self_references: dict[str, str] | None = None,
    ) -> None:
        self.by_domain, self.by_name, self.ambiguous = by_domain, by_name, ambiguous
        self.self_references = self_references or {}

    # Compiled on first use: articles that name their outlet (a feed's records) never need
    # them, and compiling them takes about 50 ms of every small reindex.
    @cached_property
    def _contexts(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        alternation = "|".join(re.escape(n) for n in sorted(self.by_name, key=len, reverse=True)) or r"(?!x)x"
        return tuple((how, re.compile(p.format(names=alternation), re.M)) for how, p in _CONTEXTS)

    @cached_property
    def _mention(self) -> re.Pattern[str]:
        plain = [n for n in self.by_name if n not in self.ambiguous]
        return re.compile(
            r"(?<![\w-])(" + ("|".join(re.escape(n) for n in sorted(plain, key=len, reverse=True)) or r"(?!x)x") + r")(?![\w-])"
        )

    def canonical(self, name: str) -> str:
        """An outlet's display name for a name it goes by ("Reuter" -> "Reuters")."""
        return self.by_name.get(name, name)

    def from_url(self, url: str | None) -> str | None:
        """The outlet whose domain the URL's host is, or ends with ("news.bbc.co.uk")."""
        host = (urlsplit(url).hostname or "") if url and "//" in url else ""
        labels = host.lower().removeprefix("www.").split(".")
        for i in range(len(labels) - 1):
            outlet = self.by_domain.get(".".join(labels[i:]))
            if outlet:
                return outlet
        return None

    def from_text(self, title: str, body: str) -> tuple[str, str] | None:
        """(outlet, how) when the text names its own outlet in an outlet-style context, or
        names one unambiguous outlet repeatedly and never as a source it cites."""
        for how, pattern in self._contexts:
            found = pattern.search(body)
            if found:
                return self.by_name[found.group(1)], how
        for phrase, outlet in self.self_references.items():
            if phrase in body:
                return outlet, "self-reference"
        return self._by_mentions(f"{title}\n{body}")

    def _by_mentions(self, text: str) -> tuple[str, str] | None:
        counts: dict[str, int] = {}
        cited: set[str] = set()
        for found in self._mention.finditer(text):
            outlet = self.by_name[found.group(1)]
            if _CITATION.search(text[max(0, found.start() - 25) : found.start()]):
                cited.add(outlet)
            counts[outlet] = counts.get(outlet, 0) + 1
        if len(counts) == 1 and not cited:
            outlet, n = next(iter(counts.items()))
            if n >= _MIN_MENTIONS:
                return outlet, "text"
        return None


def load_outlets(path: Path) -> Outlets:
    data = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    by_domain = {d.lower(): name for name, e in data.items() for d in e.get("domains", [])}
    by_name = {n: name for name, e in data.items() for n in [name, *e.get("names", [])]}
    ambiguous = frozenset(n for name, e in data.items() if e.get("ambiguous") for n in [name, *e.get("names", [])])
    self_references = {p: name for name, e in data.items() for p in e.get("self_references", [])}
    return Outlets(by_domain, by_name, ambiguous, self_references)


@lru_cache(maxsize=1)
def default_outlets() -> Outlets:
    folder = os.environ.get("PARLEY_DATA")
    if folder and (Path(folder) / "outlets.toml").is_file():
        return load_outlets(Path(folder) / "outlets.toml")
    with resources.as_file(resources.files("indexer").joinpath("data", "outlets.toml")) as path:
        return load_outlets(path)
