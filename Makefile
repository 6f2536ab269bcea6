# Two commands on a fresh machine: `make test` and `make release`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system test lint pytest pytest-compiled release bench bench-quick lock lock-upgrade clean

# .venv holds exactly the versions of requirements/dev.lock (checked by their hashes), then msm
# itself, editable, built from those (no isolated build fetching newer build tools).
$(STAMP): requirements/dev.lock pyproject.toml
	$(PYTHON) -m venv --clear $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

## system: the Debian packages the suite needs (tools/setup-system.sh), or one line naming them
system:
	PYTHON=$(PYTHON) sh tools/setup-system.sh

## test: system packages, .venv, lint, type-check and the whole suite, as Python and compiled
test: system lint pytest pytest-compiled

pytest: system $(STAMP)
	$(PY) -m pytest

# The tests of the compiled modules again on build/compiled: a copy of this tree whose hot
# modules (pipeline.COMPILED: checks, glossary matching, track readers) are compiled with mypyc,
# as a regular install compiles them (tools/compiled_tree.py); PYTHONPATH makes the commands
# the tests start (.venv/bin/msm) run the copy too. Only the tests that exercise those modules
# run twice (COMPILED_TESTS), not the whole suite; the spelling check's real-lines test (six
# minutes of Hunspell look-ups, in modules that are not compiled) runs once.
COMPILED_TREE ?= build/compiled
COMPILED_TESTS ?= tests/checks tests/tracks tests/glossary tests/test_compiled.py \
	tests/test_compiled_tree.py tests/test_cli_check.py tests/test_example_project.py \
	--ignore=tests/checks/test_spelling_real.py
pytest-compiled: system $(STAMP)
	$(PY) tools/compiled_tree.py $(COMPILED_TREE)
	cd $(COMPILED_TREE) && MSM_EXPECT_COMPILED=1 PYTHONPATH=$(abspath $(COMPILED_TREE)) \
		$(abspath $(PY)) -m pytest -p no:cacheprovider $(COMPILED_TESTS)

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

## bench: msm against translate-toolkit on generated corpora; writes benchmarks/RESULTS.md
# A separate environment: the peer (translate-toolkit) is never a dependency of msm, and msm
# is installed there as users install it (not editable), fresh from this folder every time.
BENCH_VENV  ?= .venv-bench
BENCH_PY    := $(BENCH_VENV)/bin/python
BENCH_STAMP := $(BENCH_VENV)/.installed-stamp

$(BENCH_STAMP): requirements/bench.lock
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip install --quiet --require-hashes -r requirements/bench.lock
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	MSM_SETUP_BENCH=1 PYTHON=$(PYTHON) sh tools/setup-system.sh
	$(BENCH_PY) -m pip install --quiet --no-deps --no-build-isolation --force-reinstall .
	$(BENCH_PY) -m benchmarks.run

## bench-quick: the same on smaller corpora, fewer repeats (writes benchmarks/RESULTS-quick.md)
bench-quick: $(BENCH_STAMP)
	MSM_SETUP_BENCH=1 PYTHON=$(PYTHON) sh tools/setup-system.sh
	$(BENCH_PY) -m pip install --quiet --no-deps --no-build-isolation --force-reinstall .
	$(BENCH_PY) -m benchmarks.run --quick --out benchmarks/RESULTS-quick.md

## lock: requirements/*.lock from pyproject.toml (new or changed dependencies; other pins kept)
## lock-upgrade: the same with the newest versions pyproject.toml allows
# uv resolves (pinned here; it only writes text that pip then installs and checks).
UV_VERSION ?= 0.13.9
LOCK_VENV  ?= .venv-lock
UV         := $(LOCK_VENV)/bin/uv

$(UV):
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)

lock: $(UV)
	$(PYTHON) tools/lock.py $(UV)

lock-upgrade: $(UV)
	$(PYTHON) tools/lock.py $(UV) --upgrade

clean:
	rm -rf $(VENV) $(BENCH_VENV) $(LOCK_VENV) benchmarks/corpora dist build *.egg-info .pytest_cache .mypy_cache .ruff_cache
