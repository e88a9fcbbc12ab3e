"""Where tests find the repo's seeds and the shared corpora (never copied into the repo)."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
CORPORA = REPO.parent / "shared" / "corpora"
