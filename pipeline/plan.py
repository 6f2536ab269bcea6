"""Plan, then act: commands compute file changes first, then apply them (or print them)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import MsmError
from pipeline.safewrite import Seen, decode_text, read_text_seen, replace_if_unchanged
from pipeline.safewrite import read_seen as _read_seen

_CURATED = (".po", ".pot", ".csv")  # files people edit, whose line ends a rewrite keeps


@dataclass(frozen=True)
class FileChange:
    """A file that a command would write: its new text, what it held before (None if new),
    and the record of that read (`seen`), which the write compares against."""

    path: Path
    new: str
    old: str | None
    summary: str = ""
    seen: Seen | None = None  # None: compare with `old` as text (a change made without a record)

    @property
    def action(self) -> str:
        """'create' or 'update'."""
        return "create" if self.old is None else "update"

    def diff(self, root: Path | None = None) -> str:
        """A unified diff of the change, paths relative to `root` when given."""
        name = str(self.path.relative_to(root)) if root else str(self.path)
        return "".join(
            difflib.unified_diff(
                (self.old or "").splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=f"a/{name}" if self.old is not None else "/dev/null",
                tofile=f"b/{name}",
            )
        )


def read_text_or_none(path: Path) -> str | None:
    """The file's UTF-8 text, or None when it does not exist (bounded: see fsutil.read_bytes).
    A PO file is read with `pipeline.tracks.po_charset.read_po_seen` (its declared charset)."""
    return read_text_seen(path)[0]


def apply(changes: list[FileChange]) -> None:
    """Write every change atomically, each only if its file still holds what was read.

    The first file that changed meanwhile (or is read-only) raises its error after the
    other files are written; see `apply_all`.
    """
    _, errors = apply_all(changes)
    if errors:
        raise errors[0]


def apply_all(changes: list[FileChange]) -> tuple[list[FileChange], list[MsmError]]:
    """Write every change whose file still holds what was read; the changes written, and an
    error for each file left alone (changed by someone else since, or read-only)."""
    written: list[FileChange] = []
    errors: list[MsmError] = []
    for change in changes:
        seen = _seen(change)
        new = change.new
        if seen.crlf and "\r" not in new and change.path.suffix in _CURATED:
            # Read with universal newlines: a catalogue or glossary that had Windows line ends
            # keeps them, or one changed entry would make a diff of every line. (Built tracks
            # are msm's own output, always LF.)
            new = new.replace("\n", "\r\n")
        try:
            replace_if_unchanged(change.path, new.encode("utf-8"), seen)
        except MsmError as exc:
            errors.append(exc)
        else:
            written.append(change)
    return written, errors


def _seen(change: FileChange) -> Seen:
    """The change's record of the read; without one, what the file holds must decode to `old`."""
    if change.seen is not None:
        return change.seen
    data, seen = _read_seen(change.path)
    if data is None or change.old is None:
        return seen if (data is None) == (change.old is None) else Seen(change.path, "")
    try:
        same = decode_text(data) == change.old
    except UnicodeDecodeError:
        same = False
    return seen if same else Seen(change.path, "")  # "" is no digest: the write refuses
