"""The bundle manifest: what the bundle holds, where it came from, and its schema check.

A manifest read back (`msm bundle verify`) may come from anywhere, so it is bounded before it
is parsed (size, nesting depth) and checked against a typed schema before any field is used:
a field of the wrong JSON type is a problem to report, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

SCHEMA = "msm-bundle/1"
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024  # a channel of 1,000 videos in 9 languages is ~2 MiB
MAX_DEPTH = 32  # the schema nests 7 deep
MAX_SHOWN = 60  # characters of a value quoted in a problem

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SAFE_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._/-]+$")
# Strings (escapes included) and everything that is not a bracket: what the depth scan skips.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def safe_path(name: str) -> bool:
    """True for a relative archive path with no `..`, no absolute root, no odd characters."""
    return bool(_SAFE_PATH.match(name)) and "//" not in name


def shown(value: Any) -> str:
    """A value quoted for a message: its repr (control characters escaped), cut short."""
    text = repr(value) if isinstance(value, str) else _kind(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in a JSON text (linear: strings skipped, no parse)."""
    depth = deepest = 0
    for bracket in _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def parse_manifest(raw: bytes) -> tuple[Any, str]:
    """The manifest's JSON value and "" , or None and why it cannot be read (bounded first)."""
    if len(raw) > MAX_MANIFEST_BYTES:
        return None, (
            f"{len(raw):,} bytes, more than the limit of {MAX_MANIFEST_BYTES:,}; "
            "not a manifest msm wrote"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (byte {exc.start})"
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        return None, f"nested {depth:,} deep, more than the limit of {MAX_DEPTH}"
    try:
        return json.loads(text), ""
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or an int of 4,300+ digits
        return None, f"not valid JSON ({shown(str(exc))[1:-1]})"


# --- the typed schema -------------------------------------------------------------------

Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Leaf:
    """A JSON scalar of one of `types` (a bool is never an int), with an optional check."""

    types: tuple[type, ...]
    check: Check | None = None


@dataclass(frozen=True)
class Obj:
    """A JSON object with exactly these keys."""

    fields: Mapping[str, Spec]


@dataclass(frozen=True)
class MapOf:
    """A JSON object with free keys (each checked by `key_check`) and values of one spec."""

    value: Spec
    key_check: Check | None = None


@dataclass(frozen=True)
class ListOf:
    """A JSON array of one spec."""

    item: Spec


Spec = Leaf | Obj | MapOf | ListOf


def _one_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else f"expected {' or '.join(map(repr, allowed))}"

    return check


def _digest(value: Any) -> str | None:
    return None if _SHA256.match(value) else "not a SHA-256"


def _path(value: Any) -> str | None:
    return None if safe_path(value) else f"unsafe path {shown(value)}"


def _count(value: Any) -> str | None:
    return None if value >= 0 else "expected a count (0 or more)"


_STR = Leaf((str,))
_COUNT = Leaf((int,), _count)
_CHECKS = Obj(
    {
        "errors": _COUNT,
        "warnings": _COUNT,
        "accepted": _COUNT,
        "verdict": Leaf((str,), _one_of("pass", "warn", "fail")),
    }
)
_TRACK = Obj(
    {
        "lang": _STR,
        "youtube_lang": _STR,
        "name": _STR,
        "native_name": _STR,
        "kind": Leaf((str,), _one_of("source", "translation")),
        "cues": _COUNT,
        "source_cues": _COUNT,
        "complete": Leaf((bool,)),
        "missing_cues": ListOf(_COUNT),
        "checks": _CHECKS,
        "files": MapOf(
            Obj({"path": Leaf((str,), _path), "sha256": Leaf((str,), _digest), "bytes": _COUNT})
        ),
    }
)
_VIDEO = Obj({"slug": _STR, "title": _STR, "url": _STR, "tracks": ListOf(_TRACK)})
MANIFEST_SCHEMA = Obj(
    {
        "schema": _STR,
        "bundle_version": _STR,
        "source_date": _STR,
        "source_commit": Leaf((str, type(None))),
        "source_dirty": Leaf((bool,)),
        "tool": Obj({"name": _STR, "version": _STR}),
        "glossary": Leaf((dict, type(None))),
        "allow_incomplete": Leaf((bool,)),
        "excluded": ListOf(Obj({"slug": _STR, "lang": _STR, "reason": _STR})),
        "checks": _CHECKS,
        "videos": ListOf(_VIDEO),
        "files": MapOf(Leaf((str,), _digest), key_check=_path),
    }
)
_GLOSSARY = Obj({"files": ListOf(_STR), "sha256": Leaf((str,), _digest)})


_TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true/false",
    dict: "an object",
    list: "an array",
    type(None): "null",
}


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def check_shape(spec: Spec, value: Any, where: str, out: list[str]) -> None:
    """Append to `out` every way `value` departs from `spec` (no field is used before)."""
    if isinstance(spec, Leaf):
        wrong_bool = isinstance(value, bool) and bool not in spec.types
        if wrong_bool or not isinstance(value, spec.types):
            wanted = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in spec.types)
            out.append(f"{where}: wrong type {_kind(value)}, expected {wanted}")
        elif spec.check is not None and (problem := spec.check(value)):
            out.append(f"{where}: {problem}")
        return
    if isinstance(spec, ListOf):
        if not isinstance(value, list):
            out.append(f"{where}: wrong type {_kind(value)}, expected an array")
            return
        for i, item in enumerate(value):
            check_shape(spec.item, item, f"{where}[{i}]", out)
        return
    if not isinstance(value, dict):
        out.append(f"{where}: wrong type {_kind(value)}, expected an object")
        return
    if isinstance(spec, MapOf):
        for key, item in value.items():
            if spec.key_check is not None and (problem := spec.key_check(key)):
                out.append(f"{where}: {problem}")
            else:
                check_shape(spec.value, item, f"{where}[{shown(key)}]", out)
        return
    for key, field in spec.fields.items():
        if key not in value:
            out.append(f"{where}: missing {key!r}")
        else:
            check_shape(field, value[key], f"{where}.{key}", out)
    for key in value:
        if key not in spec.fields:
            out.append(f"{where}: unknown key {shown(key)}")


def validate(manifest: Any) -> list[str]:
    """Every way `manifest` departs from the schema (an empty list when it is valid)."""
    if not isinstance(manifest, dict):
        return [f"the manifest is {_kind(manifest)}, not a JSON object"]
    problems: list[str] = []
    check_shape(MANIFEST_SCHEMA, manifest, "manifest", problems)
    schema = manifest.get("schema")
    if isinstance(schema, str) and schema != SCHEMA:
        problems.append(f"manifest: schema is {shown(schema)}, expected {SCHEMA!r}")
    glossary = manifest.get("glossary")
    if isinstance(glossary, dict):
        check_shape(_GLOSSARY, glossary, "manifest.glossary", problems)
    if problems:
        return problems  # the cross-references below read fields the schema vouches for
    files: dict[str, str] = manifest["files"]
    for i, video in enumerate(manifest["videos"]):
        for j, track in enumerate(video["tracks"]):
            for fmt, entry in track["files"].items():
                if files.get(entry["path"]) != entry["sha256"]:
                    problems.append(
                        f"videos[{i}].tracks[{j}].files[{shown(fmt)}]: "
                        f"{entry['path']} is not listed with that SHA-256"
                    )
    return problems
