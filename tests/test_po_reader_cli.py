"""Issue 18 #5 and #8 through the real command line: what the PO reader must do.

Each file is valid for GNU gettext (`msgfmt --check` passes); each test failed before the
linear, charset-aware reader (pipeline/tracks/po_read.py, po_charset.py) landed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset={charset}\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Language: {lang}\\n"\n'
)


def check(path: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "check", *args, str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_comment_lines_at_the_end_do_not_hang_the_reader(tmp_path: Path) -> None:
    """#5: a valid PO ending in a few `#.` lines took minutes (exponential backtracking)."""
    path = tmp_path / "pl.po"
    comments = "".join(f"#. comment number {n} with some words\n" for n in range(12))
    text = HEADER.format(charset="UTF-8", lang="pl") + f'\nmsgid "a"\nmsgstr "b"\n{comments}'
    path.write_text(text, encoding="utf-8")
    try:
        result = check(path, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("msm check still reading after 10 s")
    assert result.returncode in (0, 1), result.stderr


def test_a_declared_charset_is_read(tmp_path: Path) -> None:
    """#8: a PO in its declared ISO-8859-15 (msgfmt reads it) was refused as not UTF-8."""
    path = tmp_path / "nl-BE.po"
    text = HEADER.format(charset="ISO-8859-15", lang="nl_BE") + '\nmsgid "Euro"\nmsgstr "€uro"\n'
    path.write_bytes(text.encode("iso-8859-15"))
    result = check(path)
    assert result.returncode in (0, 1), result.stderr
    assert "not UTF-8" not in result.stderr


@pytest.mark.parametrize("lang", ["nl", "nl_NL", "pt_BR", "fi"])
def test_the_language_header_forms_gettext_writes(tmp_path: Path, lang: str) -> None:
    """#8: `Language: nl` (and nl_NL, pt_BR, fi) was reported as no Language header."""
    path = tmp_path / "messages.po"
    text = HEADER.format(charset="UTF-8", lang=lang) + '\nmsgid "Euro"\nmsgstr "Euro"\n'
    path.write_text(text, encoding="utf-8")
    result = check(path)
    assert "no Language header" not in result.stderr


def test_a_translated_plural_entry_is_not_untranslated(tmp_path: Path) -> None:
    """#8: plural entries were always counted as untranslated."""
    path = tmp_path / "pl.po"
    text = HEADER.format(charset="UTF-8", lang="pl") + (
        '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && '
        '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "one file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "jeden plik"\nmsgstr[1] "%d pliki"\nmsgstr[2] "%d plików"\n'
    )
    path.write_text(text, encoding="utf-8")
    result = check(path, "--format", "json")
    found = json.loads(result.stdout)["findings"]
    assert [f for f in found if f["check"] == "untranslated"] == []
