"""benchmarks/check_costs.py runs the registered checks, each timed, on a real project."""

from __future__ import annotations

from pathlib import Path

from benchmarks.check_costs import measure
from pipeline.checks.registry import load_all

ROOT = Path(__file__).resolve().parents[2]


def test_every_check_is_timed_on_the_example_project() -> None:
    # fails when the timed copy of a check cannot be made (CheckSpec is a plain class since
    # the start-up work: dataclasses.replace broke `make bench`'s cost table)
    seconds, costs = measure(ROOT)
    assert seconds > 0
    assert set(costs) == set(load_all())
    assert sum(cost.calls for cost in costs.values()) > 0
