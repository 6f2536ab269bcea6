"""The reference the PO reader is held to: what `parse_po` did before the one-pass reader.

The grammar checked line by line with regular expressions (msgfmt's strings), then polib's
parser, then a search for duplicate entries, each problem at its `path:line`. Kept here, for
tests only: its expressions backtrack on long adversarial lines and `str.splitlines` breaks
lines at U+2028 and the like, so it is fed only small generated catalogues without those.
"""

from __future__ import annotations

import re

import polib

from pipeline.errors import Diagnostic, InputError
from pipeline.tracks.po_io import WRAP_WIDTH, Key, key_of, msgid_line

_STRING = r'"(?:[^"\\]|\\(?:[ntrabfv\\"?\']|[0-7]{1,3}|x[0-9a-fA-F]+))*"'
_KEYWORD_LINE = re.compile(rf"^\s*(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+{_STRING}\s*$")
_CONTINUATION = re.compile(rf"^\s*{_STRING}\s*$")


def lint_syntax(text: str, path: str) -> list[Diagnostic]:
    """The PO grammar, line by line (polib does not check it)."""
    problems: list[Diagnostic] = []
    expect_msgstr_for: int | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith(("#~", "#|")):
            line = line[3 if line.startswith("#~|") else 2 :].strip()
            if not line or line.startswith("#"):
                continue
        elif not line or line.startswith("#"):
            continue
        keyword = _KEYWORD_LINE.match(line)
        if keyword:
            word = keyword.group(1)
            if word == "msgid" and not raw.lstrip().startswith("#"):
                if expect_msgstr_for is not None:
                    problems.append(_syntax(path, expect_msgstr_for, "msgid without msgstr"))
                expect_msgstr_for = number
            elif word.startswith("msgstr"):
                expect_msgstr_for = None
            continue
        if _CONTINUATION.match(line):
            continue
        if line.startswith(("msg", '"')):
            if line.startswith("msgstr"):
                expect_msgstr_for = None
            problems.append(_syntax(path, number, f"malformed string: {raw.strip()[:60]!r}"))
        else:
            problems.append(_syntax(path, number, f"unexpected text: {raw.strip()[:60]!r}"))
    if expect_msgstr_for is not None:
        problems.append(_syntax(path, expect_msgstr_for, "msgid without msgstr"))
    return problems


def _syntax(path: str, line: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, "error", message, "po-syntax")


def parse_po(text: str, path: str) -> polib.POFile:
    """Grammar, then polib, then duplicates: InputError with line numbers."""
    problems = lint_syntax(text, path)
    if problems:
        raise InputError(f"{path}: not a valid PO file", problems)
    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        message = str(exc)
        m = re.search(r"\(line (\d+)\)", message)
        line = int(m.group(1)) if m else None
        clean = re.sub(r"\s*\(line \d+\)", "", message)
        raise InputError(
            f"{path}: not a valid PO file",
            [Diagnostic(path, line, "error", clean or "syntax error", "po-syntax")],
        ) from None
    lines = text.splitlines()
    seen: dict[Key, int] = {}
    problems = []
    for entry in po:
        key = key_of(entry)
        line = msgid_line(entry, lines)
        if key in seen:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "error",
                    f"duplicate entry {entry.msgid[:40]!r} (first at line {seen[key]})",
                    "po-duplicate",
                )
            )
        else:
            seen[key] = line or 0
    if problems:
        raise InputError(f"{path}: duplicate entries", problems)
    return po
