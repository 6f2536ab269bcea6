"""Untrusted text never reaches the terminal raw: names, cues, terms, server messages."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from pipeline.bundle.zipper import ZIP_EPOCH, zip_bytes
from pipeline.cli import cli
from pipeline.terminal import printable
from tests.bundle.test_bundle_hostile import SRT, good_manifest

ROOT = Path(__file__).resolve().parents[1]
# What a terminal would obey: ESC (an OSC title change, a CSI colour), the one-character C1
# CSI, BEL, a right-to-left override, a carriage return that rewrites the line.
HOSTILE = ("\x1b", "\x9b", "\x07", "\u202e", "\r")


def assert_inert(result: Result) -> None:
    """No traceback, and not one of the hostile characters in stdout or stderr."""
    assert isinstance(result.exception, SystemExit | None), result.exception
    for char in HOSTILE:
        assert char not in result.stdout, (char, result.stdout)
        assert char not in result.stderr, (char, result.stderr)


def test_printable_escapes_what_a_terminal_obeys() -> None:
    assert printable("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert printable("\x9b31m\u202eabc\r") == "\\x9b31m\\u202eabc\\x0d"
    assert printable("two\nlines\tand tab") == "two\nlines\tand tab"
    assert printable("one\nline", lines=False) == "one\\x0aline"
    assert printable("Zażółć gęślą jaźń — «ok»\u00a0!") == "Zażółć gęślą jaźń — «ok»\u00a0!"


@given(st.text())
def test_printable_leaves_nothing_raw(text: str) -> None:
    shown = printable(text)
    bidi = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F))}
    bidi |= {*map(chr, range(0x2066, 0x206A)), "\u2028", "\u2029"}
    for ch in shown:
        assert ch in "\n\t" or (unicodedata.category(ch) != "Cc" and ch not in bidi), ch
    if text.isprintable():
        assert shown == text


def test_bundle_verify_escapes_member_names(tmp_path: Path) -> None:
    names = ["\x1b]0;pwned\x07title.srt", "\u202egnp.exe", "a\x9b2Jb", "cr\rover"]
    manifest = json.dumps(good_manifest()).encode()
    members = {**dict.fromkeys(names, b"x"), "manifest.json": manifest, "demo/en.srt": SRT}
    data = zip_bytes(members, ZIP_EPOCH)
    path = tmp_path / "\x1b]0;z\x07bundle.zip"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["bundle", "verify", str(path)])
    assert result.exit_code == 1
    assert_inert(result)
    assert "\\x1b]0;pwned\\x07title.srt" in result.output
    assert "\\u202egnp.exe" in result.output


def test_check_escapes_file_names_and_cue_text(tmp_path: Path) -> None:
    srt = tmp_path / "\x1b]0;t\x07evil.en.srt"
    cue = "\x9b31m \u202e evil text that is far too long for one subtitle line, really"
    srt.write_text(f"1\n00:00:01,000 --> 00:00:01,500\n{cue}\n", encoding="utf-8")
    for fmt in ("text", "github"):
        result = CliRunner().invoke(cli, ["check", "--lang", "en", "--format", fmt, str(srt)])
        assert result.exit_code == 1, result.output
        assert_inert(result)
    result = CliRunner().invoke(cli, ["check", "--lang", "en", str(srt)])
    assert "\\x1b]0;t\\x07evil.en.srt" in result.stdout


def _project(tmp_path: Path) -> Path:
    (tmp_path / "subtitles").mkdir(parents=True)
    shutil.copy(ROOT / "subtitles" / "catalog.toml", tmp_path / "subtitles" / "catalog.toml")
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "procurement.csv", tmp_path / "glossary" / "procurement.csv")
    return tmp_path


def test_glossary_import_escapes_names_and_terms(tmp_path: Path) -> None:
    project = _project(tmp_path / "p")
    tbx = tmp_path / "\x1b]0;t\x07terms.tbx"
    tbx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry id="evil"><langSet xml:lang="en"><tig><term>abc&#x202E;def&#x9b;2J</term>'
        '</tig></langSet><langSet xml:lang="xx&#x9b;"><tig><term>x</term></tig></langSet>'
        "</termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["-C", str(project), "glossary", "import", str(tbx)])
    assert result.exit_code in (1, 2), result.output
    assert_inert(result)
    assert "\\x1b]0;t\\x07terms.tbx" in result.output


def test_a_server_message_is_escaped(tmp_path: Path) -> None:
    """Core errors (server answers, file contents quoted in them) go through one path (an
    answer from a real local server: tests/mt/test_translate_terminal.py)."""
    from pipeline.cli import click_error
    from pipeline.errors import MsmError

    shown = click_error(MsmError("server said: \x1b]0;owned\x07 \u202eoops")).format_message()
    assert shown == "server said: \\x1b]0;owned\\x07 \\u202eoops"
