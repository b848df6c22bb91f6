# redian — the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB ?= var/demo.db

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BIN)/redian --db $(DEMO_DB) demo

test: install
	@$(BIN)/python -m pytest

lint: install
	@$(BIN)/ruff check redian tests bench
	@$(BIN)/ruff format --check redian tests bench
	@$(BIN)/mypy

bench: install
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,bench]'
	@$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
