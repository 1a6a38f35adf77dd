# KEKO portal. `make run` serves the portal as in production; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run dev test test-browser install install-test lint messages benchmark clean

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

test: install-test
	@$(PY) manage.py compile_translations --quiet
	@$(PY) -m pytest $(PYTEST_ARGS)

lint: install-test
	@$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache

messages: install
	@$(PY) manage.py makemessages -l fi -l sv -l en --ignore=.venv --ignore=static_collected

benchmark: install-test
	@benchmarks/run

clean:
	rm -rf $(VENV) static_collected var
