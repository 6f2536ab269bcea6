"""Table tests for the translation-state checks."""

from __future__ import annotations

import pytest
from check_helpers import cues, entry, run, track
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.model import CatalogUnit, CommittedFile, EntryUnit, ProjectUnit
from pipeline.tracks.srt_io import compose_srt


@pytest.mark.parametrize(
    ("target", "kw", "expected"),
    [
        ("", {}, 1),
        ("  ", {}, 1),
        ("Tłumaczenie.", {}, 0),
        ("", {"from_po": False}, 0),  # a cue of a loose SRT is never "untranslated"
    ],
)
def test_untranslated(target, kw, expected):
    assert len(run("untranslated", entry("pl", target, **kw))) == expected


@pytest.mark.parametrize(
    ("target", "fuzzy", "expected"), [("Szkic.", True, 1), ("Szkic.", False, 0), ("", True, 0)]
)
def test_fuzzy(target, fuzzy, expected):
    assert len(run("fuzzy", entry("pl", target, fuzzy=fuzzy))) == expected


def test_obsolete_points_at_each_entry():
    old = [entry("pl", "Stary.", obsolete=True, line=n) for n in (40, 44)]
    problems = run("obsolete", CatalogUnit("x.po", "pl", [], old))
    assert [p.entry.line for p in problems] == [40, 44]


@pytest.mark.parametrize(
    ("source", "target", "kw", "expected"),
    [
        ("Public procurement matters.", "Public procurement matters.", {}, 1),
        ("Public procurement\nmatters.", "Public procurement matters.", {}, 1),  # line breaks
        ("Public procurement matters.", "Zamówienia publiczne mają znaczenie.", {}, 0),
        ("Making Spend Matter", "Making Spend Matter", {}, 0),  # a name
        ("EU ESPD", "EU ESPD", {}, 0),  # acronyms
        ("OK.", "OK.", {}, 0),  # one word
        ("2024", "2024", {}, 0),
        ("See https://example.org now", "See https://example.org now", {}, 0),
        ("Public procurement matters.", "Public procurement matters.", {"fuzzy": True}, 0),
        ("Public procurement matters.", "", {}, 0),
    ],
)
def test_identical_to_source(source, target, kw, expected):
    unit = entry("pl", target, source=source, **kw)
    assert len(run("identical-to-source", unit)) == expected


_SPACING = st.sampled_from([" ", "  ", "\n", "\u00a0", "\t", " \n"])
_AROUND = st.sampled_from(["", " ", "\n", "<i>", "{\\an8}", "<i> ", " <b>"])


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(["public", "procurement", "ça", "zamówienia"]), min_size=2),
    data=st.data(),
)
def test_texts_differing_only_in_spacing_and_markup_are_always_identical(
    words: list[str], data: st.DataObject
) -> None:
    """The quick test (different first characters shown: not identical) never hides one."""

    def written() -> str:
        gaps = data.draw(st.lists(_SPACING, min_size=len(words) - 1, max_size=len(words) - 1))
        body = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:], strict=True))
        return data.draw(_AROUND) + body + data.draw(_AROUND)

    assert len(run("identical-to-source", entry("pl", written(), source=written()))) == 1


@pytest.mark.parametrize(
    ("accepted", "expected"),
    [
        (frozenset(), 0),
        (frozenset({"cps-max"}), 0),
        (frozenset({"cps-max:concept"}), 0),
        (frozenset({"cps-maxx"}), 1),
        (frozenset({"cps-max", "nope-nope"}), 1),
    ],
)
def test_accept_unknown(accepted, expected):
    problems = run("accept-unknown", entry("pl", "Tak.", accepted=accepted))
    assert len(problems) == expected
    if accepted == {"cps-maxx"}:
        assert "did you mean 'cps-max'" in problems[0].message


def _catalog(path, lang, pairs):
    units = [
        EntryUnit(path, n * 10, lang, src, tgt, context=ctx)
        for n, (src, tgt, ctx) in enumerate(pairs, 1)
    ]
    return CatalogUnit(path, lang, units)


def test_inconsistent_translation_majority_and_ties():
    a = _catalog("a/fr.po", "fr", [("Thanks!", "Merci !", None), ("Yes.", "Oui.", None)])
    b = _catalog("b/fr.po", "fr", [("Thanks!", "Merci !", None), ("Yes.", "Si.", None)])
    c = _catalog("c/fr.po", "fr", [("Thanks!", "Grand merci !", None)])
    problems = run("inconsistent-translation", ProjectUnit([a, b, c]))
    flagged = sorted((p.entry.path, p.entry.source) for p in problems)
    # "Thanks!": 2 against 1, only the odd one out; "Yes.": a tie, both point at each other.
    assert flagged == [("a/fr.po", "Yes."), ("b/fr.po", "Yes."), ("c/fr.po", "Thanks!")]
    odd = next(p for p in problems if p.entry.path == "c/fr.po")
    assert "a/fr.po:10" in odd.message


def test_inconsistent_translation_ignores_contexts_languages_and_layout():
    a = _catalog("a/fr.po", "fr", [("Thanks!", "Merci !", None), ("Yes.", "Oui.", "menu")])
    b = _catalog("b/fr.po", "fr", [("Thanks!", "Merci\n!", None), ("Yes.", "Si.", None)])
    c = _catalog("c/es.po", "es", [("Thanks!", "¡Gracias!", None)])
    assert run("inconsistent-translation", ProjectUnit([a, b, c])) == []


def test_missing_catalog():
    problems = run("missing-catalog", ProjectUnit([], [("v/pl.po", "pl"), ("v/ro.po", "ro")]))
    assert [(p.path, p.lang) for p in problems] == [("v/pl.po", "pl"), ("v/ro.po", "ro")]


def _built(committed=(), items=None, gaps=()):
    items = cues((1000, 3000, "Raz."), (3080, 5000, "Dwa.")) if items is None else items
    return track("pl", items, built_from_po=True, committed=committed, gaps=gaps)


def test_stale_build():
    items = cues((1000, 3000, "Raz."), (3080, 5000, "Dwa."))
    fresh = compose_srt(items).encode()
    stale = fresh.replace(b"Dwa.", b"Trzy.")
    assert run("stale-build", _built([CommittedFile("v/pl.srt", "srt", fresh)])) == []
    [problem] = run("stale-build", _built([CommittedFile("v/pl.srt", "srt", stale)]))
    assert (problem.path, problem.line, problem.cue) == ("v/pl.srt", 7, 2)
    [gone] = run("stale-build", _built([CommittedFile("v/pl.srt", "srt", fresh)], items=[]))
    assert "would not write" in gone.message
    assert run("stale-build", track("pl", items)) == []  # not built from a PO


def test_stale_build_compares_vtt_too():
    from pipeline.tracks.vtt_io import compose_vtt

    items = cues((1000, 3000, "Raz."))
    good = CommittedFile("v/pl.vtt", "vtt", compose_vtt(items).encode())
    bad = CommittedFile("v/pl.vtt", "vtt", compose_vtt(cues((1000, 3500, "Raz."))).encode())
    assert run("stale-build", _built([good], items)) == []
    assert len(run("stale-build", _built([bad], items))) == 1


def test_po_outdated_and_invalid_translation():
    unit = _built(gaps=[(3, "missing"), (4, "missing"), (5, "invalid: contains '-->'")])
    [outdated] = run("po-outdated", unit)
    assert outdated.cue == 3
    assert "2 source cue(s)" in outdated.message
    [invalid] = run("invalid-translation", unit)
    assert (invalid.cue, invalid.message) == (5, "translation contains '-->'")
    assert run("po-outdated", _built(gaps=[(1, "untranslated"), (2, "fuzzy")])) == []
