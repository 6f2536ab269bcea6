"""Gates: the runner calls a gated check only on the texts holding one of its literals.

Two properties keep that sound: the joined search finds exactly the texts holding a literal,
and no text a gated check reports on lacks its gate (else the runner would miss a finding).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from check_helpers import context, entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import languages
from pipeline.checks import glossary_checks
from pipeline.checks.config import ChecksConfig
from pipeline.checks.gates import SEPARATOR, Gate, Texts
from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import CheckContext, CheckSpec, Problem, load_all
from pipeline.checks.runner import Runner

GATED = sorted((spec for spec in load_all().values() if spec.gate), key=lambda s: s.id)

# Texts built from what the checks look for: marks, spaces, quotes, dashes, brackets, digits,
# tags, links, letters of our languages (cedillas, Greek) and line breaks.
_PIECES = [
    *"aAeéşţŞŢșțΑαάbBxX0123456789 \n\t.,;:!?¿¡…-‐–—()[]{}<>@/«»\"“”„‟'’%",
    "\u00a0",
    "\u202f",
    "\u200b",
    "a\u202f b",
    "a \u00a0b",
    "...",
    "  ",
    "?.",
    "!.",
    "www.",
    "WWW.",
    "https://",
    "a@b.eu",
    "<i>",
    "</i>",
    "{\\an8}",
    "word",
    "de",
    "nous",
    "N.B.E.",
    "14%",
    "6 km",
    "2.500",
    "1 000",
    "- ",
]
# Short texts (a mark or two among letters) as often as long ones: a text holding one mark of
# a gate and none of its others is the case a missing literal would let through.
_TEXT = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=3),
    st.lists(st.sampled_from(_PIECES), max_size=14),
).map("".join)


@pytest.mark.parametrize("spec", GATED, ids=lambda s: s.id)
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=_TEXT, target=_TEXT, data=st.data())
def test_no_text_a_gated_check_reports_on_lacks_its_gate(
    spec: CheckSpec, source: str, target: str, data: st.DataObject
) -> None:
    langs = sorted(spec.langs or languages.LANGUAGES)
    lang = data.draw(st.sampled_from(langs))
    unit = entry(lang, target, source)
    assert spec.gate is not None
    if list(spec.func(unit, context())):
        assert Texts([unit]).holding(spec.gate) == {0}


# A text each gated check reports (so the property above is not vacuous for any of them).
REPORTED = [
    ("ellipsis-character", "fr", "", "Attendez..."),
    ("double-space", "pl", "", "dwa  razy"),
    ("period-after-mark", "es", "", "¿De verdad?."),
    ("comma-below", "ro", "", "Aşa"),
    ("quote-style", "pl", "", 'Mówi "tak"'),
    ("dialogue-dash", "fr", "", "– Oui.\n– Non."),
    ("style-tags", "el", "", "<font color=red>Ναι</font>"),
    ("bracket-mismatch", "es", "The (public) buyer.", "El (comprador público."),
    ("link-mismatch", "pt-PT", "See https://ted.europa.eu.", "Ver o portal."),
    ("nbsp-punctuation", "fr", "", "Vraiment ?"),
    ("guillemet-spacing", "fr", "", "Il dit «oui»."),
    ("semicolon", "es", "", "Uno; dos."),
    ("greek-question-mark", "el", "", "Αλήθεια?"),
    ("ellipsis-spacing", "nl-BE", "", "en dan …"),
    ("repeated-word", "pl", "", "To jest jest dobre."),
    ("invisible-character", "ro", "", "Achiziții\u200bpublice"),
    ("space-before-punctuation", "es", "", "Sí , claro."),
]


@pytest.mark.parametrize(("check", "lang", "source", "target"), REPORTED)
def test_the_gate_lets_through_what_the_check_reports(
    check: str, lang: str, source: str, target: str
) -> None:
    spec = load_all()[check]
    unit = entry(lang, target, source or "Some English text.")
    assert list(spec.func(unit, context()))
    assert spec.gate is not None and Texts([unit]).holding(spec.gate) == {0}


def test_every_gated_check_has_a_case_it_reports() -> None:
    assert {case[0] for case in REPORTED} == {spec.id for spec in GATED}


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(_TEXT, max_size=12),
    literals=st.lists(st.sampled_from([p for p in _PIECES if p.strip()]), min_size=1, max_size=4),
)
def test_the_joined_search_finds_exactly_the_texts_holding_a_literal(
    texts: list[str], literals: list[str]
) -> None:
    units = [entry("fr", text, source="") for text in texts]
    found = Texts(units).holding(Gate.of(literals))
    assert found == {at for at, text in enumerate(texts) if any(lit in text for lit in literals)}


@settings(max_examples=200, deadline=None)
@given(sources=st.lists(_TEXT, min_size=1, max_size=8), data=st.data())
def test_a_source_gate_also_looks_in_the_source_texts(
    sources: list[str], data: st.DataObject
) -> None:
    targets = data.draw(st.lists(_TEXT, min_size=len(sources), max_size=len(sources)))
    units = [entry("es", t, s) for s, t in zip(sources, targets, strict=True)]
    found = Texts(units).holding(Gate.of("()[]", source=True))
    expected = {at for at, u in enumerate(units) if any(c in u.source + u.target for c in "()[]")}
    assert found == expected
    assert Texts(units).holding(Gate.of("()[]")) == {
        at for at, u in enumerate(units) if any(c in u.target for c in "()[]")
    }


PATTERNED = [spec for spec in GATED if spec.gate is not None and spec.gate.pattern is not None]


@pytest.mark.parametrize("spec", PATTERNED, ids=lambda s: s.id)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXT, max_size=12))
def test_a_pattern_finds_in_the_joined_texts_the_texts_it_finds_one_by_one(
    spec: CheckSpec, texts: list[str]
) -> None:
    gate = spec.gate
    assert gate is not None and gate.pattern is not None
    units = [entry("fr", text, source="") for text in texts]
    expected = {at for at, text in enumerate(texts) if gate.pattern.search(text)}
    if any(SEPARATOR in text for text in texts):
        expected = set(range(len(texts)))
    assert Texts(units).holding(gate) == expected


def test_the_checks_with_a_pattern_gate() -> None:
    assert {spec.id for spec in PATTERNED} >= {
        "repeated-word",
        "invisible-character",
        "space-before-punctuation",
    }


def test_a_pattern_match_taking_in_a_separator_lets_every_text_through() -> None:
    units = [entry("fr", text, source="") for text in ("no", "xa", "bx", "plain")]
    assert Texts(units).holding(Gate.of(re.compile("a.b"))) == {0, 1, 2, 3}
    assert Texts(units).holding(Gate.of(re.compile("x[ab]"))) == {1}


@pytest.mark.parametrize(
    "gate",
    [
        lambda: Gate(("a",), pattern=re.compile("a")),
        lambda: Gate((), pattern=re.compile("[\x00-\x1f]")),
    ],
)
def test_a_pattern_gate_has_no_literals_and_never_matches_the_separator(gate) -> None:
    with pytest.raises(ValueError, match="pattern gate"):
        gate()


@pytest.mark.parametrize("literals", [(), ("",), (f"a{SEPARATOR}b",)])
def test_a_gate_needs_literals_that_cannot_span_two_texts(literals: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="gate"):
        Gate(literals)


@pytest.mark.parametrize("source", [False, True])
def test_a_text_holding_the_separator_itself_lets_every_text_through(source: bool) -> None:
    """Positions are counted in separators: a text holding one would shift the rest, so
    then every text of the file is checked (invisible-character reports the character)."""
    units = [entry("fr", "a", source=f"x{SEPARATOR}"), entry("fr", f"b{SEPARATOR}...", source="")]
    units = units if source else units[::-1]
    assert Texts(units).holding(Gate.of(("...",), source=source)) == {0, 1}
    assert Texts(units[1:]).holding(Gate.of(("...",), source=source)) == (
        {0} if "..." in units[1].target else set()
    )


# --- the runner's batch: every check over a file's new texts, one check at a time -------------

_GLOSSARY = Path(__file__).parents[2] / "glossary" / "procurement.csv"
# Words the glossary knows (approved and forbidden, several languages), among the rest.
_TERMS = [
    "contracting authority",
    "the public procurement ",
    "tender",
    "autoridad contratante",
    "licitación",
    "aanbestedende overheid",
    "autoritatea contractantă",
    "instytucja zamawiająca",
    "αναθέτουσα αρχή",
    "pouvoir adjudicateur",
    "aanbestedende dienst",
    "inschrijving",
    "δημόσιες προμήθειες",
    "podmiot gospodarczy",
]
_BATCH_TEXT = st.lists(st.sampled_from(_PIECES + _TERMS), max_size=10).map("".join)


def _runner() -> Runner:
    return Runner(None, ChecksConfig.from_raw(None), _GLOSSARY)


def _problems(found: Iterable[tuple[CheckSpec, Problem]]) -> Counter[tuple[object, ...]]:
    return Counter((s.id, p.message, p.line, p.concept, p.severity) for s, p in found)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lang=st.sampled_from(sorted(languages.LANGUAGES)),
    texts=st.lists(st.tuples(_BATCH_TEXT, _BATCH_TEXT, st.booleans()), min_size=1, max_size=12),
)
def test_a_batch_finds_what_each_check_finds_on_each_text(
    lang: str, texts: list[tuple[str, str, bool]]
) -> None:
    """The runner calls one check after the other over all the new texts of a file (gated
    ones only where their gate holds); each text gets exactly what calling every check on it,
    one text at a time, gives."""
    runner, alone = _runner(), _runner()
    is_source = lang == languages.SOURCE
    specs = runner.dispatch.checks("entry", lang, is_source)
    units = [entry(lang, target, source, fuzzy=fuzzy) for source, target, fuzzy in texts]
    batch = runner._check_fresh(specs, units)
    assert len(batch) == len(units)
    for unit, found in zip(units, batch, strict=True):
        one_by_one = [(spec, p) for spec in specs for p in spec.func(unit, alone.ctx)]
        assert _problems(found) == _problems(one_by_one)


class _CountedReviews(dict[tuple[str, str, str], list[object]]):
    """The run's review cache, counting the reviews put into it (one per review made).

    Observed through the cache (plain data the runner is handed), not by patching: a
    compiled build binds the review function at build time (docs/developing.md, "Compiled
    modules")."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[str] = []

    def __setitem__(self, key: tuple[str, str, str], value: list[object]) -> None:
        self.made.append(key[2])
        super().__setitem__(key, value)


def test_both_glossary_checks_share_one_review_per_text() -> None:
    runner = _runner()
    reviews = runner.ctx.cache[glossary_checks._REVIEW] = _CountedReviews()
    specs = [spec for spec in runner.dispatch.checks("entry", "es", False) if "glossary" in spec.id]
    assert len(specs) == 2
    targets = [f"La licitación {n}." for n in range(50)]
    units = [
        entry("es", t, "The public procurement of the contracting authority.") for t in targets
    ]
    found = runner._check_fresh(specs, units)
    assert reviews.made == targets  # once each, though both checks asked about every one
    assert all(any(s.id == "glossary-missing" for s, _ in pairs) for pairs in found)


def test_each_new_text_is_checked_once_and_every_unit_gets_its_findings() -> None:
    """`_memoised`: texts seen before come from the memo, new ones are checked once each
    (the first unit with the text), and every unit, repeated or not, gets what was found."""
    runner = _runner()
    plan = runner.dispatch.entry_plan("fr", False)
    [(memo, specs, cache)] = plan.memos
    checked: list[str] = []
    # An ungated check, counted: the runner calls it on every text it checks.
    at, ungated = next((n, spec) for n, spec in enumerate(specs) if spec.gate is None)

    def counted(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
        checked.append(unit.target)
        return ungated.func(unit, ctx)

    u = ungated  # the same spec but for its function
    counting = CheckSpec(
        u.id, u.scope, u.severity, u.summary, counted, u.langs, u.source, u.memo, u.gather,
        u.prepare, u.gate,
    )  # fmt: skip
    specs = [*specs[:at], counting, *specs[at + 1 :]]
    texts = ["Attendez...", "Oui.", "Attendez...", "Vraiment ?", "Oui.", "Attendez..."]
    units = [entry("fr", t, line=n) for n, t in enumerate(texts, start=1)]
    first = runner._memoised(memo, specs, cache, units)
    assert sorted(checked) == sorted(set(texts))
    again = runner._memoised(memo, specs, cache, [*units, entry("fr", "Non.")])
    assert sorted(checked) == sorted({*texts, "Non."})  # only the new text
    for found in (first, again[: len(units)]):
        ids = [{spec.id for spec, _ in pairs} for pairs in found]
        assert ids[0] == ids[2] == ids[5] and "ellipsis-character" in ids[0]
        assert "nbsp-punctuation" in ids[3] and ids[1] == ids[4]
