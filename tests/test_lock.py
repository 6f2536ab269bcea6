"""The lock files pin every dependency pyproject.toml names, exactly and with hashes."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# name==version [; marker] \, then one `--hash=sha256:...` line or more
ENTRY = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)(?: ; (?P<marker>[^\\\n]+?))? \\\n"
    r"(?P<hashes>(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
    re.MULTILINE,
)


def locked(name: str, root: Path = ROOT) -> list[tuple[str, str, str | None, int]]:
    """(name, version, marker, number of hashes) of each entry of requirements/<name>.lock."""
    text = (root / "requirements" / f"{name}.lock").read_text(encoding="utf-8")
    entries = [
        (canonicalize_name(m["name"]), m["version"], m["marker"], m["hashes"].count("--hash"))
        for m in ENTRY.finditer(text)
    ]
    # Every requirement line is such an entry: nothing unpinned or without a hash slips in.
    requirement_lines = [
        line for line in text.splitlines() if line and not line.startswith((" ", "#"))
    ]
    assert len(requirement_lines) == len(entries), "a lock line that is not name==version + hashes"
    return entries


def named(requirements: list[str]) -> list[Requirement]:
    return [Requirement(r) for r in requirements]


def bench_requirements() -> list[str]:
    lines = (ROOT / "benchmarks" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


LOCKS = {
    "dev": named(
        PYPROJECT["project"]["dependencies"]
        + PYPROJECT["project"]["optional-dependencies"]["dev"]
        + PYPROJECT["build-system"]["requires"]
    ),
    "bench": named(PYPROJECT["project"]["dependencies"] + bench_requirements()),
}


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_the_lock_pins_every_dependency_of_pyproject_with_hashes(lock):
    entries = locked(lock)
    assert entries
    for _, _, _, hashes in entries:
        assert hashes >= 1
    versions: dict[str, list[str]] = {}
    for name, pinned, _, _ in entries:
        versions.setdefault(name, []).append(pinned)
    for requirement in LOCKS[lock]:
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{requirement} is not in requirements/{lock}.lock: make lock"
        for pinned in versions[name]:
            assert requirement.specifier.contains(pinned, prereleases=True), (
                f"requirements/{lock}.lock pins {name}=={pinned}, outside {requirement}: make lock"
            )


def test_this_environment_holds_the_locked_versions():
    """The suite runs on what the lock says (the Makefile installs .venv from it)."""
    wrong = []
    for name, pinned, marker, _ in locked("dev"):
        if marker and not Marker(marker).evaluate():
            continue
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if installed != pinned:
            wrong.append(f"{name} {installed} (locked {pinned})")
    assert not wrong, "not the locked versions (run `make setup`): " + ", ".join(wrong)


def test_an_unpinned_or_unhashed_line_is_caught(tmp_path):
    """The parser above is strict: a range, or a pin without a hash, fails the check."""
    (tmp_path / "requirements").mkdir()
    for bad in ("click>=8.1 \\\n    --hash=sha256:" + "0" * 64 + "\n", "click==8.5.1\n"):
        (tmp_path / "requirements" / "x.lock").write_text(bad, encoding="utf-8")
        with pytest.raises(AssertionError, match="not name==version"):
            locked("x", tmp_path)


def test_make_installs_the_lock_and_ci_runs_make_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(STAMP): requirements/dev.lock pyproject.toml\n" in makefile
    assert "pip install --quiet --require-hashes -r requirements/dev.lock\n" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e .\n" in makefile
    assert "pip install --quiet --require-hashes -r requirements/bench.lock\n" in makefile
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == "make test"
