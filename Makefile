# SafeBorders JIT Toolkit. `make run` and `make test` are the two commands of README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: help install run test lint unit pytest pytest-postgres i18n-extract i18n-update i18n-compile check-strings clean bench-redact

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	# argos-translate without torch: its stanza pin would pull a multi-GB CUDA torch
	# (docs/decisions/0002-argos-without-torch.md); the stub lives in jit/translation/argos.py.
	$(BIN)/pip install --quiet --no-deps 'argostranslate==1.11.0'
	touch $(STAMP)

install: $(STAMP) i18n-compile ## Create the virtualenv and install everything

i18n-compile: $(STAMP) ## Compile the UI catalogs (.po -> .mo)
	$(BIN)/pybabel -q compile -d translations

i18n-extract: $(STAMP) ## Re-extract translations/messages.pot
	$(BIN)/jit i18n extract

i18n-update: $(STAMP) ## Merge new strings into every catalog
	$(BIN)/jit i18n update

run: install ## Set up the database and demo, then serve on http://127.0.0.1:5000
	$(BIN)/jit db init
	$(BIN)/jit demo load
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C to stop)"
	$(BIN)/jit run --host $(HOST) --port $(PORT)

lint: install ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

pytest: install ## The whole suite on SQLite
	$(BIN)/pytest -q -ra --timeout=600

pytest-postgres: install ## The database-backed tests on PostgreSQL (needs JIT_TEST_POSTGRES_URL)
	JIT_TEST_BACKEND=postgresql $(BIN)/pytest -q -ra --timeout=600 tests/web tests/db

test: lint pytest ## Install, lint and run the suite (and on PostgreSQL when configured)
	@if [ -n "$$JIT_TEST_POSTGRES_URL" ]; then $(MAKE) --no-print-directory pytest-postgres; \
	else echo "JIT_TEST_POSTGRES_URL not set: PostgreSQL pass not run (CI always runs it)"; fi

bench-redact: install ## Redaction benchmark side by side with Presidio (own venv, no torch)
	test -x .venv-presidio/bin/python || $(PYTHON) -m venv .venv-presidio
	.venv-presidio/bin/pip install --quiet presidio-analyzer spacy python-stdnum phonenumbers
	$(BIN)/python benchmarks/redact.py --repeat 5 --presidio-python .venv-presidio/bin/python

clean: ## Remove the virtualenv and caches (keeps instance/)
	rm -rf $(VENV) .venv-presidio .pytest_cache .mypy_cache .ruff_cache
