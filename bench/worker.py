"""Child-process entry point: one index build or one reindex, reported as a JSON line.

    python -m bench.worker build ENGINE INDEX_DIR MAX_BYTES PATH...
    python -m bench.worker reindex INDEX_DIR MAX_BYTES

Keeping each build in its own process is what makes its peak RSS and CPU time its own.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def reindex(index_dir: Path, max_bytes: int) -> dict:
    """What `parley reindex` does: rescan the remembered roots, touching only changes."""
    from indexer.ingest import IngestOptions
    from indexer.reindex import update_index

    started = time.perf_counter()
    summary = update_index(index_dir, options=IngestOptions(max_bytes=max_bytes))
    return {"seconds": round(time.perf_counter() - started, 3), "summary": summary.line(),
            "files_read": summary.files_read}


def main(argv: list[str]) -> dict:
    if argv[0] == "build":
        from bench.engines import ENGINES

        engine, index_dir, max_bytes, *paths = argv[1:]
        return ENGINES[engine].build(Path(index_dir), [Path(p) for p in paths], int(max_bytes))
    if argv[0] == "reindex":
        return reindex(Path(argv[1]), int(argv[2]))
    raise SystemExit(f"unknown worker command {argv[0]!r}")


if __name__ == "__main__":
    from bench.measure import own_peak_mb

    print(json.dumps({**main(sys.argv[1:]), "vm_hwm_mb": round(own_peak_mb(), 1)}))
