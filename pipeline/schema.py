"""A small declarative validator for the settings file: types, defaults, unknown-key suggestions."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[Any], str | None]  # returns an error message, or None when the value is fine


@dataclass(frozen=True)
class Value:
    """A leaf: one of `types`, with an optional extra check and a default."""

    types: tuple[type, ...]
    default: Any = None
    required: bool = False
    check: Check | None = None
    doc: str = ""


@dataclass(frozen=True)
class Table:
    """A TOML table with a fixed set of keys."""

    keys: Mapping[str, Node]
    doc: str = ""


@dataclass(frozen=True)
class MapOf:
    """A TOML table whose keys are free (validated by `key_check`) and whose values share a node."""

    value: Node
    key_check: Check | None = None
    doc: str = ""


@dataclass(frozen=True)
class ArrayOf:
    """A TOML array (of tables or of values)."""

    item: Node
    doc: str = ""


Node = Value | Table | MapOf | ArrayOf


@dataclass
class SchemaError:
    """One problem in a settings document, with a best-effort line number."""

    where: str
    message: str
    line: int | None = None


@dataclass
class Validator:
    """Validates a parsed TOML document against a schema, filling defaults."""

    text: str = ""
    errors: list[SchemaError] = field(default_factory=list)

    def validate(self, node: Node, data: Any, where: str = "") -> Any:
        """Return `data` with defaults filled in; problems are collected in `self.errors`."""
        if isinstance(node, Table):
            return self._table(node, data, where)
        if isinstance(node, MapOf):
            return self._map(node, data, where)
        if isinstance(node, ArrayOf):
            return self._array(node, data, where)
        return self._value(node, data, where)

    def _fail(self, where: str, message: str, key: str | None = None) -> None:
        self.errors.append(SchemaError(where or "(top level)", message, self._line_of(key)))

    def _line_of(self, key: str | None) -> int | None:
        if not key or not self.text:
            return None
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=|^\s*\[+\s*{re.escape(key)}")
        for number, line in enumerate(self.text.splitlines(), start=1):
            if pattern.search(line):
                return number
        return None

    def _table(self, node: Table, data: Any, where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self._fail(where, f"expected a table, got {_kind(data)}")
            data = {}  # go on with the defaults, so every other problem is reported too
        out: dict[str, Any] = {}
        for key, value in data.items():
            child = node.keys.get(key)
            path = f"{where}.{key}" if where else key
            if child is None:
                close = difflib.get_close_matches(key, list(node.keys), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                allowed = ", ".join(sorted(node.keys))
                self._fail(where, f"unknown key {key!r}{hint}; allowed: {allowed}", key)
                continue
            out[key] = self.validate(child, value, path)
        for key, child in node.keys.items():
            if key in out:
                continue
            path = f"{where}.{key}" if where else key
            if isinstance(child, Value):
                if child.required:
                    self._fail(where, f"missing required key {key!r}")
                out[key] = child.default
            elif isinstance(child, Table):
                out[key] = self._table(child, {}, path)
            elif isinstance(child, MapOf):
                out[key] = {}
            else:
                out[key] = []
        return out

    def _map(self, node: MapOf, data: Any, where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self._fail(where, f"expected a table, got {_kind(data)}")
            return {}
        out: dict[str, Any] = {}
        for key, value in data.items():
            if node.key_check is not None:
                problem = node.key_check(key)
                if problem:
                    self._fail(where, f"key {key!r}: {problem}", key)
                    continue
            out[key] = self.validate(node.value, value, f"{where}.{key}")
        return out

    def _array(self, node: ArrayOf, data: Any, where: str) -> list[Any]:
        if not isinstance(data, list):
            self._fail(where, f"expected an array, got {_kind(data)}")
            return []
        return [self.validate(node.item, item, f"{where}[{i}]") for i, item in enumerate(data)]

    def _value(self, node: Value, data: Any, where: str) -> Any:
        # TOML booleans are ints in Python; never accept one where a number is meant.
        wrong_bool = isinstance(data, bool) and bool not in node.types
        if wrong_bool or not isinstance(data, node.types):
            wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in node.types)
            self._fail(where, f"expected {wanted}, got {_kind(data)}", where.rsplit(".", 1)[-1])
            return node.default
        if node.check is not None:
            problem = node.check(data)
            if problem:
                self._fail(where, problem, where.rsplit(".", 1)[-1])
                return node.default
        return data


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true/false",
    list: "an array",
    dict: "a table",
}


def _kind(data: Any) -> str:
    return _TYPE_NAMES.get(type(data), type(data).__name__)
