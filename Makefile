# Newsroom: `make run` tries it, `make test` checks it. See README.md.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The local demo runs with DEBUG on (static files, a development key); production sets its own.
export DEBUG ?= 1

# Python 3.13 from pyenv (selected by .python-version) or the system's python3.13.
PYTHON := $(shell for candidate in python3.13 $$HOME/.pyenv/versions/3.13*/bin/python3.13 /usr/bin/python3.13 /usr/local/bin/python3.13; do \
	if "$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null; then echo "$$candidate"; break; fi; done)

.PHONY: run test audit lint format bench bench-publishing bench-related bench-site bench-search bench-editor clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.13 was not found. Install it (pyenv install 3.13, or apt-get install python3.13) and try again." >&2; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

# Without DATABASE_URL, the embedded PostgreSQL (newsroom/embedded_postgres.py) is started
# first, so the web server, worker and beat all find it up; the trap stops it when they have
# stopped, unless it was already running before (another `make run`, a test run).
EMBEDDED_POSTGRES := $(BIN)/python -m newsroom.embedded_postgres

run: $(VENV)/.runtime-installed
	@set -e; \
	database=$$($(EMBEDDED_POSTGRES) start); \
	if [ "$$database" = started ]; then stop_database="$(EMBEDDED_POSTGRES) stop"; fi; \
	trap 'set +e; kill $$(jobs -p) 2>/dev/null; wait; $$stop_database' EXIT; \
	$(MANAGE) migrate --noinput; \
	$(MANAGE) load_demo; \
	echo; \
	echo "  Newsroom is starting (web + Celery worker + beat). Ctrl-C stops all three."; \
	echo "  Site:   http://$(HOST):$(PORT)/"; \
	echo "  Admin:  http://$(HOST):$(PORT)/admin/   login: admin   password: newsroom"; \
	echo; \
	$(BIN)/celery -A newsroom worker --loglevel=WARNING --concurrency=2 & \
	$(BIN)/celery -A newsroom beat --loglevel=WARNING --schedule=data/celerybeat-schedule & \
	$(MANAGE) runserver $(HOST):$(PORT)

# Lighthouse, axe-core and the Nu HTML Checker for the audits (tests/test_audit.py).
# Without npm the audits are skipped locally (and fail in CI, which has it).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the Lighthouse/axe/Nu audits will be skipped"; fi

test: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python -m pytest

audit: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/python -m pytest tests/test_audit.py -s

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks need PostgreSQL, Redis and wrk; each script prints percentiles and ratios and
# uses a database of its own (created here when missing). See bench/README.md.
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432
BENCH_BROKER_URL ?= redis://127.0.0.1:6379/9
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/3
BENCH_RELATED_SIZES ?= 10000 100000
define bench_database
	@psql "$(BENCH_POSTGRES)/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$(1)'" | grep -q 1 \
		|| psql "$(BENCH_POSTGRES)/postgres" -qc "CREATE DATABASE $(1)"
endef

bench: bench-publishing bench-related bench-site bench-search bench-editor

bench-publishing: $(VENV)/.dev-installed
	$(call bench_database,newsroom_bench_publishing)
	DEBUG=0 DATABASE_URL=$(BENCH_POSTGRES)/newsroom_bench_publishing \
		CELERY_BROKER_URL=$(BENCH_BROKER_URL) $(BIN)/python bench/bench_publishing.py

bench-related: $(VENV)/.dev-installed
	DEBUG=0 DATABASE_URL=$(BENCH_POSTGRES)/newsroom_bench_related \
		$(BIN)/python bench/bench_related.py --fresh --sizes $(BENCH_RELATED_SIZES)

bench-site: $(VENV)/.dev-installed
	$(call bench_database,newsroom_bench_site)
	DEBUG=0 DATABASE_URL=$(BENCH_POSTGRES)/newsroom_bench_site CACHE_URL=$(BENCH_CACHE_URL) \
		$(BIN)/python bench/bench_site.py

BENCH_SEARCH_SIZES ?= 10000 100000
bench-search: $(VENV)/.dev-installed
	$(call bench_database,newsroom_bench_search)
	DEBUG=0 DATABASE_URL=$(BENCH_POSTGRES)/newsroom_bench_search \
		BENCH_SEARCH_SIZES="$(BENCH_SEARCH_SIZES)" $(BIN)/python bench/bench_search.py

# Chromium on the page editor of a 6- and a 40-exchange interview (gunicorn, DEBUG off).
bench-editor: $(VENV)/.dev-installed
	$(call bench_database,newsroom_bench_editor)
	DEBUG=0 DATABASE_URL=$(BENCH_POSTGRES)/newsroom_bench_editor \
		CELERY_BROKER_URL=$(BENCH_BROKER_URL) $(BIN)/python bench/bench_editor.py

clean:
	@if [ -x $(BIN)/python ]; then $(EMBEDDED_POSTGRES) stop; fi
	rm -rf $(VENV) data static node_modules
