"""Reading in two processes gives what reading in one gives, in order, even when the
second process fails."""

from __future__ import annotations

import os

import pytest

from pipeline.memory import parallel
from pipeline.memory.parallel import read_all


def pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)
    monkeypatch.setattr(parallel, "cores", lambda: 2)


@pytest.mark.usefixtures("two_cores")
def test_the_second_half_is_read_by_another_process_and_comes_back_in_order() -> None:
    results = read_all(list(range(10)), pid_and_square)
    assert [square for _, square in results] == [n * n for n in range(10)]
    pids = [pid for pid, _ in results]
    assert set(pids[:5]) == {os.getpid()}
    assert len(set(pids[5:])) == 1 and pids[5] != os.getpid()


@pytest.mark.usefixtures("two_cores")
def test_a_child_that_dies_costs_only_time() -> None:
    parent = os.getpid()

    def dies_in_the_child(number: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # killed, out of memory…
        return number + 1

    assert read_all(list(range(10)), dies_in_the_child) == list(range(1, 11))


def test_few_files_or_one_core_are_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)
    assert {pid for pid, _ in read_all(list(range(10)), pid_and_square)} == {os.getpid()}
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert {pid for pid, _ in read_all(list(range(3)), pid_and_square)} == {os.getpid()}
