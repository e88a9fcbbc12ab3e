"""Facet counts for the current query; choosing a value toggles it as a filter."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from indexer.output import printable
from indexer.search import UNKNOWN, Facets, FacetValue
from tui.filters import LABELS, Filters
from tui.widgets.stable_list import StableOptionList

NAME_WIDTH = 19
CHRONOLOGICAL = ("year", "month")  # listed newest first rather than by count


def ordered(facet: str, values: tuple[FacetValue, ...], chosen: tuple[str, ...]) -> list[FacetValue]:
    """The API's values plus any chosen value the query no longer finds (count 0), so every
    filter stays visible and can be switched off here."""
    found = {v.value for v in values}
    rows = list(values) + [FacetValue(v, 0) for v in chosen if v not in found]
    if facet in CHRONOLOGICAL:
        rows.sort(key=lambda v: (v.value != UNKNOWN, v.value), reverse=True)  # unknown last
    return rows


def value_prompt(value: FacetValue, chosen: bool) -> Text:
    name = printable(value.value)
    name = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
    return Text.assemble(("✓ " if chosen else "  ", "bold green"), f"{name:<{NAME_WIDTH}}", (f"{value.count:>5}", "dim"))


class FacetPanel(StableOptionList):
    """One list with a heading per facet; Enter or a click on a value posts ``Toggled``."""

    @dataclass
    class Toggled(Message):
        """Add the value to its facet's filter, or drop it when already chosen."""

        facet: str
        value: str

    def show(self, facets: Facets, filters: Filters) -> None:
        options: list[Option] = []
        for facet in filters.shown_facets():
            chosen: tuple[str, ...] = getattr(filters, facet)
            options.append(Option(Text(LABELS[facet], style="bold underline"), disabled=True))
            options += [
                Option(value_prompt(v, v.value in chosen), id=f"{facet}\t{v.value}")
                for v in ordered(facet, getattr(facets, facet), chosen)
            ]
        self.replace_options(options)

    @on(OptionList.OptionSelected)
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        facet, value = event.option.id.split("\t", 1)
        self.post_message(self.Toggled(facet, value))
