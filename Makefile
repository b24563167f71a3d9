# Developer tasks. `make help` lists them. Needs only Python 3.10+ on the machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install run test lint typecheck pytest format docs bench fuzz clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the package with its dev tools

run: $(STAMP) ## build the seed graph: out/seed.{json,graphml,gexf,ttl,jsonld} and the diagram out/seed.png
	$(BIN)/alliancegraph build data/seed_articles -o out/seed.json -o out/seed.graphml -o out/seed.gexf -o out/seed.ttl -o out/seed.jsonld
	$(BIN)/alliancegraph plot out/seed.json -o out/seed.png
	$(BIN)/alliancegraph evaluate --gold data/seed_gold data/seed_articles

test: lint typecheck pytest ## everything CI runs: ruff, mypy --strict, pytest with doctests and notebooks

lint: $(STAMP) ## ruff lint and format check
	$(BIN)/ruff check src tests benchmarks tools conftest.py
	$(BIN)/ruff format --check src tests benchmarks tools conftest.py

typecheck: $(STAMP) ## mypy --strict on the package
	$(BIN)/mypy

pytest: $(STAMP) ## the test suite, doctests included
	$(BIN)/pytest -q

format: $(STAMP) ## rewrite code with ruff's formatter and import sorting
	$(BIN)/ruff check --fix src tests benchmarks tools conftest.py
	$(BIN)/ruff format src tests benchmarks tools conftest.py

docs: $(STAMP) ## redraw the README's diagram (docs/seed_network.png) from the seed articles
	$(BIN)/alliancegraph plot data/seed_articles -o docs/seed_network.png

bench: $(STAMP) ## the performance harness (N = 1,000, 10,000, 100,000); figures to stdout and benchmarks/results/
	$(BIN)/python benchmarks/run.py

fuzz: $(STAMP) ## fuzz the extractor and readers with atheris for FUZZ_SECONDS (default 600)
	$(BIN)/python -m pip install --quiet atheris
	$(BIN)/python tools/fuzz.py --seconds $${FUZZ_SECONDS:-600}

clean: ## remove the environment, caches and outputs
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache .hypothesis src/*.egg-info
