"""Garbage collection kept out of the way of searches.

A full collection walks every object the process holds (the open index's caches, the lines
the screen has rendered: tens of thousands of objects, 50-100 ms on a busy 2-core machine),
and CPython starts one when allocations pile up, which is in the middle of a search or a
redraw. So the search view runs one itself once results have been on screen a while, and
freezes what survives: the collections CPython still starts on its own then walk only what
was made since.
"""

from __future__ import annotations

import gc

QUIET = 1.0  # seconds after the last results were shown


def collect_and_freeze() -> None:
    """Collect everything, the survivors frozen last time included (so no cycle leaks for
    good), then freeze what is left."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
