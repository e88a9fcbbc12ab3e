"""Command palette (ctrl+p) entries for the search view, gathered in one provider."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (name, help, action run on the search screen; "app." actions run on the app)
COMMANDS = (
    ("Sort by relevance", "Best matches first", "sort('relevance')"),
    ("Sort by newest", "Most recent articles first", "sort('-date')"),
    ("Sort by oldest", "Earliest articles first", "sort('date')"),
    ("Clear filters", "Drop every facet filter", "clear_filters"),
    ("Reindex", "Rescan the indexed folders for new, changed and removed files", "reindex"),
    ("Toggle theme", "Switch between the dark and the light theme", "app.toggle_theme"),
    ("Toggle facet panel", "Show or hide the outlet / parties / date panel", "toggle_facets"),
)


class ParleyCommands(Provider):
    """Each entry runs an action by name, so this module needs no screen import."""

    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            if score := matcher.match(name):
                yield Hit(score, matcher.highlight(name), partial(self.screen.run_action, action), help=help_text)
