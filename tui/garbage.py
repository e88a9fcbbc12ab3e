"""Garbage collection kept out of the way of typing.

CPython collects whenever allocations pile up, which is in the middle of a search or a
redraw: a search and its redraw leave about 3,000 new objects, so its young-generation
collections ran several times per keystroke (7 ms a keystroke in all on Reuters), and a
full collection walks every object the process holds (the open index's caches, the lines
the screen has rendered: 50-100 ms on a busy 2-core machine).

So the app holds CPython's own collections while it runs and collects when the user is
not waiting: once results have been on screen a while, freezing what survives so the next
collection walks only what was made since. A backstop collects anyway once objects pile up
(a few hundred searches without a pause), so memory stays bounded. The hold ends with the
app, handing collection back to CPython (tests run many apps in one process).
"""

from __future__ import annotations

import gc

QUIET = 1.0  # seconds after the last results were shown
PILE = 500_000  # objects made since the last collection that force one even while busy


def hold() -> None:
    """Stop CPython's own collections (the app's collections below take their place)."""
    gc.disable()


def release() -> None:
    """Hand collection back to CPython, frozen objects included (they are garbage soon)."""
    gc.unfreeze()
    gc.enable()


def collect_and_freeze() -> None:
    """Collect everything, the survivors frozen last time included (so no cycle leaks for
    good), then freeze what is left."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def collect_if_piled(limit: int = PILE) -> bool:
    """The backstop: collect when more than ``limit`` objects were made since the last
    collection. True when it collected."""
    if gc.get_count()[0] <= limit:
        return False
    collect_and_freeze()
    return True
