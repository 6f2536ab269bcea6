"""The layers of docs/architecture.md hold: no import cycle in `pipeline/`, no import upwards,
and every file over 400 lines says why in its docstring."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"
DOC = ROOT / "docs" / "architecture.md"
LONG = 400


@cache
def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from pipeline.checks import report` imports the module pipeline.checks.report
            names = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in known
                else node.module
                for alias in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in known:  # `import pipeline.x.y` names a known prefix
                name = name.rpartition(".")[0]
            if name.startswith("pipeline"):
                found.add(name)
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, known) - {name} for name, path in known.items()}


def layers() -> dict[str, int]:
    """docs/architecture.md's table: module or package name -> layer."""
    table: dict[str, int] = {}
    for line in DOC.read_text("utf-8").splitlines():
        row = re.match(r"\|\s*(\d+)\s*\|([^|]*)\|", line)
        if row:
            for name in re.findall(r"`([\w.]+)`", row.group(2)):
                assert name not in table, f"{name} is in two rows"
                table[name] = int(row.group(1))
    assert table, "no layer table in docs/architecture.md"
    return table


def layer_of(module: str, table: dict[str, int]) -> int:
    """The layer of the longest name in the table that is the module or a package above it
    (a package's own module, its `__init__.py`, may have a row of its own)."""
    if f"{module}.__init__" in table and modules()[module].name == "__init__.py":
        return table[f"{module}.__init__"]
    name = module
    while name:
        if name in table:
            return table[name]
        name = name.rpartition(".")[0]
    raise AssertionError(f"{module} is in no row of docs/architecture.md")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_lazy_and_from_imports():
    edges = graph()
    assert "pipeline.checks.runner" in edges["pipeline.cli"]  # inside a function
    assert "pipeline.checks.report_text" in edges["pipeline.checks.report"]
    assert "pipeline.mt.translate" in edges["pipeline.cli"]  # `from pipeline.mt import translate`


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_import_goes_down_or_stays_in_its_layer():
    table = layers()
    upward = [
        f"{module} (layer {layer_of(module, table)}) imports {other} "
        f"(layer {layer_of(other, table)})"
        for module, others in sorted(graph().items())
        for other in sorted(others)
        if layer_of(other, table) > layer_of(module, table)
    ]
    assert upward == []


def test_every_module_has_a_layer():
    table = layers()
    for module in modules():
        layer_of(module, table)
    named = {name.removesuffix(".__init__") for name in table}
    assert named <= set(modules()), "the table names a module that does not exist"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_a_long_file_says_why(path: Path):
    lines = path.read_text("utf-8").count("\n")
    if lines <= LONG:
        return
    doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
    assert re.search(r"^Long:", doc, re.MULTILINE), (
        f"{path.relative_to(ROOT)} has {lines} lines: say why in its docstring "
        "(a line starting 'Long:'), or split it"
    )
