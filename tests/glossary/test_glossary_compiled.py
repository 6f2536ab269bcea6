"""The compiled glossary: saved once, loaded after; a loaded matcher finds exactly what a
freshly built one finds, and a changed or damaged cache is never trusted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, GLOSSARY

from pipeline.glossary import Matcher, load_termbase, review
from pipeline.glossary import compiled as compiled_mod
from pipeline.glossary import matcher as matcher_mod
from pipeline.glossary.compiled import PREFIX, load_matcher

CASES = [
    (path.stem, case["source"], case["target"])
    for path in sorted((DATA / "acceptance").glob("*.json"))
    for case in json.loads(path.read_text(encoding="utf-8"))
]


def found(matcher: Matcher, text: str, lang: str) -> list[tuple]:
    return [(m.concept, m.term, m.start, m.end, m.text, m.how) for m in matcher.find(text, lang)]


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    shutil.copy(GLOSSARY, path)
    return path


def test_a_loaded_glossary_finds_what_a_built_one_finds(glossary: Path, tmp_path: Path):
    cache = tmp_path / "cache"
    built = Matcher(load_termbase(glossary))
    first = load_matcher(glossary, cache)  # builds and saves
    (saved,) = cache.glob(f"{PREFIX}*.bin")
    loaded = load_matcher(glossary, cache)  # loads
    assert loaded._termbase is None  # really from the cache: concepts built on demand
    for lang, source, target in CASES:
        assert found(loaded, target, lang) == found(built, target, lang)
        assert found(loaded, source, "en") == found(built, source, "en")
        assert review(loaded, source, target, lang) == review(built, source, target, lang)
        assert review(first, source, target, lang) == review(built, source, target, lang)
    assert loaded.termbase == built.termbase
    assert saved.is_file()


def test_a_loaded_glossary_screens_with_the_saved_screens(
    glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The forbidden-term screens are saved as pattern text and starts, and a loaded matcher
    compiles those instead of building its own; they say what a built matcher's say."""
    cache = tmp_path / "cache"
    built = Matcher(load_termbase(glossary))
    for lang, _source, target in CASES:
        built.may_hold_forbidden(target, lang)  # its own screens, built now
    expected = built.saved_screens()
    load_matcher(glossary, cache)
    loaded = load_matcher(glossary, cache)

    def unbuildable(char: str) -> str:
        raise AssertionError("a loaded glossary builds no screen")

    monkeypatch.setattr(matcher_mod, "written_forms", unbuildable)
    specs = loaded._screen_specs
    assert specs and specs == expected
    assert any(not isinstance(spec, bool) for spec in specs.values())
    for lang, _source, target in CASES:
        assert loaded.may_hold_forbidden(target, lang) == built.may_hold_forbidden(target, lang)
    for code, spec in specs.items():
        screen = loaded._screens.get(code)
        if screen is not None and not isinstance(spec, bool):
            assert not isinstance(screen, bool) and screen[0].pattern == spec[0]


def test_the_cache_is_used_without_reading_the_csv(glossary, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    load_matcher(glossary, cache)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the term base was parsed again")

    monkeypatch.setattr(compiled_mod, "parse_termbase", refuse)
    matcher = load_matcher(glossary, cache)
    assert [m.concept for m in matcher.find("the contracting authority", "en")] == [
        "contracting_authority"
    ]


def test_a_changed_glossary_is_compiled_again_and_the_old_file_removed(glossary, tmp_path):
    cache = tmp_path / "cache"
    load_matcher(glossary, cache)
    (old,) = cache.glob(f"{PREFIX}*.bin")
    with glossary.open("a", encoding="utf-8") as out:
        out.write("bench_new,en,quantum tender,preferred,,,,\n")
    matcher = load_matcher(glossary, cache)
    assert [m.concept for m in matcher.find("A quantum tender.", "en")] == ["bench_new"]
    (new,) = cache.glob(f"{PREFIX}*.bin")
    assert new != old and not old.exists()


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe9" * 40])
def test_a_damaged_cache_is_rebuilt(glossary, tmp_path, damage):
    cache = tmp_path / "cache"
    load_matcher(glossary, cache)
    (saved,) = cache.glob(f"{PREFIX}*.bin")
    saved.write_bytes(damage)
    matcher = load_matcher(glossary, cache)
    assert matcher.find("poder adjudicador", "es")[0].concept == "contracting_authority"
    assert saved.read_bytes() != damage  # written again


def test_an_unwritable_cache_folder_still_checks(glossary, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    matcher = load_matcher(glossary, blocker / "cache")
    assert matcher.find("instytucji zamawiającej", "pl")[0].concept == "contracting_authority"


def test_prepare_builds_every_language_in_full(glossary):
    matcher = Matcher(load_termbase(glossary))
    matcher.prepare()
    indexes = matcher._indexes
    assert set(indexes) == set(matcher.termbase.languages)
    assert all(
        index.stems[wid] is not None
        for index in indexes.values()
        for wids in index.by_head.values()
        for wid in wids
    )


def test_a_loaded_glossary_reads_only_the_languages_it_is_asked_about(glossary, tmp_path):
    # each language's index is marshalled apart: a one-track run unmarshals two of nine
    cache = tmp_path / "cache"
    load_matcher(glossary, cache)
    loaded = load_matcher(glossary, cache)
    langs = set(loaded._saved)
    assert len(langs) > 2 and all(type(index) is bytes for index in loaded._saved.values())
    review(loaded, "The contracting authority.", "Instytucja zamawiająca.", "pl")
    assert set(loaded._saved) == langs - {"pl", "en"}
    assert set(loaded._indexes) == {"pl", "en"}


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe9" * 40, b"\xe9\x01\x00\x00\x00"])
def test_a_damaged_language_is_built_from_the_concepts(glossary, tmp_path, damage):
    import marshal

    cache = tmp_path / "cache"
    built = Matcher(load_termbase(glossary))
    load_matcher(glossary, cache)
    (saved,) = cache.glob(f"{PREFIX}*.bin")
    raw, indexes, screens = marshal.loads(saved.read_bytes())
    saved.write_bytes(marshal.dumps((raw, {**indexes, "pl": damage}, screens)))
    loaded = load_matcher(glossary, cache)
    for lang, source, target in CASES:
        assert found(loaded, target, lang) == found(built, target, lang)
        assert review(loaded, source, target, lang) == review(built, source, target, lang)


def test_terms_remade_from_a_compiled_glossary_are_the_terms_made_anew(glossary, tmp_path):
    # a loaded glossary's terms are remade without cleaning their (clean) fields again
    cache = tmp_path / "cache"
    built = Matcher(load_termbase(glossary))
    load_matcher(glossary, cache)
    loaded = load_matcher(glossary, cache)
    pairs = list(zip(loaded.termbase.concepts, built.termbase.concepts, strict=True))
    for remade, made in pairs:
        assert vars(remade) == vars(made) | {"line": made.line, "note_stated": True}
        for a, b in zip(remade.terms, made.terms, strict=True):
            assert vars(a) == vars(b) | {"stated": None}
            assert repr(a) == repr(b) and hash(a) == hash(b)


def test_the_control_characters_a_note_loses_are_all_unprintable():
    # clean_note and text_problem skip the pattern for a printable text (most of them)
    from pipeline.glossary import model

    pattern = model._control()
    assert all(not chr(c).isprintable() for c in range(0x110000) if pattern.match(chr(c)))
    for text in ["a\u202eb", "tab\there", "x\x85y", " plain  note ", "ok\ufffe"]:
        assert model.clean_note(text) == model.clean_text(pattern.sub(" ", text))
    assert model.text_problem("a\u202eb") == "bidirectional control U+202E in term"
    assert model.text_problem("plain") is None
