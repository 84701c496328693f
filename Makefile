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

.PHONY: run test lint format bench clean

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

run: $(VENV)/.runtime-installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo
	@echo "  Newsroom is starting (web + Celery worker + beat). Ctrl-C stops all three."
	@echo "  Site:   http://$(HOST):$(PORT)/"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/   login: admin   password: newsroom"
	@echo
	@trap 'kill 0' EXIT; \
	$(BIN)/celery -A newsroom worker --loglevel=INFO --concurrency=2 & \
	$(BIN)/celery -A newsroom beat --loglevel=INFO --schedule=data/celerybeat-schedule & \
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks need PostgreSQL and Redis; each script prints percentiles and ratios.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_bench
BENCH_BROKER_URL ?= redis://127.0.0.1:6379/9
BENCH_ENV := DEBUG=0 DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL)

bench: $(VENV)/.dev-installed
	@psql "$(dir $(BENCH_DATABASE_URL))postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	$(BENCH_ENV) $(BIN)/python bench/bench_publishing.py

clean:
	rm -rf $(VENV) data static
