"""Text analysis with NLTK: words with character offsets, stop words and stems.

Only NLTK parts that need no downloaded data are used (a regexp tokenizer and the Snowball
stemmer), so nothing is fetched at run time. The engine wraps these functions in its own
analyzer; highlighting and query parsing go through the same functions, which is what keeps
highlight offsets exact and index and query terms identical.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

# Numbers keep their separators ("1,500", "5.93"); words keep inner apostrophes and dots
# ("Kyiv's", "U.S"); hyphens split ("no-fly" -> "no", "fly") so either spelling matches.
_WORD = RegexpTokenizer(r"\d+(?:[.,]\d+)*|\w+(?:['’.]\w+)*")
_STEMMER = SnowballStemmer("english")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def _load_stop_words() -> frozenset[str]:
    text = resources.files("indexer").joinpath("data/stopwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOP_WORDS: frozenset[str] = _load_stop_words()


@lru_cache(maxsize=8)
def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) character offsets of each word in ``text``.

    NLTK's ``tokenize`` finds the words in one guarded regex call; ``str.find`` then places
    them, which is several times faster than NLTK's per-match ``span_tokenize`` (each match
    goes through its ReDoS timeout wrapper). Cached for the few texts in flight, because one
    article body is read by the gazetteer, the body field and the spelling field in turn.
    """
    spans = []
    position = 0
    find = text.find
    for word in _WORD.tokenize(text):
        start = find(word, position)
        position = start + len(word)
        spans.append((start, position))
    return tuple(spans)


def normalize(word: str) -> str:
    """Lowercase and fold typographic apostrophes (same length, so offsets still hold)."""
    return word.lower().translate(_APOSTROPHES)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball-stem a normalized word; cached because news vocabulary repeats heavily.

    Numbers and dotted abbreviations ("1,500", "u.s") are kept whole: the stemmer would
    mangle them ("u.s" -> "u.") and they are looked up exactly anyway.
    """
    if not word.replace("'", "").isalpha():
        return word
    return _STEMMER.stem(word)


def terms(text: str) -> list[str]:
    """The index terms of ``text`` in order (stop words dropped), as the engine indexes them."""
    words = (normalize(text[s:e]) for s, e in word_spans(text))
    return [stem(w) for w in words if w not in STOP_WORDS]
