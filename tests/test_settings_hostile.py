"""Hostile settings: inf, nan, huge and negative numbers, wrong types in every known key.

Each is refused when the settings are read, naming the key and the file:line; no command
that reads the settings ends in a traceback."""

from __future__ import annotations

import json
import math
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import cli
from pipeline.errors import ProjectError
from pipeline.project import SCHEMA, parse_settings
from pipeline.schema import ArrayOf, MapOf, Node, Table, Value

ROOT = Path(__file__).resolve().parents[1]
BASE = (ROOT / "subtitles" / "catalog.toml").read_text(encoding="utf-8")
# The commands that read the settings, with what they need to run offline.
COMMANDS = (
    ["check"],
    ["status"],
    ["report", "--out", "{tmp}/report"],
    ["bundle", "--out", "{tmp}/dist"],
    ["translate", "--dry-run", "--lang", "pl"],
    ["build", "--dry-run"],
    ["update", "--dry-run"],
    ["glossary", "list"],
    ["glossary", "validate"],
)


def settings_error(text: str) -> str:
    with pytest.raises(ProjectError) as caught:
        parse_settings(text, "catalog.toml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("section", "line", "expected"),
    [
        (
            "[checks.limits]",
            "cps_max = inf",
            "catalog.toml:19: [checks.limits.cps_max] must be a finite number, got inf",
        ),
        ("[checks.limits]", "cps_max = nan", "must be a finite number, got nan"),
        ("[checks.limits]", "cps_max = -inf", "must be a finite number, got -inf"),
        ("[checks.limits]", "cps_optimal = 1e300", "must be between 1 and 100, got 1e+300"),
        (
            "[checks.limits]",
            "max_chars_per_line = 9223372036854775807",
            "must be between 1 and 1,000, got a number of more than 15 digits",
        ),
        ("[checks.limits]", "min_duration_ms = -5", "must be 0 or more"),
        ("[checks.limits]", "max_duration_ms = 1.5", "expected an integer, got a number"),
        ("[checks.limits]", "max_lines = true", "expected an integer, got true/false"),
        (
            "[checks.limits]",
            "max_duration_ms = 86400000",
            "between 1 and 3,600,000, got 86,400,000",
        ),
        (
            "[checks.languages.pl]",
            "cps_max = inf",
            "catalog.toml:19: [checks.languages.pl.cps_max]",
        ),
        ("[translate.libre]", "requests_per_second = inf", "[translate.libre.requests_per_second]"),
        ("[translate.google]", "timeout_seconds = nan", "must be a finite number"),
        ("[translate]", "save_every = 0", "must be greater than 0"),
        ("[pull]", "backoff = 1e308", "must be between 0.001 and 60"),
        ("[pull]", "retries = 10000000000", "must be between 0 and 100, got 10,000,000,000"),
        ("[checks]", "limits = 5", "[checks.limits] expected a table, got an integer"),
        ("[checks]", 'disabled = "cps-max"', "expected an array, got a string"),
        ("[glossary]", "path = 3", "expected a string, got an integer"),
        ("[glossary]", 'path = "a\\u0000b"', "[glossary.path] must not contain a NUL character"),
        ("[translate]", 'cache = "\\u0000"', "[translate.cache] must not contain a NUL"),
    ],
)
def test_bad_numbers_and_types_are_refused_naming_key_and_line(
    section: str, line: str, expected: str
) -> None:
    text = f"{BASE}\n{section}\n{line}\n"
    assert expected in settings_error(text)


def test_the_line_is_the_key_in_its_own_table() -> None:
    text = f"{BASE}\n[checks.limits]\ncps_max = 17\n\n[checks.languages.pl]\ncps_max = inf\n"
    assert "catalog.toml:22: [checks.languages.pl.cps_max] must be a finite" in settings_error(text)


@pytest.mark.parametrize(
    "text",
    [
        "[project]\nframe_rate = " + "9" * 5000,  # Python refuses to read an int this long
        "[project]\nname = " + "[" * 100_000 + "]" * 100_000,
        '[[videos]]\nslug = "a"\ntitle = "A"\n[videos.contexts]\n' + "9" * 5000 + ' = "x"',
    ],
)
def test_unreadable_settings_are_a_clean_error(text: str) -> None:
    message = settings_error(text)
    assert "catalog.toml" in message and len(message) < 2000


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_cps_max_inf_fails_cleanly_in_every_command(tmp_path: Path, command: list[str]) -> None:
    root = _project(tmp_path, BASE + "\n[checks.limits]\ncps_max = inf\n")
    result = _run(root, command, tmp_path)
    assert result.exit_code == 2, result.output
    assert "catalog.toml:19: [checks.limits.cps_max] must be a finite number" in result.output


# --- fuzzing ------------------------------------------------------------------------------


def _leaves(node: Node, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key path the schema knows (free keys of a map sampled: a language, a check)."""
    if isinstance(node, Table):
        found = [path] if path else []
        for key, child in node.keys.items():
            found += _leaves(child, (*path, key))
        return found
    if isinstance(node, MapOf):
        sample = {"languages": "pl", "contexts": "1"}.get(path[-1], "cps-max")
        return [path, *_leaves(node.value, (*path, sample))]
    if isinstance(node, ArrayOf):
        return [path, *_leaves(node.item, (*path, "0"))]
    assert isinstance(node, Value)
    return [path]


LEAVES = _leaves(SCHEMA)


def toml_value(value: Any) -> str:
    """`value` written as TOML (inline tables and arrays for nested values)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int | str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(data: dict[str, Any]) -> str:
    """A whole settings file: each top-level key as a `key = value` line."""
    return "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in data.items())


TEXT = st.text(
    st.characters(exclude_categories=["Cs"]), max_size=12
)  # TOML cannot hold lone surrogates
SCALARS = (
    st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.sampled_from([0, 1, -1, 25, 42, 2**63 - 1, -(2**63)])
    | st.floats()
    | st.sampled_from([math.inf, -math.inf, math.nan, 1e308, 5e-324, 0.0, -0.0])
    | st.booleans()
    | TEXT
    | st.sampled_from(["pl", "fr", "netflix", "ted", "error", "cps-max", "", "..", "/etc"])
    | st.sampled_from(["\x00", "a\x00b", "~", "\\", "\x1b[31m", "\u202e", "9" * 40])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node: Any = data
    for key in path[:-1]:
        if isinstance(node, list):
            if not node or not isinstance(node[0], dict):
                node[:] = [{}]
            node = node[0]
            continue
        if not isinstance(node.get(key), dict | list):
            node[key] = {}
        node = node[key]
    if isinstance(node, list):
        node[:] = [value]
    else:
        node[path[-1]] = value


def _project(tmp_path: Path, catalog: str) -> Path:
    root = tmp_path / "project"
    if not root.exists():
        shutil.copytree(ROOT / "subtitles", root / "subtitles")
        shutil.copytree(ROOT / "glossary", root / "glossary")
    (root / "subtitles" / "catalog.toml").write_text(catalog, encoding="utf-8")
    return root


def _run(root: Path, command: list[str], tmp_path: Path) -> Any:
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    return CliRunner().invoke(cli, ["-C", str(root), *args], env={"SOURCE_DATE_EPOCH": "0"})


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.tuples(st.sampled_from(LEAVES), VALUES), min_size=1, max_size=3))
def test_fuzz_every_known_key_never_gives_a_traceback(
    tmp_path: Path, changes: list[tuple[tuple[str, ...], Any]]
) -> None:
    data = tomllib.loads(BASE)
    for path, value in changes:
        _put(data, path, value)
    root = _project(tmp_path, toml_document(data))
    for command in COMMANDS:
        result = _run(root, command, tmp_path)
        assert isinstance(result.exception, SystemExit | None), (
            command,
            toml_document(data),
            result.output,
        )
        assert result.exit_code in (0, 1, 2)
