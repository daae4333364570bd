# interviewprep: `make run` serves the app on SQLite; `make test` runs the whole suite.
# Both set everything up first (a .venv with the pinned requirements) and are safe to repeat.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The port `make run` serves on: `make run PORT=8001` when 8000 is busy.
PORT ?= 8000
# Tests run with DEBUG off, as production does; the key is only for the test run.
TEST_ENV := SECRET_KEY=test-only-not-secret DEBUG=0

.PHONY: setup run test lint fmt check-python migrate clean bench

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null || { \
	  echo "interviewprep needs Python 3.12 or newer, but '$(PYTHON)' is $$($(PYTHON) --version 2>&1). Install Python 3.12+ (for example 'pyenv install 3.12' or your system's python3.12 package) and run make again, or 'make PYTHON=python3.12 ...'."; \
	  exit 1; }

# Rebuilt only when requirements.txt changes, so a second run is quick.
$(VENV)/.installed: requirements.txt
	@test -x $(BIN)/python && $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

setup: check-python $(VENV)/.installed

migrate: setup
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py import_questions questions/bank
	DEBUG=1 $(BIN)/python manage.py schedule_past_grades

run: migrate
	@echo "interviewprep is at http://127.0.0.1:$(PORT) : open it and sign up (Ctrl-C stops it)"
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# Every page under gunicorn and wrk, side by side (see bench/run.py); BENCH_ARGS="--seconds 15".
bench: setup
	@command -v wrk >/dev/null || { \
	  echo "== Installing Debian's wrk for the benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
