# Commands for a fresh Debian/Ubuntu machine with Python 3.11:
#   make run   — create .venv, install, open the GUI (the demo list on first run)
#   make test  — create .venv with the test extra, install missing Debian packages, lint, run all tests offscreen
#   make lint  — ruff and mypy only;  make check — lint and the tests without LibreOffice renders (the inner loop)
#   make dist  — build the self-contained .deb (PyInstaller bundle) into build/, in its own venv
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The build of the package has a venv of its own: the app's dependencies and PyInstaller, no test tools.
DIST_VENV := build/dist-venv
VERSION = $(shell $(DIST_VENV)/bin/python -c 'from importlib.metadata import version; print(version("dutymatrix"))')

.PHONY: run test lint check bench screenshot dist clean

PACKAGES := app editing models widgets importers exporters

# A Debian Python without ensurepip needs python3-venv: installed here when we run as root.
%/bin/python:
	@$(PYTHON) -m venv $* 2>/dev/null || { rm -rf $*; [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv \
	  && $(PYTHON) -m venv $*; } \
	  || { echo "python venv failed: install python3-venv (sudo apt-get install python3-venv)" >&2; exit 1; }
	$*/bin/python -m pip install -q --upgrade pip

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
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m app.screenshots resources/screenshots

$(DIST_VENV)/.installed: pyproject.toml | $(DIST_VENV)/bin/python
	$(DIST_VENV)/bin/pip install -q '.[dist]'
	@touch $@

# build/bundle/dutymatrix (the one-folder bundle, also what Windows packs), then build/dutymatrix_*.deb.
dist: $(DIST_VENV)/.installed
	@bash .ci/debian-packages dist
	$(DIST_VENV)/bin/python packaging/render_icons.py build/icons
	$(DIST_VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath build/bundle --workpath build/pyinstaller \
	  packaging/dutymatrix.spec
	desktop-file-validate packaging/linux/dutymatrix.desktop
	bash packaging/linux/build-deb build/bundle/dutymatrix build/icons $(VERSION) build

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis .benchmarks
