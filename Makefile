# Two commands on a fresh machine: `make run` and `make test` (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
INDEX  ?= index

.PHONY: setup run test bench eval-metadata clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

# Builds the index from seeds/ when there is none yet, then opens the app.
run: setup
	@ls $(INDEX)/_MAIN_*.toc >/dev/null 2>&1 || $(BIN)/parley index --index $(INDEX) seeds
	$(BIN)/parley tui --index $(INDEX)

test: setup
	$(BIN)/python -m pytest -n 2 -q

bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

# Main-text F1 and precision/recall of outlet, date, parties and people on the held-out half of
# tests/data/webcrawl_eval.jsonl (EVAL_ARGS="--split tune" for the half the rules were tuned on).
eval-metadata: setup
	$(BIN)/python -m bench.eval_metadata $(EVAL_ARGS)

clean:
	rm -rf $(VENV) $(INDEX)/_MAIN_* $(INDEX)/MAIN_* $(INDEX)/parley.json
