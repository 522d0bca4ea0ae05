# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The worker and beat under `make run`: WARNING says only what went wrong; INFO every task.
CELERY_LOG_LEVEL ?= WARNING

.PHONY: run test install migrate seed bench check clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s); set PYTHON=python3.x" % sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(VENV)/.installed node_modules/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

# Web server, Celery worker and beat under one process manager: Ctrl-C stops all.
run: seed
	@echo
	@echo "  Open http://$(HOST):$(PORT)/jobs/C9365-25-0249-2/  (Django admin: http://$(HOST):$(PORT)/admin/)"
	@echo
	@# SITE_URL: links in the e-mails printed lead to this server.
	@HOST=$(HOST) PORT=$(PORT) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} CELERY_LOG_LEVEL=$(CELERY_LOG_LEVEL) \
		$(BIN)/honcho --procfile Procfile.dev start

# The import contracts first (.importlinter): a wrong-way import fails fast.
test: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest

# Benchmarks (bench/): each seeds its own PostgreSQL database, which it creates
# and drops, and prints one JSON object a line. `make bench BENCH=search` runs one.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/recruitment_bench
bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m bench $(BENCH)

check: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules var
