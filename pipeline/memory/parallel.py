"""Read many files in two processes: this one reads the first half, a forked one the rest.

Building a memory from scratch reads every catalogue of a language (1,000 in the benchmark,
a third of the run's time). With a second core free, a forked process reads half of them
and hands back what it read through a pipe (marshal: the fields are bytes, copied as they
are), so the reading takes about half the time. On a busy machine the two only share the
cores the one would have had: the hand-over (a fork, a few megabytes through a pipe) costs
a few milliseconds of CPU. Below `PARALLEL_MIN` files, or with one core, or where
processes cannot fork, everything is read here. A child that fails (killed, out of memory)
costs only time: its half is read here again.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from typing import TypeVar, cast

PARALLEL_MIN = 200  # files to read before a second process pays for its start
Job = TypeVar("Job")
Result = TypeVar("Result")


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def read_all(jobs: list[Job], read: Callable[[Job], Result]) -> list[Result]:
    """`read` of each job, in order (results must be what marshal can write; `read` must
    not raise)."""
    if len(jobs) < PARALLEL_MIN or cores() < 2 or not hasattr(os, "fork"):
        return [read(job) for job in jobs]
    half = len(jobs) // 2
    mine, theirs = jobs[:half], jobs[half:]
    try:
        incoming, outgoing = os.pipe()
    except OSError:
        return [read(job) for job in jobs]
    try:
        pid = os.fork()
    except OSError:
        os.close(incoming)
        os.close(outgoing)
        return [read(job) for job in jobs]
    if pid == 0:  # pragma: no cover (the child: coverage does not follow it)
        _child(incoming, outgoing, theirs, read)
    os.close(outgoing)
    handle = os.fdopen(incoming, "rb")
    try:
        first = [read(job) for job in mine]
        data = handle.read()
    finally:
        handle.close()  # before waiting: a child still writing meets a closed pipe and ends
        _, status = os.waitpid(pid, 0)
    second: object = None
    if status == 0:
        try:
            second = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            second = None
    if not isinstance(second, list) or len(second) != len(theirs):
        second = [read(job) for job in theirs]  # the child failed: read its half here
    return first + cast("list[Result]", second)


def _child(
    incoming: int, outgoing: int, jobs: list[Job], read: Callable[[Job], Result]
) -> None:  # pragma: no cover
    """Read `jobs`, write the results to `outgoing`, and end this process at once (none of
    the parent's exit handlers, buffers or finally clauses run twice)."""
    status = 1
    try:
        os.close(incoming)
        data = marshal.dumps([read(job) for job in jobs])
        with os.fdopen(outgoing, "wb") as out:
            out.write(data)
        status = 0
    finally:
        os._exit(status)
