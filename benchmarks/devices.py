"""Does each speed device pay? `msm check` with and without it, CPU and wall, interleaved runs.

    python -m benchmarks.corpus /tmp/quick --videos 40 --cues 60 --concepts 1000 --seed 1
    python tools/compiled_tree.py /tmp/compiled          # for the compiled rows
    python -m benchmarks.devices /tmp/quick --example /tmp/example --compiled /tmp/compiled

`--example` is a copy of this repository's project (subtitles/ and glossary/): its pl.po is
the one-track run. A device is switched off from outside (no switch in msm for it): the
collector by making `gc.disable` do nothing, the forbidden-term screen by making it let every
text through. CPU time (user + system, worker processes included) is the steadier figure on
a shared machine; wall time is what a user waits. docs/performance.md gives the results.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

PLAIN = "from pipeline.cli import main; main()"
COLLECTOR_ON = "import gc; gc.disable = lambda: None; gc.freeze = lambda: None\n" + PLAIN
NO_SCREEN = (
    "from pipeline.glossary.matcher import Matcher\n"
    "Matcher.may_hold_forbidden = lambda self, text, lang: True\n" + PLAIN
)
TRACK = "subtitles/what-is-public-procurement/pl.po"

Command = tuple[list[str], Path, dict[str, str]]


def commands(corpus: Path, example: Path | None, compiled: Path | None) -> dict[str, Command]:
    """Each configuration: the command, where it runs, its environment."""

    def msm(code: str, args: list[str], cwd: Path, **env: str) -> Command:
        return [sys.executable, "-c", code, *args], cwd, env

    first = ["check", "--no-cache"]
    one = {"MSM_CHECK_WORKERS": "1"}
    found = {
        "first run, 1 process": msm(PLAIN, first, corpus, **one),
        "first run, 2 processes": msm(PLAIN, first, corpus, MSM_CHECK_WORKERS="2"),
        "first run, 1 process, collector on": msm(COLLECTOR_ON, first, corpus, **one),
        "first run, 1 process, no screen": msm(NO_SCREEN, first, corpus, **one),
        "re-check": msm(PLAIN, ["check"], corpus),
        "re-check, collector on": msm(COLLECTOR_ON, ["check"], corpus),
    }
    if compiled is not None:
        tree = str(compiled)
        found["first run, 1 process, compiled"] = msm(PLAIN, first, corpus, **one, PYTHONPATH=tree)
        found["re-check, compiled"] = msm(PLAIN, ["check"], corpus, PYTHONPATH=tree)
    if example is not None:
        found["one track"] = msm(PLAIN, [*first, TRACK], example)
        found["one track, no screen"] = msm(NO_SCREEN, [*first, TRACK], example)
        if compiled is not None:
            found["one track, compiled"] = msm(PLAIN, [*first, TRACK], example, PYTHONPATH=tree)
    return found


def once(command: Command) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU of the process and the workers it waited for)."""
    argv, cwd, env = command
    environment = {**os.environ, **env}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: bytecode cached
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a generated corpus (benchmarks.corpus)")
    parser.add_argument("--example", type=Path, help="a copy of this repository's project")
    parser.add_argument("--compiled", type=Path, help="a tree made by tools/compiled_tree.py")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=(), help="configurations naming these")
    args = parser.parse_args()
    chosen = commands(args.corpus, args.example, args.compiled)
    if args.only:
        chosen = {k: v for k, v in chosen.items() if any(word in k for word in args.only)}
    for command in chosen.values():
        once(command)  # warm: the compiled glossary, the result cache, bytecode
    runs: dict[str, list[tuple[float, float]]] = {label: [] for label in chosen}
    for _ in range(args.repeats):
        for label, command in chosen.items():
            runs[label].append(once(command))
    for label, measured in runs.items():
        wall = statistics.median(m[0] for m in measured)
        cpu = statistics.median(m[1] for m in measured)
        print(f"{label:40s} wall {wall:6.2f} s   CPU {cpu:6.2f} s")
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main()
