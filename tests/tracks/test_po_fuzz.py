"""Fuzzing the PO reader: real files (ours and other projects', tests/data/po/README.md),
mutated byte by byte and line by line. Whatever comes in: no traceback, no hang (each file
well under a second), and every refusal names `file:line`."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.po_charset import decode_po
from pipeline.tracks.po_io import parse_po
from pipeline.tracks.po_read import read_catalog

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    [*ROOT.glob("tests/data/**/*.po"), *ROOT.glob("subtitles/*/*.po")],
    key=str,
)
CORPUS = {str(path.relative_to(ROOT)): path.read_bytes() for path in FILES}

# Lines and bytes that broke readers before, or could.
JUNK_LINES = [
    b"#. note",
    b'#~| msgid "old"',
    b'#~ msgid "gone"',
    b'#| msgid "prev"',
    b"#|",
    b"#~",
    b'msgstr "unterminated',
    b'"\\111\\111\\111\\111\\111\\111\\111\\111\\111\\111\\111\\111\\111\\111\\111',
    b'"\\xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    b'msgstr[99999999999999999999] "x"',
    b'msgid "a\xe2\x80\xa8b"',
    b'msgstr "\x0b\x0c\x85"',
    b'msgstr "\\004"',
    b"\xef\xbb\xbf#",
    b"\x00",
    b"\xff\xfe",
    b'"Content-Type: text/plain; charset=ISO-8859-2\\n"',
    b'"Content-Type: text/plain; charset=KLINGON\\n"',
    b'"Content-Type: text/plain; charset=UTF-16\\n"',
    b'msgctxt "c"',
    b'msgid_plural "p"',
    b"#, fuzzy, c-format",
    b"\r",
    b"",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(CORPUS)))
    lines = CORPUS[name].split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        action = draw(st.sampled_from(["delete", "copy", "junk", "cut", "byte", "repeat"]))
        if action == "delete" and lines:
            del lines[at]
        elif action == "copy" and lines:
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        elif action == "junk":
            lines.insert(at, draw(st.sampled_from(JUNK_LINES)))
        elif action == "cut" and lines:
            lines[at] = lines[at][: draw(st.integers(0, len(lines[at])))]
        elif action == "byte" and lines and lines[at]:
            where = draw(st.integers(0, len(lines[at]) - 1))
            byte = bytes([draw(st.integers(0, 255))])
            lines[at] = lines[at][:where] + byte + lines[at][where + 1 :]
        elif action == "repeat":
            lines[at:at] = [draw(st.sampled_from(JUNK_LINES))] * draw(st.integers(1, 2000))
    return name, b"\n".join(lines)


def verdict(name: str, data: bytes) -> float:
    """Read it as `msm check` and the writers do; the time it took. A refusal must say where."""
    began = time.perf_counter()
    for reader in ("check", "write"):
        try:
            decoded = decode_po(data, name)
            if reader == "check":
                read_catalog(decoded.text, name, decoded.codec)
            else:
                parse_po(decoded.text, name, decoded.codec)
        except InputError as error:
            shown = str(error)
            assert error.diagnostics, shown
            for d in error.diagnostics:
                assert d.path == name and isinstance(d.line, int) and d.line >= 1, shown
                assert f"{name}:{d.line}: " in str(d)
            assert shown.count(f"{name}:") >= len(error.diagnostics)
    return time.perf_counter() - began


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_real_file_reads_or_is_refused_where_msgfmt_refuses_it(name: str, tmp_path: Path):
    data = CORPUS[name]
    assert verdict(name, data) < 1.0
    path = tmp_path / "x.po"
    path.write_bytes(data)
    gettext_reads = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)]).returncode == 0
    try:
        decoded = decode_po(data, name)
        read_catalog(decoded.text, name, decoded.codec)
        ours = True
    except InputError:
        ours = False
    if name.endswith("test_ufeff.po"):
        assert ours and not gettext_reads  # a byte-order mark: msgfmt refuses, we drop it
    else:
        assert ours == gettext_reads


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_files_never_crash_hang_or_refuse_without_a_line(case: tuple[str, bytes]):
    name, data = case
    assert verdict(name, data) < 1.0
