"""`msm bundle verify`: check a bundle's manifest schema and every file's SHA-256."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.bundle.manifest import MANIFEST, sha256, validate
from pipeline.bundle.zipper import read_zip
from pipeline.errors import InputError
from pipeline.fsutil import MAX_BUNDLE_BYTES, read_bytes


@dataclass
class Verification:
    """What verify found: problems (empty when intact) and the manifest it read."""

    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    files: int = 0

    @property
    def intact(self) -> bool:
        """No problem found."""
        return not self.problems


def verify_bytes(data: bytes, name: str = "bundle.zip") -> Verification:
    """Verify a bundle held in memory; an unreadable zip raises InputError."""
    try:
        members = read_zip(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise InputError(f"{name}: not a readable zip: {exc}") from None
    result = Verification(files=len(members))
    names = Counter(n for n, _ in members)
    for dup, count in sorted(names.items()):
        if count > 1:
            result.problems.append(f"{dup}: {count} copies in the zip")
    content = dict(members)
    raw = content.pop(MANIFEST, None)
    if raw is None:
        result.problems.append(f"{MANIFEST}: missing")
        return result
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        result.problems.append(f"{MANIFEST}: not valid JSON ({exc})")
        return result
    result.problems.extend(validate(manifest))
    if not isinstance(manifest, dict):
        return result
    result.manifest = manifest
    files = manifest.get("files")
    listed: dict[str, Any] = files if isinstance(files, dict) else {}
    for path, digest in sorted(listed.items()):
        if path not in content:
            result.problems.append(f"{path}: listed in the manifest but missing from the zip")
        elif sha256(content[path]) != digest:
            result.problems.append(f"{path}: SHA-256 differs from the manifest (changed?)")
    for path in sorted(set(content) - set(listed)):
        result.problems.append(f"{path}: in the zip but not in the manifest")
    return result


def verify_file(path: Path) -> Verification:
    """Verify a bundle file on disk."""
    try:
        data = read_bytes(path, MAX_BUNDLE_BYTES)  # refuses FIFOs and devices, never blocks
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return verify_bytes(data, str(path))
