"""Start-up of two versions of msm, interleaved: one-track `msm check` against `import click`.

    .venv/bin/python -m benchmarks.startup main HEAD --rounds 40

Each git ref's `pipeline/` is unpacked (`git archive`) and put first on PYTHONPATH, so both
run through the same console script and interpreter; each gets its own copy of this
project's `subtitles/` and `glossary/` (the result cache and the compiled glossary are keyed
by the code, so two versions must not share them). Byte-code is written (start-up with
PYTHONDONTWRITEBYTECODE set recompiles every module and doubles). Each round runs every
command once, in a shuffled order, so a busy machine slows all alike; the table gives the
median wall and CPU (user + system) time and each one's ratio to `python -c 'import click'`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRACK = "subtitles/what-is-public-procurement/pl.po"
BIN = Path(sys.executable).parent


def unpack(ref: str, into: Path) -> tuple[Path, Path]:
    """The code of `ref` and a project copy for it, both under `into`."""
    code, project = into / "code", into / "project"
    code.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", ref, "pipeline"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    for folder in ("subtitles", "glossary"):
        shutil.copytree(ROOT / folder, project / folder)
    return code, project


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def main() -> None:
    """Measure, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("refs", nargs="+", help="git refs to compare (e.g. main HEAD)")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands: dict[str, tuple[list[str], Path, dict[str, str]]] = {}
    with tempfile.TemporaryDirectory(prefix="msm-startup-") as tmp:
        for at, ref in enumerate(args.refs):
            code, project = unpack(ref, Path(tmp) / str(at))
            if not commands:
                commands["python -c 'import click'"] = (
                    [str(BIN / "python"), "-c", "import click"],
                    project,
                    env,
                )
            own = {**env, "PYTHONPATH": str(code)}
            msm = str(BIN / "msm")
            for label, argv in (
                ("msm check --no-cache TRACK", [msm, "check", "--no-cache", TRACK]),
                ("msm check TRACK (cached)", [msm, "check", TRACK]),
                ("msm --help", [msm, "--help"]),
            ):
                commands[f"{ref}: {label}"] = (argv, project, own)
            for argv in ([msm, "check", "--no-cache", TRACK], [msm, "check", TRACK]):
                measure(argv, project, own)  # byte-code, compiled glossary, result cache
        runs: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
        for round_ in range(args.rounds + 3):  # the first three rounds warm up
            labels = list(commands)
            random.shuffle(labels)
            for label in labels:
                took = measure(*commands[label])
                if round_ >= 3:
                    runs[label].append(took)
    base = runs["python -c 'import click'"]
    base_wall = statistics.median(w for w, _ in base)
    base_cpu = statistics.median(c for _, c in base)
    print(f"{args.rounds} interleaved rounds, load average {os.getloadavg()[0]:.1f}\n")
    print("| command | wall (median) | CPU (median) |\n|---|---:|---:|")
    for label, taken in runs.items():
        wall = statistics.median(w for w, _ in taken)
        cpu = statistics.median(c for _, c in taken)
        print(
            f"| `{label}` | {wall * 1000:.0f} ms (×{wall / base_wall:.2f}) "
            f"| {cpu * 1000:.0f} ms (×{cpu / base_cpu:.2f}) |"
        )


if __name__ == "__main__":
    main()
