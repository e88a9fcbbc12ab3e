"""The Whoosh schema and the analyzers it uses.

Whoosh pickles the schema, analyzers included, into every index: the classes here must
stay importable at ``indexer.engine.schema``. They hold no state; the NLTK work is done by
``indexer.analysis`` and the party names come from the gazetteer at call time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import columns, fields
from whoosh.analysis import Token, Tokenizer

from indexer import analysis
from indexer.engine import terms
from indexer.gazetteer import _words, default_names

# Bump when the schema or the analysis changes: older indexes are then refused with a
# message to run `parley reindex --full`.
SCHEMA_VERSION = 6
VALUE_SEP = "\x1f"  # between values of one field in stored columns; never in article text
GROUP_SEP = "\x1e"  # between fields in the facets column


class WordTokenizer(Tokenizer):
    """The whole text analysis in one pass: words with their offsets, lowercase, stop words
    dropped, and, for ``stemmed`` fields, each word's term: its spelling folded (Kiev -> kyiv,
    Donbass -> donbas, from the name data files) and stemmed (``indexer.engine.terms``).
    Character offsets point into the original text, so highlights are exact and mark the
    spelling actually written.

    Indexing (Whoosh's ``mode="index"``) splits with NLTK; queries and highlighting split
    with the same pattern directly, so a search need not import NLTK.

    One class rather than a chain of filters: each filter is a generator layer per token,
    and those layers cost a third of the indexing time. Positions count kept words only, at
    index and query time alike, so phrases across a dropped stop word still match.
    """

    def __init__(self, stemmed: bool = True) -> None:
        self.stemmed = stemmed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordTokenizer) and other.stemmed == self.stemmed

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        indexing = mode == "index"
        split = analysis.word_spans if indexing else analysis.direct_word_spans
        stops, normalize = analysis.STOP_WORDS, analysis.normalize
        term = None if not self.stemmed else terms.indexed_term if indexing else terms.term
        pos = start_pos
        for start, end in split(value):
            word = normalize(value[start:end])
            if word in stops:
                continue
            token.text = term(word) if term is not None else word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            pos += 1
            yield token


class ValueTokenizer(Tokenizer):
    """Facet values: each ``VALUE_SEP``-separated value becomes one slug token ("The Week" ->
    "the-week"), so `source:"the week"` and `source:the-week` both match."""

    def __call__(
        self, value: str, positions: bool = False, chars: bool = False, start_char: int = 0, **kwargs: Any
    ) -> Iterator[Token]:
        token = Token(positions, chars, **kwargs)
        offset = 0
        for pos, part in enumerate(value.split(VALUE_SEP)):
            start, offset = offset, offset + len(part) + 1
            if not part.strip():
                continue
            token.text = self.slug(part)
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + start + len(part)
            yield token

    @staticmethod
    def slug(value: str) -> str:
        return "-".join(_words(value)).lower()


class NameTokenizer(ValueTokenizer):
    """Like ValueTokenizer, but a name a user types resolves through its gazetteer first, so
    `party:kremlin`, `person:zelensky` and `place:donbass` find Russia, Volodymyr Zelenskyy
    and Donbas."""

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "parties", "people" or "places"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NameTokenizer) and other.kind == self.kind

    def slug(self, value: str) -> str:
        gazetteer = getattr(default_names(), self.kind)
        return ValueTokenizer.slug(gazetteer.resolve(value) or value)


def word_analyzer() -> Any:
    """Unstemmed words: what spelling suggestions are drawn from."""
    return WordTokenizer(stemmed=False)


def text_analyzer() -> Any:
    return WordTokenizer(stemmed=True)


def build_schema() -> fields.Schema:
    """One document per article. Columns carry what facets and reindex read per document."""
    text = text_analyzer()
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text, stored=True),
        # Whoosh's own spelling graph would also steer fuzzy queries on the stemmed body
        # to unstemmed words; a separate field keeps the two apart.
        # Presence only (no frequencies or positions): the cheapest postings Whoosh writes.
        words=fields.KEYWORD(analyzer=word_analyzer(), scorable=False),
        source=fields.KEYWORD(analyzer=ValueTokenizer(), stored=True, scorable=False),
        parties=fields.KEYWORD(analyzer=NameTokenizer("parties"), stored=True, scorable=False),
        people=fields.KEYWORD(analyzer=NameTokenizer("people"), stored=True, scorable=False),
        places=fields.KEYWORD(analyzer=NameTokenizer("places"), stored=True, scorable=False),
        # parties the article only names (its ``parties`` are those it involves)
        mentions=fields.KEYWORD(analyzer=NameTokenizer("parties"), stored=True, scorable=False),
        date=fields.DATETIME(stored=True, sortable=True),
        # "YYYY-MM-DD": what date queries and filters match (see query._fast_forms); a date
        # known to the month is "YYYY-MM-00", to the year "YYYY-00-00"
        day=fields.ID(),
        url=fields.STORED(),
        meta=fields.STORED(),
        # source, year-month, parties, people and places of each document, for facet counts
        facets=fields.COLUMN(columns.VarBytesColumn()),
        # path, size, mtime_ns and sha1 of the file a document came from, read by reindex
        file=fields.COLUMN(columns.VarBytesColumn()),
    )
