"""Hostile glossaries: encodings msm does not read, terms too long to load back, control and
bidi characters in terms, and cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import cli
from pipeline.errors import InputError
from pipeline.glossary import TermBase, load_termbase
from pipeline.glossary.csv_io import FORMULA_START, read_csv, write_csv
from pipeline.glossary.model import MAX_TERM_CHARS, STATUSES, Concept, Term, text_problem
from pipeline.glossary.tbx import read_tbx

ROOT = Path(__file__).resolve().parents[2]
HEADER = "concept,lang,term,status,needs_review,variants,exclude,note\n"


def tbx(term: str, encoding: str = "UTF-8", note: str = "") -> str:
    body = f"<note>{note}</note>" if note else ""
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<martif type="TBX" xml:lang="en"><text><body>'
        f'<termEntry id="tender">{body}<langSet xml:lang="en"><tig><term>{term}</term></tig>'
        "</langSet></termEntry></body></text></martif>\n"
    )


def refused(data: bytes, where: str = "g.tbx") -> str:
    with pytest.raises(InputError) as caught:
        read_tbx(data, where)
    return str(caught.value)


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("UTF-7", tbx("tender", "UTF-7").encode("utf-7")),
        ("Shift_JIS", tbx("入札", "Shift_JIS").encode("shift_jis")),
        ("x-unknown", tbx("tender", "x-unknown").encode()),
        ("windows-1252", tbx("tendér", "windows-1252").encode("cp1252")),
        ("UTF-32", tbx("tender", "UTF-32").encode("utf-32")),
    ],
)
def test_encodings_msm_does_not_read_are_named(encoding: str, data: bytes) -> None:
    message = refused(data)
    assert f"g.tbx: the file declares the encoding '{encoding}'" in message
    assert "msm reads TBX in UTF-8, UTF-16, US-ASCII or ISO-8859-1 only" in message
    assert "iconv -f" in message


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("UTF-8", tbx("licitación", "UTF-8").encode()),
        ("UTF-8 BOM", b"\xef\xbb\xbf" + tbx("licitación", "UTF-8").encode()),
        ("UTF-16", tbx("licitación", "UTF-16").encode("utf-16")),
        ("UTF-16BE", b"\xfe\xff" + tbx("licitación", "UTF-16").encode("utf-16-be")),
        ("ISO-8859-1", tbx("licitación", "ISO-8859-1").encode("latin-1")),
        ("US-ASCII", tbx("licitaci&#243;n", "US-ASCII").encode("ascii")),
        ("none", tbx("licitación").replace(' encoding="UTF-8"', "").encode()),
    ],
)
def test_the_encodings_msm_reads(encoding: str, data: bytes) -> None:
    (concept,) = read_tbx(data, "g.tbx")
    assert concept.terms[0].text == "licitación"


def test_glossary_import_of_shift_jis_is_a_clean_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = tmp_path / "sjis.tbx"
    path.write_bytes(tbx("入札", "Shift_JIS").encode("shift_jis"))
    result = CliRunner().invoke(cli, ["-C", str(project), "glossary", "import", str(path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "declares the encoding 'Shift_JIS'" in result.output


# --- lengths -------------------------------------------------------------------------------


def test_a_term_over_the_limit_is_refused_on_import_naming_the_concept() -> None:
    assert read_tbx(tbx("a" * MAX_TERM_CHARS).encode())  # 200 is fine
    message = refused(tbx("a" * 200_000).encode())
    assert "concept 'tender' (en): a term of 200,000 characters; the limit is 200" in message


def test_a_term_over_the_limit_is_refused_on_load_naming_the_line() -> None:
    text = HEADER + "tender,en,tender\ntender,pl," + "a" * 201 + "\n"
    with pytest.raises(InputError) as caught:
        read_csv(text, "g.csv")
    assert "g.csv:3: error: a term of 201 characters; the limit is 200" in str(caught.value)


def test_a_note_over_the_limit_is_refused() -> None:
    assert "concept 'tender': a note of 200,000 characters" in refused(
        tbx("tender", note="n" * 200_000).encode()
    )
    with pytest.raises(InputError, match=r"g.csv:2: error: a note of 2,001 characters"):
        read_csv(HEADER + "tender,en,tender,,,,," + "n" * 2001 + "\n", "g.csv")


def test_an_imported_glossary_always_loads_again(tmp_path: Path) -> None:
    """The bug: a 200,000-character term imported, then every load failed (CSV field limit)."""
    project = _project(tmp_path)
    path = tmp_path / "long.tbx"
    path.write_text(tbx("a" * 200_000), encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(project), "glossary", "import", str(path)])
    assert result.exit_code == 2, result.output
    assert "a term of 200,000 characters; the limit is 200" in result.output
    load_termbase(project / "glossary" / "procurement.csv")


# --- control characters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "says"),
    [
        ("\x9b", "control character U+009B in term"),
        ("\u202e", "bidirectional control U+202E in term"),
        ("\u200f", "bidirectional control U+200F in term"),
        ("\u2066", "bidirectional control U+2066 in term"),
    ],
)
def test_control_and_bidi_characters_are_refused(char: str, says: str) -> None:
    assert text_problem(f"ten{char}der") == says
    with pytest.raises(InputError, match=re.escape(f"g.csv:2: error: {says}")):
        read_csv(HEADER + f"tender,en,ten{char}der\n", "g.csv")
    code = f"&#x{ord(char):x};"
    assert f"concept 'tender' (en): {says}" in refused(tbx(f"ten{code}der").encode())


# --- formula injection ---------------------------------------------------------------------


def test_formula_cells_are_written_as_text_and_read_back() -> None:
    terms = (
        Term('=HYPERLINK("http://evil/","x")', "en", note="@SUM(1)"),
        Term("-ish", "en", variants=("+1",)),
        Term("'=already quoted", "en"),
    )
    tb = TermBase((Concept("evil", terms, "=1+1"),))
    text = write_csv(tb)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not any(cell.startswith(FORMULA_START) for cell in cells)
    assert "'=HYPERLINK" in text and "''=already quoted" in text and "'-ish" in text
    assert read_csv(text) == tb


def test_a_hand_written_minus_term_is_kept() -> None:
    (concept,) = read_csv(HEADER + "suffix,en,-ish\n")
    assert concept.terms[0].text == "-ish"


TERM = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from([*"=+-@'\t\r|", "\u202e", "\x9b"]),
    min_size=1,
    max_size=30,
).filter(lambda s: text_problem(s) is None)
NOTE = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from([*"=+-@'"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(TERM, st.sampled_from(STATUSES), st.lists(TERM, max_size=2), NOTE),
        min_size=1,
        max_size=4,
        unique_by=lambda t: Term(t[0], "pl").text.casefold(),
    ),
    NOTE,
)
def test_any_accepted_term_round_trips_through_the_csv(
    rows: list[tuple[str, str, list[str], str]], concept_note: str
) -> None:
    terms = tuple(
        Term(text, "pl", status, tuple(variants), (), note)  # type: ignore[arg-type]
        for text, status, variants, note in rows
    )
    tb = TermBase((Concept("c", terms, concept_note),))
    text = write_csv(tb)
    (back,) = read_csv(text)
    assert sorted(back.terms, key=repr) == sorted(terms, key=repr)  # the writer sorts them
    assert back.note == tb.concepts[0].note
    for row in csv.reader(io.StringIO(text)):
        assert not any(cell.startswith(FORMULA_START) for cell in row)


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "subtitles").mkdir(parents=True)
    shutil.copy(ROOT / "subtitles" / "catalog.toml", root / "subtitles" / "catalog.toml")
    (root / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "procurement.csv", root / "glossary" / "procurement.csv")
    return root


def test_a_csv_saved_in_a_windows_code_page_is_refused_at_its_line(tmp_path: Path) -> None:
    """A spreadsheet's CSV export in Windows-1252 was refused with no line to look at."""
    rows = HEADER + "c1,en,contract,preferred,,,,\nc1,fr,march\u00e9,preferred,,,,\n"
    path = tmp_path / "procurement.csv"
    path.write_bytes(rows.encode("cp1252"))
    with pytest.raises(InputError) as info:
        load_termbase(path)
    assert f"{path}:3: error: invalid UTF-8" in str(info.value)
