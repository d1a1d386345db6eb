# deckbuild — two commands set everything up: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test check bench gallery clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

build: $(STAMP)  ## build every outline in decks/ into build/
	$(BIN)/deckbuild build

test: $(STAMP)  ## run the whole test suite, one process per core (pytest -n 0 runs it in one)
	$(BIN)/python -m pytest -q -n auto --dist loadgroup

check: $(STAMP)  ## validate every outline in decks/
	$(BIN)/deckbuild check --strict

bench: $(STAMP)  ## print the benchmark table
	$(BIN)/python bench/run.py

gallery: $(STAMP)  ## redraw the chart pictures of docs/charts.md
	for f in docs/gallery/charts/*.yaml; do $(BIN)/deckbuild chart $$f --out docs/images/charts/$$(basename $$f .yaml).png; done

clean:
	rm -rf build
