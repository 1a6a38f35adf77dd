# KEKO portal. `make run` serves the portal as in production; `make test` runs every test:
# `make test-fast` (everything but the browser tests, in parallel and in random order) and then
# `make test-browser` (the Playwright tests against one real gunicorn server, one process).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

# Test processes for the non-browser tests (pytest-xdist): both cores of the development machine.
TEST_WORKERS ?= 2

.PHONY: run dev test test-fast test-browser translations install install-test lint messages \
	benchmark clean

$(VENV)/.installed: pyproject.toml
	@scripts/bootstrap "$(PYTHON)" ""
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@scripts/bootstrap "$(PYTHON)" "test"
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	@scripts/run

dev: install
	@DEBUG=true $(PY) manage.py setup_portal
	@DEBUG=true $(PY) manage.py runserver 127.0.0.1:$${PORT:-8000}

translations: install
	@$(PY) -m portal.translations --quiet

# Both runs always run, so one `make test` reports every failure; it fails if either failed.
test: install-test translations
	@status=0; \
	$(MAKE) --no-print-directory test-fast || status=$$?; \
	$(MAKE) --no-print-directory test-browser || status=$$?; \
	exit $$status

# Random order (pytest-randomly prints its seed first; PYTEST_ARGS=--randomly-seed=N repeats
# an order) shows at once a test that depends on what another left behind. `--dist loadgroup`
# keeps tests that share an expensive fixture in one process (tests/conftest.py names the groups:
# the fault tests' PostgreSQL cluster, a module's real portal).
test-fast: install-test translations
	@$(PY) -m pytest -m "not browser" -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# One process, in file order: the tests share one server (its own database, set up once) and
# one Chromium; two servers and browsers at once would only fight for the two cores.
test-browser: install-test translations
	@$(PY) -m pytest -m browser -p no:randomly $(PYTEST_ARGS)

lint: install-test
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache

messages: install
	@$(PY) manage.py makemessages -l fi -l sv -l en --ignore=.venv --ignore=static_collected

benchmark: install-test
	@benchmarks/run

clean:
	rm -rf $(VENV) static_collected var
