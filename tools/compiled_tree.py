"""Make a copy of this working tree whose hot modules are compiled, to run the tests against.

`make test` runs the suite twice: on the editable .venv (every module as Python), then on
this copy, where the modules of `pipeline.COMPILED` are built in place with mypyc, as a
regular install builds them (setup.py). The copy lives in build/compiled and is kept between
runs: files are copied only when their content changed and files gone from the tree are
removed, so an unchanged tree is not compiled again.

Usage: python tools/compiled_tree.py [DEST]   (from the repository's root)
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not copied: environments, caches, build output and generated corpora.
SKIP_DIRS = {
    ".git",
    ".venv",
    ".venv-bench",
    ".venv-lock",
    "build",
    "dist",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".msm-cache",
    "corpora",
    "media",
}
# What the build leaves in the copy (kept between runs; the tree holds no such file).
BUILT_SUFFIXES = (*EXTENSION_SUFFIXES, ".pyd", ".c", ".h")  # compiled modules, C sources


def _skipped(name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info")


def source_files(root: Path) -> set[Path]:
    """The tree's files to copy, relative to `root` (skipped folders are not walked)."""
    found: set[Path] = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not _skipped(name)]
        here = Path(folder).relative_to(root)
        found.update(here / name for name in files if not name.endswith(BUILT_SUFFIXES))
    return found


def sync(source: Path, dest: Path) -> int:
    """Make `dest` hold the files of `source` (and the build's output); return how many
    files were copied or removed."""
    wanted = source_files(source)
    changed = 0
    for relative in sorted(wanted):
        target = dest / relative
        if target.is_file() and filecmp.cmp(source / relative, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target)
        changed += 1
    for relative in source_files(dest) - wanted:
        (dest / relative).unlink()
        changed += 1
    return changed


def _ask(dest: Path, expression: str) -> list[str]:
    """The names `expression` gives, evaluated in the copy (`pipeline` imported there)."""
    code = f"import pipeline; print(*{expression})"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=dest, check=True, capture_output=True, text=True
    )
    return done.stdout.split()


def unlisted_extensions(dest: Path, listed: list[str]) -> list[Path]:
    """Compiled files in the copy's package of modules no longer listed: each would shadow
    its source."""
    found = []
    for path in (dest / "pipeline").rglob("*"):
        if path.name.endswith(tuple(EXTENSION_SUFFIXES)):
            module = path.relative_to(dest).as_posix().split(".", 1)[0].replace("/", ".")
            if module not in listed:
                found.append(path)
    return found


def build(dest: Path) -> None:
    """Remove the compiled files of modules no longer listed, compile the listed ones in
    place (setup.py's extensions), and check that each one is."""
    listed = _ask(dest, "pipeline.COMPILED")
    for path in unlisted_extensions(dest, listed):
        path.unlink()
    subprocess.run(
        [sys.executable, "setup.py", "--quiet", "build_ext", "--inplace"], cwd=dest, check=True
    )
    names = _ask(dest, "pipeline.compiled()")
    if names != listed:
        raise SystemExit(f"compiled_tree: not compiled: {sorted(set(listed) - set(names))}")


def main() -> None:
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "compiled"
    dest.mkdir(parents=True, exist_ok=True)
    changed = sync(ROOT, dest)
    print(f"compiled_tree: {changed} files updated in {dest}")
    build(dest)


if __name__ == "__main__":
    main()
