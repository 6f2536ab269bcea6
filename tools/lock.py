"""Write the lock files in requirements/ from pyproject.toml: exact versions, with hashes.

`make lock` runs this with a pinned uv (`uv pip compile --generate-hashes --universal`): the
output is a plain requirements file that pip alone installs (`pip install --require-hashes -r
requirements/dev.lock`), so a fresh machine needs nothing but Python and pip to use it.

- requirements/dev.lock: msm's dependencies, the `dev` extra, the build requirements
  (`[build-system] requires`: the editable install and the compiled pass build without
  isolation, from these) and pip itself.
- requirements/bench.lock: msm's dependencies and benchmarks/requirements.txt (the peer
  translate-toolkit and msm's build requirements), for `make bench`'s own environment.

Versions already in a lock file are kept unless `--upgrade` is given (as pip-compile does), so
adding a dependency to pyproject.toml and running `make lock` changes only what it must.

Usage: python tools/lock.py UV [--upgrade]   (from the repository's root)
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
WORK = Path("build") / "lock"  # generated inputs, relative: the lock files name them
PYTHON = "3.11"  # the oldest Python msm supports (requires-python); --universal covers newer


def build_requirements() -> list[str]:
    """`[build-system] requires` of pyproject.toml."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requires: list[str] = data["build-system"]["requires"]
    return requires


def compile_lock(uv: str, name: str, inputs: list[str], extras: list[str], upgrade: bool) -> None:
    """Run `uv pip compile` for one lock file."""
    command = [uv, "pip", "compile", "--quiet", "--generate-hashes", "--universal"]
    command += ["--python-version", PYTHON, "--custom-compile-command", "make lock"]
    command += ["--output-file", f"requirements/{name}.lock"]
    if upgrade:
        command.append("--upgrade")
    for extra in extras:
        command += ["--extra", extra]
    subprocess.run([*command, *inputs], cwd=ROOT, check=True)


def main(argv: list[str]) -> int:
    """Write both lock files; argv is [UV] or [UV, '--upgrade']."""
    if not argv or argv[1:] not in ([], ["--upgrade"]):
        print(__doc__.rsplit("Usage: ", 1)[1].strip(), file=sys.stderr)
        return 2
    uv, upgrade = argv[0], argv[1:] == ["--upgrade"]
    (ROOT / WORK).mkdir(parents=True, exist_ok=True)
    LOCKS.mkdir(exist_ok=True)
    build_in = WORK / "build-requires.in"
    (ROOT / build_in).write_text(
        "# [build-system] requires of pyproject.toml, and pip (written by tools/lock.py)\n"
        + "".join(f"{requirement}\n" for requirement in [*build_requirements(), "pip"]),
        encoding="utf-8",
    )
    compile_lock(uv, "dev", ["pyproject.toml", str(build_in)], ["dev"], upgrade)
    bench_inputs = ["pyproject.toml", "benchmarks/requirements.txt", str(build_in)]
    compile_lock(uv, "bench", bench_inputs, [], upgrade)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
