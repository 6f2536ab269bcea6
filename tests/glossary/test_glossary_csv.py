"""The reviewers' CSV: canonical round trip, and bad rows reported with their lines."""

from __future__ import annotations

import pytest
from conftest import GLOSSARY
from hypothesis import given, settings
from test_glossary_tbx import termbases

from pipeline.errors import InputError
from pipeline.glossary import TermBase, load_termbase
from pipeline.glossary.csv_io import read_csv, write_csv
from pipeline.glossary.files import default_termbase_path, format_of, parse_termbase

HEADER = "concept,lang,term,status,needs_review,variants,exclude,note\n"


def test_project_glossary_is_in_canonical_form(project_termbase: TermBase):
    # Written by `msm glossary`, the file would not change: reviewers' diffs stay small.
    assert write_csv(project_termbase) == GLOSSARY.read_text(encoding="utf-8")


def test_default_path(tmp_path):
    assert default_termbase_path(tmp_path) == tmp_path / "glossary" / "procurement.csv"


@settings(max_examples=75, deadline=None)
@given(tb=termbases())
def test_any_term_base_round_trips(tb: TermBase):
    assert read_csv(write_csv(tb)) == tb


def test_reading_fills_defaults_and_splits_phrases():
    text = HEADER + (
        "lot,*,,,,,,Concept note\n"
        'lot,en,lot,,,,"a lot|lots of",\n'
        "lot,pt,lote,admitted,yes,lotes| lote , ,note here\n"
    )
    [concept] = read_csv(text).concepts
    assert concept.note == "Concept note"
    en, pt = concept.terms
    assert (en.status, en.exclude, en.needs_review) == ("preferred", ("a lot", "lots of"), False)
    assert (pt.lang, pt.status, pt.needs_review, pt.variants, pt.note) == (
        "pt-PT",
        "admitted",
        True,
        ("lotes", "lote"),
        "note here",
    )
    assert pt.line == 4


def test_columns_may_come_in_any_order_and_some_may_be_missing():
    tb = read_csv("term,lang,concept\ncontracting authority,en,ca\n")
    assert [(c.id, t.text) for c, t in tb.terms()] == [("ca", "contracting authority")]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("ca,en,x,maybe,,,,\n", "glossary.csv:2: error: unknown status 'maybe'"),
        ("ca,nl,x,,,,,\n", "glossary.csv:2: error: unknown language 'nl' (did you mean 'nl-BE'?)"),
        ("ca,en,,,,,,\n", "glossary.csv:2: error: empty term"),
        ("1ca,en,x,,,,,\n", "glossary.csv:2: error: concept id '1ca'"),
        ("ca,en,x,,perhaps,,,\n", "needs_review is 'perhaps'"),
        ("ca,en,x,,,,,,extra\n", "glossary.csv:2: error: 9 cells, but the header has 8"),
        (
            "ca,en,x,,,,,\nca,en,X,,,,,\n",
            "glossary.csv:3: error: 'X' (en) is already a term of 'ca' (line 2)",
        ),
        ("ca,*,x,,,,,\n", "a '*' row holds the concept's note, not a term"),
        ("ca,en,a|b,,,,,\n", "'|' separates variants"),
        ("ca,en,x\x07,,,,,\n", "control character"),
        ('ca,en,x,,,"unclosed\n', "glossary.csv:2: error: malformed CSV"),
    ],
)
def test_bad_rows_are_reported_with_their_line(body: str, says: str):
    with pytest.raises(InputError) as caught:
        read_csv(HEADER + body)
    assert says in str(caught.value)


def test_every_problem_is_reported_at_once():
    with pytest.raises(InputError) as caught:
        read_csv(HEADER + "ca,xx,a,,,,,\nca,en,b,bad,,,,\n")
    assert len(caught.value.diagnostics) == 2


def test_bad_header():
    with pytest.raises(InputError) as caught:
        read_csv("concept,language,term\n")
    message = str(caught.value)
    assert "unknown column 'language'" in message and "missing column 'lang'" in message


def test_format_by_suffix_then_content(tmp_path):
    assert format_of(tmp_path / "g.tbx") == "tbx"
    assert format_of(tmp_path / "g.csv") == "csv"
    assert format_of(tmp_path / "g", b"\xef\xbb\xbf  <?xml") == "tbx"
    assert format_of(tmp_path / "g", b"concept,lang") == "csv"


def test_not_utf8_and_unreadable(tmp_path):
    with pytest.raises(InputError, match="not UTF-8"):
        parse_termbase((HEADER + "ca,fr,march\xe9,,,,,\n").encode("latin-1"), "g.csv")
    with pytest.raises(InputError, match="cannot read the glossary"):
        load_termbase(tmp_path / "missing.csv")
