# The two commands: `make run` (serve the starter knowledge base) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run serve setup venv test test-sqlite test-postgres lint search-engine search-engine-stop superuser clean

$(BIN)/.installed: requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

venv: $(BIN)/.installed

## make run: install, migrate, load the starter content, index it and serve on http://127.0.0.1:8000
run: setup serve

setup: venv
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) load_starter_content
	$(MANAGE) rebuild_search_index
	$(MANAGE) update_index
	@$(MANAGE) shell -c "from django.contrib.auth import get_user_model as U; import sys; sys.exit(0 if U().objects.filter(is_superuser=True).exists() else 1)" \
	  || echo "No admin account yet: create one with 'make superuser' (or .venv/bin/python manage.py createsuperuser), then sign in at http://$(HOST):$(PORT)/admin/"

# The task worker (search index updates) runs beside the web server and stops with it.
serve: venv
	@$(MANAGE) db_worker --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

superuser: venv
	$(MANAGE) createsuperuser

## make test: the whole suite on SQLite, then on a real PostgreSQL server
test: venv
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite: venv
	env -u DATABASE_URL $(BIN)/pytest --create-db $(PYTEST_ARGS)

test-postgres: venv
	@url=$$(bash deploy/postgres/test-server.sh) || { \
	  if [ "$${KB_REQUIRE_SERVICES:-0}" = 1 ]; then echo "FAILED: PostgreSQL is required (KB_REQUIRE_SERVICES=1) but none could be had" >&2; exit 1; fi; \
	  echo "WARNING: no PostgreSQL server could be had: the PostgreSQL run is NOT done (set KB_REQUIRE_SERVICES=1 to make this fail)" >&2; exit 0; }; \
	  echo "Running the suite on PostgreSQL"; \
	  DATABASE_URL=$$url $(BIN)/pytest --create-db $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check kb projects tests

## make search-engine: a local Elasticsearch 7.10 node on http://127.0.0.1:9200 (data in var/elasticsearch)
search-engine:
	bash deploy/elasticsearch/es.sh start --port 9200 --data var/elasticsearch

search-engine-stop:
	bash deploy/elasticsearch/es.sh stop --data var/elasticsearch

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
