"""Plan, then act: commands compute file changes first, then apply them (or print them)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from pipeline.fsutil import atomic_write_text


@dataclass(frozen=True)
class FileChange:
    """A file that a command would write: its new text and what it held before (None if new)."""

    path: Path
    new: str
    old: str | None
    summary: str = ""

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
    """The file's UTF-8 text, or None when it does not exist.

    A PO file is read in the charset its header declares and given as the UTF-8 text a
    command writes back (its header saying charset=UTF-8); InputError when it cannot be.
    """
    if path.suffix == ".po":
        from pipeline.tracks.po_charset import as_utf8, decode_po

        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        return as_utf8(decode_po(data, str(path)).text)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def apply(changes: list[FileChange]) -> None:
    """Write every change atomically, one file at a time."""
    for change in changes:
        atomic_write_text(change.path, change.new)
