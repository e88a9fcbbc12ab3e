"""Text analysis with NLTK: words with character offsets, stop words and stems.

Only NLTK parts that need no downloaded data are used (a regexp tokenizer and the Snowball
stemmer), so nothing is fetched at run time. The engine wraps these functions in its own
analyzer; highlighting and query parsing go through the same pattern and stems, which is
what keeps highlight offsets exact and index and query terms identical.

NLTK is imported only when an article is indexed or a word has no stem recorded yet:
importing its package loads most of NLTK (0.26 s, half of a cold `parley search`). A search
splits text with ``direct_word_spans`` (the tokenizer's pattern on the same regex engine)
and takes stems from the table the index saved (``indexer.engine.terms``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources

import regex

# Numbers keep their separators ("1,500", "5.93"); words keep inner apostrophes and dots
# ("Kyiv's", "U.S"); hyphens split ("no-fly" -> "no", "fly") so either spelling matches.
WORD_PATTERN = r"\d+(?:[.,]\d+)*|\w+(?:['’.]\w+)*"
# NLTK's RegexpTokenizer compiles with the ``regex`` engine (whose \w, unlike ``re``'s, takes
# in combining marks: "é" written e + U+0301 stays one word) and these flags.
_DIRECT = regex.compile(WORD_PATTERN, regex.UNICODE | regex.MULTILINE | regex.DOTALL)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})

Spans = tuple[tuple[int, int], ...]


def _load_stop_words() -> frozenset[str]:
    text = resources.files("indexer").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOP_WORDS: frozenset[str] = _load_stop_words()


@lru_cache(maxsize=1)
def _nltk_tokenize() -> Callable[[str], list[str]]:
    from nltk.tokenize import RegexpTokenizer

    return RegexpTokenizer(WORD_PATTERN).tokenize


@lru_cache(maxsize=1)
def _nltk_stem() -> Callable[[str], str]:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english").stem


@lru_cache(maxsize=8)
def word_spans(text: str) -> Spans:
    """(start, end) character offsets of each word in ``text``, found by NLTK: how articles
    are split when they are indexed.

    NLTK's ``tokenize`` finds the words in one guarded regex call; ``str.find`` then places
    them, which is several times faster than NLTK's per-match ``span_tokenize`` (each match
    goes through its ReDoS timeout wrapper). Cached for the few texts in flight, because one
    article body is read by the gazetteer, the body field and the spelling field in turn.
    """
    return _placed(_nltk_tokenize()(text), text)


def direct_word_spans(text: str) -> Spans:
    """The same offsets as ``word_spans``, for queries and highlighting: the same pattern,
    matched without importing NLTK (tests hold the two equal on real and hostile text)."""
    return _placed(_DIRECT.findall(text), text)


def _placed(words: Iterable[str], text: str) -> Spans:
    spans = []
    position = 0
    find = text.find
    for word in words:
        start = find(word, position)
        position = start + len(word)
        spans.append((start, position))
    return tuple(spans)


def normalize(word: str) -> str:
    """Lowercase and fold typographic apostrophes (same length, so offsets still hold)."""
    return word.lower().translate(_APOSTROPHES)


def stem(word: str) -> str:
    """Snowball-stem a normalized word. Uncached: ``indexer.engine.terms`` keeps each word's
    term once it is known.

    Numbers and dotted abbreviations ("1,500", "u.s") are kept whole: the stemmer would
    mangle them ("u.s" -> "u.") and they are looked up exactly anyway.
    """
    if not word.replace("'", "").isalpha():
        return word
    return _nltk_stem()(word)

