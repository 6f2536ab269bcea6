"""PO reading refuses what polib swallows; headers are proper; msgfmt accepts our output."""

from __future__ import annotations

import gettext
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.po_io import (
    HeaderInfo,
    header,
    msgid_line,
    new_catalog,
    now,
    parse_po,
    po_date,
    read_po,
    render,
    without_volatile,
    write_po,
)
from tests.conftest import msgfmt_check

HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

BAD_PO = [
    ("unterminated msgstr", HEAD + 'msgid "a"\nmsgstr "b\n', 6),
    ("unterminated msgid", HEAD + 'msgid "a\nmsgstr "b"\n', 5),
    ("stray text", HEAD + 'msgid "a"\nmsgstr "b"\nfoo\n', 7),
    ("bad escape", HEAD + 'msgid "a"\nmsgstr "b\\q"\n', 6),
    ("msgid without msgstr", HEAD + 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 5),
    ("duplicate entry", HEAD + 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 8),
    ("broken continuation", HEAD + 'msgid "a"\nmsgstr ""\n"unfinished\n', 7),
]


@pytest.mark.parametrize(("name", "text", "line"), BAD_PO, ids=[b[0] for b in BAD_PO])
def test_broken_po_is_rejected_with_its_line(name: str, text: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_po(text, "x.po")
    assert info.value.diagnostics[0].line == line
    assert f"x.po:{line}: error:" in str(info.value)


def test_polib_alone_would_read_an_unterminated_translation_as_empty() -> None:
    text = HEAD + 'msgid "a"\nmsgstr "b\n'
    assert polib.pofile(text).find("a").msgstr == ""  # the trap
    with pytest.raises(InputError):
        parse_po(text, "x.po")


def test_good_po_with_context_fuzzy_previous_and_obsolete_is_accepted() -> None:
    text = (
        HEAD + '# translator note\n#, fuzzy\n#| msgid "old"\nmsgctxt "c"\nmsgid "a"\n"b"\n'
        'msgstr "x"\n\n#~ msgid "gone"\n#~ msgstr "parti"\n'
    )
    po = parse_po(text, "ok.po")
    lines = text.splitlines()
    (live,) = [e for e in po if not e.obsolete]
    assert (live.msgctxt, live.msgid, live.fuzzy, live.previous_msgid) == ("c", "ab", True, "old")
    assert msgid_line(live, lines) == 9
    (gone,) = po.obsolete_entries()
    assert msgid_line(gone, lines) == 13


def test_a_po_that_is_not_in_its_declared_charset_is_rejected_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pl.po"
    path.write_bytes((HEAD + 'msgid "a"\nmsgstr "część"\n').encode("cp1250"))  # says UTF-8
    with pytest.raises(InputError, match="not valid UTF-8") as info:
        read_po(path)
    assert f"{path}:6: error:" in str(info.value)


def test_headers_are_complete_and_keep_the_translators_fields() -> None:
    info = HeaderInfo("Proj: Video", "2026-01-02 03:04+0000", "2026-05-06 07:08+0000")
    old = {"Last-Translator": "Ana <ana@example.org>", "X-Poedit-Basepath": ".."}
    meta = header(info, "pl", old)
    assert meta["Language"] == "pl"
    assert meta["Plural-Forms"].startswith("nplurals=3;")
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Last-Translator"] == "Ana <ana@example.org>"
    assert meta["X-Poedit-Basepath"] == ".."
    assert meta["Project-Id-Version"] == "Proj: Video"
    assert header(info, "nl-BE")["Language"] == "nl_BE"
    assert header(info, "pt-PT")["Language"] == "pt_PT"


@pytest.mark.parametrize("lang", ["eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es", None])
def test_written_catalogues_pass_msgfmt_check(tmp_path: Path, lang: str | None) -> None:
    info = HeaderInfo("Proj: Video", "2026-01-02 03:04+0000", "2026-05-06 07:08+0000")
    entries = [
        polib.POEntry(msgid="Line one\nline two", msgstr="Linia jeden\nlinia dwa" if lang else ""),
        polib.POEntry(msgid='He said "tender"', msgstr="", msgctxt="quote"),
        polib.POEntry(msgid="Old", msgstr="Stare" if lang else "", obsolete=bool(lang)),
    ]
    path = tmp_path / f"{lang or 'template'}.po"
    write_po(path, new_catalog(header(info, lang), entries, "A comment"))
    msgfmt_check(path)
    assert read_po(path).metadata["Project-Id-Version"] == "Proj: Video"


def test_volatile_headers_are_ignored_when_comparing() -> None:
    info = HeaderInfo("P", "2026-01-01 00:00+0000", "2026-01-01 00:00+0000")
    later = HeaderInfo("P", "2027-01-01 00:00+0000", "2027-01-01 00:00+0000")
    a = render(new_catalog(header(info, "fr"), [polib.POEntry(msgid="x", msgstr="y")]))
    b = render(new_catalog(header(later, "fr"), [polib.POEntry(msgid="x", msgstr="y")]))
    assert a != b and without_volatile(a) == without_volatile(b)


def test_source_date_epoch_fixes_the_clock() -> None:
    moment = now({"SOURCE_DATE_EPOCH": "1767225600"})
    assert moment == datetime(2026, 1, 1, tzinfo=UTC)
    assert po_date(moment) == "2026-01-01 00:00+0000"


def test_an_obsolete_entry_with_a_previous_msgid_reads_back(tmp_path: Path) -> None:
    # merge() keeps a fuzzy entry's previous msgid when its source text goes away; polib writes
    # it as `#~| msgid`, which msgfmt accepts: our own grammar must accept it too.
    gone = polib.POEntry(
        msgid="New", msgstr="Nowy", previous_msgid="Old", flags=["fuzzy"], obsolete=True
    )
    info = HeaderInfo("Proj: Video", "2026-01-02 03:04+0000", "2026-05-06 07:08+0000")
    path = tmp_path / "pl.po"
    write_po(path, new_catalog(header(info, "pl"), [gone]))
    assert "#~| msgid" in path.read_text(encoding="utf-8")
    msgfmt_check(path)
    (back,) = read_po(path)
    assert (back.msgid, back.msgstr, back.obsolete) == ("New", "Nowy", True)


# Only `\n` ends a PO line: what str.splitlines() also breaks at is text, read and written so.
ODD = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"]
LONG_ODD = st.text(
    alphabet=st.sampled_from([*"abc de ", " ", "\t", "\n", "\u00a0", "\u3000", *ODD]),
    min_size=1,
    max_size=300,
)


def _catalogue(texts: list[str]) -> str:
    info = HeaderInfo("P", "2026-01-01 00:00+0000", "2026-01-01 00:00+0000")
    entries = [polib.POEntry(msgid=f"k{n}{t}", msgstr=t) for n, t in enumerate(texts)]
    return render(new_catalog(header(info, "pl"), entries))


@settings(max_examples=200)
@given(st.lists(LONG_ODD, min_size=1, max_size=4))
def test_line_separators_and_control_characters_round_trip(texts: list[str]) -> None:
    text = _catalogue(texts)  # wrapped at 79 columns, as msm writes
    assert [e.msgstr for e in parse_po(text, "x.po")] == texts


def test_msgfmt_reads_what_we_write_with_line_separators(tmp_path: Path) -> None:
    texts = ["a\u2028b\u2029c", "x\x85y\x0bz\x0c", "\x1c\x1d\x1e", "wrapped " * 20 + "\u2028 end"]
    path = tmp_path / "pl.po"
    path.write_text(_catalogue(texts), encoding="utf-8")
    msgfmt_check(path)
    mo = tmp_path / "pl.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(path)], check=True)
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert [compiled.gettext(f"k{n}{t}") for n, t in enumerate(texts)] == texts
    assert [e.msgstr for e in read_po(path)] == texts
