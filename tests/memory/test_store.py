"""The memory's index finds every near match a full scan finds; its cache follows the files."""

from __future__ import annotations

from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from pipeline.memory.model import tokens
from pipeline.memory.settings import MemorySettings
from pipeline.memory.store import Memory, load_memory
from pipeline.project import Project
from tests.memory.helpers import SHARED, SLUG, example_copy

WORDS = ["the", "a", "contract", "notice", "tender", "buys", "city", "school", ",", ".", "?"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=9).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=25, unique=True), sentence, st.integers(50, 100))
def test_the_index_misses_no_near_match(sources: list[str], query: str, threshold: int) -> None:
    memory = Memory("pl")
    for number, source in enumerate(sources):
        memory.add(source, f"t{number}", [f"v{number}/pl.po"])
    found = memory.near(query, threshold, limit=len(sources))
    scores = {
        source: Indel.normalized_similarity(tokens(query), tokens(source)) * 100
        for source in sources
        if source != query
    }
    expected = {s for s, score in scores.items() if score >= threshold - 1e-9}
    assert {m.unit.source for m in found} == expected
    for match in found:
        assert abs(match.score - scores[match.unit.source]) < 1e-9
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_the_translation_most_videos_agree_on_wins() -> None:
    memory = Memory("pl")
    memory.add("Hello.", "Cześć.", ["a/pl.po"])
    memory.add("Hello.", "Dzień dobry.", ["b/pl.po"])
    memory.add("Hello.", "Dzień dobry.", ["c/pl.po"])
    best = memory.exact("Hello.")
    assert best is not None and best.unit.target == "Dzień dobry."
    assert best.describe() == "b/pl.po (+1 more)"
    alone = memory.exact("Hello.", exclude="b/pl.po")
    assert alone is not None and alone.unit.target == "Cześć."  # a tie: the first found


def test_the_cache_follows_every_change_of_a_catalogue(tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    project = Project.load(root)
    first = load_memory(project, "pl", MemorySettings())
    assert (root / ".msm-cache" / "memory-pl.bin").is_file()
    path = root / "subtitles" / SLUG / "pl.po"
    po = polib.pofile(str(path))
    po.find(SHARED[0]).msgstr = "Czym jest zamówienie publiczne?"  # a translator's fix
    po.save()
    second = load_memory(project, "pl", MemorySettings())
    found = second.exact(SHARED[0])
    assert found is not None and found.unit.target == "Czym jest zamówienie publiczne?"
    assert len(second) == len(first)
    path.unlink()  # the catalogue removed: nothing of it stays in the memory
    assert len(load_memory(project, "pl", MemorySettings())) == 0
    (root / ".msm-cache" / "memory-pl.bin").write_bytes(b"\x00 not marshal")  # broken cache
    po.save(str(path))
    again = load_memory(project, "pl", MemorySettings())
    assert len(again) == len(first)


def test_a_catalogue_linked_from_outside_the_project_is_not_read(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "project")
    outside = tmp_path / "secret.po"
    outside.write_text('msgid "Secret?"\nmsgstr "Sekret!"\n', encoding="utf-8")
    second = root / "subtitles" / "second"
    (second / "pl.po").symlink_to(outside)
    memory = load_memory(Project.load(root), "pl", MemorySettings())
    assert memory.exact("Secret?") is None
    assert any("outside the project" in p.message for p in memory.problems)


def test_a_broken_memory_file_is_reported_every_time_not_cached_over(tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    folder = root / "glossary" / "memory"
    folder.mkdir(parents=True)
    (folder / "pl.tmx").write_text("<tmx><body><tu>", encoding="utf-8")
    project = Project.load(root)
    for _ in range(2):
        memory = load_memory(project, "pl", MemorySettings())
        assert [p.code for p in memory.problems] == ["tmx"]
        assert "not well-formed XML" in memory.problems[0].message
        assert memory.exact(SHARED[0]) is not None  # the catalogues still teach


def test_a_near_match_of_exactly_the_threshold_is_found() -> None:
    memory = Memory("pl")
    memory.add("the the", "t", ["v/pl.po"])  # 2 words of 3 shared: 2·2/(3+2) = 80 %
    found = memory.near("the the the", 80)
    assert [(m.unit.source, round(m.score, 6)) for m in found] == [("the the", 80.0)]
