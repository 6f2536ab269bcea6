"""Where a finding points inside a cue's text, check by check."""

from __future__ import annotations

import pytest

from pipeline.checks.profiles import base_profile
from pipeline.report.spans import finding_spans
from pipeline.report.terms import TermMark

PL = base_profile("netflix", "pl")


@pytest.mark.parametrize(
    ("check", "lang", "text", "spans"),
    [
        # typography: the very places the check's finder reports
        ("comma-below", "ro", "Aşa şi aţa", [(1, 2), (4, 5), (8, 9)]),
        ("ellipsis-character", "en", "Wait... what", [(4, 7)]),
        ("double-space", "en", "two  spaces", [(3, 5)]),
        ("quote-style", "pl", 'mówi "tak"', [(5, 6), (9, 10)]),
        ("greek-question-mark", "el", "Τι είναι?", [(8, 9)]),
        # an empty edit with a fix is a place to insert at (French: no-break space before !)
        ("nbsp-punctuation", "fr", "Merci!", [(5, 5)]),
        # an empty edit without a fix means the whole cue
        ("dialogue-dash", "pl", "-Tak\n-Nie", None),
        # line length: the characters past the limit on the long line only
        ("line-length", "pl", "krótka\n" + "x" * 45, [(7 + 42, 7 + 45)]),
        # combining marks take no room: 42 visible characters plus one decomposed ș fit
        ("line-length", "ro", "s\u0326" + "a" * 41 + "bc", [(43, 45)]),
        # markup on the line: the whole line
        ("line-length", "pl", "<i>" + "x" * 45 + "</i>", [(0, 52)]),
        ("style-tags", "pl", "a <i>b</i> {\\an8}c", [(2, 5), (6, 10), (11, 17)]),
        # whole-cue findings
        ("cps-max", "pl", "tekst", None),
        ("untranslated", "pl", "tekst", None),
        ("no-such-check", "pl", "tekst", None),
    ],
)
def test_spans(check, lang, text, spans) -> None:
    assert finding_spans(check, None, text, lang, base_profile("netflix", lang)) == spans


def test_the_finder_agrees_with_the_message_of_the_check() -> None:
    # the check says "(3 places)" and the report marks all three
    from pipeline.checks.typography import comma_below, typography_of

    text = "Aşa şi aţa"
    assert [(e.start, e.end) for e in comma_below(text, typography_of("ro"))] == finding_spans(
        "comma-below", None, text, "ro", base_profile("netflix", "ro")
    )


def test_glossary_findings_point_at_their_concept() -> None:
    terms = [
        TermMark(3, 23, "contracting_authority", "aanbestedende dienst", "forbidden", "exact"),
        TermMark(30, 40, "contract_notice", "aankondiging", "preferred", "stem"),
    ]
    text = "de aanbestedende dienst en de aankondiging"
    got = finding_spans("glossary-forbidden", "contracting_authority", text, "nl-BE", PL, terms)
    assert got == [(3, 23)]
    assert finding_spans("glossary-missing", "award", text, "nl-BE", PL, terms) is None


def test_empty_text_has_no_spans() -> None:
    assert finding_spans("comma-below", None, "", "ro", PL) is None
