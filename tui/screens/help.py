"""Keys and query syntax, one keypress away (F1 or ?)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("anywhere", "F1  ?", "this help (Escape closes it)"),
    ("anywhere", "ctrl+p", "commands: sort, clear filters, reindex, theme, facet panel"),
    ("anywhere", "ctrl+q", "quit"),
    ("search", "typing", "searches as you type; Enter runs at once and moves to the hits"),
    ("search", "up  down", "earlier queries (kept beside the index across runs)"),
    ("search", "ctrl+s", "sort: relevance → newest → oldest"),
    ("search", "ctrl+f", "show or hide the facet panel"),
    ("search", "ctrl+l", "clear all filters"),
    ("search", "ctrl+y", 'accept "did you mean" when a query finds nothing'),
    ("search", "ctrl+r", "reindex the indexed folders (searching keeps working)"),
    ("search", "tab", "next pane: search bar, filter chips, hits, facets"),
    ("search", "/  Escape", "back to the search bar"),
    ("hits", "↑ ↓  j k", "move; Enter or a click opens the article"),
    ("facets", "Enter", "add or drop the value as a filter (or click it)"),
    ("chips", "Enter", "drop that filter (or click it)"),
    ("article", "n  N", 'next / previous hit, shown as "hit 3/11"'),
    ("article", "/", "find in the article (same query syntax; party:spain marks why Spain is a party)"),
    ("article", "b", "show the page around the article (menus, teasers, footers) dimmed, or hide it"),
    ("article", "e", "where each outlet, date, party, person and place came from; Enter marks it"),
    ("article", "Escape", "back to the hits, selection kept"),
)

SYNTAX = (
    ("ceasefire talks", "both words (AND is the default)"),
    ("ceasefire OR truce", "either word"),
    ("ceasefire NOT gaza", "the first without the second"),
    ('"no-fly zone"', "the exact phrase"),
    ("negot*", "wildcard: negotiate, negotiators, …"),
    ("Zelenskiy~  Zelenskiy~2", "fuzzy: 1 (or 2) letters different"),
    ("title:peace  body:sanctions", "a word in one field only"),
    ("source:reuters  party:NATO", "by outlet, by party involved (its passages are marked)"),
    ("mention:spain", "a country or bloc only named, not involved"),
    ("person:lavrov  place:donbass", "by person, by place, under any of their names"),
    ("date:2025  date:2025-03", "a year, a month"),
    ("date:[2025-01-01 to 2025-06-30]", "a date range"),
    ("(ceasefire OR truce) party:Russia", "grouping with brackets"),
)


def table(title: str, rows: tuple[tuple[str, ...], ...], styles: tuple[str, ...]) -> Table:
    """Borderless columns: the help must fit an 80x24 terminal without much scrolling."""
    grid = Table(title=title, title_style="bold", title_justify="left", box=None, show_header=False, padding=(0, 1))
    for style in styles:
        grid.add_column(style=style)
    for row in rows:
        grid.add_row(*row)
    return grid


class HelpScreen(ModalScreen[None]):
    """A modal over the current view, so closing it returns exactly where the user was."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Group(
                table("Keys", KEYS, ("dim", "bold cyan", "")), "",
                table("Query syntax", SYNTAX, ("bold cyan", "")),
                "\nValues of one facet match any of them; different facets must all match.",
            ))
