"""Checking with worker processes gives exactly the report one process gives, in the same order;
an unreadable input or glossary is reported once either way."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.corpus import Spec, generate
from pipeline.checks.config import ChecksConfig
from pipeline.checks.consistency import _small, digest
from pipeline.checks.inputs import VideoInput
from pipeline.checks.model import CatalogUnit, EntryUnit, ProjectUnit
from pipeline.checks.registry import CheckContext, load_all
from pipeline.checks.report import render
from pipeline.checks.runner import (
    _PART_MAX,
    _PIPE_SIZE,
    CheckReport,
    Runner,
    _next_part,
    _widen_pipe,
    check_paths,
    shrinking_parts,
)
from pipeline.project import Project, Video

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(Spec(videos=9, cues=14, concepts=60, seed=3, problems=0.2), root)
    subtitles = root / "subtitles"
    # Inputs that cannot be read, and a missing catalogue, in the middle of the run.
    (subtitles / "video-00004" / "ro.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    (subtitles / "video-00006" / "el.po").unlink()
    (subtitles / "video-00007" / "en.srt").unlink()
    return root


def shape(report: CheckReport) -> tuple:
    return (
        report.findings.items,
        report.ran,
        [str(e) for e in report.errors],
        sorted(report.findings.files),
        report.exit_code,
        render(report, "json"),
        render(report, "text"),
    )


def test_workers_give_the_report_one_process_gives(corpus: Path):
    project = Project.load(corpus)
    alone = check_paths([], project, workers=1)
    shared = check_paths([], project, workers=2)
    assert shape(shared) == shape(alone)
    # the run found every kind of thing: problems, an unreadable file, a missing source
    assert len({f.check for f in alone.findings.items}) >= 12
    assert any("video-00004/ro.po" in str(e) for e in alone.errors)
    assert any("video-00007/en.srt" in str(e) for e in alone.errors)
    assert any(f.check == "missing-catalog" for f in alone.findings.items)
    assert alone.exit_code == 2


def test_more_workers_than_parts_and_languages_filter(corpus: Path):
    project = Project.load(corpus)
    alone = check_paths([], project, langs=["pl", "es"], workers=1)
    assert shape(check_paths([], project, langs=["pl", "es"], workers=8)) == shape(alone)
    assert {f.lang for f in alone.findings.items} <= {"pl", "es"}


@pytest.mark.parametrize("video", ["video-00001", "video-00008"])
def test_a_failure_in_any_process_is_raised_not_waited_for(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, video: str
):
    """A bug while checking a video (not a bad input, which is reported) ends the run with
    its error, whether this process or a worker met it: nobody waits for a lost part."""
    from pipeline.checks.runner import Runner

    real = Runner._video

    def buggy(self, item):
        if item.folder.name == video:
            raise RuntimeError(f"bug at {video}")
        return real(self, item)

    monkeypatch.setattr(Runner, "_video", buggy)
    with pytest.raises(RuntimeError, match=f"bug at {video}"):
        check_paths([], Project.load(corpus), workers=3)


@pytest.mark.parametrize(
    ("videos", "asked", "keep_units", "processes"),
    [
        (1, 4, False, 1),  # one video: nothing to share
        (2, 2, False, 2),  # this process and one worker, a video each
        (2, 8, False, 2),  # never a process without a video
        (10, 3, False, 3),
        (10, 1, False, 1),
        (10, 4, True, 1),  # msm status and msm report keep every unit: one process
    ],
)
def test_how_many_processes_check(
    videos: int, asked: int, keep_units: bool, processes: int, tmp_path: Path
) -> None:
    runner = Runner(None, ChecksConfig.from_raw(None), workers=asked, keep_units=keep_units)
    items = [VideoInput(tmp_path / f"v{n}", Video(f"v{n}", f"V{n}"), ["pl"]) for n in range(videos)]
    assert runner._workers_for(items) == processes


def test_the_environment_chooses_the_workers(corpus: Path, monkeypatch: pytest.MonkeyPatch):
    project = Project.load(corpus)
    monkeypatch.setenv("MSM_CHECK_WORKERS", "2")
    assert shape(check_paths([], project)) == shape(check_paths([], project, workers=1))


def test_a_broken_glossary_is_reported_once_and_the_rest_still_checked(
    corpus: Path, tmp_path: Path
):
    broken = tmp_path / "broken.csv"
    broken.write_text("concept,lang,term\nx,xx,term\n", encoding="utf-8")
    project = Project.load(corpus)
    for workers in (1, 2):
        report = check_paths([], project, glossary=broken, workers=workers)
        glossary_errors = [e for e in report.errors if "broken.csv" in str(e)]
        assert len(glossary_errors) == 1
        assert report.exit_code == 2
        checks = {f.check for f in report.findings.items}
        assert "cps-optimal" in checks and "untranslated" in checks
        assert not {"glossary-missing", "glossary-forbidden"} & checks


def test_gathered_catalogues_give_what_whole_catalogues_give():
    def entry(path: str, line: int, source: str, target: str, **kw) -> EntryUnit:
        return EntryUnit(path, line, "pl", source, target, **kw)

    a = CatalogUnit(
        "a/pl.po", "pl", [entry("a/pl.po", 3, "Yes.", "Tak."), entry("a/pl.po", 9, "No.", "Nie.")]
    )
    b = CatalogUnit(
        "b/pl.po",
        "pl",
        [entry("b/pl.po", 4, "Yes.", "Owszem."), entry("b/pl.po", 7, "No.", "Nie.", fuzzy=True)],
    )
    c = CatalogUnit(
        "c/pl.po",
        "pl",
        [entry("c/pl.po", 5, "Yes.", "Tak.\n"), entry("c/pl.po", 6, "Hi", "X", context="k")],
    )
    check = load_all()["inconsistent-translation"]
    ctx = CheckContext()
    whole = list(check.func(ProjectUnit([a, b, c]), ctx))
    gathered = list(
        check.func(ProjectUnit(gathered={check.id: [digest(x) for x in (a, b, c)]}), ctx)
    )
    assert gathered == whole
    assert [(p.entry.path, p.entry.line) for p in whole if p.entry] == [("b/pl.po", 4)]


@given(st.integers(min_value=0, max_value=3000), st.integers(min_value=1, max_value=16))
def test_parts_cover_the_videos_in_order_big_first_single_last(count: int, workers: int):
    items = list(range(count))
    parts = shrinking_parts(items, workers)
    assert [i for part in parts for i in part] == items  # contiguous, in order, all of them
    sizes = [len(part) for part in parts]
    assert all(1 <= size <= _PART_MAX for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # the biggest first
    # The workers finish within about one video of each other: the last parts are single
    # videos (one per worker at least, when there are that many), and no part is more than
    # a share of what was left when it was cut.
    if count >= workers:
        assert sizes[-workers:] == [1] * workers
    at = 0
    for size in sizes:
        assert size == 1 or size * workers * 2 <= count - at
        at += size
    # Few parts to hand over: the capped ones, then about 2 × workers × ln(videos left) more.
    capped = sum(1 for size in sizes if size == _PART_MAX)
    assert len(parts) - capped <= 2 * workers * (2 + count.bit_length())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe sizes are Linux's")
def test_the_pipe_parts_come_back_through_holds_a_big_part() -> None:
    import fcntl

    context = multiprocessing.get_context("fork")
    handed = context.Queue()
    _widen_pipe(handed)
    assert fcntl.fcntl(handed._writer.fileno(), fcntl.F_GETPIPE_SZ) >= _PIPE_SIZE
    handed.put(("x" * 100_000, 1))
    assert handed.get(timeout=10) == ("x" * 100_000, 1)
    _widen_pipe(object())  # anything else: left as it is, no error


def test_each_part_is_taken_once_whoever_asks() -> None:
    """The parent and its workers take parts from one shared counter (inherited on fork)."""
    global _TAKEN
    context = multiprocessing.get_context("fork")
    _TAKEN = context.Value("i", 0)
    with context.Pool(2) as pool:
        theirs = pool.map(_take_all, [50] * 3)
        ours = _take_all(50)
    got = sorted([*ours, *(index for taken in theirs for index in taken)])
    assert got == list(range(50))
    assert _next_part(_TAKEN, 50) is None


_TAKEN = None


def _take_all(count: int) -> list[int]:
    got = []
    while (index := _next_part(_TAKEN, count)) is not None:
        got.append(index)
    return got


def test_digest_columns_are_32_bits_unless_a_number_needs_64() -> None:
    assert _small([0, 1, -1, 2**31 - 1]).typecode == "i"
    wide = _small([1, 2**40])
    assert wide.typecode == "q" and list(wide) == [1, 2**40]


@pytest.mark.parametrize(
    ("cpus", "load", "expected"),
    [(2, 0.0, 2), (2, 0.4, 2), (2, 0.6, 1), (2, 1.0, 1), (2, 8.0, 1), (8, 2.2, 6), (1, 0.0, 1)],
)
def test_workers_are_the_cores_other_work_leaves_free(cpus: int, load: float, expected: int):
    from pipeline.checks.runner import free_cpus

    assert free_cpus(cpus, load) == expected


def test_busy_cores_counts_work_running_now() -> None:
    """A process spinning on a core while msm looks counts as one core busy (or more, on a
    machine busy anyway); the last minute's load average would count it only slowly."""
    import subprocess
    import sys

    from pipeline.checks.runner import busy_cores

    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        import time

        time.sleep(0.2)  # started and spinning
        busy = busy_cores(window=0.2)
    finally:
        spinner.kill()
        spinner.wait()
    assert busy is not None
    assert busy >= 0.7
