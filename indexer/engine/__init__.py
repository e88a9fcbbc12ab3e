"""The Whoosh engine: the only module that knows Whoosh.

``open_reader`` gives the search side (``WhooshIndex`` implements ``search.SearchIndex``);
``open_writer`` gives the write side that ``indexer.reindex`` drives. Replacing Whoosh
means replacing this package and keeping these two functions' contracts.
"""

from __future__ import annotations

from indexer.engine.reader import WhooshIndex, open_reader
from indexer.engine.writer import IndexedFile, WhooshWriter, open_writer

__all__ = ["IndexedFile", "WhooshIndex", "WhooshWriter", "open_reader", "open_writer"]
