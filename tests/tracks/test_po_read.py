"""The one-pass PO reader: what polib reads from generated catalogues, field for field; what
the grammar and polib said of damaged ones (po_oracle.py), message for message; gettext's
escapes and line ends; and a cost linear in the input, on adversarial files."""

from __future__ import annotations

import contextlib
import gettext
import re
import shutil
import subprocess
import time
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks import po_read
from pipeline.tracks.po_io import HeaderInfo, header, msgid_line, new_catalog, parse_po, render
from pipeline.tracks.po_read import entry_at, read_catalog, scan_string, unescape
from tests.tracks import po_oracle

ROOT = Path(__file__).resolve().parents[2]
HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
FIELDS = (
    "msgid",
    "msgstr",
    "msgctxt",
    "msgid_plural",
    "previous_msgid",
    "previous_msgid_plural",
    "previous_msgctxt",
    "comment",
    "tcomment",
    "occurrences",
    "flags",
    "linenum",
)
PREVIOUS = (4, 5, 6)  # where the previous fields stand in a row
OBSOLETE = len(FIELDS)


def rows_of(po, lines: list[str], reader: bool) -> list[tuple]:
    return [
        (
            *(getattr(e, f) for f in FIELDS),
            bool(e.obsolete),
            dict(e.msgstr_plural),
            e.fuzzy,
            e.line if reader else msgid_line(e, lines),
        )
        for e in po
    ]


def with_polib(text: str) -> tuple:
    """What the grammar and polib made of a text (the reference), in a comparable shape."""
    try:
        po = po_oracle.parse_po(text, "x.po")
    except InputError as exc:
        return ("error", str(exc), [str(d) for d in exc.diagnostics])
    rows = rows_of(po, text.splitlines(), reader=False)
    return ("ok", rows, dict(po.metadata), po.header, list(po.metadata_is_fuzzy or []))


def with_polib_file(text: str, folder: Path) -> tuple:
    """What polib reads from the file (a file: polib then splits lines at `\\n` only)."""
    path = folder / "polib.po"
    path.write_text(text, encoding="utf-8")
    po = polib.pofile(str(path), wrapwidth=79, check_for_duplicates=False)
    rows = rows_of(po, text.split("\n"), reader=False)
    return ("ok", rows, dict(po.metadata), po.header, list(po.metadata_is_fuzzy or []))


def with_reader(text: str) -> tuple:
    try:
        po = read_catalog(text, "x.po")
    except InputError as exc:
        return ("error", str(exc), [str(d) for d in exc.diagnostics])
    rows = rows_of(po, [], reader=True)
    return ("ok", rows, dict(po.metadata), po.header, list(po.metadata_is_fuzzy))


def without_obsolete_previous(found: tuple) -> tuple:
    """polib skips `#~|` lines (an obsolete entry's previous fields); gettext and we keep
    them: blank them for the comparison (the round trip below checks ours)."""
    if found[0] != "ok":
        return found
    rows = []
    for row in found[1]:
        row = list(row)
        if row[OBSOLETE]:
            for at in PREVIOUS:
                row[at] = None
        rows.append(tuple(row))
    return (found[0], rows, *found[2:])


# --- generated catalogues -------------------------------------------------------------------

# Text a translator may type: quotes, backslashes, tabs, line breaks, accents, Greek, and the
# characters polib escapes (CR, vertical tab, form feed, backspace).
CHARS = [*'ab yzÉéąςά"\\\t\n:;!?#|~-.,\r\v\f\b', "\u00a0", "ș"]
TEXT = st.text(alphabet=st.sampled_from(CHARS), max_size=30)
# For damaged files: no CR, VT or FF either (a damaged header holding one is split there by
# polib, with str.splitlines(); gettext and we split header fields at `\\n` only).
BASIC_TEXT = st.text(alphabet=st.sampled_from([c for c in CHARS if c not in "\r\v\f"]), max_size=30)
# What only `\\n` ends, but str.splitlines() breaks at (polib does, reading a string).
ODD = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e"]
ODD_TEXT = st.text(alphabet=st.sampled_from([*CHARS, *ODD]), max_size=30)
WORD = st.text(alphabet=st.sampled_from(list("abcxyz-_.")), min_size=1, max_size=8)


@st.composite
def entries(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> list[polib.POEntry]:
    made: list[polib.POEntry] = []
    seen: set[tuple[str | None, str]] = set()
    for _ in range(draw(st.integers(0, 6))):
        msgid = draw(text.filter(bool))
        msgctxt = draw(st.none() | text)
        key = (msgctxt or None, msgid)
        if key in seen:
            continue
        seen.add(key)
        entry = polib.POEntry(
            msgid=msgid,
            msgctxt=msgctxt,
            msgstr=draw(text),
            comment=draw(st.sampled_from(["", "cue 1: 00:00:01,000 --> 00:00:02,000", "a\nb"])),
            tcomment=draw(st.sampled_from(["", "msm-accept: fuzzy ok", "one\ntwo", "#x"])),
            occurrences=draw(st.lists(st.tuples(WORD, st.sampled_from(["", "12"])), max_size=2)),
            flags=draw(st.lists(st.sampled_from(["fuzzy", "c-format", "no-wrap"]), max_size=2)),
            previous_msgid=draw(st.none() | text.filter(bool)),
            previous_msgctxt=draw(st.none() | text.filter(bool)),
            obsolete=draw(st.booleans()),
        )
        if draw(st.booleans()):
            entry.msgid_plural = draw(text.filter(bool))
            forms = draw(st.integers(1, 4))
            entry.msgstr_plural = {n: draw(text) for n in range(forms)}
            entry.msgstr = ""
            entry.previous_msgid_plural = draw(st.none() | text.filter(bool))
        made.append(entry)
    return made


def rendered(items: list[polib.POEntry], lang: str | None = "pl") -> str:
    info = HeaderInfo("P: V", "2026-01-01 00:00+0000", "2026-01-02 00:00+0000")
    return render(new_catalog(header(info, lang), items, "Title: comment\nsecond line"))


def generated(entry: polib.POEntry) -> tuple:
    """An entry's fields as generated (what a round trip must give back; as gettext, polib
    writes no `#.` and `#:` lines for an obsolete entry)."""
    return (
        entry.msgid,
        entry.msgstr,
        entry.msgctxt,
        entry.msgid_plural,
        entry.previous_msgid,
        entry.previous_msgid_plural,
        entry.previous_msgctxt,
        "" if entry.obsolete else entry.comment,
        entry.tcomment,
        [] if entry.obsolete else entry.occurrences,
        entry.flags,
        bool(entry.obsolete),
        dict(entry.msgstr_plural),
    )


def read_back(text: str) -> list[tuple]:
    return [
        (
            e.msgid,
            e.msgstr,
            e.msgctxt,
            e.msgid_plural,
            e.previous_msgid,
            e.previous_msgid_plural,
            e.previous_msgctxt,
            e.comment,
            e.tcomment,
            e.occurrences,
            e.flags,
            bool(e.obsolete),
            dict(e.msgstr_plural),
        )
        for e in read_catalog(text, "x.po")
    ]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(entries(ODD_TEXT), st.sampled_from(["pl", None]))
def test_generated_catalogues_read_as_polib_reads_them_every_field(tmp_path_factory, items, lang):
    text = rendered(items, lang)
    ours = with_reader(text)
    assert without_obsolete_previous(ours) == without_obsolete_previous(
        with_polib_file(text, tmp_path_factory.mktemp("po"))
    )
    assert ours[0] == "ok"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(entries(ODD_TEXT))
def test_generated_catalogues_round_trip_exactly(items):
    """Every field written comes back, the previous fields of obsolete entries (`#~|`) and
    the characters str.splitlines() would break at included."""
    in_file_order = [e for e in items if not e.obsolete] + [e for e in items if e.obsolete]
    assert read_back(rendered(items)) == [generated(e) for e in in_file_order]


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(entries(ODD_TEXT))
def test_writers_read_through_parse_po_get_the_same_entries(items):
    text = rendered(items)
    again = render(parse_po(text, "x.po"))
    assert read_back(again) == read_back(text)


JUNK = [
    '"',
    "#~",
    "#|",
    "#~|",
    '#~| msgid "old"',
    '#| msgstr "x"',
    '#|msgid "x"',
    'msgstr "x"',
    'msgid "dup"',
    '"a\\"b"',
    '"\\q"',
    'msgstr[0] "p"',
    'msgid_plural "ps"',
    "#, fuzzy",
    "# c",
    "#. g",
    "#: a:1 b",
    'msgctxt "c"',
    "",
    '"cont"',
    'msgid "a',
    '#~ msgid "o"',
    '#~ msgstr "o"',
    "foo",
    "#",
    '"\\t\\\\n"',
    "\ufeff#",
    'msgid\t"tab"',
    '   msgstr "indented"   ',
]


@st.composite
def broken(draw: st.DrawFn) -> str:
    lines = rendered(draw(entries(BASIC_TEXT))).splitlines()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["delete", "copy", "insert", "cut", "swap"]))
        if action == "delete" and lines:
            del lines[at]
        elif action == "copy" and lines:
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        elif action == "insert":
            lines.insert(at, draw(st.sampled_from(JUNK)))
        elif action == "cut" and lines:
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif action == "swap" and len(lines) > at + 1:
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\r\n"]))


# The end of a malformed line's excerpt: the old grammar cut it with str.strip() (any Unicode
# white space); gettext's lexer, and this reader, skip only space, \t, \r, \f and \v, so the
# excerpt keeps a trailing no-break space, and the spaces before it (`msgid " \xa0`: the
# grammar quotes `msgid "`). Compared without them.
_UNICODE_SPACE = r"(?:\\x85|\\xa0|\\u1680|\\u200[0-9a]|\\u202[89f]|\\u205f|\\u3000)"
_TRAILING_SPACE = re.compile(rf"(?:{_UNICODE_SPACE}| |\\t|\\x0b|\\x0c)*{_UNICODE_SPACE}'$")


def _excerpts(value: object) -> object:
    if isinstance(value, str):
        return "\n".join(_TRAILING_SPACE.sub("'", line) for line in value.split("\n"))
    if isinstance(value, (list, tuple)):
        return type(value)(_excerpts(v) for v in value)
    return value


def comparable(found: tuple, text: str) -> tuple:
    if found[0] == "error":
        return tuple(_excerpts(list(found)))
    # `#~|` lines moved around by the damage: polib skips them, we keep their fields.
    if found[0] != "ok" or "#~|" not in text:
        return found
    rows = []
    for row in found[1]:
        row = list(row)
        for at in PREVIOUS:
            row[at] = None
        rows.append(tuple(row))
    return (found[0], rows, *found[2:])


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
# found by a CI rehearsal: a space, then a no-break space, ending an unfinished string
@example('msgid ""\nmsgstr ""\n\n#~ msgctxt ""\n#~ msgid " \xa0\n#~ msgstr ""\n')
def test_damaged_catalogues_get_the_same_verdict_and_messages(text):
    assert comparable(with_reader(text), text) == comparable(with_polib(text), text)


# --- the fast path ---------------------------------------------------------------------------

# Lines `_run` reads itself (a string holding no escape but `\n`, `msgid "…"`, `msgstr "…"`,
# `#.`, `#:`) or must hand to the full reader: other escapes, an escaped backslash before an
# `n`, quotes, unfinished strings, markers with nothing after them.
FAST_LINES = [
    '"plain"',
    '"ends\\n"',
    '"\\n\\n"',
    '"a\\\\n"',
    '"a\\\\\\n"',
    '"q\\"\\n"',
    '"tab\\t\\n"',
    '"\\"',
    '""',
    '"',
    '"ς ά\\n"',
    'msgid "a\\n"',
    'msgstr "b\\n"',
    'msgid ""',
    'msgstr ""',
    'msgid "',
    'msgstr "',
    'msgid "x\\\\"',
    'msgstr "\\101\\n"',
    'msgstr "a"b"',
    'msgstr[0] "p\\n"',
    "#. cue 1 (4.0 s)",
    "#: en.srt:3",
    "#.",
    "#:",
    "#.x",
    "#:\t",
    '#~ msgstr "o\\n"',
]


def read_by(text: str, fast: bool) -> tuple:
    """What the reader makes of a text, with (`fast`) or without its fast path."""
    try:
        po = po_read._read(text, "x.po", "utf-8", fast)
    except InputError as exc:
        return ("error", str(exc), [str(d) for d in exc.diagnostics])
    rows = rows_of(po, [], reader=True)
    offsets = [e.offset for e in po]
    return ("ok", rows, offsets, dict(po.metadata), po.header, po.header_line)


@st.composite
def with_usual_lines(draw: st.DrawFn) -> str:
    """A generated catalogue with lines of FAST_LINES and JUNK put in."""
    lines = rendered(draw(entries(TEXT))).splitlines()
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(st.sampled_from(FAST_LINES + JUNK)))
    return "\n".join(lines) + "\n"


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(with_usual_lines() | broken())
def test_the_fast_path_reads_every_file_as_the_full_reader_does(text):
    assert read_by(text, fast=True) == read_by(text, fast=False)


@pytest.mark.parametrize("line", FAST_LINES)
def test_each_usual_line_reads_as_the_full_reader_reads_it(line):
    for text in (
        HEAD + 'msgid "a"\nmsgstr ""\n' + line + "\n",
        HEAD + line + '\nmsgid "b"\nmsgstr "c"\n',
        HEAD + 'msgid "a"\n' + line + '\nmsgstr "c"\n',
    ):
        assert read_by(text, fast=True) == read_by(text, fast=False)


# --- tables ----------------------------------------------------------------------------------

REJECTED = [
    ("unterminated msgstr", HEAD + 'msgid "a"\nmsgstr "b\n', 6, "malformed string"),
    ("unterminated msgid", HEAD + 'msgid "a\nmsgstr "b"\n', 5, "malformed string"),
    ("stray text", HEAD + 'msgid "a"\nmsgstr "b"\nfoo\n', 7, "unexpected text"),
    ("bad escape", HEAD + 'msgid "a"\nmsgstr "b\\q"\n', 6, "malformed string"),
    ("msgid without msgstr", HEAD + 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 5, "without msgstr"),
    ("duplicate", HEAD + 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 8, "duplicate"),
    ("obsolete twin", HEAD + 'msgid "a"\nmsgstr "x"\n\n#~ msgid "a"\n#~ msgstr "y"\n', 8, "dup"),
    ("broken continuation", HEAD + 'msgid "a"\nmsgstr ""\n"unfinished\n', 7, "malformed"),
    ("string before any keyword", '"stray"\n' + HEAD, 1, "Syntax error in po file"),
    ("msgstr without msgid", 'msgstr "x"\n', 1, "Syntax error in po file"),
    ("bare #~", HEAD + 'msgid "a"\nmsgstr "b"\n#~\n', 7, "Syntax error in po file"),
    ("previous msgstr", HEAD + '#| msgstr "x"\nmsgid "a"\nmsgstr "b"\n', 5, "unknown keyword"),
    ("previous without space", HEAD + '#|msgid "x"\nmsgid "a"\nmsgstr "b"\n', 5, "Syntax error"),
    ("byte-order mark inside", "\ufeff" + HEAD, 1, "unexpected text"),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "says"), REJECTED, ids=[case[0] for case in REJECTED]
)
def test_broken_files_are_rejected_where_parse_po_rejects_them(name, text, line, says):
    with pytest.raises(InputError) as fast_error:
        read_catalog(text, "x.po")
    with pytest.raises(InputError) as reference:
        po_oracle.parse_po(text, "x.po")
    assert str(fast_error.value) == str(reference.value)
    assert fast_error.value.diagnostics == reference.value.diagnostics
    assert fast_error.value.diagnostics[0].line == line
    assert says in fast_error.value.diagnostics[0].message
    assert f"x.po:{line}: error:" in str(fast_error.value)


ACCEPTED = [
    ("empty file", ""),
    ("header only", HEAD),
    ("crlf line ends", HEAD.replace("\n", "\r\n") + 'msgid "a"\r\nmsgstr "b"\r\n'),
    ("no blank lines", HEAD + 'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr "d"\n'),
    ("trailing comment is dropped", HEAD + 'msgid "a"\nmsgstr "b"\n\n# last words\n'),
    ("obsolete previous msgid", HEAD + '#, fuzzy\n#~| msgid "old"\n#~ msgid "n"\n#~ msgstr "x"\n'),
    ("plural", HEAD + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "y"\n"z"\n'),
    ("indented lines", HEAD + '  msgid "a"\n\tmsgstr "b"  \n'),
    ("a comment line only '#'", HEAD + '#\n#  two spaces\n##double\nmsgid "a"\nmsgstr "b"\n'),
    ("header comment and fuzzy header", "# Title\n#\n#, fuzzy\n" + HEAD),
    ("context", HEAD + 'msgctxt ""\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\nmsgid "a"\nmsgstr "c"\n'),
]


@pytest.mark.parametrize(("name", "text"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_unusual_but_valid_files_read_as_polib_reads_them(name, text):
    ours = with_reader(text)
    assert without_obsolete_previous(ours) == without_obsolete_previous(with_polib(text))
    assert ours[0] == "ok"


def test_the_previous_msgid_of_an_obsolete_entry_is_kept():
    text = HEAD + '#, fuzzy\n#~| msgid "old"\n#~| "er"\n#~ msgid "n"\n#~ msgstr "x"\n'
    (entry,) = read_catalog(text, "x.po")
    assert (entry.obsolete, entry.previous_msgid, entry.msgid, entry.fuzzy) == (
        1,
        "older",
        "n",
        True,
    )


# Valid for gettext (msgfmt accepts them), refused or misread by polib.
GETTEXT_ONLY = [
    ("comments without a space", HEAD + '#,fuzzy\n#.note\n#:a.c:1\n#x\nmsgid "a"\nmsgstr "b"\n'),
    ("obsolete without a space", HEAD + '#~msgid "a"\n#~msgstr "b"\n'),
    (
        "ten plural forms",
        HEAD
        + 'msgid "a"\nmsgid_plural "as"\n'
        + "".join(f'msgstr[{n}] "f{n}"\n' for n in range(12)),
    ),
    ("line separators in strings", HEAD + 'msgid "a\u2028b"\nmsgstr "\u0085\x0b\x0c\x1c\u2029"\n'),
    ("raw CR inside a string", HEAD + 'msgid "a"\nmsgstr "b\rc"\n'),
    ("whitespace gettext skips", HEAD + '\x0bmsgid\x0c"a"\x0b\nmsgstr\t"b"\r\n'),
]


@pytest.mark.parametrize(("name", "text"), GETTEXT_ONLY, ids=[c[0] for c in GETTEXT_ONLY])
def test_what_msgfmt_accepts_is_read(name, text, tmp_path):
    po = tmp_path / "x.po"
    po.write_bytes(text.encode("utf-8"))
    run = subprocess.run(["msgfmt", "-o", str(tmp_path / "x.mo"), str(po)], capture_output=True)
    assert run.returncode == 0, run.stderr
    entries = list(read_catalog(text, "x.po"))
    with (tmp_path / "x.mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    for entry in entries:
        if entry.msgid_plural:
            forms = [mo.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1,)]
            assert forms == [entry.msgstr_plural[0]]
            assert len(entry.msgstr_plural) == text.count("msgstr[")
        elif not entry.obsolete and not entry.fuzzy:
            assert mo.gettext(entry.msgid) == entry.msgstr


def project_catalogues() -> list[Path]:
    return sorted(
        [*ROOT.glob("subtitles/*/*.po*"), *ROOT.glob("tests/data/**/*.po")],
        key=str,
    )


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_repository_catalogues_read_as_polib_reads_them(path: Path, tmp_path: Path):
    from pipeline.tracks.po_charset import as_utf8, read_po_text

    text = as_utf8(read_po_text(path).text)  # polib is given the UTF-8 text, saying so
    ours = with_reader(text)
    if ours[0] == "error":  # a broken file from another project's tests: polib refuses it too
        with pytest.raises(OSError, match="Syntax error"):
            with_polib_file(text, tmp_path)
        return
    assert without_obsolete_previous(ours) == without_obsolete_previous(
        with_polib_file(text, tmp_path)
    )


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_repository_catalogues_read_alike_with_and_without_the_fast_path(path: Path):
    """The project's catalogues and the real files of other projects (tests/data/po)."""
    text = path.read_bytes().decode("utf-8", "replace")
    assert read_by(text, fast=True) == read_by(text, fast=False)


def test_each_entry_reads_again_from_its_offset():
    text = (ROOT / "subtitles/what-is-public-procurement/pl.po").read_text(encoding="utf-8")
    text += '\n#, fuzzy\n#~| msgid "old"\n#~ msgid "gone"\n#~ msgstr "x"\n'
    catalog = read_catalog(text, "pl.po")
    for entry in catalog:
        again = entry_at(text, entry.offset)
        assert again is not None
        assert (again.msgid, again.msgstr, again.msgctxt, again.tcomment, again.flags) == (
            entry.msgid,
            entry.msgstr,
            entry.msgctxt,
            entry.tcomment,
            entry.flags,
        )
        assert again.previous_msgid == entry.previous_msgid
    assert entry_at(text, 1) is None  # not where a line starts
    assert entry_at(text, len(text) + 5) is None


# --- gettext's strings ----------------------------------------------------------------------


@given(TEXT)
def test_unescape_reverses_polibs_escape(text):
    assert unescape(polib.escape(text)) == text
    quoted = f'"{polib.escape(text)}"'
    assert scan_string(quoted, 0) == len(quoted)


ESCAPES = [
    "plain",
    "\\101\\x41\\x4a\\060",  # octal and hex: bytes (ASCII here)
    '\\a\\b\\f\\v\\r\\t\\n\\\\\\"',
    "\\303\\251t\\xc3\\xa9",  # UTF-8 bytes of é, escaped
    "\\1234",  # octal takes three digits at most
    "\\x000041",  # hex takes every digit; the value is the low byte
    "\u2028\u0085\u000b\u000c\u001c",  # text, not line ends
]


@pytest.mark.parametrize("body", ESCAPES)
def test_strings_decode_as_msgfmt_decodes_them(body: str, tmp_path: Path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (Debian package gettext)"
    po = tmp_path / "x.po"
    po.write_text(HEAD + f'msgid "k"\nmsgstr "{body}"\n', encoding="utf-8")
    mo = tmp_path / "x.mo"
    run = subprocess.run([msgfmt, "-o", str(mo), str(po)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with mo.open("rb") as handle:
        expected = gettext.GNUTranslations(handle).gettext("k")
    (entry,) = read_catalog(po.read_text(encoding="utf-8"), "x.po")
    assert entry.msgstr == expected


@pytest.mark.parametrize(
    "body", ["\\q", "\\", "a\\", "\\x", "\\xg", "\\?", "\\'", 'a"b', "\\u00e9"]
)
def test_strings_msgfmt_refuses_are_malformed(body: str, tmp_path: Path):
    po = tmp_path / "x.po"
    po.write_text(HEAD + f'msgid "k"\nmsgstr "{body}"\n', encoding="utf-8")
    run = subprocess.run(["msgfmt", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert run.returncode != 0
    with pytest.raises(InputError, match=r"x\.po:6: error: malformed string"):
        read_catalog(po.read_text(encoding="utf-8"), "x.po")


SEPARATED = [
    'msgid "a\\004b"\nmsgstr "x"\n',
    'msgid "a\\4"\nmsgstr "x"\n',
    'msgid "a"\nmsgstr "x\\x04"\n',
    'msgid "a"\nmsgstr ""\n"x\\n"\n"\\04\\n"\n',
    'msgid ""\n"a\\n"\n"b\x04"\nmsgstr "x"\n',
    'msgctxt "\\x4"\nmsgid "a"\nmsgstr "x"\n',
    'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "\\004"\n',
    'msgid "a\x04"\nmsgstr "x"\n',
]


@pytest.mark.parametrize("entry", SEPARATED)
def test_a_context_separator_in_a_string_is_refused(entry):
    """Written as an octal or hex escape or as the character itself, in any field and on
    any line of it: gettext refuses it."""
    with pytest.raises(InputError, match=r"x.po:[56]: error: context separator"):
        read_catalog(HEAD + entry, "x.po")


# --- linear cost ------------------------------------------------------------------------------


def cost(text: str) -> float:
    """The best of three timings of reading `text` (errors are a result too)."""
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        with contextlib.suppress(InputError):
            read_catalog(text, "x.po")
        best = min(best, time.perf_counter() - began)
    return best


def baseline(lines: int) -> str:
    """An ordinary catalogue of about `lines` lines."""
    block = (
        '#. cue 1: 00:00:01,000 --> 00:00:02,000 (1.0 s)\n#: en.srt:3\nmsgid "a{n}"\nmsgstr "b"\n\n'
    )
    return HEAD + "".join(block.format(n=n) for n in range(lines // 5))


def adversarial(lines: int) -> dict[str, str]:
    """Files of about `lines` lines (or as many characters per line) that made the old
    reader's expressions backtrack, or could make a careless one quadratic."""
    long = lines * 10
    quoted_escapes = '\\"\\n\\t' * (long // 6)
    octal = "\\111" * (long // 4)
    hexes = "\\xaaaa" * (long // 6)
    quotes = '\\"' * (long // 2)
    return {
        "comments at the end": baseline(20) + "#. note\n" * lines,
        "comments only": "#. note\n" * lines,
        "translator comments": HEAD + 'msgid "a"\nmsgstr "b"\n' + "# c\n" * lines,
        "continuation lines": HEAD + 'msgid "a"\nmsgstr ""\n' + '"text\\n"\n' * lines,
        "unterminated at the end": HEAD + 'msgid "a"\nmsgstr ""\n' + '"t"\n' * lines + '"\n',
        "escapes": HEAD + f'msgid "a"\nmsgstr "{quoted_escapes}"\n',
        "octal escapes, unterminated": HEAD + f'msgid "a"\nmsgstr "{octal}\n',
        "hex escapes, unterminated": HEAD + f'msgid "a"\nmsgstr "{hexes}\n',
        "quotes escaped": HEAD + f'msgid "a"\nmsgstr "{quotes}"\n',
        "previous fields": HEAD + '#| msgid "a"\n' + '#| "b"\n' * lines + 'msgid "a"\nmsgstr ""\n',
        "obsolete": "".join(f'#~ msgid "o{n}"\n#~ msgstr "x"\n' for n in range(lines // 2)),
    }


def test_the_cost_is_linear_on_adversarial_files():
    """100,000 lines of each shape read in at most ten times what an ordinary catalogue of
    the same size takes (the old reader took minutes on six comment lines at the end: its
    cost doubled with each line). Relative, not absolute, so a slow machine does not fail;
    ten, not five: obsolete entries take about three times the reference in the compiled
    build, and a busy machine once made that eight (a CI run of 7 December 2026)."""
    lines = 100_000
    reference = cost(baseline(lines))
    for name, text in adversarial(lines).items():
        spent = cost(text)
        assert spent < 10 * reference + 0.05, f"{name}: {spent:.3f} s vs {reference:.3f} s"
