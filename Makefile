# The README's two commands: `make demo` and `make test`. Both set everything up from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install assets demo test lint format clean train calibrate fit-stories serve quality

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The web page's libraries and country outlines come from the npm registry (pinned in
# web/package-lock.json) and are copied into the package; none of them is committed.
VENDOR := src/wirewatch/web/static/vendor
$(VENDOR)/.installed: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp web/node_modules/leaflet/dist/leaflet.js web/node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp web/node_modules/leaflet/LICENSE $(VENDOR)/LICENSE-leaflet
	cp web/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js $(VENDOR)/
	cp web/node_modules/leaflet.markercluster/dist/MarkerCluster.css $(VENDOR)/
	cp web/node_modules/leaflet.markercluster/MIT-LICENCE.txt $(VENDOR)/LICENSE-leaflet.markercluster
	cp web/node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp web/node_modules/world-atlas/LICENSE $(VENDOR)/LICENSE-world-atlas
	cp web/node_modules/swagger-ui-dist/swagger-ui-bundle.js web/node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	cp web/node_modules/swagger-ui-dist/LICENSE $(VENDOR)/LICENSE-swagger-ui
	touch $@

assets: $(VENDOR)/.installed

# The suite also tests the Ray engine, an optional extra that `make demo` does not need.
TEST_STAMP := $(VENV)/.installed-test
$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,ray]"
	touch $@

install: $(STAMP) assets

demo: install
	$(BIN)/wirewatch demo

test: install $(TEST_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

# The API and the page on the demo database (after `make demo`): http://127.0.0.1:8765/
serve: install
	$(BIN)/wirewatch serve

# The quality table: every stage on every development and held-out set (needs ../shared
# beside the repository; benchmarks/quality.py says what each figure means). Also written
# as JSON to test-artifacts/quality.json.
quality: install
	$(BIN)/pip install --quiet -e ".[dev,train]"
	mkdir -p test-artifacts
	$(BIN)/python benchmarks/quality.py --json test-artifacts/quality.json

# Retrain the event-typing model and the recipient scorer, and mine the trigger words'
# alternative types, from ../shared/peer (see training/train_types.py,
# training/train_recipients.py, training/mine_triggers.py).
train: install
	$(BIN)/pip install --quiet -e ".[dev,train]"
	$(BIN)/python training/train_types.py
	$(BIN)/python training/train_recipients.py
	$(BIN)/python training/mine_triggers.py

# Refit what `confidence` means on the real-news dev split (tests/data/realnews).
calibrate: install
	$(BIN)/pip install --quiet -e ".[dev,train]"
	$(BIN)/python training/calibrate_confidence.py

# Refit the story score on the ECB+ development topics (see training/fit_stories.py):
# ingest them with one date (the shared scorer), then fit and write data/stories/model.json.
fit-stories: install
	$(BIN)/pip install --quiet -e ".[dev,train]"
	mkdir -p test-artifacts/ecb
	$(PYTHON) ../shared/eval/score_stories.py $(abspath $(BIN))/wirewatch ../shared/peer/ecbplus \
		--dates fixed --examples 0 --work $(abspath test-artifacts/ecb)
	$(BIN)/python training/fit_stories.py --db test-artifacts/ecb/ecb_fixed.db

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

format: install
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache web/node_modules $(VENDOR)
