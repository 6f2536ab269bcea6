"""tools/compiled_tree.py: the copy the compiled pass of `make test` runs in."""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from tools.compiled_tree import source_files, sync, unlisted_extensions

SUFFIX = EXTENSION_SUFFIXES[0]


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_sync_copies_what_changed_removes_what_is_gone_and_keeps_the_build(
    tmp_path: Path,
) -> None:
    source, dest = tmp_path / "tree", tmp_path / "copy"
    _tree(
        source,
        {
            "pipeline/a.py": "A = 1\n",
            "pipeline/b.py": "B = 1\n",
            "tests/test_a.py": "",
            ".venv/lib/x.py": "",  # environments, caches and build output are not copied
            "pipeline/__pycache__/a.cpython-311.pyc": "",
            "build/lib/a.py": "",
            "msm.egg-info/PKG-INFO": "",
        },
    )
    assert sync(source, dest) == 3
    assert source_files(dest) == {
        Path("pipeline/a.py"),
        Path("pipeline/b.py"),
        Path("tests/test_a.py"),
    }
    _tree(dest, {f"pipeline/a{SUFFIX}": "built", "build/temp/a.o": "built"})  # the build's output
    assert sync(source, dest) == 0  # nothing changed: nothing copied, so nothing to compile
    (source / "pipeline/b.py").unlink()
    _tree(source, {"pipeline/a.py": "A = 2\n", "pipeline/c.py": ""})
    assert sync(source, dest) == 3  # a changed, c new, b gone
    assert (dest / "pipeline/a.py").read_text(encoding="utf-8") == "A = 2\n"
    assert not (dest / "pipeline/b.py").exists()
    assert (dest / f"pipeline/a{SUFFIX}").is_file() and (dest / "build/temp/a.o").is_file()


def test_compiled_files_of_modules_no_longer_listed_are_found(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            f"pipeline/checks/runner{SUFFIX}": "",
            f"pipeline/tracks/model{SUFFIX}": "",  # once listed, no longer
            "pipeline/tracks/model.py": "",
        },
    )
    stale = unlisted_extensions(tmp_path, ["pipeline.checks.runner"])
    assert stale == [tmp_path / f"pipeline/tracks/model{SUFFIX}"]
