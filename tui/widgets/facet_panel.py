"""Facet counts for the current query; choosing a value toggles it as a filter."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from indexer.output import printable
from indexer.search import UNKNOWN, Facets, FacetValue
from tui.filters import LABELS, Filters
from tui.widgets.line_list import LineList

NAME_WIDTH = 19
COUNT_WIDTH = 5
CHRONOLOGICAL = ("year", "month")  # listed newest first rather than by count


def ordered(facet: str, values: tuple[FacetValue, ...], chosen: tuple[str, ...]) -> list[FacetValue]:
    """The API's values plus any chosen value the query no longer finds (count 0), so every
    filter stays visible and can be switched off here."""
    found = {v.value for v in values}
    rows = list(values) + [FacetValue(v, 0) for v in chosen if v not in found]
    if facet in CHRONOLOGICAL:
        rows.sort(key=lambda v: (v.value != UNKNOWN, v.value), reverse=True)  # unknown last
    return rows


@dataclass(frozen=True)
class Row:
    """One line of the panel: a facet's heading (``value`` None) or one of its values."""

    facet: str
    value: FacetValue | None = None
    chosen: bool = False

    @property
    def key(self) -> tuple[str, str | None]:
        return self.facet, self.value.value if self.value else None


class FacetPanel(LineList):
    """One list with a heading per facet; Enter or a click on a value posts ``Toggled``."""

    COMPONENT_CLASSES = {"facet-panel--heading", "facet-panel--mark", "facet-panel--count"}

    @dataclass
    class Toggled(Message):
        """Add the value to its facet's filter, or drop it when already chosen."""

        facet: str
        value: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []

    def show(self, facets: Facets, filters: Filters) -> None:
        """List ``facets`` under the headings ``filters`` calls for, the cursor staying on the
        value it was on when that value is still listed."""
        kept = self.rows[self.cursor].key if 0 <= self.cursor < len(self.rows) else None
        rows: list[Row] = []
        for facet in filters.shown_facets():
            chosen: tuple[str, ...] = getattr(filters, facet)
            rows.append(Row(facet))
            rows += [Row(facet, v, v.value in chosen) for v in ordered(facet, getattr(facets, facet), chosen)]
        self.rows = rows
        keys = [row.key for row in rows]
        self.show_entries([1] * len(rows), keys.index(kept) if kept in keys else -1)

    def index_of(self, facet: str, value: str) -> int:
        """The row of ``value`` under ``facet``'s heading (ValueError when it is not listed)."""
        return [row.key for row in self.rows].index((facet, value))

    def selectable(self, entry: int) -> bool:
        return self.rows[entry].value is not None

    def choose(self, entry: int) -> None:
        self.post_message(self.Toggled(self.rows[entry].facet, self.rows[entry].value.value))

    def draw(self, entry: int, line: int, width: int, base: Style, over: Style) -> Strip:
        row = self.rows[entry]
        if row.value is None:
            segments = [Segment(LABELS[row.facet], base + self._part("heading") + over)]
        else:
            segments = [
                Segment("✓ " if row.chosen else "  ", base + self._part("mark") + over),
                Segment(_fitted(printable(row.value.value), NAME_WIDTH), base),
                Segment(f"{row.value.count:>{COUNT_WIDTH}}", base + self._part("count") + over),
            ]
        return Strip(segments).adjust_cell_length(width, base)

    def _part(self, name: str) -> Style:
        """What the stylesheet sets for one part of a line, to go over the line's style."""
        return self.get_component_rich_style(f"facet-panel--{name}", partial=True)


def _fitted(name: str, width: int) -> str:
    """``name`` cut with an ellipsis or padded to exactly ``width`` cells."""
    return set_cell_size(name, width) if cell_len(name) <= width else set_cell_size(name, width - 1) + "…"
