# deckbuild — two commands set everything up: `make build` and `make test`.
# Dependencies are installed at the versions pinned in constraints.txt (docs/maintaining.md).
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
CONSTRAINTS ?= constraints.txt
LATEST      := .venv-latest

.PHONY: build test lint check bench gallery clean constraints test-latest

# The pins are resolved for one Python version (the first line of constraints.txt says which);
# another Python, or `make build CONSTRAINTS=`, installs the newest releases pyproject.toml allows.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@pins="$(CONSTRAINTS)"; \
	if [ -n "$$pins" ]; then \
	  want=$$(sed -n '1s/^# python \([0-9.]*\).*/\1/p' "$$pins"); \
	  have=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  if [ "$$want" != "$$have" ]; then \
	    echo "note: $$pins is pinned for Python $$want, this is $$have: installing the newest releases"; pins=""; \
	  fi; \
	fi; \
	c=$${pins:+-c $$pins}; \
	$(BIN)/python -m pip install --quiet --upgrade $$c pip setuptools && \
	$(BIN)/python -m pip install --quiet --no-build-isolation $$c -e '.[test,lint]'
	@touch $(STAMP)

build: $(STAMP)  ## build every outline in decks/ into build/
	$(BIN)/deckbuild build

test: $(STAMP)  ## run the whole test suite, one process per core (pytest -n 0 runs it in one)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

lint: $(STAMP)  ## static checks: ruff, mypy, and the import rules (layers, private names, library internals)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 0 tests/test_layers.py tests/test_private_names.py tests/test_library_wall.py

check: $(STAMP)  ## validate every outline in decks/
	$(BIN)/deckbuild check --strict

bench: $(STAMP)  ## print the benchmark table
	$(BIN)/python bench/run.py

gallery: $(STAMP)  ## redraw the chart pictures of docs/charts.md
	for f in docs/gallery/charts/*.yaml; do $(BIN)/deckbuild chart $$f --out docs/images/charts/$$(basename $$f .yaml).png; done

constraints:  ## re-pin constraints.txt to the newest releases pyproject.toml allows (then run make test)
	rm -rf $(VENV).pins
	$(PYTHON) -m venv $(VENV).pins
	$(VENV).pins/bin/python -m pip install --quiet --upgrade pip setuptools
	$(VENV).pins/bin/python -m pip install --quiet --no-build-isolation -e '.[test,lint]'
	{ $(VENV).pins/bin/python -c 'import sys; print("# python %d.%d: made by make constraints; see docs/maintaining.md" % sys.version_info[:2])'; \
	  $(VENV).pins/bin/python -m pip freeze --all --exclude-editable | LC_ALL=C sort -f; } > $(CONSTRAINTS).tmp
	mv $(CONSTRAINTS).tmp $(CONSTRAINTS)
	rm -rf $(VENV).pins

test-latest:  ## run the test suite against the newest releases, in .venv-latest (constraints.txt unused)
	@test -x $(LATEST)/bin/python || $(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip setuptools
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager --no-build-isolation -e '.[test]'
	@$(LATEST)/bin/python -m pip freeze --all --exclude-editable > $(LATEST)/versions.txt
	@echo "releases newer than (or missing from) $(CONSTRAINTS):"; grep -vxF -f $(CONSTRAINTS) $(LATEST)/versions.txt || echo "  none"
	$(LATEST)/bin/python -m pytest -q

clean:
	rm -rf build
