"""`msm bundle verify`: check a bundle's manifest schema and every file's SHA-256.

The bundle may come from anywhere: the zip is read within limits (pipeline.bundle.zipper),
the manifest is bounded and type-checked before use (pipeline.bundle.manifest).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.bundle.manifest import MANIFEST, MAX_MANIFEST_BYTES, parse_manifest, validate
from pipeline.bundle.zipper import LIMITS, ZipLimits, scan_zip
from pipeline.errors import InputError
from pipeline.fsutil import MAX_BUNDLE_BYTES, read_bytes

MAX_PROBLEMS = 200  # listed one per line; beyond this, a count


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


def verify_bytes(data: bytes, name: str = "bundle.zip", limits: ZipLimits = LIMITS) -> Verification:
    """Verify a bundle held in memory; an unreadable or oversized zip raises InputError."""
    members = scan_zip(data, name, {MANIFEST: MAX_MANIFEST_BYTES}, limits)
    result = Verification(files=len(members))
    problems = result.problems
    names = Counter(m.name for m in members)
    for dup, count in sorted(names.items()):
        if count > 1:
            problems.append(f"{dup}: {count} copies in the zip")
    for member in members:
        if member.problem:
            problems.append(f"{member.name}: {member.problem}")
    digests = {m.name: m.sha256 for m in members if m.name != MANIFEST}
    manifest_member = next((m for m in members if m.name == MANIFEST), None)
    if manifest_member is None:
        problems.append(f"{MANIFEST}: missing")
        return _capped(result)
    if manifest_member.data is None:
        return _capped(result)  # its problem is listed above
    manifest, problem = parse_manifest(manifest_member.data)
    if problem:
        problems.append(f"{MANIFEST}: {problem}")
        return _capped(result)
    shape = validate(manifest)
    problems.extend(shape)
    if shape:
        return _capped(result)
    result.manifest = manifest
    listed: dict[str, str] = manifest["files"]
    for path, digest in sorted(listed.items()):
        if path not in digests:
            problems.append(f"{path}: listed in the manifest but missing from the zip")
        elif digests[path] is not None and digests[path] != digest:
            problems.append(f"{path}: SHA-256 differs from the manifest (changed?)")
    for path in sorted(set(digests) - set(listed)):
        problems.append(f"{path}: in the zip but not in the manifest")
    return _capped(result)


def _capped(result: Verification) -> Verification:
    extra = len(result.problems) - MAX_PROBLEMS
    if extra > 0:
        del result.problems[MAX_PROBLEMS:]
        result.problems.append(f"… and {extra:,} more problem(s) not listed")
    return result


def verify_file(path: Path) -> Verification:
    """Verify a bundle file on disk."""
    try:
        data = read_bytes(path, MAX_BUNDLE_BYTES)  # refuses FIFOs and devices, never blocks
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return verify_bytes(data, str(path))
