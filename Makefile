# Two commands on a fresh machine: `make test` and `make release`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: test lint pytest release bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## test: set up .venv, lint, type-check and run the whole suite
test: lint pytest

pytest: $(STAMP)
	$(PY) -m pytest

## lint: ruff (lint + format) and mypy
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## release: set up, check every track and build from what is in subtitles/
release: $(STAMP)
	$(VENV)/bin/msm update --check
	$(VENV)/bin/msm check
	$(VENV)/bin/msm bundle --out dist
	$(VENV)/bin/msm bundle verify "$$(ls -t dist/msm-subtitles-*.zip | head -n 1)"

clean:
	rm -rf $(VENV) dist build *.egg-info .pytest_cache .mypy_cache .ruff_cache
