# techbridge: the routine actions. `make demo` and `make test` set up a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgresql://postgres@127.0.0.1:5432/techbridge
HOST ?= 127.0.0.1
PORT ?= 8000
PARTNER_PORT ?= 8001
# Tests run in as many processes as the machine has cores (pytest-xdist; each has its own test
# database). `make test PYTEST_WORKERS=0` runs them in one process.
PYTEST_WORKERS ?= auto
PARTNER_ENV := TECHBRIDGE_DATA_DIR=$(CURDIR)/var/partner TECHBRIDGE_SITE_URL=http://$(HOST):$(PARTNER_PORT) TECHBRIDGE_FEDERATION_NAME=Budapest

# The first of python3.13, python3.12, python3 that really is Python >= 3.12 (pyenv shims that
# point at an older version, or at none, are skipped).
FIND_PYTHON = for candidate in python3.13 python3.12 python3; do \
	  if command -v $$candidate >/dev/null 2>&1 && \
	     $$candidate -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
	    echo $$candidate; break; fi; done

.PHONY: help
help:
	@echo "make demo       set up and run the demo at http://$(HOST):$(PORT)/ (SQLite, worker, demo data)"
	@echo "make demo-partner  a second installation (Budapest) on port $(PARTNER_PORT) federating with the running demo"
	@echo "make test       the whole suite: ruff, mypy, import-linter, pytest on SQLite and PostgreSQL, browser tests"
	@echo "make bench      benchmarks, each beside its baseline"
	@echo "make fmt        format and auto-fix the code"
	@echo "make messages   extract translatable strings into the .po files"
	@echo "make api-schema write docs/api/openapi.json from the running code"

$(VENV)/.installed: pyproject.toml
	@python=$$($(FIND_PYTHON)); \
	if [ -z "$$python" ]; then \
	  echo "techbridge needs Python 3.12 or newer, and none was found (tried python3.13, python3.12, python3)." >&2; \
	  echo "Install one (e.g. 'apt-get install python3.12' or 'pyenv install 3.12') and run make again." >&2; \
	  exit 1; fi; \
	echo "Using $$python ($$($$python --version))"; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then rm -rf $(VENV); fi; \
	[ -x $(PY) ] || $$python -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	@touch $@

.PHONY: install
install: $(VENV)/.installed

.PHONY: translations
translations: install
	cd src/techbridge && ../../$(PY) ../../manage.py compilemessages --verbosity 0

.PHONY: migrate
migrate: install
	$(MANAGE) migrate --noinput

.PHONY: demo
demo: translations migrate
	$(MANAGE) demo_data --seed 1 --if-empty
	@echo "Starting the background-job worker (it also runs the periodic schedule) and the server on http://$(HOST):$(PORT)/ (Ctrl-C stops both)"
	@# The supervisor loop starts the worker again whenever it dies (log: var/worker.log).
	@( while true; do $(MANAGE) run_worker --interval 1 --no-reload >> var/worker.log 2>&1 & \
	   echo $$! > var/worker.pid; wait $$!; \
	   echo "worker exited ($$?); restarting in 2 s" >> var/worker.log; sleep 2; done ) & supervisor=$$!; \
	trap 'kill $$supervisor 2>/dev/null; kill $$(cat var/worker.pid) 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# A second installation ("Budapest", its own SQLite database under var/partner/) on PARTNER_PORT that
# federates with the demo on PORT (start `make demo` first): invitation + signed handshake once,
# then both sides pull each other every 30 s (docs/federation.md).
.PHONY: demo-partner
demo-partner: translations
	@mkdir -p var/partner
	$(PARTNER_ENV) $(MANAGE) migrate --noinput
	$(PARTNER_ENV) $(MANAGE) demo_data --seed 2 --if-empty
	@if ! $(PARTNER_ENV) $(MANAGE) federation list | grep -q "http://$(HOST):$(PORT)"; then \
	  code=$$(TECHBRIDGE_SITE_URL=http://$(HOST):$(PORT) TECHBRIDGE_FEDERATION_NAME=Chongqing $(MANAGE) federation invite Budapest) && \
	  $(PARTNER_ENV) $(MANAGE) federation accept "$$code" --centres Budapest; fi
	@echo "Budapest runs on http://$(HOST):$(PARTNER_PORT)/ and syncs with http://$(HOST):$(PORT)/ every 30 s (Ctrl-C stops it)"
	@( while true; do sleep 30; \
	   $(PARTNER_ENV) $(MANAGE) federation sync >> var/partner/sync.log 2>&1; \
	   TECHBRIDGE_SITE_URL=http://$(HOST):$(PORT) TECHBRIDGE_FEDERATION_NAME=Chongqing $(MANAGE) federation sync >> var/partner/sync.log 2>&1; \
	   done ) & syncer=$$!; trap 'kill $$syncer 2>/dev/null' EXIT INT TERM; \
	$(PARTNER_ENV) $(MANAGE) runserver $(HOST):$(PARTNER_PORT)

.PHONY: lint
lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

.PHONY: test-sqlite
test-sqlite: translations
	$(PY) -m pytest -q -p no:django -W ignore::pytest.PytestConfigWarning --confcutdir=tests/core tests/core -n $(PYTEST_WORKERS) $(PYTEST_ARGS)
	$(PY) -m pytest -q --ignore=tests/core -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

.PHONY: test-postgres
test-postgres: translations
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL:/techbridge=/postgres)', connect_timeout=3).close()" 2>/dev/null; then \
	  TECHBRIDGE_DATABASE_URL=$(PG_URL) $(PY) -m pytest -q --ignore=tests/core -n $(PYTEST_WORKERS) $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then \
	  echo "PostgreSQL is not reachable at $(PG_URL), and CI must test it." >&2; exit 1; \
	else \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!!! PostgreSQL is not reachable at $(PG_URL): the PostgreSQL run is SKIPPED.      !!!"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	fi

.PHONY: check-deploy
check-deploy: install
	TECHBRIDGE_PROFILE=production TECHBRIDGE_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	TECHBRIDGE_ALLOWED_HOSTS=techbridge.example.org TECHBRIDGE_SMTP_URL=smtp+tls://mailer@smtp.example.org:587 \
	TECHBRIDGE_DATA_DIR=$(CURDIR)/var/deploy-check \
	$(MANAGE) check --deploy --fail-level WARNING

.PHONY: test
test: lint check-deploy test-sqlite test-postgres

.PHONY: bench
bench: install
	bash benchmarks/run_all.sh

.PHONY: fmt
fmt: install
	$(VENV)/bin/ruff check --fix src tests benchmarks
	$(VENV)/bin/ruff format src tests benchmarks

.PHONY: messages
messages: install
	cd src/techbridge && for language in zh_Hans hu; do \
	  ../../$(PY) ../../manage.py makemessages --locale $$language --no-obsolete --no-location --ignore 'static/*'; done

.PHONY: api-schema
api-schema: install
	$(MANAGE) export_openapi docs/api/openapi.json
