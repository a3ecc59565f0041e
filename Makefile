# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench vocabulary data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,parquet,dask,web,report]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p demo-output
	$(BIN)/milia scan data/sample/openbeautyfacts_sample.csv -o demo-output/openbeautyfacts_scored.csv --details demo-output/openbeautyfacts_details.jsonl --product-type-column categories
	@echo
	$(BIN)/milia check --file data/sample/mixa-lait-de-toilette.txt

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check .
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	for b in benchmarks/*_bench.py benchmarks/match_eval.py benchmarks/score_distribution.py; do $(BIN)/python $$b || exit 1; done

# Rebuild data/vocabulary.txt from the CosIng snapshots in ../shared/data.
vocabulary: $(STAMP)
	$(BIN)/python scripts/build_vocabulary.py

# After editing data/*.yaml: refresh the compiled copy the loader reads fast.
data: $(STAMP)
	$(BIN)/python scripts/compile_data.py

clean:
	rm -rf $(VENV) build dist *.egg-info src/*.egg-info
