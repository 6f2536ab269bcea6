"""Where `msm check` spends its time: the cost of each check over a project, and the rest.

    python -m benchmarks.check_costs PROJECT [--top 15]

Every check function is wrapped in a timer (which adds a little to each call, the same for
every check), the run is sequential, and the time not spent inside checks (reading files,
building units, locating findings) is reported as "outside the checks".
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.checks import inputs as inputs_mod
from pipeline.checks.config import ChecksConfig
from pipeline.checks.registry import CheckContext, CheckSpec, Problem, load_all
from pipeline.checks.runner import Runner
from pipeline.project import Project


@dataclass
class Cost:
    """The time spent in one check and how often it ran."""

    seconds: float = 0.0
    calls: int = 0
    problems: int = 0


def _timed(spec: CheckSpec, costs: dict[str, Cost]) -> CheckSpec:
    cost = costs.setdefault(spec.id, Cost())
    func = spec.func

    def run(unit: Any, ctx: CheckContext) -> Iterable[Problem]:
        start = time.perf_counter()
        found = list(func(unit, ctx))
        cost.seconds += time.perf_counter() - start
        cost.calls += 1
        cost.problems += len(found)
        return found

    return CheckSpec(
        spec.id,
        spec.scope,
        spec.severity,
        spec.summary,
        run,
        langs=spec.langs,
        source=spec.source,
        memo=spec.memo,
        gather=spec.gather,
        prepare=spec.prepare,
        gate=spec.gate,
    )


def measure(root: Path) -> tuple[float, dict[str, Cost]]:
    """Check the project at `root` once; return the total time and each check's cost."""
    costs: dict[str, Cost] = {}
    registry = {key: _timed(spec, costs) for key, spec in load_all().items()}
    start = time.perf_counter()
    project = Project.load(root)
    config = ChecksConfig.from_raw(project.settings.raw.get("checks"))
    runner = Runner(project, config, checks=registry, workers=1)
    runner.run(inputs_mod.resolve((), project))
    return time.perf_counter() - start, costs


def table(total: float, costs: dict[str, Cost], top: int = 15) -> list[str]:
    """Markdown rows: the most expensive checks first, then the time outside the checks."""
    rows = [
        "| check | seconds | share | calls | µs per call | problems |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    ranked = sorted(costs.items(), key=lambda item: -item[1].seconds)
    for check, cost in ranked[:top]:
        per_call = cost.seconds / cost.calls * 1e6 if cost.calls else 0.0
        rows.append(
            f"| `{check}` | {cost.seconds:.3f} | {cost.seconds / total:.1%} | {cost.calls} | "
            f"{per_call:.1f} | {cost.problems} |"
        )
    rest = sum(c.seconds for _, c in ranked[top:])
    if rest:
        rows.append(f"| {len(ranked) - top} other checks | {rest:.3f} | {rest / total:.1%} | | | |")
    outside = total - sum(c.seconds for c in costs.values())
    rows.append(f"| outside the checks | {outside:.3f} | {outside / total:.1%} | | | |")
    rows.append(f"| **total** | {total:.3f} | 100% | | | |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    total, costs = measure(args.project)
    print("\n".join(table(total, costs, args.top)))


if __name__ == "__main__":
    main()
