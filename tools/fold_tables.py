"""Write pipeline/glossary/fold_tables.py: the fold and strip tables as data.

    .venv/bin/python -m tools.fold_tables

Made from Unicode's data by `pipeline.glossary.normalise` (`build_fold_table`,
`build_strip_table`, `build_fold_needed`), ~1 ms on every run that folds a text; kept as
data, they load with the module's byte-code. tests/glossary/test_fold_tables.py holds the
file equal to what the builders make on the Python running the tests.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.glossary.normalise import build_fold_needed, build_fold_table, build_strip_table

TARGET = Path(__file__).resolve().parents[1] / "pipeline" / "glossary" / "fold_tables.py"

HEAD = '''"""The fold and strip tables of `pipeline.glossary.normalise`, as data (written by
`tools/fold_tables.py` from `build_fold_table`, `build_strip_table` and `build_fold_needed`:
do not edit; tests/glossary/test_fold_tables.py holds them equal)."""

from __future__ import annotations

from typing import Final

'''


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
