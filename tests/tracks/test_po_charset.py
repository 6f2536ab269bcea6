"""PO files in their declared charset: read as gettext reads them, reported, written as UTF-8.

The legacy files are made here from UTF-8 ones with GNU gettext's msgconv (which converts the
text and the header's charset together) and GNU iconv, and msgfmt --check accepts each: what
gettext reads, we read; what it refuses, we refuse at the line where it goes wrong.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import InputError
from pipeline.tracks.po_charset import (
    as_utf8,
    declared_charset,
    decode_po,
    read_po_seen,
    read_po_text,
)
from pipeline.tracks.po_io import read_po
from pipeline.tracks.po_read import read_catalog
from tests.conftest import msgfmt_check

TEXTS = {  # language -> charsets gettext reads it in, and a few lines in it
    "pl": (["ISO-8859-2", "CP1250"], ["Zamówienia publiczne", "Łódź, część, źródło"]),
    "cs": (["ISO-8859-2", "CP1250"], ["Veřejné zakázky", "Příliš žluťoučký kůň"]),
    "el": (["ISO-8859-7", "CP1253"], ["Δημόσιες συμβάσεις", "«Καλά»"]),
    "fr": (["ISO-8859-15", "CP1252"], ["Marchés publics : 5 €", "« œuvre » à l'État"]),
    "ru": (["KOI8-R", "CP1251"], ["Государственные закупки", "Ёлка"]),
    "ja": (["SHIFT_JIS", "EUC-JP"], ["公共調達 表 ソ", "予算"]),  # 表 and ソ end in 0x5C in SJIS
}
CASES = [(lang, charset) for lang, (charsets, _) in TEXTS.items() for charset in charsets]


def utf8_catalogue(lang: str) -> str:
    lines = TEXTS[lang][1]
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Project-Id-Version": "Test",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for n, line in enumerate(lines):
        po.append(
            polib.POEntry(msgid=f"line {n}", msgstr=line, tcomment=f"{line} (note)", comment="x")
        )
    po.append(polib.POEntry(msgid="multi", msgstr=f'{lines[0]}\n"{lines[1]}"\t\\'))
    return str(po.__unicode__())


def tool(*args: str) -> None:
    exe = shutil.which(args[0])
    assert exe, f"{args[0]} is required (Debian packages gettext and libc-bin)"
    run = subprocess.run([exe, *args[1:]], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def legacy(tmp_path: Path, lang: str, charset: str) -> tuple[Path, str]:
    """A catalogue converted to `charset` by msgconv (text and header), and its UTF-8 text."""
    source = tmp_path / "utf8.po"
    text = utf8_catalogue(lang)
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"{lang}.po"
    tool("msgconv", f"--to-code={charset}", "-o", str(out), str(source))
    msgfmt_check(out)
    return out, text


def fields(text: str, charset: str = "utf-8") -> list[tuple]:
    return [(e.msgid, e.msgstr, e.tcomment) for e in read_catalog(text, "x.po", charset)]


@pytest.mark.parametrize(("lang", "charset"), CASES)
def test_a_file_in_its_declared_charset_reads_as_its_utf8_original(tmp_path, lang, charset):
    path, original = legacy(tmp_path, lang, charset)
    decoded = read_po_text(path)
    assert decoded.charset.upper() == charset
    assert fields(decoded.text, decoded.codec) == fields(original)
    (note,) = decoded.notes
    assert (note.severity, note.code) == ("info", "po-charset")
    assert f"in {charset}" in note.message
    assert (
        path.read_text(encoding="latin-1").splitlines()[note.line - 1].startswith('"Content-Type:')
    )
    po = read_po(path)  # the writers' reading too
    assert [e.msgstr for e in po] == [e.msgstr for e in polib.pofile(original)]


@pytest.mark.parametrize(("lang", "charset"), CASES[::2])
def test_commands_write_it_back_as_utf8_with_the_header_saying_so(tmp_path, lang, charset):
    path, original = legacy(tmp_path, lang, charset)
    text, _seen = read_po_seen(path)  # what update, import and build start from
    assert text is not None
    assert declared_charset(text) is not None and declared_charset(text).name == "UTF-8"
    assert fields(text) == fields(original)
    out = tmp_path / "back.po"
    out.write_bytes(text.encode("utf-8"))
    msgfmt_check(out)
    assert read_po_text(out).notes == ()


def test_iconv_without_the_header_is_refused_where_the_bytes_go_wrong(tmp_path):
    source = tmp_path / "utf8.po"
    source.write_text(utf8_catalogue("pl"), encoding="utf-8")
    converted = tmp_path / "pl.po"
    run = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "ISO-8859-2", str(source)], capture_output=True, check=True
    )
    converted.write_bytes(run.stdout)  # the header still says UTF-8
    first_bad = next(
        n for n, line in enumerate(run.stdout.split(b"\n"), start=1) if not line.isascii()
    )
    with pytest.raises(InputError) as info:
        read_po_text(converted)
    assert f"{converted}:{first_bad}: error: not valid UTF-8" in str(info.value)
    assert "declares charset=UTF-8" in str(info.value)


HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={}\\n"\n\n'
REFUSED = [
    ("no charset, not UTF-8", b'msgid "a"\nmsgstr "\xb3\xf3d\xbc"\n', 2, "not valid UTF-8"),
    (
        "declared, but the text is UTF-8",
        (HEAD.format("ISO-8859-2") + 'msgid "a"\nmsgstr "łódź"\n').encode("utf-8"),
        3,
        "but the text is UTF-8",
    ),
    (
        "a byte the charset lacks",
        HEAD.format("ISO-8859-7").encode() + b'msgid "a"\n\nmsgstr "\xae"\n',
        7,
        "not valid ISO-8859-7",
    ),
    (
        "unknown charset",
        HEAD.format("KLINGON-1").encode() + b'msgid "a"\nmsgstr "\xe9"\n',
        3,
        "unknown",
    ),
    ("not ASCII-compatible", HEAD.format("CP037").encode(), 3, "not ASCII-compatible"),
    (
        "UTF-16",
        "\ufeff".encode("utf-16-le") + HEAD.format("UTF-8").encode("utf-16-le"),
        1,
        "UTF-16",
    ),
    ("placeholder", HEAD.format("CHARSET").encode() + b'msgid "a"\nmsgstr "\xe9"\n', 6, "CHARSET"),
]


@pytest.mark.parametrize(
    ("name", "data", "line", "says"), REFUSED, ids=[case[0] for case in REFUSED]
)
def test_undecodable_files_are_refused_at_their_line(tmp_path, name, data, line, says):
    with pytest.raises(InputError) as info:
        decode_po(data, "x.po")
    assert info.value.diagnostics[0].line == line
    assert f"x.po:{line}: error:" in str(info.value) and says in str(info.value)
    path = tmp_path / "x.po"
    path.write_bytes(data)
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True)
    if name != "declared, but the text is UTF-8":  # msgfmt garbles that one silently
        assert run.returncode != 0 or b"warning" in run.stderr


def test_a_utf8_bom_is_dropped_and_ascii_files_need_no_note():
    decoded = decode_po(b"\xef\xbb\xbf" + HEAD.format("UTF-8").encode(), "x.po")
    assert decoded.text.startswith("msgid") and decoded.notes == ()
    ascii_only = decode_po(HEAD.format("ISO-8859-2").encode() + b'msgid "a"\nmsgstr "b"\n', "x")
    assert ascii_only.notes == () and ascii_only.charset == "ISO-8859-2"


def test_as_utf8_changes_only_the_charset():
    text = "# c\n" + HEAD.format("ISO-8859-2") + 'msgid "charset=X"\nmsgstr ""\n'
    assert as_utf8(text) == text.replace("charset=ISO-8859-2", "charset=UTF-8", 1)
    assert as_utf8(as_utf8(text)) == as_utf8(text)
    assert as_utf8('msgid "a"\nmsgstr "b"\n') == 'msgid "a"\nmsgstr "b"\n'


def test_msm_check_reads_a_legacy_catalogue_and_notes_its_charset(tmp_path):
    path, _ = legacy(tmp_path, "pl", "ISO-8859-2")
    result = CliRunner().invoke(cli, ["check", str(path), "--lang", "pl"])
    assert result.exit_code in (0, 1), result.output
    assert "po-charset" in result.stdout and "ISO-8859-2" in result.stdout
    assert "unreadable" not in result.stdout


def test_msm_fix_writes_a_legacy_catalogue_back_as_utf8(tmp_path):
    source = tmp_path / "utf8.po"
    text = utf8_catalogue("fr").replace("Marchés publics : 5 €", "Marchés publics ... 5 €")
    source.write_text(text, encoding="utf-8")
    path = tmp_path / "fr.po"
    tool("msgconv", "--to-code=ISO-8859-15", "-o", str(path), str(source))
    result = CliRunner().invoke(cli, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    written = path.read_bytes().decode("utf-8")  # UTF-8 now
    assert "charset=UTF-8" in written and "publics … 5 €" in written
    msgfmt_check(path)


def test_msm_update_writes_a_legacy_catalogue_back_as_utf8_keeping_its_translations(
    make_project, tmp_path
):
    import os

    root = make_project()
    old = Path.cwd()
    os.chdir(root)
    try:
        assert CliRunner().invoke(cli, ["update"]).exit_code == 0
        po = root / "subtitles" / "demo" / "pl.po"
        catalogue = polib.pofile(str(po))
        for entry in catalogue:
            entry.msgstr = f"Łódź {entry.msgid}"
        catalogue.save(str(po))
        tool("msgconv", "--to-code=ISO-8859-2", "-o", str(po), str(po))
        assert read_po_text(po).charset == "ISO-8859-2"
        # `msm update` with nothing to change writes nothing (no churn); a change of the
        # source makes it write, and what it writes is UTF-8.
        source = root / "subtitles" / "demo" / "en.srt"
        source.write_text(source.read_text().replace("Thank you.", "Thank you all."))
        result = CliRunner().invoke(cli, ["update"])
        assert result.exit_code == 0, result.output
    finally:
        os.chdir(old)
    decoded = read_po_text(po)
    assert (decoded.charset, decoded.notes) == ("UTF-8", ())
    assert all(e.msgstr.startswith("Łódź ") for e in read_po(po))
    msgfmt_check(po)


def test_header_charsets_written_loosely_are_read():
    spaced = HEAD.format(" KOI8-R").encode() + 'msgid "a"\nmsgstr "Ёлка"\n'.encode("koi8-r")
    decoded = decode_po(spaced, "x.po")
    assert decoded.charset == "KOI8-R" and fields(decoded.text, decoded.codec)[0][1] == "Ёлка"
    empty = HEAD.format("").encode() + 'msgid "a"\nmsgstr "é"\n'.encode()
    assert decode_po(empty, "x.po").charset == "UTF-8"


def test_a_file_with_cr_line_ends_only_is_read_with_a_warning():
    data = (HEAD.format("ISO-8859-2") + 'msgid "a"\nmsgstr "łódź"\n').encode("iso-8859-2")
    decoded = decode_po(data.replace(b"\n", b"\r"), "x.po")
    assert fields(decoded.text, decoded.codec) == fields(data.decode("iso-8859-2"))
    assert ("warning", 1) in [(n.severity, n.line) for n in decoded.notes]
