# Two commands for a fresh clone (see README.md):
#   make demo   set up .venv if needed and code the bundled demo corpus
#   make test   set up .venv if needed and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.mizan-installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/mizan extract src/mizan/data/demo/reports.jsonl --db mizan-demo.duckdb

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) mizan-demo.duckdb .pytest_cache .mypy_cache .ruff_cache
