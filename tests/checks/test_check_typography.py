"""Table tests for the typography checks: passing and failing cases, per language."""

from __future__ import annotations

import re

import pytest
from check_helpers import cues, entry, run, track
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks import typography
from pipeline.checks.registry import load_all

NB = "\u00a0"
NNB = "\u202f"

# (check, lang, text, problems expected)
CASES = [
    # Romanian comma below
    ("comma-below", "ro", "orașele și țara", 0),
    ("comma-below", "ro", "oraşele", 1),
    ("comma-below", "ro", "ŞI ŢARA", 1),
    ("comma-below", "pl", "oraşele", 0),  # not a Romanian convention elsewhere
    # the ellipsis character
    ("ellipsis-character", "en", "Wait...", 1),
    ("ellipsis-character", "el", "Περίμενε...", 1),
    ("ellipsis-character", "fr", "Attends…", 0),
    ("ellipsis-character", "en", "Wait....", 0),  # four dots: not a plain ellipsis, no guess
    # double spaces
    ("double-space", "en", "two  spaces", 1),
    ("double-space", "en", "one space", 0),
    ("double-space", "en", "line\nnext line", 0),
    ("double-space", "en", "trailing  ", 0),
    ("double-space", "fr", f"mot {NB}!", 1),
    # space before punctuation: an error in English, the rule in French for ; : ! ?
    ("space-before-punctuation", "en", "Really ?", 1),
    ("space-before-punctuation", "en", "Really?", 0),
    ("space-before-punctuation", "fr", "Vraiment ?", 0),  # Subtitle Edit flags this; wrongly
    ("space-before-punctuation", "fr", "mot , autre", 1),
    ("space-before-punctuation", "es", "Hola , amigo", 1),
    ("space-before-punctuation", "el", "Τι ;", 1),
    ("space-before-punctuation", "en", "It costs .5 euro", 0),
    ("space-before-punctuation", "en", "Well ...", 0),
    # a period after ? or !
    ("period-after-mark", "en", "Really?.", 1),
    ("period-after-mark", "es", "¡Hola!.", 1),
    ("period-after-mark", "en", "Really?..", 0),
    ("period-after-mark", "en", "Hi!", 0),
    # French no-break spaces
    ("nbsp-punctuation", "fr", "Vraiment ?", 1),
    ("nbsp-punctuation", "fr", f"Vraiment{NB}?", 0),
    ("nbsp-punctuation", "fr", "Vraiment?", 1),
    ("nbsp-punctuation", "fr", f"Vraiment{NNB}?", 1),
    ("nbsp-punctuation", "fr", "Attention : danger", 1),
    ("nbsp-punctuation", "fr", "Il est 10:30.", 0),
    ("nbsp-punctuation", "fr", "Voir https://example.org", 0),
    ("nbsp-punctuation", "fr", f"Quoi{NB}?!", 0),
    ("nbsp-punctuation", "fr", "?! en début de ligne", 0),
    ("nbsp-punctuation", "pl", "Naprawdę ?", 0),
    ("guillemet-spacing", "fr", f"«{NB}mot{NB}»", 0),
    ("guillemet-spacing", "fr", "« mot »", 1),
    ("guillemet-spacing", "fr", "«mot»", 1),
    ("guillemet-spacing", "fr", f"«{NB}mot »", 1),
    ("guillemet-spacing", "es", "«palabra»", 0),  # Spanish guillemets take no spaces
    # quotation marks
    ("quote-style", "pl", "„słowo”", 0),
    ("quote-style", "pl", '"słowo"', 1),
    ("quote-style", "pl", "“słowo”", 1),
    ("quote-style", "fr", f"«{NB}mot{NB}»", 0),
    ("quote-style", "fr", '"mot"', 1),
    ("quote-style", "fr", "“mot”", 0),  # nested quotes in French
    ("quote-style", "en", '"word"', 0),
    # Spanish semicolons, Greek question marks
    ("semicolon", "es", "Sí; no", 1),
    ("semicolon", "es", "Sí, no", 0),
    ("semicolon", "el", "Τι;", 0),
    ("greek-question-mark", "el", "Τι κάνεις;", 0),
    ("greek-question-mark", "el", "Τι κάνεις\u037e", 0),
    ("greek-question-mark", "el", "Τι κάνεις?", 1),
    ("greek-question-mark", "es", "¿Qué?", 0),
    # Dutch ellipsis
    ("ellipsis-spacing", "nl-BE", "hoe het werkt …", 1),
    ("ellipsis-spacing", "nl-BE", "hoe het werkt…", 0),
    ("ellipsis-spacing", "nl-BE", "… en dan", 1),
    ("ellipsis-spacing", "nl-BE", "…en dan", 0),
    ("ellipsis-spacing", "fr", "comment ça marche …", 0),
    # Portuguese units, Basque acronyms
    ("unit-space", "pt-PT", "até 20%", 1),
    ("unit-space", "pt-PT", "até 20 %", 0),
    ("unit-space", "pt-PT", "6km", 1),
    ("unit-space", "pt-PT", "6 km", 0),
    ("unit-space", "pt-PT", "às 10h30", 0),
    ("unit-space", "pt-PT", "COVID-19", 0),
    ("unit-space", "es", "20%", 0),
    ("acronym-periods", "eu", "N.B.E.", 1),
    ("acronym-periods", "eu", "NBE", 0),
    ("acronym-periods", "eu", "J. K. Rowling", 0),
    ("acronym-periods", "es", "N.B.E.", 0),
    # dialogue dashes
    ("dialogue-dash", "en", "-Yes.\n-No.", 0),
    ("dialogue-dash", "en", "- Yes.\n- No.", 1),
    ("dialogue-dash", "en", "–Yes.\n–No.", 1),
    ("dialogue-dash", "en", "-5% this year", 0),
    ("dialogue-dash", "en", "Well - maybe", 0),
    ("dialogue-dash", "fr", "- Oui.\n- Non.", 0),
    ("dialogue-dash", "fr", "-Oui.\n-Non.", 1),
    ("dialogue-dash", "pl", "- Tak.\n- Nie.", 0),
    ("dialogue-dash", "ro", "-Da.\n-Nu.", 1),
    ("dialogue-dash", "nl-BE", "Ja.\n-Nee.", 0),
    ("dialogue-dash", "nl-BE", "-Ja.\n-Nee.", 1),
    ("dialogue-dash", "nl-BE", "Ja.\n- Nee.", 1),
    ("dialogue-dash", "es", "-Sí.\n-No.", 0),  # no declared style: consistency only
    ("dialogue-dash", "es", "-Sí.\n- No.", 1),
    # markup
    ("style-tags", "en", "Hello", 0),
    ("style-tags", "en", "a < b > c", 0),
    ("style-tags", "en", "<i>Hello</i>", 1),
    ("style-tags", "en", '<font color="red">Hi</font>', 1),
    ("style-tags", "en", "{\\an8}Top", 1),
    # characters nobody sees
    ("invisible-character", "en", "plain text\nsecond line", 0),
    ("invisible-character", "fr", f"mot{NB}!", 0),  # a no-break space is meant
    ("invisible-character", "en", "a\ttab", 1),
    ("invisible-character", "pl", "zamó\u00adwienie", 1),  # soft hyphen from a word processor
    ("invisible-character", "el", "σύμ\u200bβαση", 1),
    ("invisible-character", "ro", "\u202ascris\u202c", 1),  # two places, one problem
    ("invisible-character", "es", "texto\x07", 1),
    ("invisible-character", "en", "\ufeffStart", 1),
    # the same word twice
    ("repeated-word", "en", "the the tender", 1),
    ("repeated-word", "en", "The\nthe tender", 1),  # across the line break, any case
    ("repeated-word", "en", "the theme", 0),
    ("repeated-word", "en", "what we had had", 0),  # correct English
    ("repeated-word", "fr", "nous nous sommes", 0),  # a French reflexive
    ("repeated-word", "fr", "de de la ville", 1),
    ("repeated-word", "nl-BE", "die die offerte", 0),
    ("repeated-word", "pl", "w w mieście", 1),
    ("repeated-word", "el", "της της αρχής", 1),
    ("repeated-word", "en", "10 10 cities", 0),  # numbers are not words
    ("repeated-word", "ro", "și\nși", 1),
]


@pytest.mark.parametrize(("check", "lang", "text", "expected"), CASES)
def test_entry_typography(check, lang, text, expected):
    problems = run(check, entry(lang, text))
    assert len(problems) == expected, [p.message for p in problems]
    spec = load_all()[check]
    if expected and spec.langs is not None:
        assert lang in spec.langs  # the runner would call it for this language


def test_every_typography_check_has_cases():
    covered = {c for c, *_ in CASES} | {"inverted-marks"}
    ours = {i for i, s in load_all().items() if s.func.__module__ == "pipeline.checks.typography"}
    assert ours <= covered


def test_one_problem_per_entry_counts_the_places():
    [problem] = run("comma-below", entry("ro", "şi ţara şi"))
    assert "(3 places)" in problem.message


def test_style_tag_severity_depends_on_the_tag():
    [plain] = run("style-tags", entry("en", "<i>Hello</i>"))
    [hard] = run("style-tags", entry("en", '<font color="red">Hi</font>'))
    assert plain.severity == "warning"
    assert hard.severity is None  # the check's own severity: error


def test_language_bound_checks_are_bound_through_the_registry():
    specs = load_all()
    assert specs["comma-below"].langs == {"ro"}
    assert specs["nbsp-punctuation"].langs == {"fr"}
    assert specs["greek-question-mark"].langs == {"el"}
    assert specs["inverted-marks"].langs == {"es"}
    assert specs["quote-style"].langs == {"fr", "pl"}


SPANISH = [
    (["¿Qué?"], 0),
    (["Qué?"], 1),
    (["¿Qué"], 1),
    (["¿Sabes lo que", "quiero decir?"], 0),  # a question over two subtitles
    (["¡Hola!", "¿Vienes?"], 0),
    (["Hola!"], 1),
    (["¿Vienes. Sí?"], 2),  # unclosed at the period, then a ? without ¿
    (["¿Cuesta 2.5 euros?"], 0),
    (["¿Vienes...?"], 0),
    (["<i>¿Vienes?</i>"], 0),
]


@pytest.mark.parametrize(("texts", "expected"), SPANISH)
def test_inverted_marks(texts, expected):
    items = cues(*[(i * 2000, i * 2000 + 1500, t) for i, t in enumerate(texts)])
    problems = run("inverted-marks", track("es", items))
    assert len(problems) == expected, [p.message for p in problems]
    assert all(p.cue is not None for p in problems)


def test_inverted_marks_locates_the_cue():
    items = cues((0, 1000, "Bien."), (1100, 2000, "Vienes?"))
    [problem] = run("inverted-marks", track("es", items))
    assert (problem.cue, problem.line) == (2, items[1].line)


# The repeated-word pattern is possessive for speed; it must find exactly what the plain
# (backtracking) pattern finds, on any text of letters, digits, spaces and punctuation.
_PLAIN_REPEATED = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["the", "The", "th", "de", "ſ", "s", "S", "é", "1", "_", " ", "\n", "  ", ",", "-"]
        ),
        max_size=12,
    ).map("".join)
)
def test_repeated_word_possessive_pattern_finds_what_the_plain_one_does(text: str) -> None:
    plain = [m.span() for m in _PLAIN_REPEATED.finditer(text)]
    assert [m.span() for m in typography._REPEATED.finditer(text)] == plain


# Quick tests skip texts before the finders' patterns run; with or without them, the same edits.
_PUNCTUATION_TEXT = st.lists(
    st.sampled_from(["a", "é", "1", " ", NB, "\u202f", "\n", ",", ".", "..", ";", ":", "!", "?"]),
    max_size=14,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PUNCTUATION_TEXT, st.sampled_from(["en", "fr", "pl", "el"]))
def test_space_before_punctuation_quick_test_misses_nothing(text: str, lang: str) -> None:
    t = typography.typography_of(lang)
    every = [(m.start(), m.end()) for m in typography._space_before(t.nbsp_before).finditer(text)]
    found = typography.space_before_punctuation(text, t)
    assert [(e.start, e.end) for e in found] == every


@settings(max_examples=500, deadline=None)
@given(_PUNCTUATION_TEXT)
def test_period_after_mark_quick_test_misses_nothing(text: str) -> None:
    every = [(m.start(), m.end()) for m in typography._mark_then_period().finditer(text)]
    found = typography.period_after_mark(text, typography.typography_of("en"))
    assert [(e.start, e.end) for e in found] == every
