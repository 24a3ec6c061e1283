# The two commands in the README: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve build test bench audit review-conversion clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# npm ci installs Pagefind (package.json), which writes the search index after every build.
serve: $(VENV)/.site-deps node_modules/.package-lock.json
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty

build: $(VENV)/.site-deps node_modules/.package-lock.json
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

test: $(VENV)/.dev-deps node_modules/.package-lock.json
	$(BIN)/ruff check .
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

bench: $(VENV)/.dev-deps node_modules/.package-lock.json
	$(BIN)/python bench/run.py

# Every word the Traditional pages print differently from MediaWiki's tables (zhconv-rs) that
# data/conversion-review.yml does not decide; exit status 1 while one is left.
review-conversion: $(VENV)/.dev-deps
	$(BIN)/python hooks/review_conversion.py

# Lighthouse lives in audit/ (its own package.json): `make test` and CI do not install it.
audit/node_modules/.package-lock.json: audit/package.json audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund

audit: $(VENV)/.dev-deps node_modules/.package-lock.json audit/node_modules/.package-lock.json
	$(BIN)/python audit/run.py

clean:
	rm -rf site .cache
