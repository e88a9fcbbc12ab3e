"""Matching articles over time, so a reader sees when a topic peaked."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline

from indexer.search import UNKNOWN, Facets, FacetValue


def series(values: tuple[FacetValue, ...], month: bool) -> list[tuple[str, int]]:
    """Counts per period from the first to the last dated one, with empty periods as zeros."""
    counts = {v.value: v.count for v in values if v.value != UNKNOWN}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    if not month:
        return [(str(y), counts.get(str(y), 0)) for y in range(int(first), int(last) + 1)]
    periods, (year, mon) = [], map(int, first.split("-"))
    while (key := f"{year:04d}-{mon:02d}") <= last:
        periods.append((key, counts.get(key, 0)))
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return periods


def describe(points: list[tuple[str, int]], undated: int) -> str:
    if not points:
        return "Timeline: no dated articles among these hits" if undated else "Timeline: no hits"
    peak = max(points, key=lambda p: p[1])
    if len(points) == 1:
        text = f"Timeline: all {peak[1]} dated hits in {peak[0]}"
    else:
        text = f"Timeline {points[0][0]} → {points[-1][0]}: peak {peak[0]} ({peak[1]})"
    return text + (f", {undated} undated" if undated else "")


class Timeline(Vertical):
    """Months when the hits span a few years at most, else years."""

    def compose(self) -> ComposeResult:
        yield Label(id="timeline-caption")
        yield Sparkline([], id="timeline-spark")

    def show(self, facets: Facets) -> None:
        months = series(facets.month, month=True)
        points = months if len(months) <= 120 else series(facets.year, month=False)
        undated = sum(v.count for v in facets.year if v.value == UNKNOWN)
        self.query_one(Label).update(describe(points, undated), layout=False)  # one line, 1fr wide
        spark = self.query_one(Sparkline)
        spark.data = [count for _, count in points]
        spark.display = bool(points)
