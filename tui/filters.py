"""The facet filters a user has chosen, and the request they make with a query and sort."""

from __future__ import annotations

from dataclasses import dataclass, replace

from indexer.search import UNKNOWN, SearchRequest, Sort

# Facets field names, in panel order (long lists last)
FACETS = ("source", "year", "month", "parties", "people", "places")
LABELS = {"source": "Outlet", "parties": "Parties", "people": "People", "places": "Places", "year": "Year", "month": "Month"}
QUERY_FIELDS = {"source": "source", "parties": "party", "people": "person", "places": "place"}
SORT_LABELS: dict[Sort, str] = {"relevance": "relevance", "-date": "newest", "date": "oldest"}


@dataclass(frozen=True)
class Filters:
    """Chosen values per facet: values of one facet OR together, facets AND."""

    source: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    month: tuple[str, ...] = ()

    def toggle(self, facet: str, value: str) -> Filters:
        chosen: tuple[str, ...] = getattr(self, facet)
        values = tuple(v for v in chosen if v != value) if value in chosen else (*chosen, value)
        return replace(self, **{facet: values})

    def chosen(self) -> list[tuple[str, str]]:
        return [(facet, value) for facet in FACETS for value in getattr(self, facet)]

    def describe(self) -> str:
        return ", ".join(f"{LABELS[f].lower()}={'|'.join(getattr(self, f))}" for f in FACETS if getattr(self, f))

    def marking_query(self, query: str) -> str:
        """``query`` with the chosen outlets, parties, people and places as query terms: what
        the document view marks, so an article opened under a chip shows why it matched."""
        terms = [
            f'{QUERY_FIELDS[facet]}:"{value}"'
            for facet, value in self.chosen()
            if facet in QUERY_FIELDS and value != UNKNOWN and '"' not in value
        ]
        return " ".join([query.strip(), *terms]).strip()

    def shown_facets(self) -> tuple[str, ...]:
        """Months only make sense once a year narrows them down (or one is already chosen)."""
        return tuple(f for f in FACETS if f != "month" or self.year or self.month)

    def request(self, query: str, sort: Sort, limit: int) -> SearchRequest:
        """The search for ``query`` under these filters; spaces around the query are dropped,
        so typing the space before the next word does not search again."""
        return SearchRequest(
            query=query.strip(), sources=self.source, parties=self.parties, people=self.people,
            places=self.places, years=self.year,
            months=self.month, sort=sort, limit=limit,
        )
