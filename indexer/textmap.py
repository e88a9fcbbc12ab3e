"""Offsets between an article's body and the whole text it was cut from.

The index stores the body once, and beside it what was cut out (``cuts``: each piece of the
whole text that the body lacks, with where it started), so the whole text and any offset
in it are rebuilt without storing the text twice.
"""

from __future__ import annotations

from indexer.evidence import Spans

Cuts = tuple[tuple[int, str], ...]


def without(text: str, removed: Spans) -> str:
    """``text`` less the sorted, disjoint spans ``removed``."""
    if not removed:
        return text
    parts, position = [], 0
    for start, end in removed:
        parts.append(text[position:start])
        position = end
    parts.append(text[position:])
    return "".join(parts)


def whole_text(body: str, cuts: Cuts) -> str:
    """The text as read, from the body and what was cut out of it."""
    if not cuts:
        return body
    parts, taken, position = [], 0, 0  # body characters used; position in the whole text
    for start, piece in cuts:
        count = start - position
        parts.append(body[taken : taken + count])
        parts.append(piece)
        taken += count
        position = start + len(piece)
    parts.append(body[taken:])
    return "".join(parts)


def to_whole(offset: int, cuts: Cuts, end: bool = False) -> int:
    """A body offset as an offset into the whole text. A span's ``end`` at a cut stays
    before it; a ``start`` there moves past it, to the body text that follows."""
    shift = 0
    for start, piece in cuts:
        in_body = start - shift
        if in_body < offset or (in_body == offset and not end):
            shift += len(piece)
        else:
            break
    return offset + shift


def to_body(start: int, end: int, cuts: Cuts) -> tuple[int, int] | None:
    """A span of the whole text as body offsets, or None when it touches what was cut."""
    shift = 0
    for cut_start, piece in cuts:
        cut_end = cut_start + len(piece)
        if cut_end <= start:
            shift += len(piece)
        elif cut_start < end:
            return None
        else:
            break
    return start - shift, end - shift
