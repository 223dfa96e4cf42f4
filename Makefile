# Two commands for a fresh Debian/Ubuntu machine with Python 3.11:
#   make run   — create .venv, install, open the GUI (the demo list on first run)
#   make test  — create .venv with the test extra, install missing Debian packages, lint, run all tests offscreen
#   make lint  — ruff and mypy only;  make check — lint and the tests without LibreOffice renders (the inner loop)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint check bench screenshot clean

PACKAGES := app editing models widgets importers exporters

# A Debian Python without ensurepip needs python3-venv: installed here when we run as root.
$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv \
	  && $(PYTHON) -m venv $(VENV); } \
	  || { echo "python venv failed: install python3-venv (sudo apt-get install python3-venv)" >&2; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	@bash .ci/debian-packages run
	$(BIN)/dutymatrix

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(PACKAGES) tests
	$(BIN)/mypy

test: lint
	@bash .ci/debian-packages test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

check: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -x -m "not render"

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/benchmarks --benchmark-only --benchmark-columns=min,mean,median,max,rounds

screenshot: $(VENV)/.installed
	for v in tree matrix board units; do \
	  QT_QPA_PLATFORM=offscreen $(BIN)/dutymatrix --db "$$(mktemp -d)/demo.sqlite" --view $$v \
	    --screenshot resources/screenshots/$$v.png || exit 1; \
	done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .benchmarks
