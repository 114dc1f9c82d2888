# Quick start: `make site` builds the default edition into site/, `make test` runs every test.
# Both set up what they need: a .venv with the project installed (and Chromium for the tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve check lint bench fuzz clean browser

site: $(STAMP)
	$(BIN)/playbook check
	$(BIN)/playbook build

check: $(STAMP)
	$(BIN)/playbook check

serve: $(STAMP)
	$(BIN)/playbook serve

test: $(STAMP) browser
	$(BIN)/python -m pytest
	$(BIN)/ruff check macros hooks tests bench
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check macros hooks tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/build_speed.py

# Long fuzzing run of the loader and the checks (tests/test_fuzz.py); PLAYBOOK_FUZZ_SEED=N varies it.
fuzz: $(STAMP)
	PLAYBOOK_FUZZ=20000 $(BIN)/python -m pytest -q tests/test_fuzz.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The browser tests drive Debian's Chromium (Playwright cannot download its own browser here)
# and inject axe-core, installed from npm at the version tests/browser/package-lock.json pins.
browser: tests/browser/node_modules/.package-lock.json
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

tests/browser/node_modules/.package-lock.json: tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing npm (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; }
	cd tests/browser && npm ci --no-audit --no-fund

clean:
	rm -rf site $(VENV) tests/browser/node_modules
