"""Compare before replace: write a user's file only if it still holds what msm read.

Every command that rewrites a file a person may be editing at the same time (a PO open in
Poedit, a glossary in a spreadsheet, `catalog.toml` in an editor, a track another `msm`
run is importing) reads it through `read_seen`, which notes the SHA-256 of the bytes read,
and writes it through `replace_if_unchanged`. That one function writes the new content to a
temporary file beside the target, then — as the very last step before the atomic rename —
reads the target again: if it no longer holds what was read (or, for a new file, if one has
appeared meanwhile), it raises `ChangedError` and the target is left exactly as the other
editor saved it. A file without any write permission (0444) is refused, not replaced.

The window left: between that last read and `os.replace` (a few microseconds, one rename
system call), a save landing there is still lost. POSIX offers no compare-and-swap rename;
editors take no lock msm could honour. A new file is created with `os.link`, which fails when
a file appeared, so creating never overwrites anything.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError, MsmError
from pipeline.fsutil import read_bytes, write_beside

Hook = Callable[[Path], None]

# Called with the target's path after msm has prepared the new content and before it compares:
# the moment "between msm's read and its write". Tests register an editor here (see
# `between_read_and_write`); nothing in msm itself does.
_HOOKS: list[Hook] = []


class ChangedError(MsmError):
    """A file changed on disk after msm read it; nothing was written to it (exit status 1)."""

    def __init__(self, path: Path, appeared: bool = False, hint: str = "") -> None:
        what = "appeared" if appeared else "changed"
        since = "after msm found no such file" if appeared else "since msm read it"
        super().__init__(
            f"{path}: {what} {since}; nothing was written to it — run the command again"
            + (f" ({hint})" if hint else "")
        )
        self.path = path
        self.appeared = appeared


class ReadOnlyError(MsmError):
    """A file msm would rewrite has no write permission; it is left alone (exit status 1)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: read-only (no write permission); msm does not replace it — "
            "make it writable (chmod u+w) and run the command again"
        )
        self.path = path


@dataclass(frozen=True)
class Seen:
    """What msm read of a file: the SHA-256 of its bytes, or None when there was no file;
    and whether every line of it ended in CRLF (a rewrite keeps them: see plan.apply_all)."""

    path: Path
    digest: str | None
    crlf: bool = False

    @classmethod
    def of(cls, path: Path, data: bytes | None) -> Seen:
        """The record of having read `data` from `path` (None: the file did not exist)."""
        if data is None:
            return cls(path, None)
        lines = data.count(b"\n")
        crlf = lines > 0 and data.count(b"\r\n") == lines
        return cls(path, hashlib.sha256(data).hexdigest(), crlf)

    def holds(self, data: bytes | None) -> bool:
        """Whether `data` (None: no file) is what was read."""
        if data is None or self.digest is None:
            return data is None and self.digest is None
        return hashlib.sha256(data).hexdigest() == self.digest


def read_seen(path: Path) -> tuple[bytes | None, Seen]:
    """A file's bytes (None when it does not exist) and the record of having read them.

    A FIFO, a device, a file over the size limit or an unreadable file raises InputError.
    """
    data = _current(path)
    return data, Seen.of(path, data)


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Bytes decoded as `open(path, encoding=...)` reads them (universal newlines)."""
    text = data.decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_text_seen(path: Path, encoding: str = "utf-8") -> tuple[str | None, Seen]:
    """A file's text as `Path.read_text` gives it (None when missing), and the read's record.

    Text that is not valid in `encoding` raises InputError.
    """
    data, seen = read_seen(path)
    if data is None:
        return None, seen
    try:
        return decode_text(data, encoding), seen
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()  # a BOM is allowed
        raise InputError(
            f"{path}:{line}: not {name} (invalid byte at offset {exc.start}); save it as {name}"
        ) from None


def _current(path: Path) -> bytes | None:
    """What `path` holds now (None: no file)."""
    try:
        return read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def refuse_read_only(path: Path) -> None:
    """Raise ReadOnlyError when `path` exists and msm may not (or should not) write it.

    Root may write anything, so the mode bits are asked too: a file nobody may write
    (0444) was made read-only on purpose.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(path, os.W_OK)):
        raise ReadOnlyError(path)


def replace_if_unchanged(path: Path, data: bytes, seen: Seen) -> Seen:
    """Write `data` to `path` atomically if the file still holds what `seen` records.

    Raises ChangedError (nothing written) when the file changed or appeared since it was
    read, ReadOnlyError when it may not be written. Returns the record of the new content,
    for a caller that writes the same file again (`msm translate` saves as it goes).
    """
    refuse_read_only(path)
    tmp = write_beside(path, data)
    try:
        for hook in list(_HOOKS):
            hook(path)
        # The comparison is the last thing before the rename: the window is one system call.
        if seen.digest is None:
            _create(tmp, path)
        else:
            if not seen.holds(_current(path)):
                raise ChangedError(path)
            refuse_read_only(path)
            tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return Seen.of(path, data)


def _create(tmp: Path, path: Path) -> None:
    """Give `tmp` the name `path` only if no file has that name (atomic with a hard link)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ChangedError(path, appeared=True) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: check, then rename (the same small window).
        if os.path.lexists(path):
            raise ChangedError(path, appeared=True) from None
        tmp.replace(path)
        return
    tmp.unlink()


@contextlib.contextmanager
def between_read_and_write(hook: Hook) -> Iterator[None]:
    """Run `hook(path)` each time msm is about to compare and replace a file (for tests: an
    editor saving between msm's read and its write)."""
    _HOOKS.append(hook)
    try:
        yield
    finally:
        _HOOKS.remove(hook)
