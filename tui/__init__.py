"""parley's Textual terminal UI. It talks to the index only through ``indexer.search``."""
