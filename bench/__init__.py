"""Performance harness for parley (issue 5): `make bench` or `python -m bench --help`.

It times parley against two peers on the same documents and queries -- stock Whoosh with
its StemmingAnalyzer (the floor parley's own analysis and extra fields must beat) and
SQLite FTS5 with the porter tokenizer -- and checks the results against the targets in
``bench.targets``. Corpora are read where they lie; anything written goes to temp dirs,
except the results JSON under ``bench/results/``.
"""
