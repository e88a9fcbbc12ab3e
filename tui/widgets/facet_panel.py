"""Facet counts for the current query; choosing a value toggles it as a filter."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from indexer.output import printable
from indexer.search import UNKNOWN, Facets, FacetValue
from tui.filters import LABELS, Filters

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


class FacetPanel(ScrollView, can_focus=True):
    """One list with a heading per facet; Enter or a click on a value posts ``Toggled``.

    Drawn line by line from cached strips, not as an OptionList: an OptionList measures
    every option (a few hundred here) on each update, which cost the search view a third of
    its redraw after every keystroke. Only the lines on screen are drawn, each once per update.
    """

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "toggle", "Toggle", show=False),
    ]
    # the cursor's focused look is a class of its own: Textual keeps a part's style cached
    # across the panel's focus changes, so a `FacetPanel:focus > .part` rule would stick
    COMPONENT_CLASSES = {
        "facet-panel--heading", "facet-panel--mark", "facet-panel--count",
        "facet-panel--cursor", "facet-panel--cursor-focused",
    }

    cursor: reactive[int] = reactive(-1, init=False)  # the row index the cursor is on (-1: none)

    @dataclass
    class Toggled(Message):
        """Add the value to its facet's filter, or drop it when already chosen."""

        facet: str
        value: str

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self._strips: dict[tuple[int, bool, int], Strip] = {}

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
        self._strips.clear()
        self.virtual_size = Size(NAME_WIDTH + COUNT_WIDTH + 2, len(rows))
        keys = [row.key for row in rows]
        self.cursor = keys.index(kept) if kept in keys else self._nearest(0, 1, -1)
        self.refresh()

    def index_of(self, facet: str, value: str) -> int:
        """The row of ``value`` under ``facet``'s heading (ValueError when it is not listed)."""
        return [row.key for row in self.rows].index((facet, value))

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        key = (index, index == self.cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(self.rows[index], key[1], width)
        return strip

    def _draw(self, row: Row, at_cursor: bool, width: int) -> Strip:
        base, over = self.rich_style, Style()
        if at_cursor:  # the whole style: its colours may be translucent over the panel's
            cursor = self.get_component_rich_style("facet-panel--cursor" + ("-focused" if self.has_focus else ""))
            base, over = base + cursor, Style(bgcolor=cursor.bgcolor)
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

    def watch_cursor(self, old: int, new: int) -> None:
        """Keep the cursor in view, with its facet's heading when that is just above it."""
        if new >= 0:
            top = new - 1 if new > 0 and self.rows[new - 1].value is None else new
            self.scroll_to_region(Region(0, top, 1, new - top + 1), animate=False, immediate=True)
        self.refresh()

    def notify_style_update(self) -> None:
        """A theme or focus change restyles every line."""
        self._strips.clear()
        super().notify_style_update()
        self.refresh()

    def _nearest(self, index: int, step: int, default: int) -> int:
        """The first value row from ``index`` on in direction ``step`` (headings are skipped)."""
        while 0 <= index < len(self.rows):
            if self.rows[index].value is not None:
                return index
            index += step
        return default

    def action_move(self, delta: int) -> None:
        """Move ``delta`` rows, onto the nearest value that way (or back, past the ends)."""
        step = 1 if delta > 0 else -1
        target = max(0, min(len(self.rows) - 1, self.cursor + delta))
        self.cursor = self._nearest(target, step, self._nearest(target, -step, self.cursor))

    def action_first(self) -> None:
        self.cursor = self._nearest(0, 1, self.cursor)

    def action_last(self) -> None:
        self.cursor = self._nearest(len(self.rows) - 1, -1, self.cursor)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_toggle(self) -> None:
        if 0 <= self.cursor < len(self.rows) and (value := self.rows[self.cursor].value) is not None:
            self.post_message(self.Toggled(self.rows[self.cursor].facet, value.value))

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self.rows) and self.rows[index].value is not None:
            self.cursor = index
            self.action_toggle()


def _fitted(name: str, width: int) -> str:
    """``name`` cut with an ellipsis or padded to exactly ``width`` cells."""
    return set_cell_size(name, width) if cell_len(name) <= width else set_cell_size(name, width - 1) + "…"
