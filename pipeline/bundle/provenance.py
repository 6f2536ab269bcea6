"""Where a bundle comes from: the source date, the git commit, the glossary version."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.bundle.assemble import Provenance
from pipeline.bundle.zipper import ZIP_EPOCH
from pipeline.fsutil import read_bytes


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(root), *args], capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def glossary_version(folder: Path) -> dict[str, Any] | None:
    """A content hash of the term base files (CSV/TBX) in `folder`, or None if there are none."""
    files = sorted(
        p for p in folder.glob("*") if p.suffix.lower() in (".csv", ".tbx") and p.is_file()
    )
    if not files:
        return None
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + read_bytes(path) + b"\0")
    return {"files": [p.name for p in files], "sha256": digest.hexdigest()}


def provenance(root: Path, glossary: Path, env: Mapping[str, str]) -> Provenance:
    """SOURCE_DATE_EPOCH if set, else the last commit's time, else 1980-01-01 (reproducible)."""
    commit = _git(root, "rev-parse", "HEAD")
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
    else:
        stamp = _git(root, "log", "-1", "--format=%ct") if commit else None
        moment = datetime.fromtimestamp(int(stamp), tz=UTC) if stamp else ZIP_EPOCH
    status = _git(root, "status", "--porcelain", "--", "subtitles", "glossary") if commit else None
    return Provenance(
        moment=moment, commit=commit, dirty=bool(status), glossary=glossary_version(glossary)
    )
