"""From a user's query string and facet filters to Whoosh queries, with errors a user can read.

The language: words AND together; OR, NOT, parentheses; "phrases"; wildcards (`negot*`);
fuzzy (`Zelenskiy~`, `Zelenskiy~2`); fields `title:`, `body:`, `source:`, `party:`, `mention:`, `person:`,
`place:`, `date:`;
dates as `date:2025`, `date:2025-03`, `date:[2025-01-01 to 2025-06-30]`, `date:[2025 to]`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from whoosh import query
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, MultifieldParser, syntax
from whoosh.qparser.dateparse import DateParserPlugin

from indexer.engine.schema import VALUE_SEP, NameTokenizer, ValueTokenizer
from indexer.search import UNKNOWN, QueryError, SearchRequest

FIELDS = ("title", "body", "source", "party", "mention", "person", "place", "date")
_FIELD_ALIASES = {"parties": ["party"], "mentions": ["mention"], "people": ["person"], "places": ["place"], "body": ["text"]}
_ALIAS_NAMES = {alias for aliases in _FIELD_ALIASES.values() for alias in aliases} | set(_FIELD_ALIASES)
_FIELD_PREFIX = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")
_DANGLING = re.compile(r"^\s*(AND|OR)\b|\b(AND|OR|NOT)\s*$")


def make_parser(schema) -> MultifieldParser:
    """Title and body by default, AND between words."""
    parser = MultifieldParser(["title", "body"], schema)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(FieldAliasPlugin(_FIELD_ALIASES))
    return parser


def parse_user_query(parser: MultifieldParser, text: str) -> query.Query:
    """Parse ``text``; raise QueryError with a one-line reason when it is malformed."""
    if not text.strip():
        return query.Every()
    _check_syntax(text)
    try:
        _check_nodes(parser.process(text), text)
        return parser.parse(text).accept(_fast_forms)
    except QueryError:
        raise
    except Exception as exc:  # Whoosh raises bare ValueErrors etc. from field parsers
        raise QueryError(f"cannot parse query: {exc}") from None


def _fast_forms(q: query.Query) -> query.Query:
    """Rewrite the two query forms Whoosh answers slowly into equivalents it answers fast.

    A date range on the numeric ``date`` field expands into thousands of trie terms (a
    month took 230 ms on 20k articles); the same range over the ``day`` terms ("1987-03-01")
    touches only the days that exist. A fuzzy term scans the whole lexicon; requiring its
    first letter (as most engines do) cuts that scan to one letter's words.
    """
    if isinstance(q, query.DateRange) and q.fieldname == "date":
        return day_range(q.startdate, q.enddate, boost=q.boost)
    if isinstance(q, query.FuzzyTerm) and q.prefixlength < 1:
        q.prefixlength = 1
    return q


def split_filters(q: query.Query, reader) -> tuple[query.Query, list[query.Query]]:
    """Take a query's top-level conditions that cannot change a ranking out, to be applied
    as filters: dates, and terms of unscored fields (``source:``, ``party:``, ...) that score
    the same 1.0 in every document, when words remain to rank by.

    ``oil date:1987-03`` matches the same documents either way, but Whoosh scores the union
    of a month's day terms for every candidate when it is part of the query (120 ms on 20k
    articles), while as a filter it is one set, computed once. ``trade source:reuters``
    walks the outlet's postings (every article) beside the word's: 180 ms on 200k articles
    against 75 ms for ``trade`` among the outlet's articles. The order is the same; scores
    lose the constant.
    """
    if _is_day_range(q):
        return query.Every(), [q]
    rest, taken = _split_and(q, _is_day_range)
    constant = [c for c in rest if _scores_one(c, reader)]
    if len(constant) < len(rest):  # words remain to rank by
        rest, taken = [c for c in rest if c not in constant], taken + constant
    return (_all_of(rest), taken) if taken else (q, [])


def _scores_one(q: query.Query, reader) -> bool:
    """Whether ``q`` is a term of an unscored field that each document holds at most once
    (Whoosh scores such a term by its count in the document)."""
    if not isinstance(q, query.Term) or q.boost != 1.0 or reader.schema[q.fieldname].scorable:
        return False
    return (q.fieldname, q.text) not in reader or reader.term_info(q.fieldname, q.text).max_weight() <= 1


def split_negations(q: query.Query) -> tuple[query.Query, list[query.Query]]:
    """Take a query's top-level NOT conditions out, as the queries whose documents to drop.

    ``bank NOT japan`` scores exactly as ``bank`` (a NOT adds nothing to a score), but
    Whoosh cannot skip low-scoring blocks of postings under a NOT, so it scores all 3,000
    matches to find the top 10; ranked as ``bank`` with the excluded documents masked out,
    it skips as usual. A query of negations only is left as it is.
    """
    if isinstance(q, query.AndNot):
        return q.a, [q.b]
    rest, nots = _split_and(q, lambda c: isinstance(c, query.Not))
    return (_all_of(rest), [n.query for n in nots]) if nots and rest else (q, [])


def or_of_parts(q: query.Query) -> list[query.Term | query.Phrase] | None:
    """The terms and phrases of a query made only of unboosted ORs of them (what a fuzzy
    word, an OR of words or a phrase searched in title and body becomes), or None for any
    other query."""
    if isinstance(q, query.Term | query.Phrase):
        return [q]
    if not isinstance(q, query.Or) or q.boost != 1.0 or q.scale or q.minmatch:
        return None
    parts = [or_of_parts(c) for c in q.subqueries]
    return None if None in parts else [part for found in parts for part in found]


def _split_and(q: query.Query, taken) -> tuple[list[query.Query], list[query.Query]]:
    """The children of an unboosted And that ``taken`` rejects and those it accepts (all
    of a non-And query are rejected)."""
    if not isinstance(q, query.And) or q.boost != 1.0:
        return [q], []
    return [c for c in q.subqueries if not taken(c)], [c for c in q.subqueries if taken(c)]


def _all_of(queries: list[query.Query]) -> query.Query:
    return queries[0] if len(queries) == 1 else query.And(queries) if queries else query.Every()


def _is_day_range(q: query.Query) -> bool:
    if isinstance(q, query.AndNot):  # a range less the dates known only to its last month or year
        q = q.a
    return isinstance(q, query.TermRange) and q.fieldname == "day"


MAX_EXPANSIONS = 64


class Vocabulary:
    """The terms of one index version by field and first letters, read once: Whoosh expands
    a fuzzy term by stepping a Levenshtein automaton through the term file, one cursor seek
    per candidate (25 ms for `Reagan~2` on 20k articles); measuring distances in C over the
    cached words takes well under 1 ms. Only the words are listed: reading every term's
    info with them took a cold `parley search Reagan~2` 50 ms for the r's, the words 5 ms;
    the document frequencies ranking the expansions are looked up for the matches alone."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._words: dict[tuple[str, str], list[str]] = {}

    def within(self, node: query.FuzzyTerm) -> list[str]:
        """The words ``node`` matches: its first ``prefixlength`` letters, then at most
        ``maxdist`` Levenshtein edits (as Whoosh's automaton), most frequent first."""
        from rapidfuzz import (
            process,  # here: importing it costs a cold `parley search` 16 ms
        )
        from rapidfuzz.distance import Levenshtein

        words = self._starting(node.fieldname, node.text[: node.prefixlength])
        near = process.extract(node.text, words, scorer=Levenshtein.distance, score_cutoff=node.maxdist, limit=None)
        # extract() lists by distance; ties in frequency keep the term order, as Whoosh does
        found = [words[index] for index in sorted(index for _, _, index in near)]
        frequency = {word: self._reader.doc_frequency(node.fieldname, word) for word in found}
        return sorted(found, key=lambda word: -frequency[word])

    def _starting(self, fieldname: str, prefix: str) -> list[str]:
        key = (fieldname, prefix)
        if key not in self._words:
            field = self._reader.schema[fieldname]
            self._words[key] = [field.from_bytes(t) for t in self._reader.expand_prefix(fieldname, prefix)]
        return self._words[key]


def expand_fuzzy(q: query.Query, vocabulary: Vocabulary) -> query.Query:
    """Replace each fuzzy term by the index terms it matches (at most MAX_EXPANSIONS, the
    most frequent first), once per search: left alone, Whoosh re-expands it against the
    whole lexicon for the count, the ranking and the highlighting, several times each."""

    def expand(node: query.Query) -> query.Query:
        if not isinstance(node, query.FuzzyTerm):
            return node
        words = vocabulary.within(node)[:MAX_EXPANSIONS]
        terms = [query.Term(node.fieldname, w, boost=node.boost) for w in words]
        return query.Or(terms) if terms else query.NullQuery

    return q.accept(expand)


def day_range(start: datetime | date | None, end: datetime | date | None, boost: float = 1.0) -> query.Query:
    """The ``day`` terms from ``start`` to ``end``. A date known only to a month
    ("2025-03-00") or a year ("2025-00-00") is in the range when the range covers that whole
    month or year: `date:2025-03` finds an article dated "March 2025", `date:2025-03-01` and
    `date:[2025-02-15 to 2025-03-10]` do not."""
    found = query.TermRange("day", _range_start(start, end), end and end.isoformat()[:10], boost=boost)
    if end is None:
        return found
    last = end.isoformat()[:10]
    partial = [last[:8] + "00"] if last != _month_end(end) else []
    partial += [last[:5] + "00-00"] if not last.endswith("-12-31") else []
    return query.AndNot(found, query.Or([query.Term("day", t) for t in partial])) if partial else found


def _range_start(start: datetime | date | None, end: datetime | date | None) -> str | None:
    """A range's first ``day`` term, before the partial dates of a month or year the range
    starts with the whole of."""
    if start is None:
        return None
    first = start.isoformat()[:10]
    last = end.isoformat()[:10] if end is not None else "9999-99-99"
    if first.endswith("-01-01") and last >= first[:4] + "-12-31":
        return first[:4] + "-00-00"
    if first.endswith("-01") and _month_end(start) <= last:
        return first[:8] + "00"
    return first


def _month_end(moment: datetime | date) -> str:
    following = date(moment.year + moment.month // 12, moment.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1).isoformat()


def _check_syntax(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: close the phrase with "')
    depth = {"(": 0, "[": 0}
    closing = {")": "(", "]": "["}
    for char in _outside_quotes(text):
        if char in depth:
            depth[char] += 1
        elif char in closing:
            depth[closing[char]] -= 1
            if depth[closing[char]] < 0:
                raise QueryError(f"unexpected '{char}' with no opening '{closing[char]}'")
    for opener, count in depth.items():
        if count:
            raise QueryError(f"unbalanced '{opener}': missing its closing bracket")
    if _DANGLING.search(text):
        raise QueryError("AND/OR/NOT needs a term on each side")
    for name in _FIELD_PREFIX.findall(_outside_quotes(text)):
        if name.lower() not in FIELDS and name.lower() not in _ALIAS_NAMES:
            raise QueryError(f"unknown field '{name}:' (fields: {', '.join(FIELDS)})")


def _outside_quotes(text: str) -> str:
    """The text with quoted phrases blanked out, so their punctuation is not syntax."""
    return re.sub(r'"[^"]*"', lambda m: " " * len(m.group(0)), text)


def _check_nodes(node: syntax.SyntaxNode, text: str) -> None:
    if isinstance(node, syntax.ErrorNode):
        start, end = getattr(node.node, "startchar", None), getattr(node.node, "endchar", None)
        where = text[start:end] if start is not None and end is not None else str(node.message)
        raise QueryError(f"cannot understand {where!r}: dates look like 2025, 2025-03 or 2025-03-14")
    children = getattr(node, "nodes", None) or ([node.node] if hasattr(node, "node") else [])
    for child in children:
        if isinstance(child, syntax.SyntaxNode):
            _check_nodes(child, text)


def filter_queries(request: SearchRequest) -> dict[str, query.Query]:
    """One query per active facet filter, keyed by facet name (values OR within a facet)."""
    filters: dict[str, query.Query] = {}
    if request.sources:
        filters["source"] = _any_value("source", request.sources)
    for name in ("parties", "people", "places"):
        if getattr(request, name):
            filters[name] = _any_value(name, getattr(request, name))
    if request.years:
        filters["year"] = query.Or([_period(y, "%Y") for y in request.years])
    if request.months:
        filters["month"] = query.Or([_period(m, "%Y-%m") for m in request.months])
    if request.since or request.until:
        filters["range"] = day_range(request.since, request.until)
    return filters


def _any_value(field: str, values: tuple[str, ...]) -> query.Query:
    terms: list[query.Query] = []
    for value in values:
        if value == UNKNOWN:
            terms.append(query.Not(query.Every(field)))
        else:
            terms.extend(query.Term(field, slug) for slug in _slugs(field, value))
    return query.Or(terms)


def _slugs(field: str, value: str) -> list[str]:
    tokenizer = ValueTokenizer() if field == "source" else NameTokenizer(field)
    return [t.text for t in tokenizer(value.replace(VALUE_SEP, " "))]


def _period(value: str, form: str) -> query.Query:
    """A year ("2025") or month ("2025-03") as a prefix of the ``day`` terms; UNKNOWN is
    every article without a date."""
    if value == UNKNOWN:  # undated; as a month, also the dates known only to their year
        undated = query.Not(query.Every("day"))
        return undated if form == "%Y" else query.Or([undated, query.Wildcard("day", "????-00-00")])
    try:
        datetime.strptime(value, form)
    except ValueError:
        raise QueryError(f"not a {'year' if form == '%Y' else 'month (YYYY-MM)'}: {value!r}") from None
    return query.Prefix("day", value + "-")
