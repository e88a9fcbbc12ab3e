"""The Whoosh engine: the only module that knows Whoosh.

``open_reader`` gives the search side (``WhooshIndex`` implements ``search.SearchIndex``);
``open_writer`` gives the write side that ``indexer.reindex`` drives. Replacing Whoosh
means replacing this package and keeping these two functions' contracts.

Each side is imported when first asked for, so a search never loads the write side.
"""

from __future__ import annotations

from importlib import import_module

_SIDES = {
    "WhooshIndex": "reader", "open_reader": "reader",
    "IndexedFile": "writer", "WhooshWriter": "writer", "open_writer": "writer",
}
__all__ = ["IndexedFile", "WhooshIndex", "WhooshWriter", "open_reader", "open_writer"]


def __getattr__(name: str) -> object:
    """A side's name, importing that side on first use."""
    if name not in _SIDES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"indexer.engine.{_SIDES[name]}"), name)
