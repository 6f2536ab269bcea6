"""Write pipeline/glossary/fold_tables.py: the fold and strip tables as data.

    .venv/bin/python -m tools.fold_tables

Made from Unicode's data (`build_fold_table`, `build_strip_table`, `build_fold_needed`
below) they cost ~1 ms on every run that folds a text; kept as data, they load with the
module's byte-code. tests/glossary/test_fold_tables.py holds the file equal to what the
builders make on the Python running the tests.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pipeline.glossary.normalise import _APOSTROPHES, _HYPHENS, _SPACES, _char_class

TARGET = Path(__file__).resolve().parents[1] / "pipeline" / "glossary" / "fold_tables.py"

HEAD = '''"""The fold and strip tables of `pipeline.glossary.normalise`, as data: written by
`tools/fold_tables.py` from Unicode's data; do not edit (tests/glossary/test_fold_tables.py
holds them equal).

Long: data, one table entry a line (352 + 502 of them).
"""

from __future__ import annotations

from typing import Final

'''


def build_fold_table() -> dict[int, str]:
    """The per-character fold applied after lowercasing, made from Unicode's data (~0.5 ms)."""
    table: dict[int, str] = {}
    for ranges in ((0x0370, 0x0400), (0x1F00, 0x2000)):
        for code in range(*ranges):
            char = chr(code)
            base = "".join(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            ).lower()
            if len(base) == 1 and base != char:
                table[code] = base
    table[ord("ς")] = "σ"
    table[ord("\u00b5")] = "μ"  # micro sign, found in official Greek strings
    table[ord("\u037e")] = ";"  # Greek question mark
    for cedilla, comma in (("ş", "ș"), ("ţ", "ț"), ("Ş", "ș"), ("Ţ", "ț")):
        table[ord(cedilla)] = comma
    for char in _SPACES:
        table[ord(char)] = " "
    for char in _HYPHENS:
        table[ord(char)] = "-"
    for char in _APOSTROPHES:
        table[ord(char)] = "'"
    return table


def build_strip_table() -> dict[int, str]:
    """Latin letters with diacritics → their base letter (for comparing word forms)."""
    table: dict[int, str] = {}
    for ranges in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(*ranges):
            char = chr(code)
            base = "".join(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            )
            if len(base) == 1 and base != char:
                table[code] = base.lower()
    for char, base in (("ł", "l"), ("Ł", "l"), ("ø", "o"), ("đ", "d"), ("ı", "i")):
        table[ord(char)] = base
    return table


def build_fold_needed() -> str:
    """The characters the fold table changes but the line break, as a pattern class of runs
    (`a-b`: parsed faster than 351 characters one by one)."""
    return _char_class(sorted(set(build_fold_table()) - {ord("\n")})) or "[]"


def literal(text: str) -> str:
    """A double-quoted Python literal, every character beyond printable ASCII escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~":
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return '"' + "".join(out) + '"'


def pieces(text: str, size: int) -> list[str]:
    """The text cut every `size` characters (each piece's literal stays under 100 columns)."""
    return [text[at : at + size] for at in range(0, len(text), size)]


def table(name: str, data: dict[int, str]) -> str:
    """A dict literal, one entry a line, keys in order."""
    lines = [f"{name}: Final[dict[int, str]] = {{"]
    lines += [f"    0x{code:04X}: {literal(data[code])}," for code in sorted(data)]
    return "\n".join(lines) + "\n}\n"


def render() -> str:
    """The module's text."""
    return (
        HEAD
        + table("FOLD", build_fold_table())
        + "\n"
        + table("STRIP", build_strip_table())
        + "\n# The characters FOLD changes but the line break, as a pattern class.\n"
        + "FOLD_NEEDED: Final = (\n"
        + "".join(f"    {literal(part)}\n" for part in pieces(build_fold_needed(), 10))
        + ")\n"
    )


def main() -> None:
    """Write the module."""
    TARGET.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
