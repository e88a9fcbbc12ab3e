"""Keys and query syntax, one keypress away (F1 or ?)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# parley: keys

| Where | Key | Does |
|---|---|---|
| anywhere | `F1` / `?` | this help (Escape closes it) |
| anywhere | `ctrl+p` | command palette: sort, clear filters, reindex, theme, facet panel |
| anywhere | `ctrl+q` | quit |
| search | typing | searches as you type; `Enter` runs at once and moves to the hits |
| search | `up` / `down` | earlier queries (kept beside the index across runs) |
| search | `ctrl+s` | sort: relevance → newest → oldest |
| search | `ctrl+f` | show or hide the facet panel |
| search | `ctrl+l` | clear all filters |
| search | `ctrl+y` | accept "did you mean" when a query finds nothing |
| search | `ctrl+r` | reindex the indexed folders (searching keeps working) |
| search | `tab` / `shift+tab` | move between search bar, hits, facets and filter chips |
| search | `/` or `Escape` | back to the search bar |
| hits | `up` `down` / `j` `k`, `Enter` | move, open the article |
| facets | `Enter` / click | add or drop that value as a filter (chips: Enter or click removes) |
| article | `n` / `N` | next / previous hit, shown as "hit 3/11" |
| article | `/` | find in the article (same query syntax) |
| article | `Escape` | back to the hits, selection kept |

Several values of one facet match any of them; different facets must all match.

# Query syntax

| Query | Finds |
|---|---|
| `ceasefire talks` | both words (AND is the default) |
| `ceasefire OR truce` | either word |
| `ceasefire NOT gaza` | the first without the second |
| `"no-fly zone"` | the exact phrase |
| `negot*` | wildcard: negotiate, negotiators, … |
| `Zelenskiy~` / `Zelenskiy~2` | fuzzy: up to 1 (or 2) letters different |
| `title:peace` `body:sanctions` | a word in one field only |
| `source:reuters` `party:NATO` | by outlet or by party named |
| `date:2025` `date:2025-03` | a year, a month |
| `date:[2025-01-01 to 2025-06-30]` | a date range |
| `(ceasefire OR truce) AND party:Russia` | grouping with brackets |
"""


class HelpScreen(ModalScreen[None]):
    """A modal over the current view, so closing it returns exactly where the user was."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
