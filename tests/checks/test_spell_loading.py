"""When the spelling check loads its dictionaries: with worker processes on a first run,
once before they fork (each worker would load its own otherwise); else on the first word
that needs one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from check_helpers import PROJECT

from pipeline.checks import spell_dict, spelling
from pipeline.checks.registry import RUN_LANGUAGES, CheckContext
from pipeline.checks.runner import check_paths
from pipeline.checks.spell_paths import find
from pipeline.project import Project


@pytest.fixture(autouse=True)
def _fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty spelling cache, and no dictionary loaded yet in this process."""
    monkeypatch.setenv(spell_dict.CACHE_ENV, str(tmp_path / "spelling-cache"))
    monkeypatch.setattr(spell_dict, "_LOADED", {})
    monkeypatch.setattr(spell_dict, "_LOADED_FILES", {})
    monkeypatch.setattr(spell_dict, "_SPELLERS", {})


def _loaded(lang: str) -> bool:
    base = find(lang)
    return base is not None and base in spell_dict._LOADED


def _context(workers: int, checked: set[str]) -> CheckContext:
    ctx = CheckContext(settings=Project.load(PROJECT).settings, root=PROJECT, workers=workers)
    ctx.cache[RUN_LANGUAGES] = checked
    return ctx


@pytest.mark.parametrize("workers", [1, 2])
def test_a_first_run_with_workers_loads_the_checked_languages_before_they_fork(workers):
    if find("pl") is None:
        pytest.skip(spell_dict.missing_note("pl"))
    spelling.prepare(_context(workers, {"pl"}))
    assert _loaded("pl") == (workers > 1)
    assert not _loaded("pt-PT")  # not checked in this run: loaded only if a word needs it


def test_a_language_with_cached_verdicts_is_not_loaded_before_the_workers():
    if find("pl") is None:
        pytest.skip(spell_dict.missing_note("pl"))
    speller = spell_dict.speller("pl")
    assert speller is not None
    speller.verdicts["składa"] = ""  # an earlier run's verdict
    spelling.prepare(_context(2, {"pl"}))
    assert not _loaded("pl")


def test_verdicts_an_earlier_run_kept_on_disk_count_as_cached(monkeypatch):
    if find("pl") is None:
        pytest.skip(spell_dict.missing_note("pl"))
    earlier = spell_dict.speller("pl")
    assert earlier is not None
    earlier.right("składa")  # an earlier run looks a word up and keeps its verdict
    earlier.flush()
    monkeypatch.setattr(spell_dict, "_LOADED", {})  # a new process: nothing in memory,
    monkeypatch.setattr(spell_dict, "_LOADED_FILES", {})
    monkeypatch.setattr(spell_dict, "_SPELLERS", {})  # the verdicts only on disk
    spelling.prepare(_context(2, {"pl"}))
    assert not _loaded("pl")


def test_the_runner_says_how_many_processes_check_and_in_which_languages(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    for workers in (1, 2):
        report = check_paths([], Project.load(root), workers=workers)
        assert report.context is not None
        assert report.context.workers == workers
        languages = report.context.cache[RUN_LANGUAGES]
        assert languages == {"en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"}


@pytest.mark.parametrize("workers", [1, 2])
def test_one_process_prepares_only_the_run_languages(workers):
    """A one-track check reads the word lists of its own languages, not of all nine; with
    workers every target language is prepared, so a missing dictionary is noted once in the
    parent (workers' notes would be lost)."""
    ctx = _context(workers, {"pl"})
    spelling.prepare(ctx)
    prepared = set(spelling._languages(ctx))
    targets = set(Project.load(PROJECT).settings.target_languages)
    if workers == 1:
        assert prepared == {"pl"}
    else:
        assert targets <= prepared
