"""The bundle manifest: what the bundle holds, where it came from, and its schema check."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

SCHEMA = "msm-bundle/1"
MANIFEST = "manifest.json"

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SAFE_PATH = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._/-]+$")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def safe_path(name: str) -> bool:
    """True for a relative archive path with no `..`, no absolute root, no odd characters."""
    return bool(_SAFE_PATH.match(name)) and "//" not in name


# The shape of a manifest: key → type, for the top level, each video and each track.
_TOP: dict[str, type | tuple[type, ...]] = {
    "schema": str,
    "bundle_version": str,
    "source_date": str,
    "source_commit": (str, type(None)),
    "source_dirty": bool,
    "tool": dict,
    "glossary": (dict, type(None)),
    "allow_incomplete": bool,
    "excluded": list,
    "checks": dict,
    "videos": list,
    "files": dict,
}
_VIDEO: dict[str, type | tuple[type, ...]] = {
    "slug": str,
    "title": str,
    "url": str,
    "tracks": list,
}
_TRACK: dict[str, type | tuple[type, ...]] = {
    "lang": str,
    "youtube_lang": str,
    "name": str,
    "native_name": str,
    "kind": str,
    "cues": int,
    "source_cues": int,
    "complete": bool,
    "missing_cues": list,
    "checks": dict,
    "files": dict,
}
_COUNTS = ("errors", "warnings", "accepted")


def validate(manifest: Any) -> list[str]:
    """Every way `manifest` departs from the schema (an empty list when it is valid)."""
    problems: list[str] = []
    if not isinstance(manifest, dict):
        return ["the manifest is not a JSON object"]
    _shape(manifest, _TOP, "manifest", problems)
    if manifest.get("schema") != SCHEMA:
        problems.append(f"manifest: schema is {manifest.get('schema')!r}, expected {SCHEMA!r}")
    files = manifest.get("files")
    if isinstance(files, dict):
        for name, digest in files.items():
            if not safe_path(name):
                problems.append(f"manifest.files: unsafe path {name!r}")
            if not isinstance(digest, str) or not _SHA256.match(digest):
                problems.append(f"manifest.files[{name!r}]: not a SHA-256")
    for i, video in enumerate(manifest.get("videos") or []):
        where = f"videos[{i}]"
        if not isinstance(video, dict):
            problems.append(f"{where}: not an object")
            continue
        _shape(video, _VIDEO, where, problems)
        for j, track in enumerate(video.get("tracks") or []):
            _track(
                track, f"{where}.tracks[{j}]", files if isinstance(files, dict) else {}, problems
            )
    return problems


def _track(track: Any, where: str, files: Mapping[str, Any], problems: list[str]) -> None:
    if not isinstance(track, dict):
        problems.append(f"{where}: not an object")
        return
    _shape(track, _TRACK, where, problems)
    if track.get("kind") not in ("source", "translation"):
        problems.append(f"{where}.kind: expected 'source' or 'translation'")
    checks = track.get("checks")
    if isinstance(checks, dict):
        if checks.get("verdict") not in ("pass", "warn", "fail"):
            problems.append(f"{where}.checks.verdict: expected pass, warn or fail")
        for count in _COUNTS:
            if not isinstance(checks.get(count), int):
                problems.append(f"{where}.checks.{count}: expected an integer")
    for fmt, entry in (track.get("files") or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            problems.append(f"{where}.files.{fmt}: expected an object with a path")
            continue
        if files.get(entry["path"]) != entry.get("sha256"):
            problems.append(f"{where}.files.{fmt}: {entry['path']} is not listed with that SHA-256")


def _shape(
    obj: Mapping[str, Any], shape: Mapping[str, type | tuple[type, ...]], where: str, out: list[str]
) -> None:
    for key, kind in shape.items():
        if key not in obj:
            out.append(f"{where}: missing {key!r}")
        elif not isinstance(obj[key], kind) or (kind is int and isinstance(obj[key], bool)):
            out.append(f"{where}.{key}: wrong type {type(obj[key]).__name__}")
    for key in obj:
        if key not in shape:
            out.append(f"{where}: unknown key {key!r}")
