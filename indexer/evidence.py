"""Evidence: the stretch of text a metadata value was read from.

Every inferred outlet, date, party, person and place keeps the spans that gave it, so a reader
can see why an article is tagged as it is (``parley show --format json``'s ``evidence``, the
TUI's document header) and an entity filter can highlight the passages behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Where = Literal["body", "title", "url", "full_text"]


@dataclass(frozen=True, order=True)
class Evidence:
    """Character offsets (end exclusive) into one of an article's texts.

    ``where``: "body" (the article's own text: what search and highlights see), "title",
    "url", or "full_text" (the whole text as read, for evidence in the page around the
    article: a masthead or a copyright line is boilerplate, yet tells the outlet).
    """

    where: Where
    start: int
    end: int

    def as_json(self) -> dict[str, object]:
        return {"in": self.where, "start": self.start, "end": self.end}


Spans = tuple[tuple[int, int], ...]
