"""Where the term base lives, and loading it from a CSV or TBX file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pipeline.errors import Diagnostic, InputError
from pipeline.fsutil import read_bytes
from pipeline.glossary.model import TermBase
from pipeline.glossary_paths import (  # re-exported: where the term base lives
    GLOSSARY_DIR,
    GLOSSARY_FILE,
    default_termbase_path,
    project_termbase_path,
)
from pipeline.languages import SOURCE

if TYPE_CHECKING:  # the CSV reader loads when a CSV is read, not when the compiled glossary is
    from pipeline.glossary.csv_io import LangMap

# tbx: TBX-Basic in the 2008 martif form (what translate-toolkit and Weblate read); tbx2 is
# its older name, kept for scripts; tbx3: ISO 30042:2019.
FORMATS = ("csv", "tbx", "tbx2", "tbx3")
__all__ = [
    "FORMATS",
    "GLOSSARY_DIR",
    "GLOSSARY_FILE",
    "default_termbase_path",
    "format_of",
    "load_termbase",
    "parse_termbase",
    "project_termbase_path",
    "render_per_language",
    "render_termbase",
]


def format_of(path: Path, data: bytes = b"") -> Literal["csv", "tbx"]:
    """CSV or TBX, by the file's suffix, else by its first characters."""
    suffix = path.suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "tbx" if head == b"<" else "csv"


def parse_termbase(
    data: bytes, where: str, path: Path | None = None, lang_map: LangMap | None = None
) -> TermBase:
    """A term base from the bytes of a CSV or TBX file (`lang_map`: the file's language codes
    to ours; by default `languages.find`'s, as for every other file)."""
    from pipeline.glossary.csv_io import read_csv, resolve_language

    lang_map = lang_map or resolve_language
    kind = format_of(path or Path(where), data)
    if kind == "tbx":
        # Here, not at the top: XML support costs every `msm check` ~20 ms of imports.
        from pipeline.glossary.tbx import read_tbx

        return read_tbx(data, where, lang_map)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1  # a spreadsheet's Windows-1252 export
        why = f"invalid UTF-8 at byte {exc.start}; save as UTF-8 (CSV UTF-8 in a spreadsheet)"
        raise InputError(f"{where}: not UTF-8", [Diagnostic(where, line, "error", why)]) from None
    return read_csv(text, where, lang_map)


def load_termbase(path: Path, lang_map: LangMap | None = None) -> TermBase:
    """Read a term base from a CSV or TBX file (by suffix, else by content)."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the glossary: {exc.strerror or exc}") from None
    return parse_termbase(data, str(path), path, lang_map)


def render_termbase(termbase: TermBase, fmt: str) -> str:
    """The text of a term base in `fmt`: csv, tbx (= tbx2, the 2008 martif) or tbx3."""
    if fmt == "csv":
        from pipeline.glossary.csv_io import write_csv

        return write_csv(termbase)
    if fmt in ("tbx", "tbx2", "tbx3"):
        from pipeline.glossary.tbx import write_tbx

        return write_tbx(termbase, 3 if fmt == "tbx3" else 2)
    raise ValueError(f"unknown glossary format {fmt!r}")


def render_per_language(termbase: TermBase, source_language: str = SOURCE) -> dict[str, str]:
    """One TBX text per language of the term base but the source, by language code."""
    from pipeline.glossary.tbx import write_tbx_language

    return {
        lang: write_tbx_language(termbase, lang, source_language)
        for lang in termbase.languages
        if lang != source_language
    }
