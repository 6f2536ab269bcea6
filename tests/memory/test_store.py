"""The memory's index finds every near match a full scan finds; its cache follows the files."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from pipeline.errors import MsmError
from pipeline.memory import parallel
from pipeline.memory.model import tokens
from pipeline.memory.po_pairs import Fields
from pipeline.memory.settings import MemorySettings
from pipeline.memory.store import Memory, coded_sources, load_memory
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


# --- catalogues kept as read answer as the same pairs added one by one ----------------------

pair = st.tuples(sentence, st.sampled_from(["t1", "t2", "t3"]), st.sampled_from([0, 1, 1, 2]))
catalogue = st.lists(pair, max_size=8)  # a source may come twice (two contexts)


def as_fields(pairs: list[tuple[str, str, int]]) -> Fields:
    """A catalogue's pairs as po_fields gives them (flag 0: no translation, 1, 2: fuzzy)."""
    return (
        "\x00",
        "\x00".join(s for s, _, _ in pairs).encode(),
        "\x00".join(t for _, t, _ in pairs).encode(),
        bytes(flag for _, _, flag in pairs),
    )


def memories(catalogues: list[list[tuple[str, str, int]]], drafts: bool) -> tuple[Memory, Memory]:
    kept, plain = Memory("pl"), Memory("pl")
    for number, pairs in enumerate(catalogues):
        kept.add_catalogue(as_fields(pairs), f"v{number}/pl.po", drafts)
        for source, target, flag in pairs:
            if flag == 1 or (flag == 2 and drafts):
                plain.add(source, target, [f"v{number}/pl.po"])
    return kept, plain


def answers(memory: Memory, queries: list[str], exclude: str) -> list[object]:
    return [
        (memory.exact(q, exclude), memory.near(q, 60, exclude, limit=3), memory.lookup(q, 60))
        for q in queries
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(catalogue, max_size=6),
    st.lists(sentence, max_size=4),
    st.booleans(),
    st.sampled_from(["", "v0/pl.po", "v1/pl.po"]),
)
def test_catalogues_kept_as_read_answer_as_pairs_added_one_by_one(
    catalogues: list[list[tuple[str, str, int]]], queries: list[str], drafts: bool, exclude: str
) -> None:
    queries += [s for pairs in catalogues for s, _, _ in pairs][:4]
    kept, plain = memories(catalogues, drafts)
    assert answers(kept, queries, exclude) == answers(plain, queries, exclude)
    prepared, _ = memories(catalogues, drafts)
    prepared.prepare(queries, 60, exclude)  # what `fill` does first
    assert answers(prepared, queries, exclude) == answers(plain, queries, exclude)
    assert kept.units == plain.units and len(kept) == len(plain)


spaced = st.text(
    st.sampled_from([*"aAßİΣς.,-'’ \t\n\u00a0\u2028\x01\x1cﬁ", "ǅ", "x", "1", "€", "🙂"]),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(spaced, max_size=8))
def test_sources_coded_at_once_are_each_one_tokens(sources: list[str]) -> None:
    joined, vocabulary = coded_sources(sources)
    coded = joined.split("\x01") if sources else []
    words = {char: word for word, char in vocabulary.items()}
    assert [[words[c] for c in text] for text in coded] == [tokens(s) for s in sources]


def test_a_broken_catalogue_read_by_the_second_process_is_reported_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_copy(tmp_path)
    (root / "subtitles" / "second" / "pl.po").write_text('msgid "a"\nmsgstr "b"\nmsgid\n', "utf-8")
    project = Project.load(root)
    alone = load_memory(project, "pl", MemorySettings(), cache=False)
    assert len(alone.problems) == 1 and "second/pl.po" in alone.problems[0].path
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    two = load_memory(project, "pl", MemorySettings(), cache=False)
    assert two.problems == alone.problems and two.units == alone.units


@pytest.mark.parametrize("sources", [["a b", "c d"], ["a b", "c \x01d"]])  # at once, one by one
def test_more_words_than_characters_to_code_them_is_an_error_not_a_crash(
    sources: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.memory import store

    monkeypatch.setattr(store, "_MAX_WORDS", 3)
    with pytest.raises(MsmError, match="more than 3 different words"):
        coded_sources(sources)
    assert coded_sources(sources[:1])[1] == {"a": "\u0100", "b": "\u0101"}


def test_a_source_added_after_a_lookup_is_found_by_the_next() -> None:
    memory = Memory("pl")
    memory.add("the city buys buses", "a", ["v1/pl.po"])
    memory.prepare(["the city buys trams"], 60)
    assert [m.unit.target for m in memory.near("the city buys trams", 60, limit=5)] == ["a"]
    memory.add("the city buys trams now", "b", ["v2/pl.po"])
    memory.add_catalogue(("\x00", b"the city buys new trams", b"c", b"\x01"), "v3/pl.po", False)
    found = memory.near("the city buys trams", 60, limit=5)
    assert sorted(m.unit.target for m in found) == ["a", "b", "c"]
