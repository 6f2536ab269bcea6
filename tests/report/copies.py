"""Copies of the example project for the report tests: as it is, and with problems planted."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib

from pipeline.tracks.cue_notes import cue_numbers

ROOT = Path(__file__).parent.parent.parent
SLUG = "what-is-public-procurement"

# What the broken copy holds, and where: (language, cue number, check id that must show).
SCRIPT = '<script>document.title="pwned"</script>'
IMAGE = '<img src="planted-missing.png" onerror="document.title=\'pwned\'">'
PLANTED = (
    ("ro", 3, "comma-below"),  # a cedilla
    ("pl", 3, "line-length"),  # a line of 58 characters
    ("fr", 4, "untranslated"),  # an empty msgstr
    ("es", 2, "style-tags"),  # <script> and <img> in the translation
    ("pt-PT", 2, "cps-max"),  # far too much text for 2.2 s
    ("nl-BE", 5, "fuzzy"),  # a draft awaiting review
    ("nl-BE", 6, "glossary-forbidden"),  # EU Dutch where Flanders says "aanbestedende overheid"
)
LONG_PL = "Tak właśnie kupują wszystkie podmioty publiczne w Polsce:"


def copy_example(target: Path) -> Path:
    """The repository's subtitles/ (and glossary/, if there is one) under `target`."""
    shutil.copytree(ROOT / "subtitles", target / "subtitles")
    if (ROOT / "glossary").is_dir():
        shutil.copytree(ROOT / "glossary", target / "glossary")
    return target


def _entry(po: polib.POFile, cue: int) -> polib.POEntry:
    for entry in po:
        if cue in cue_numbers(entry.comment):
            return entry
    raise AssertionError(f"no entry for cue {cue}")


def plant_problems(root: Path) -> None:
    """Break the copy in the ways PLANTED lists (the POs only; the built SRTs go stale)."""
    folder = root / "subtitles" / SLUG

    def edit(lang: str, cue: int, change: object) -> None:
        path = folder / f"{lang}.po"
        po = polib.pofile(str(path), wrapwidth=0)
        assert callable(change)
        change(_entry(po, cue))
        po.save(str(path))

    def cedilla(e: polib.POEntry) -> None:
        assert "ț" in e.msgstr or "ș" in e.msgstr, e.msgstr
        e.msgstr = e.msgstr.replace("ț", "ţ").replace("ș", "ş")

    def long_line(e: polib.POEntry) -> None:
        e.msgstr = LONG_PL + "\n" + e.msgstr.split("\n", 1)[1]

    def untranslate(e: polib.POEntry) -> None:
        e.msgstr = ""

    def script(e: polib.POEntry) -> None:
        e.msgstr = f"{SCRIPT}{e.msgstr}\n{IMAGE}"

    def too_fast(e: polib.POEntry) -> None:
        e.msgstr = "O que são, afinal, as compras públicas\ne porque nos dizem respeito a todos?"

    def fuzzy(e: polib.POEntry) -> None:
        e.flags.append("fuzzy")

    def forbidden(e: polib.POEntry) -> None:
        assert "aanbestedende overheid" in e.msgstr, e.msgstr
        e.msgstr = e.msgstr.replace("aanbestedende overheid", "aanbestedende dienst")

    edit("ro", 3, cedilla)
    edit("pl", 3, long_line)
    edit("fr", 4, untranslate)
    edit("es", 2, script)
    edit("pt-PT", 2, too_fast)
    edit("nl-BE", 5, fuzzy)
    edit("nl-BE", 6, forbidden)
