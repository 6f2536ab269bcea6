"""A small declarative validator for the settings file: types, defaults, unknown-key suggestions."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

Check = Callable[[Any], str | None]  # returns an error message, or None when the value is fine

# A number the settings give without bounds of its own must still be sane: no setting of
# ours means anything beyond a billion (and inf or nan, which TOML allows, never do).
NUMBER_CEILING = 1_000_000_000


# Plain classes, not dataclasses: every run declares its settings' schema at start-up, and
# making a dataclass (its methods compiled and run from source) cost ~0.5 ms a class there;
# nothing compares, hashes or prints these.
class Value:
    """A leaf: one of `types`, with an optional extra check and a default."""

    __slots__ = ("bounds", "check", "default", "doc", "required", "types")

    def __init__(
        self,
        types: tuple[type, ...],
        default: Any = None,
        required: bool = False,
        check: Check | None = None,
        doc: str = "",
        bounds: tuple[float, float] | None = None,  # inclusive, for numbers (docs/formats.md)
    ) -> None:
        self.types: Final = types
        self.default: Final = default
        self.required: Final = required
        self.check: Final = check
        self.doc: Final = doc
        self.bounds: Final = bounds


class Table:
    """A TOML table with a fixed set of keys."""

    __slots__ = ("doc", "keys")

    def __init__(self, keys: Mapping[str, Node], doc: str = "") -> None:
        self.keys: Final = keys
        self.doc: Final = doc


class MapOf:
    """A TOML table whose keys are free (validated by `key_check`) and whose values share a node."""

    __slots__ = ("doc", "key_check", "value")

    def __init__(self, value: Node, key_check: Check | None = None, doc: str = "") -> None:
        self.value: Final = value
        self.key_check: Final = key_check
        self.doc: Final = doc


class ArrayOf:
    """A TOML array (of tables or of values)."""

    __slots__ = ("doc", "item")

    def __init__(self, item: Node, doc: str = "") -> None:
        self.item: Final = item
        self.doc: Final = doc


Node = Value | Table | MapOf | ArrayOf


class SchemaError:
    """One problem in a settings document, with a best-effort line number."""

    __slots__ = ("line", "message", "where")

    def __init__(self, where: str, message: str, line: int | None = None) -> None:
        self.where = where
        self.message = message
        self.line = line


class Validator:
    """Validates a parsed TOML document against a schema, filling defaults."""

    def __init__(self, text: str = "", errors: list[SchemaError] | None = None) -> None:
        self.text = text
        self.errors: list[SchemaError] = [] if errors is None else errors

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
        """The line that sets `key` (a dotted path such as `checks.limits.cps_max`, or a bare
        key): inside its own table's section when the file has one, else its first mention."""
        if not key or not self.text:
            return None
        table, _, name = key.rpartition(".")
        name = name.split("[", 1)[0]
        lines = self.text.splitlines()
        setting = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
        header = re.compile(r"^\s*\[+\s*([^\]]*?)\s*\]+")
        if table and "[" not in table:
            wanted = [part.strip("\"'") for part in table.split(".")]
            inside = False
            for number, line in enumerate(lines, start=1):
                found = header.match(line)
                if found:
                    parts = [p.strip().strip("\"'") for p in found.group(1).split(".")]
                    inside = parts == wanted
                elif inside and setting.search(line):
                    return number
        any_mention = re.compile(
            rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=|^\s*\[+\s*{re.escape(name)}"
        )
        for number, line in enumerate(lines, start=1):
            if any_mention.search(line):
                return number
        return None

    def _table(self, node: Table, data: Any, where: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self._fail(where, f"expected a table, got {_kind(data)}", where)
            data = {}  # go on with the defaults, so every other problem is reported too
        out: dict[str, Any] = {}
        for key, value in data.items():
            child = node.keys.get(key)
            path = f"{where}.{key}" if where else key
            if child is None:
                import difflib  # only when a name is wrong: not on the start-up path

                close = difflib.get_close_matches(key, list(node.keys), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                allowed = ", ".join(sorted(node.keys))
                self._fail(where, f"unknown key {_quoted(key)}{hint}; allowed: {allowed}", path)
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
            self._fail(where, f"expected a table, got {_kind(data)}", where)
            return {}
        out: dict[str, Any] = {}
        for key, value in data.items():
            if node.key_check is not None:
                problem = node.key_check(key)
                if problem:
                    self._fail(where, f"key {_quoted(key)}: {problem}", f"{where}.{key}")
                    continue
            out[key] = self.validate(node.value, value, f"{where}.{key}")
        return out

    def _array(self, node: ArrayOf, data: Any, where: str) -> list[Any]:
        if not isinstance(data, list):
            self._fail(where, f"expected an array, got {_kind(data)}", where)
            return []
        return [self.validate(node.item, item, f"{where}[{i}]") for i, item in enumerate(data)]

    def _value(self, node: Value, data: Any, where: str) -> Any:
        # TOML booleans are ints in Python; never accept one where a number is meant.
        wrong_bool = isinstance(data, bool) and bool not in node.types
        if wrong_bool or not isinstance(data, node.types):
            wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in node.types)
            self._fail(where, f"expected {wanted}, got {_kind(data)}", where)
            return node.default
        if isinstance(data, str) and "\x00" in data:  # no file name, URL or text holds one
            self._fail(where, "must not contain a NUL character (\\x00)", where)
            return node.default
        if isinstance(data, float) and not math.isfinite(data):
            self._fail(where, f"must be a finite number, got {data}", where)
            return node.default
        problem = node.check(data) if node.check is not None else None
        if isinstance(data, int | float) and not isinstance(data, bool) and not problem:
            problem = _number_problem(data, node.bounds)
        if problem:
            self._fail(where, problem, where)
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


def _number_problem(value: float, bounds: tuple[float, float] | None) -> str | None:
    """Why a finite number is not a sane setting (out of its bounds), or None."""
    low, high = bounds if bounds is not None else (-NUMBER_CEILING, NUMBER_CEILING)
    if not low <= value <= high:
        return f"must be between {_number_text(low)} and {_number_text(high)}, got " + (
            _number_text(value)
        )
    return None


def _number_text(value: float) -> str:
    """`3,600,000`, `0.001`, `1e+300`; never str() of a huge int (refused from 4,300 digits)."""
    if isinstance(value, int) and not -(10**15) < value < 10**15:
        return "a number of more than 15 digits"
    if isinstance(value, int) or (value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    return f"{value:g}"


def _quoted(key: str) -> str:
    """A key as a message quotes it: repr (control characters escaped), cut at 60."""
    text = repr(key)
    return text if len(text) <= 60 else text[:59] + "…"


def _kind(data: Any) -> str:
    return _TYPE_NAMES.get(type(data), type(data).__name__)
