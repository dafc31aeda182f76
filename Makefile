# Set-up and everyday commands. `make site` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve test fuzz test-unit test-browser preprocess eval report bench zip search-bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pinned dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/arshif build

preprocess: $(STAMP)
	$(BIN)/arshif preprocess

serve: site
	$(BIN)/arshif serve

# axe-core for the accessibility test (tests/browser/test_readers.py): pinned in tests/js/package.json, tests only.
AXE := tests/js/node_modules/axe-core/axe.min.js
$(AXE): tests/js/package.json
	npm install --prefix tests/js --no-audit --no-fund --no-package-lock --loglevel=error
	touch $(AXE)

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest -q

# Random exploration: fresh hypothesis seeds and ten times the examples; failures are kept in .hypothesis/.
fuzz: $(STAMP)
	ARSHIF_HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/robustness/test_properties.py tests/robustness/test_read.py tests/unit/test_permalinks.py -k 'not browser'

test-unit: $(STAMP)
	$(BIN)/python -m pytest -q -m 'not browser'

test-browser: $(STAMP) $(AXE)
	$(BIN)/python -m pytest -q -m browser

eval: $(STAMP)
	$(BIN)/arshif eval ../shared/truth/seeds.yaml

report: $(STAMP)
	$(BIN)/arshif report

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --real --articles 1000 --articles 10000

zip: site
	$(BIN)/arshif zip

# Search index size, bytes a query loads and query time in Chromium, on 10,000 real articles (../shared/corpus).
search-bench: $(STAMP)
	$(BIN)/python scripts/search_bench.py --articles 10000

clean:
	rm -rf site site.zip .pytest_cache
