"""The one-pass PO reader gives what parse_po (grammar + polib + duplicates) gives: the same
entries and fields for good files, the same `path:line` errors for broken ones."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.po_io import HeaderInfo, header, msgid_line, new_catalog, parse_po, render
from pipeline.tracks.po_read import _fast, read_catalog, unescape

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


def with_polib(text: str) -> tuple:
    """What parse_po makes of a text (the reference), in a comparable shape."""
    try:
        po = parse_po(text, "x.po")
    except InputError as exc:
        return ("error", str(exc), [str(d) for d in exc.diagnostics])
    lines = text.splitlines()
    entries = [
        (
            *(getattr(e, f) for f in FIELDS),
            bool(e.obsolete),
            dict(e.msgstr_plural),
            e.fuzzy,
            msgid_line(e, lines),
        )
        for e in po
    ]
    return ("ok", entries, dict(po.metadata), po.header, list(po.metadata_is_fuzzy or []))


def with_reader(text: str) -> tuple:
    try:
        po = read_catalog(text, "x.po")
    except InputError as exc:
        return ("error", str(exc), [str(d) for d in exc.diagnostics])
    entries = [
        (
            *(getattr(e, f) for f in FIELDS),
            bool(e.obsolete),
            dict(e.msgstr_plural),
            e.fuzzy,
            e.line,
        )
        for e in po
    ]
    return ("ok", entries, dict(po.metadata), po.header, list(po.metadata_is_fuzzy))


# --- generated catalogues -------------------------------------------------------------------

# Text a translator may type: quotes, backslashes, tabs, line breaks, accents, Greek.
TEXT = st.text(
    alphabet=st.sampled_from([*'ab yzÉéąςά"\\\t\n:;!?#|~-.,', "\u00a0", "ș"]),
    max_size=30,
)
WORD = st.text(alphabet=st.sampled_from(list("abcxyz-_.")), min_size=1, max_size=8)


@st.composite
def entries(draw: st.DrawFn) -> list[polib.POEntry]:
    made: list[polib.POEntry] = []
    seen: set[tuple[str | None, str]] = set()
    for _ in range(draw(st.integers(0, 6))):
        msgid = draw(TEXT.filter(bool))
        msgctxt = draw(st.none() | TEXT)
        key = (msgctxt or None, msgid)
        if key in seen:
            continue
        seen.add(key)
        entry = polib.POEntry(
            msgid=msgid,
            msgctxt=msgctxt,
            msgstr=draw(TEXT),
            comment=draw(st.sampled_from(["", "cue 1: 00:00:01,000 --> 00:00:02,000", "a\nb"])),
            tcomment=draw(st.sampled_from(["", "msm-accept: fuzzy ok", "one\ntwo", "#x"])),
            occurrences=draw(st.lists(st.tuples(WORD, st.sampled_from(["", "12"])), max_size=2)),
            flags=draw(st.lists(st.sampled_from(["fuzzy", "c-format", "no-wrap"]), max_size=2)),
            previous_msgid=draw(st.none() | TEXT.filter(bool)),
            obsolete=draw(st.booleans()),
        )
        if draw(st.booleans()) and not entry.obsolete:
            entry.msgid_plural = draw(TEXT.filter(bool))
            entry.msgstr_plural = {0: draw(TEXT), 1: draw(TEXT)}
            entry.msgstr = ""
        made.append(entry)
    return made


def rendered(items: list[polib.POEntry], lang: str | None = "pl") -> str:
    info = HeaderInfo("P: V", "2026-01-01 00:00+0000", "2026-01-02 00:00+0000")
    return render(new_catalog(header(info, lang), items, "Title: comment\nsecond line"))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(entries(), st.sampled_from(["pl", None]))
def test_generated_catalogues_read_exactly_as_polib_reads_them(items, lang):
    text = rendered(items, lang)
    assert with_reader(text) == with_polib(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(entries())
def test_the_usual_layout_takes_the_fast_path(items):
    text = rendered(items)
    # polib writes an obsolete entry's previous msgid as `#~|`, which only the exact reader reads
    if "#~|" not in text:
        assert _fast(text) is not None


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
    lines = rendered(draw(entries())).splitlines()
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


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_damaged_catalogues_get_the_same_verdict_and_messages(text):
    assert with_reader(text) == with_polib(text)


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
        parse_po(text, "x.po")
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
    ("octal and hex escapes kept", HEAD + 'msgid "a\\101\\x41"\nmsgstr "\\t\\"\\\\"\n'),
    ("indented lines", HEAD + '  msgid "a"\n\tmsgstr "b"  \n'),
    ("a comment line only '#'", HEAD + '#\n#  two spaces\n##double\nmsgid "a"\nmsgstr "b"\n'),
    ("header comment and fuzzy header", "# Title\n#\n#, fuzzy\n" + HEAD),
    ("context", HEAD + 'msgctxt ""\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "k"\nmsgid "a"\nmsgstr "c"\n'),
]


@pytest.mark.parametrize(("name", "text"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_unusual_but_valid_files_read_as_polib_reads_them(name, text):
    assert with_reader(text) == with_polib(text)
    assert with_reader(text)[0] == "ok"


def project_catalogues() -> list[Path]:
    return sorted(
        [*ROOT.glob("subtitles/*/*.po*"), *ROOT.glob("tests/data/**/*.po")],
        key=str,
    )


@pytest.mark.parametrize("path", project_catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_repository_catalogues_read_fast_and_the_same(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    assert with_reader(text) == with_polib(text)
    assert _fast(text) is not None  # written by msm, Poedit or msgmerge: the usual layout


@given(st.text(alphabet=st.sampled_from(list('\\ntrvbf"aq0x7')), max_size=12))
def test_unescape_is_polibs(text):
    assert unescape(text) == polib.unescape(text)
