# Two commands for everyone: `make lab` opens the notebooks, `make test` runs every check.
# Both create .venv on first use and only reinstall when a requirements file changes.
# For developers (CONTRIBUTING.md): `make test-fast` after every change, `make lint`, `make format`.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
N      ?= 10

.PHONY: lab test test-fast lint format book export kit assignments student-tree bench classroom dist compat clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/python -m pip install --upgrade --quiet pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt requirements-book.txt requirements-grading.txt \
  requirements-voila.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps --upgrade --target $(VENV)/grading -r requirements-grading.txt
	$(BIN)/python -m pip install --quiet --no-deps --upgrade --target $(VENV)/voila -r requirements-voila.txt
	@touch $@

# etc/jupyter: the server settings for the explorers (TCP_NODELAY), added to any the user has.
JUPYTER_ENV := JUPYTER_CONFIG_PATH=$(CURDIR)/etc/jupyter$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH))

lab: $(VENV)/.installed  ## set up, then open JupyterLab on the notebooks (localhost, token on)
	$(JUPYTER_ENV) $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
	  --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

# axe-core (npm) for the explorers' accessibility tests; without npm those tests skip (CI=true: fail).
AXE := $(VENV)/node/node_modules/axe-core/axe.min.js
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/node axe-core@^4.14.1; \
	else echo "npm not found: the accessibility tests (axe-core) will be skipped"; fi

PY_SOURCES := xentlib tests tools docs/book/conf.py etc noxfile.py
# The fast tier: the library, the exercises, the explorers in the kernel, the editions, the layout.
FAST := -m "not browser and not book and not notebooks and not hub and not compat"

# Two workers: tests that share a JupyterLab, a JupyterHub or the notebook runs stay together (tests/conftest.py).
WORKERS ?= 2

test: $(VENV)/.installed-test $(AXE)  ## set up, then lint and run the whole test suite (what CI runs)
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup --durations=15 -m "not compat"

test-fast: $(VENV)/.installed-test  ## lint and the tests that need no browser, notebook run, book or hub
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest $(FAST) -q

lint: $(VENV)/.installed-test  ## ruff check, ruff format --check, no outputs in the notebooks
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)
	$(BIN)/python -m tools.clean_notebooks

format: $(VENV)/.installed-test  ## ruff format and ruff's safe fixes, in place
	$(BIN)/ruff format $(PY_SOURCES)
	$(BIN)/ruff check --fix $(PY_SOURCES)

book: $(VENV)/.installed-test  ## run every notebook and build the offline book site into build/book/html
	$(BIN)/python -m tools.book

export: $(VENV)/.installed-test  ## each notebook as an offline page, slide deck and PDF, into build/export
	$(BIN)/python -m tools.export

assignments: $(VENV)/.installed-test  ## the graded course's nbgrader source tree, into build/course (docs/teaching.md)
	$(BIN)/python -m tools.assignments

student-tree: $(VENV)/.installed  ## what students pull: the course without solutions and teacher's materials
	$(BIN)/python -m tools.student_tree

kit: $(VENV)/.installed-test  ## the one-page cheat sheet, HTML and PDF, both languages, into build/kit
	$(BIN)/python -m tools.kit

bench: $(VENV)/.installed-test  ## measure the losses and the explorers; writes docs/benchmarks.md
	$(BIN)/python -m tools.bench --report docs/benchmarks.md
	$(BIN)/python -m tools.bench_explorers --report docs/benchmarks.md

classroom: $(VENV)/.installed-test  ## N students (default 10) on a real JupyterHub on 127.0.0.1, measured
	$(BIN)/python -m tools.classroom --students $(N)

dist: $(VENV)/.installed-test  ## the release files from HEAD: sdist and wheel in build/dist, twine-checked
	$(BIN)/python -m tools.dist

# Each stack is a fresh venv in .nox/ (several GB: torch's CUDA builds for the oldest and newest).
compat: dist  ## the tests and every notebook in the oldest, pinned and newest stacks (noxfile.py)
	$(BIN)/nox --no-color $(if $(STACK),-s "compat(stack='$(STACK)')",)
	$(BIN)/python -m tools.compat --report docs/compatibility.md

clean:
	rm -rf $(VENV) .nox .pytest_cache .ruff_cache .hypothesis test-artifacts build docs/book/node_modules
