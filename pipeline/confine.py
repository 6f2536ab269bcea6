"""Keep msm inside the project: a project file that resolves outside the root is refused.

A PO or glossary symlinked to a file elsewhere (`~/.ssh/id_rsa`), a video folder linked out,
or `[glossary] path = "../.."` would make msm quote that file's lines in its reports or write
over it. Paths the project configures and files found in the project tree are resolved
(symbolic links included) and must stay under the project root. Files named on the command
line (`msm import FILE`, `msm convert`, `msm check FILE`) are the user's choice and are not
confined.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import InputError

# The files of a video folder msm reads or writes.
PROJECT_SUFFIXES = (".po", ".pot", ".srt", ".vtt")


class OutsideProject(InputError):
    """A project path resolves outside the project root (exit status 2)."""


def confine(path: Path, root: Path, what: str = "") -> Path:
    """`path` itself when it resolves inside `root`; else raise OutsideProject.

    The message names the path as configured or found, not where it leads.
    """
    real_root = root.resolve()
    real = path.resolve()
    if real == real_root or real.is_relative_to(real_root):
        return path
    kind = f"{what} " if what else ""
    how = "is a symbolic link to" if path.is_symlink() else "resolves to"
    raise OutsideProject(
        f"{path}: this {kind}path {how} a place outside the project ({root}); msm reads and "
        "writes only files inside the project — copy the file into the project instead"
    )


def confine_links(folder: Path, root: Path, names: frozenset[str] | None = None) -> None:
    """Raise OutsideProject for any file of `folder` msm uses (PO, SRT, VTT) that is a
    symbolic link leading outside `root`. `names`: the folder's symbolic links when known."""
    if names is None:
        try:
            with os.scandir(folder) as entries:
                names = frozenset(e.name for e in entries if e.is_symlink())
        except OSError:
            return
    for name in sorted(names):
        if name.lower().endswith(PROJECT_SUFFIXES):
            confine(folder / name, root, "video file")
