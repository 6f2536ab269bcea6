"""The memory's fast PO reader gives exactly the pairs the full reader gives, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.memory.po_pairs import po_pairs
from pipeline.memory.store import _catalogue_fields
from pipeline.tracks.po_read import read_catalog
from tests.tracks.test_po_read import BASIC_TEXT, HEAD, ODD_TEXT, broken, entries, rendered

ROOT = Path(__file__).resolve().parents[2]


def full(text: str) -> list[tuple[str, str, bool]] | str:
    """The pairs the project's reader gives (what the memory learned before), or its error."""
    try:
        catalog = read_catalog(text, "x.po")
    except InputError as exc:
        return f"error: {exc}"
    return [
        (e.msgid, e.msgstr, "fuzzy" in e.flags)
        for e in catalog.entries
        if e.msgid and e.msgstr and not e.obsolete and not e.msgid_plural
    ]


def agrees(text: str) -> bool:
    """Whether the fast reader gives the full reader's pairs (True), or steps aside (False);
    fails when it gives pairs the full reader does not."""
    fast = po_pairs(text.encode())
    if fast is None:
        return False
    assert fast == full(text)
    return True


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(entries(ODD_TEXT), st.sampled_from(["pl", None]))
def test_generated_catalogues_give_the_readers_pairs(items, lang):
    agrees(rendered(items, lang))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(entries(BASIC_TEXT))
def test_catalogues_without_plurals_and_obsolete_previous_fields_are_read_fast(items):
    for entry in items:
        entry.msgid_plural, entry.msgstr_plural, entry.previous_msgid_plural = "", {}, None
        if entry.obsolete:
            entry.previous_msgid = entry.previous_msgctxt = None
    assert agrees(rendered(items))


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_damaged_catalogues_give_the_readers_pairs_or_its_error(text):
    agrees(text)
    learned(text)


def learned(text: str) -> None:
    """What the memory learns from the file (`_catalogue_fields`, reading its bytes) is what
    the full reader gives, or the full reader's error."""
    data = text.encode()
    want = full(data.decode("utf-8-sig"))
    if isinstance(want, str):
        with pytest.raises(InputError):
            _catalogue_fields(data, "x.po")
    else:
        separator, msgids, msgstrs, flags = _catalogue_fields(data, "x.po")
        ids = msgids.decode().split(separator) if flags else []
        strs = msgstrs.decode().split(separator) if flags else []
        assert [(s, t, f == 2) for s, t, f in zip(ids, strs, flags, strict=True) if f] == want


REAL = sorted(
    [*(ROOT / "tests" / "data").rglob("*.po"), *(ROOT / "subtitles").rglob("*.po")],
)


@pytest.mark.parametrize("path", REAL, ids=[p.relative_to(ROOT).as_posix() for p in REAL])
def test_real_catalogues_give_the_readers_pairs(path: Path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8: the memory reports it, neither reader is asked")
    fast = agrees(text)
    if "tests/data" not in path.as_posix():
        assert fast, "a catalogue msm wrote is read by the fast reader"


B = HEAD  # a header, then the case
CASES = [
    ("two lines", B + 'msgid ""\n"a\\n"\n"b"\nmsgstr ""\n"x\\n"\n"y"\n', True),
    ("escaped backslash before n", B + 'msgid "a\\\\n"\nmsgstr "b\\\\\\n\\t\\"q\\""\n', True),
    ("every simple escape", B + 'msgid "\\r\\f\\v\\b\\a"\nmsgstr "\\\\"\n', True),
    ("quote closing a line", B + 'msgid "a\\""\n"b"\nmsgstr "c"\n', True),
    ("fuzzy", B + '#, fuzzy\nmsgid "a"\nmsgstr "b"\n', True),
    ("fuzzy among flags", B + "#, c-format, fuzzy \n" + 'msgid "a"\nmsgstr "b"\n', True),
    ("fuzzy without space", B + '#,fuzzy\nmsgid "a"\nmsgstr "b"\n', True),
    ("not quite fuzzy", B + '#, fuzzy-ish\n#,\nmsgid "a"\nmsgstr "b"\n', True),
    ("previous msgid", B + '#, fuzzy\n#| msgid "o"\n#| "ld"\nmsgid "a"\nmsgstr "b"\n', True),
    ("context", B + 'msgctxt "c"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "d"\n', True),
    ("no blank lines", B + 'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d"\n#. x\n', False),
    ("obsolete", B + '#~ msgid "a"\n#~ msgstr "b"\n\nmsgid "c"\nmsgstr "d"', True),
    ("obsolete twin", B + 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', False),
    ("duplicate", B + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', False),
    ("same after escapes", B + 'msgid "\\t"\nmsgstr "b"\n\nmsgid "\t"\nmsgstr "c"\n', False),
    ("two headers", B + B + 'msgid "a"\nmsgstr "b"\n', False),
    ("CRLF", (B + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n"), False),
    ("indented", B + ' msgid "a"\nmsgstr "b"\n', False),
    ("comment in the middle", B + 'msgid "a"\n# c\nmsgstr "b"\n', False),
    ("continuation after a flag", B + '#, fuzzy\n#| "x"\nmsgid "a"\nmsgstr "b"\n', False),
    ("previous of obsolete", B + '#~| msgid "o"\n#~ msgid "a"\n#~ msgstr "b"\n', False),
    ("plural", B + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', False),
    ("octal", B + 'msgid "\\101"\nmsgstr "b"\n', False),
    ("unknown escape", B + 'msgid "\\q"\nmsgstr "b"\n', False),
    ("unterminated", B + 'msgid "a\nmsgstr "b"\n', False),
    ("msgid without msgstr", B + 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', False),
    ("NUL", B + 'msgid "a\x00b"\nmsgstr "b"\n', False),
    (
        "context and obsolete",
        B + 'msgctxt ""\nmsgid "a"\nmsgstr "b"\n\n#~ msgctxt "c"\n#~ msgid "a"\n#~ msgstr "d"\n',
        True,
    ),
    (
        "empty context twin",
        B + 'msgctxt ""\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
        False,
    ),
    ("separator", B + 'msgid "a\x04b"\nmsgstr "b"\n', False),
    ("trailing comment", B + 'msgid "a"\nmsgstr "b"\n# end', False),
    ("stray text", B + 'msgid "a"\nmsgstr "b"\nfoo\n', False),
    ("empty", "", True),
]


@pytest.mark.parametrize(("name", "text", "fast"), CASES, ids=[case[0] for case in CASES])
def test_table_of_cases(name: str, text: str, fast: bool):
    assert agrees(text) is fast
    learned(text)  # the full reader's pairs, or its error, all the same


def test_the_cost_stays_linear_on_a_file_of_comments_that_never_ends():
    text = "#. x\n" * 200_000  # every line could start an entry that never comes
    assert po_pairs(text.encode()) is None  # at once: one anchored match, no search
