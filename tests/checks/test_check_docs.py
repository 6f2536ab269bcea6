"""The reviewers' guide, the registry, the hook and the CI example agree."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

import pipeline
from pipeline.checks import docs
from pipeline.checks.model import SEVERITIES
from pipeline.checks.registry import load_all

ROOT = Path(__file__).parent.parent.parent
GUIDE = ROOT / docs.DOC


def test_guide_tables_match_the_registry():
    text = GUIDE.read_text(encoding="utf-8")
    assert docs.updated(text) == text, f"run `python -m pipeline.checks.docs` to refresh {docs.DOC}"


def test_every_check_is_in_the_guide():
    text = GUIDE.read_text(encoding="utf-8")
    for check in load_all():
        assert f"| `{check}` |" in text


def _docstring(func: Callable[..., object]) -> str | None:
    """A check function's docstring, from its module's source: a compiled function
    (docs/developing.md, "Compiled modules") keeps no `__doc__`."""
    if func.__doc__:
        return func.__doc__
    if not hasattr(func, "__name__"):
        # A compiled closure (typography's rules, `_entry_check`) has no name to look up:
        # its docstring is the rule finder's, read in the Python pass of the suite.
        assert pipeline.compiled(), "only a compiled closure has neither name nor docstring"
        return "(read in the Python pass)"
    module = sys.modules[func.__module__]
    source = Path(module.__file__ or "").parent / (func.__module__.rpartition(".")[2] + ".py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == func.__name__:
            return ast.get_docstring(node)
    return None


def test_every_check_is_declared_properly():
    for check, spec in load_all().items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", check)
        assert spec.severity in SEVERITIES
        assert spec.summary and "\n" not in spec.summary and len(spec.summary) <= 100
        assert _docstring(spec.func), f"{check}: the function needs a docstring"


def test_updated_refreshes_a_stale_table():
    text = GUIDE.read_text(encoding="utf-8")
    stale = text.replace("| `cps-max` |", "| `cps-maximum` |")
    assert docs.updated(stale) == text


def test_pre_commit_hooks():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"msm-check", "msm-check-files", "msm-fix"}
    assert hooks["msm-check"]["entry"] == "msm check"
    assert hooks["msm-check"]["pass_filenames"] is False
    whole = re.compile(hooks["msm-check"]["files"])
    assert whole.search("subtitles/what-is/pl.po") and whole.search("subtitles/catalog.toml")
    assert not whole.search("pipeline/cli.py")
    files = re.compile(hooks["msm-check-files"]["files"])
    exclude = re.compile(hooks["msm-check-files"]["exclude"])
    assert files.search("subtitles/a/en.srt") and exclude.search("subtitles/a/template.pot")


def test_ci_example_runs_the_check():
    flow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text())
    steps = flow["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "msm check --format github" in runs
    assert any("--format junit" in r for r in runs)
