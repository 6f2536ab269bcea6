"""The fold and strip tables kept as data (pipeline/glossary/fold_tables.py) are what
tools/fold_tables.py's builders make from Unicode's data, and the fold's screen matches the same
characters as the class of single characters it replaced."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from pipeline.glossary import fold_tables, normalise
from tools import fold_tables as writer


def _old_screen() -> re.Pattern[str]:
    """The screen as it was made before: one escaped character after another."""
    codes = sorted(set(writer.build_fold_table()) - {ord("\n")})
    return re.compile("[" + "".join(re.escape(chr(code)) for code in codes) + "]")


OLD = _old_screen()
NEW = re.compile(fold_tables.FOLD_NEEDED)


def test_the_tables_are_what_the_builders_make():
    # Fails after a builder changed, or where Unicode data makes other tables: run
    # `.venv/bin/python -m tools.fold_tables` (docs/developing.md, "Generated files").
    assert writer.build_fold_table() == fold_tables.FOLD
    assert writer.build_strip_table() == fold_tables.STRIP
    assert writer.build_fold_needed() == fold_tables.FOLD_NEEDED


def test_the_file_is_what_the_writer_writes():
    # Stale after a change to a builder: run `.venv/bin/python -m tools.fold_tables`.
    assert writer.TARGET.read_text(encoding="utf-8") == writer.render()


def test_the_runtime_uses_the_data():
    assert normalise._fold_table() is fold_tables.FOLD
    assert normalise._strip_table() is fold_tables.STRIP
    assert normalise._fold_needed().pattern == fold_tables.FOLD_NEEDED


def test_the_screen_matches_every_code_point_as_before():
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    assert NEW.findall(every) == OLD.findall(every)
    assert "".join(NEW.findall(every)) == "".join(
        chr(code) for code in sorted(set(fold_tables.FOLD) - {ord("\n")})
    )


@given(st.text())
def test_the_screen_finds_what_it_found(text: str):
    assert [m.span() for m in NEW.finditer(text)] == [m.span() for m in OLD.finditer(text)]


def test_folding_builds_no_table():
    # The builders decompose (NFD) ~800 characters one by one (~1 ms): a fold reads the
    # kept tables (and composes, NFC, the text's pieces).
    code = (
        "import unicodedata\n"
        "from pipeline.glossary import normalise\n"
        "calls = []\n"
        "real = unicodedata.normalize\n"
        "def counted(form, text):\n"
        "    if form == 'NFD':\n"
        "        calls.append(text)\n"
        "    return real(form, text)\n"
        "unicodedata.normalize = counted\n"
        "normalise.fold('Ἀθήνα  ş x\u00ad', 'el')\n"
        "normalise.skeleton('licitación')\n"
        "print(len(calls))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "0\n"
