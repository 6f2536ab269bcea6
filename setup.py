"""Build msm: setuptools reads everything from pyproject.toml but the compiled modules.

A regular install (`pip install .`, a wheel) compiles the modules `msm check` spends its time
in (`pipeline.COMPILED`) to C with mypyc. An editable install (`pip install -e .`, the
Makefile's .venv) keeps them as Python, so that editing them takes effect at once; so does
setting MSM_PURE_PYTHON=1. Without a C compiler or Python's headers the extensions are skipped
(setuptools' optional extensions) and msm runs as Python: slower, the same results.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).resolve().parent


def compiled_modules() -> list[str]:
    """`pipeline.COMPILED`, read from the source (the package is not imported to build it)."""
    tree = ast.parse((HERE / "pipeline" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets
        ):
            names: list[str] = ast.literal_eval(node.value)
            return names
    raise SystemExit("setup.py: pipeline/__init__.py defines no COMPILED")


def extensions() -> list[Extension]:
    """The mypyc extensions, or none (an editable install, or MSM_PURE_PYTHON set)."""
    if os.environ.get("MSM_PURE_PYTHON") or "editable_wheel" in sys.argv:
        return []
    from mypyc.build import mypycify

    paths = [name.replace(".", "/") + ".py" for name in compiled_modules()]
    built: list[Extension] = mypycify(paths, opt_level="3")
    for extension in built:
        extension.optional = True  # no compiler: a warning, and msm runs as Python
    return built


setup(ext_modules=extensions())
