"""Compiled modules: which are built (setup.py), and that the suite runs the build it means to.

`make test` runs the suite on the editable .venv (Python) and again on build/compiled, a copy
built in place with mypyc (tools/compiled_tree.py), with MSM_EXPECT_COMPILED=1.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
import setuptools
from click.testing import CliRunner

import pipeline
from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXPECT_COMPILED = os.environ.get("MSM_EXPECT_COMPILED") == "1"


def test_the_compiled_modules_are_modules_of_the_package() -> None:
    assert list(pipeline.COMPILED) == sorted(set(pipeline.COMPILED))
    for name in pipeline.COMPILED:
        assert (ROOT / (name.replace(".", "/") + ".py")).is_file(), name


def test_this_run_tests_the_build_it_means_to() -> None:
    """Compiled in the compiled pass, every module; else none: a compiled file left beside
    the sources would shadow them (an edit would not be what runs)."""
    if EXPECT_COMPILED:
        assert pipeline.compiled() == pipeline.COMPILED
        for name in pipeline.COMPILED:
            origin = find_spec(name).origin  # type: ignore[union-attr]
            assert origin is not None and origin.endswith(tuple(EXTENSION_SUFFIXES))
    else:
        assert pipeline.compiled() == ()


def test_version_says_whether_the_modules_are_compiled() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith(f"msm {pipeline.__version__} (")
    if EXPECT_COMPILED:
        count = len(pipeline.COMPILED)
        assert f"{count} of {count} check modules compiled with mypyc" in result.output
    else:
        assert "pure Python" in result.output


def test_the_console_script_runs_the_same_build() -> None:
    """Tests that start `msm` test the build this pass means too (the compiled pass puts its
    copy first on PYTHONPATH, which the console script inherits)."""
    script = Path(sys.executable).parent / "msm"
    done = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == CliRunner().invoke(cli, ["--version"]).output


def _setup_arguments(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str]
) -> dict[str, Any]:
    """What setup.py hands setuptools (run as the build runs it; `setup` only records)."""
    given: dict[str, Any] = {}
    monkeypatch.setattr(setuptools, "setup", lambda **kwargs: given.update(kwargs))
    monkeypatch.setattr(sys, "argv", ["setup.py", *argv])
    monkeypatch.delenv("MSM_PURE_PYTHON", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    runpy.run_path(str(ROOT / "setup.py"), run_name="__main__")
    return given


def test_a_regular_build_compiles_the_listed_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    import mypyc.build

    asked: list[list[str]] = []

    def recorded(paths: list[str], **options: object) -> list[setuptools.Extension]:
        asked.append(paths)
        return [setuptools.Extension(path, [path]) for path in paths]

    monkeypatch.setattr(mypyc.build, "mypycify", recorded)
    given = _setup_arguments(monkeypatch, ["bdist_wheel"], {})
    assert asked == [[name.replace(".", "/") + ".py" for name in pipeline.COMPILED]]
    assert given["ext_modules"] and all(ext.optional for ext in given["ext_modules"])


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        (["editable_wheel", "--dist-dir", "x"], {}),  # pip install -e: stays editable
        (["bdist_wheel"], {"MSM_PURE_PYTHON": "1"}),
    ],
)
def test_editable_and_pure_builds_compile_nothing(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str]
) -> None:
    assert _setup_arguments(monkeypatch, argv, env)["ext_modules"] == []
