"""Atomic file writes (a temp file in the same folder, fsync, then rename over the target), and
a lean whole-file read."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the new one, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o777
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; keep the target's mode, or the usual 0644 for a new file.
        tmp.chmod(mode if mode is not None else 0o644)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text (no BOM, LF line endings as given) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


_CHUNK = 1 << 16  # a subtitle file or catalogue fits in one read


def read_bytes(path: Path | str) -> bytes:
    """A file's bytes, as `Path.read_bytes` gives them (the same OSErrors), with fewer system
    calls: open, read until the end, close. `msm check` reads thousands of small files; the
    buffered file object `Path.read_bytes` builds adds a stat and a seek to each."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        chunks = [os.read(fd, _CHUNK)]
        while chunks[-1]:
            chunks.append(os.read(fd, _CHUNK))
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 2 else b"".join(chunks)
