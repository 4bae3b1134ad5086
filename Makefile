# The README's two commands: `make demo` and `make test`. Both set everything up from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint format clean train calibrate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/wirewatch demo

test: install
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

# Retrain the event-typing model from ../shared/peer (see training/train_types.py).
train: install
	$(BIN)/pip install --quiet -e ".[dev,train]"
	$(BIN)/python training/train_types.py

# Refit what `confidence` means on the pinned gold articles.
calibrate: install
	$(BIN)/pip install --quiet -e ".[dev,train]"
	$(BIN)/python training/calibrate_confidence.py

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
