# Set-up and everyday commands. `make site` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: constraints site serve test fuzz test-unit test-browser preprocess eval report bench zip search-bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change. constraints.txt pins every package, indirect ones included, so every
# machine installs the same versions; `make site` installs what the site needs, `make test` adds the test tools.
SITE_STAMP := $(VENV)/.installed-site
$(SITE_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip -c constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(SITE_STAMP)

$(STAMP): pyproject.toml constraints.txt $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Pin what a fresh install of arshif and its tests resolves to today (run after changing pyproject.toml).
constraints:
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	.venv-pin/bin/python -m pip install --quiet --upgrade pip && .venv-pin/bin/python -m pip install --quiet '.[test]'
	{ echo "# Every package arshif and its tests install, indirect ones included (make constraints regenerates it)."; \
	  .venv-pin/bin/python -m pip freeze --all --exclude-editable | grep -v '^arshif\|^setuptools==' | sort -f; } > constraints.txt
	rm -rf .venv-pin

# arshif's own bytecode, written ahead: an editable install leaves it to the first import, and with
# PYTHONDONTWRITEBYTECODE set (as on some machines) every run compiled the package again, 0.2 s a process.
# compileall skips what is up to date. (The bench writes it itself: tools/bench.py, _bytecode.)
BYTECODE := $(BIN)/python -m compileall -q src/arshif

site: $(SITE_STAMP)
	$(BYTECODE)
	$(BIN)/arshif build

preprocess: $(SITE_STAMP)
	$(BIN)/arshif preprocess

serve: site
	$(BIN)/arshif serve

# axe-core for the accessibility test (tests/browser/test_readers.py): pinned in tests/js/package.json, tests only.
AXE := tests/js/node_modules/axe-core/axe.min.js
$(AXE): tests/js/package.json
	npm install --prefix tests/js --no-audit --no-fund --no-package-lock --loglevel=error
	touch $(AXE)

test: $(STAMP) $(AXE)
	$(BYTECODE)
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
	$(BIN)/python scripts/bench.py --real --repeat 3 --articles 1000 --articles 10000

zip: site
	$(BIN)/arshif zip

# Search index size, bytes a query loads and query time in Chromium, on 10,000 real articles (../shared/corpus).
search-bench: $(STAMP)
	$(BIN)/python scripts/search_bench.py --articles 10000

clean:
	rm -rf site .site.arshif-base site.zip .pytest_cache
