"""parley's indexer: files in, a searchable index out.

The pipeline, one module per step: ``ingest`` (files -> Article records) -> ``enrich``
(source, date, parties) -> ``analysis`` (NLTK tokens and stems) -> ``engine`` (the Whoosh
index) -> ``reindex`` (incremental updates) -> ``search`` (the plain-data API that the CLI
and the TUI share). Nothing here imports Textual.
"""

__version__ = "0.1.0"
