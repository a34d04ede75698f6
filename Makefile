# Front Counter. `make run` sets everything up and serves the service; `make test` proves it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STATIC := frontcounter/static
GOVUK := node_modules/govuk-frontend/dist/govuk
PO := translations/cy/LC_MESSAGES/messages.po
MO := translations/cy/LC_MESSAGES/messages.mo

.DEFAULT_GOAL := help
.PHONY: help setup deps assets translations translations-compile db run test lint bench load clean

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.requirements: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

deps: $(VENV)/.requirements node_modules/.package-lock.json ## Install Python and npm packages

$(STATIC)/css/app.css: node_modules/.package-lock.json $(wildcard frontcounter/assets/scss/*.scss)
	mkdir -p $(STATIC)/css
	npx --no-install sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules \
		frontcounter/assets/scss/app.scss $@

$(STATIC)/.copied: node_modules/.package-lock.json $(wildcard frontcounter/assets/js/*.js) $(wildcard frontcounter/assets/images/*)
	mkdir -p $(STATIC)/js $(STATIC)/images $(STATIC)/govuk
	rm -rf $(STATIC)/govuk/assets && cp -R $(GOVUK)/assets $(STATIC)/govuk/assets
	cp $(GOVUK)/govuk-frontend.min.js $(STATIC)/js/govuk-frontend.min.js
	cp frontcounter/assets/js/*.js $(STATIC)/js/
	cp frontcounter/assets/images/* $(STATIC)/images/
	touch $@

assets: $(STATIC)/css/app.css $(STATIC)/.copied ## Build the CSS and copy GOV.UK Frontend's assets

$(MO): $(PO) $(VENV)/.requirements
	$(BIN)/pybabel compile --statistics -d translations

translations-compile: $(MO)

translations: $(VENV)/.requirements ## Extract every string and update the Welsh catalogue
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot .
	$(BIN)/pybabel -q update --no-fuzzy-matching -i translations/messages.pot -d translations -l cy
	$(BIN)/pybabel compile --statistics -d translations

setup: deps assets translations-compile ## Install and build everything the service needs

db: setup ## Bring the database schema up to date
	APP_ENV=$${APP_ENV:-development} $(FLASK) db upgrade

run: db ## Set up and serve the whole service (web, relay worker, platform simulator) on http://127.0.0.1:$PORT
	APP_ENV=$${APP_ENV:-development} $(FLASK) stack --port $${PORT:-5000}

# The browser suite uses Debian's Chromium; Playwright never downloads a browser.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(CHROMIUM):
	$(SUDO) apt-get install -y --no-install-recommends chromium || \
		($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)

test: setup $(CHROMIUM) ## Set up and run every test, the browser suite included (also on PostgreSQL when TEST_DATABASE_URL is set)
	$(BIN)/pytest

# PostgreSQL parts of the benchmarks use BENCH_DATABASE_URL, or the local server when one answers.
LOCAL_PG := postgresql://postgres@127.0.0.1:5432/postgres

bench: setup ## Benchmarks, each a ratio against a baseline measured in the same run (BENCH_DATABASE_URL for PostgreSQL)
	BENCH_DATABASE_URL=$${BENCH_DATABASE_URL:-$$(pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && echo $(LOCAL_PG))} \
		$(BIN)/python -m bench

load: setup ## Load test: the production shape under a locust spike, then check nothing was lost (DATABASE_URL for PostgreSQL)
	$(BIN)/python -m bench.load --shape $${LOAD_SHAPE:-spike}

lint: $(VENV)/.requirements ## Static checks
	$(BIN)/ruff check .
	$(BIN)/bandit --quiet -c pyproject.toml -r frontcounter forms services integrations

clean: ## Remove everything the build made
	rm -rf $(VENV) node_modules $(STATIC) $(MO)
