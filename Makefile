# The two commands: `make run` (serve the starter knowledge base) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve backup restore setup venv venv-dev lock test services test-sqlite test-postgres lint search-engine search-engine-stop superuser clean

# Installs come from the locks, every package pinned with its hashes: requirements.txt (what the site runs on) and
# requirements-dev.txt (that plus the test and development tools). `make lock` recompiles both from the .in files.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BIN)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	@touch $@

$(BIN)/.installed-dev: requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@

venv: $(BIN)/.installed-run

venv-dev: $(BIN)/.installed-dev

lock: venv-dev
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-find-links --no-emit-index-url \
	  --no-emit-trusted-host --output-file=requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-find-links --no-emit-index-url \
	  --no-emit-trusted-host --output-file=requirements-dev.txt requirements-dev.in

## make run: install, migrate, load the starter content, index it and serve on http://127.0.0.1:8000
run: setup serve

setup: venv
	$(MANAGE) compile_catalogues --verbosity 0
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) load_starter_content
	$(MANAGE) load_translations
	$(MANAGE) rebuild_search_index
	$(MANAGE) update_index --verbosity 0
	@$(MANAGE) shell --no-imports -c "from django.contrib.auth import get_user_model as U; import sys; sys.exit(0 if U().objects.filter(is_superuser=True).exists() else 1)" \
	  || echo "No admin account yet: create one with 'make superuser' (or .venv/bin/python manage.py createsuperuser), then sign in at http://$(HOST):$(PORT)/admin/"

# Beside the web server, and stopped with it: the task worker (search index updates; polling every 2 s without
# the code reloader, which cost a fifth of a core while idle) and the scheduler (scheduled publishing, every minute).
serve: venv
	@$(MANAGE) db_worker --interval 2 --no-reload & worker=$$!; \
	  $(MANAGE) run_scheduler & scheduler=$$!; \
	  trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

## make backup: the database and the media to var/backups/<timestamp>/ (prints that path)
backup: venv
	@$(MANAGE) backup_site

## make restore BACKUP=var/backups/<timestamp>: put a backup back (asks first), migrate and rebuild the search index
restore: venv
	@$(if $(BACKUP),$(MANAGE) restore_site "$(BACKUP)",echo "Name the backup: make restore BACKUP=var/backups/<timestamp> (make backup prints it)" >&2; exit 2)

superuser: venv
	$(MANAGE) createsuperuser

## make test: provision the services, then the whole suite on SQLite and on a real PostgreSQL server, side by side
# The two runs share nothing (own database, own Elasticsearch ports), so they use both cores; the PostgreSQL run's
# output is kept in var/test-postgres.log and printed after the SQLite run's.
test: venv-dev services
	@mkdir -p var; \
	  KB_TEST_ES_PORT_TOP=9270 $(MAKE) --no-print-directory test-postgres >var/test-postgres.log 2>&1 & postgres_pid=$$!; \
	  $(MAKE) --no-print-directory test-sqlite; sqlite=$$?; \
	  wait $$postgres_pid; postgres=$$?; \
	  echo; echo "======== PostgreSQL run (var/test-postgres.log) ========"; cat var/test-postgres.log; echo; \
	  echo "SQLite run: $$([ $$sqlite = 0 ] && echo passed || echo FAILED). PostgreSQL run: $$([ $$postgres = 0 ] && echo passed || echo FAILED)."; \
	  [ $$sqlite = 0 ] && [ $$postgres = 0 ]

# What the suite needs from this machine, installed once and one at a time (apt-get holds a lock): PostgreSQL,
# the Elasticsearch jars, Chromium. A service that cannot be had is reported by the tests that need it.
services:
	@bash deploy/postgres/test-server.sh >/dev/null || echo "WARNING: no PostgreSQL server could be had" >&2
	@bash deploy/elasticsearch/es.sh install || echo "WARNING: the Elasticsearch jars could not be resolved" >&2
	@bash deploy/browser/chromium.sh >/dev/null || echo "WARNING: no Chromium could be had" >&2

test-sqlite: venv-dev
	env -u DATABASE_URL $(BIN)/pytest --create-db $(PYTEST_ARGS)

# The browser tests serve their own SQLite site whatever the database: they run once, in the SQLite run.
test-postgres: venv-dev
	@url=$$(bash deploy/postgres/test-server.sh) || { \
	  if [ "$${KB_REQUIRE_SERVICES:-0}" = 1 ]; then echo "FAILED: PostgreSQL is required (KB_REQUIRE_SERVICES=1) but none could be had" >&2; exit 1; fi; \
	  echo "WARNING: no PostgreSQL server could be had: the PostgreSQL run is NOT done (set KB_REQUIRE_SERVICES=1 to make this fail)" >&2; exit 0; }; \
	  echo "Running the suite on PostgreSQL (browser tests: in the SQLite run)"; \
	  DATABASE_URL=$$url $(BIN)/pytest --create-db -m "not browser" $(PYTEST_ARGS)

lint: venv-dev
	$(BIN)/ruff check kb projects tests benchmarks

## make search-engine: a local Elasticsearch 7.10 node on http://127.0.0.1:9200 (data in var/elasticsearch)
search-engine:
	bash deploy/elasticsearch/es.sh start --port 9200 --data var/elasticsearch

search-engine-stop:
	bash deploy/elasticsearch/es.sh stop --data var/elasticsearch

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
