"""A first run split by language (lang_split.py): the groups, and the report it gives.

With an empty spelling cache and worker processes, each process checks some languages of
every video and loads only their dictionaries; the report is the one a single process
gives, byte for byte (errors of a video's source reported once), with the result cache off
or on."""

from __future__ import annotations

import itertools
import multiprocessing
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_check_parallel import shape

from benchmarks.corpus import Spec, generate
from pipeline.checks import lang_split, spell_dict
from pipeline.checks.lang_split import (
    PER_CATALOGUE,
    PER_VIDEO_FIRST,
    groups,
    order_of,
    shifts,
    video_groups,
)
from pipeline.checks.runner import check_paths
from pipeline.checks.spell_paths import find
from pipeline.project import Project

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked"
)
LANGS = ["en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"]


@given(
    st.lists(st.floats(0, 10), min_size=1, max_size=9),
    st.integers(1, 12),
)
def test_groups_are_contiguous_and_the_costliest_as_cheap_as_can_be(costs, workers):
    order = LANGS[: len(costs)]
    by_lang = dict(zip(order, costs, strict=True))
    found = groups(order, by_lang, workers)
    assert [lang for group in found for lang in group] == order
    assert len(found) == min(workers, len(order)) and all(found)
    worst = max(sum(by_lang[lang] for lang in group) for group in found)
    best = min(
        max(sum(costs[a:b]) for a, b in itertools.pairwise((0, *cuts, len(order))))
        for cuts in itertools.combinations(range(1, len(order)), len(found) - 1)
    )
    assert worst == pytest.approx(best)


@pytest.mark.parametrize(
    ("videos", "expected"),
    [
        ([["eu", "pl"], ["eu", "pl"]], ["en", "eu", "pl"]),
        ([["eu"], ["pl"], ["eu", "pl"]], ["en", "eu", "pl"]),
        ([["eu", "pl"], ["pl", "eu"]], None),  # two orders: parts would not merge in order
        ([["en", "pl"]], None),  # a catalogue in the source language
    ],
)
def test_the_run_order_of_languages(videos, expected):
    assert order_of("en", videos) == expected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(Spec(videos=6, cues=12, concepts=60, seed=5, problems=0.2), root)
    subtitles = root / "subtitles"
    # an unreadable catalogue, a missing one and a missing source track, mid-run
    (subtitles / "video-00002" / "ro.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    (subtitles / "video-00003" / "el.po").unlink()
    (subtitles / "video-00004" / "en.srt").unlink()
    return root


@pytest.fixture
def cold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty spelling cache and no dictionary loaded in this process, for each run."""

    def fresh(name: str) -> None:
        monkeypatch.setenv(spell_dict.CACHE_ENV, str(tmp_path / name))
        monkeypatch.setattr(spell_dict, "_LOADED", {})
        monkeypatch.setattr(spell_dict, "_LOADED_FILES", {})
        monkeypatch.setattr(spell_dict, "_SPELLERS", {})

    return fresh


def test_a_first_run_split_by_language_gives_the_report_one_process_gives(corpus, cold):
    if find("eu") is None or find("pl") is None:
        pytest.skip(spell_dict.missing_note("eu"))
    project = Project.load(corpus)
    cold("alone")
    alone = check_paths([], project, workers=1)
    cold("shared")
    shared = check_paths([], project, workers=2)
    assert shape(shared) == shape(alone)
    assert any(f.check == "spelling" and f.lang == "es" for f in alone.findings.items)
    assert [str(e) for e in alone.errors].count(str(alone.errors[-1])) == 1
    assert any("video-00004/en.srt" in str(e) for e in alone.errors)
    # split by language: this process checked the first group's languages only (the last
    # were checked by the worker alone); it may still have loaded Spanish to ask whether a
    # capitalised word is a name Spanish lists (spell_unslipped.listed_name)
    assert find("eu") in spell_dict._LOADED
    spanish = [s for (base, _), s in spell_dict._SPELLERS.items() if base == find("es")]
    assert all(s.lookups == 0 for s in spanish)


def test_a_split_first_run_with_the_result_cache_gives_the_same_report(corpus, cold, tmp_path):
    if find("eu") is None:
        pytest.skip(spell_dict.missing_note("eu"))
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    project = Project.load(copy)
    cold("alone")
    alone = check_paths([], project, workers=1)
    cold("first")
    first = check_paths([], project, workers=2, remember=True)
    again = check_paths([], project, workers=2, remember=True)  # from the result cache
    assert shape(first) == shape(alone) == shape(again)


@given(
    st.lists(st.floats(0, 3), min_size=2, max_size=9),
    st.lists(st.integers(0, 40), min_size=9, max_size=9),
    st.integers(2, 4),
)
def test_shifts_keep_each_video_contiguous_and_never_make_the_costliest_worse(
    loads, counts, workers
):
    order = LANGS[: len(loads)]
    load = dict(zip(order, loads, strict=True))
    catalogues = dict(zip(order, counts, strict=False))
    work = {lang: load[lang] + PER_CATALOGUE * catalogues[lang] for lang in order}
    cut = groups(order, work, workers)
    moves = shifts(cut, load, catalogues, 40)
    assert all(move.lang != order[0] for move in moves)  # the source stays in the first group
    for at in range(max(catalogues.values()) + 1):
        rank = {lang: at for lang in order if at < catalogues[lang]}
        found = video_groups(cut, moves, rank, catalogues)
        assert [lang for group in found for lang in group] == order
        assert len(found) == len(cut)
    # the model's costliest group after the shifts is no costlier than before
    after = [sum(work[lang] for lang in group) for group in cut]
    after[0] += PER_VIDEO_FIRST * 40
    before = max(after)
    for move in moves:
        moved = PER_CATALOGUE * move.count
        give, take = (move.boundary, move.boundary + 1)[:: 1 if move.right else -1]
        after[give] -= moved
        after[take] += moved + load[move.lang]
    assert max(after) <= before + 1e-9


def test_a_first_run_with_a_language_shared_by_two_groups_gives_the_one_process_report(
    corpus, cold, monkeypatch
):
    """Catalogues and videos made costly to check, so that the first group (which also
    checks each video's source track) would hand the last videos' French to the next
    group: French becomes the part both processes share out as they finish their own
    (lang_split.take), and the report is the one one process gives."""
    if find("eu") is None or find("fr") is None:
        pytest.skip(spell_dict.missing_note("eu"))
    project = Project.load(corpus)

    def french_lookups() -> int:
        return sum(s.lookups for (b, _), s in spell_dict._SPELLERS.items() if b == find("fr"))

    cold("alone")
    alone = check_paths([], project, workers=1)
    all_french = french_lookups()
    monkeypatch.setattr(lang_split, "PER_CATALOGUE", 0.3)
    monkeypatch.setattr(lang_split, "PER_VIDEO_FIRST", 0.5)
    cold("shared")
    shared = check_paths([], project, workers=2)
    assert shape(shared) == shape(alone)
    # this process checked the French of the first videos only (the worker the rest; how
    # many each takes depends on which finishes its own parts first)
    assert french_lookups() <= all_french


@given(st.integers(0, 30), st.lists(st.booleans(), max_size=80))
def test_the_shared_parts_are_each_taken_once_from_both_ends(videos, turns):
    # the two processes asking in any interleaving (True: the first process), each going on
    # until it is refused: every video's shared part is taken exactly once, the first
    # process's from the first video on, the worker's from the last back
    marks = multiprocessing.Array("i", [0, videos])
    first = iter(range(videos))
    back = iter(range(videos - 1, -1, -1))
    taken: dict[int, bool] = {}
    going = {True: True, False: True}
    for side in [*turns, *[True] * (videos + 1), *[False] * (videos + 1)]:
        if not going[side]:
            continue
        at = next(first if side else back, None)
        if at is None or not lang_split.take(marks, at, side):
            going[side] = False
            continue
        assert at not in taken
        taken[at] = side
    assert sorted(taken) == list(range(videos))
    sides = [taken[at] for at in range(videos)]
    assert sides == sorted(sides, reverse=True)  # the first process's, then the worker's


SHARED = [
    # (the cut, the shift's language, loads, the language the two groups share out)
    ([["en", "eu", "fr"], ["el", "es"]], "fr", {"fr": 0.2, "el": 0.6}, "fr"),
    ([["en", "eu", "fr"], ["el", "es"]], None, {"fr": 0.2, "el": 0.6}, "fr"),
    ([["en", "eu", "fr"], ["el", "es"]], None, {"fr": 0.7, "el": 0.6}, "el"),
    ([["en"], ["el", "es"]], None, {"el": 0.6}, "el"),  # never the source
    ([["en", "eu"], ["el"], ["es"]], None, {}, None),  # three groups: shifts, not shared
]


@pytest.mark.parametrize(("cut", "moved", "loads", "expected"), SHARED)
def test_the_shared_language_is_a_boundary_language_not_the_source(cut, moved, loads, expected):
    moves = [lang_split.Shift(0, moved, 3, True)] if moved else []
    assert lang_split.shared_language(cut, moves, loads) == expected
