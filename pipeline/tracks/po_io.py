"""Read, validate and write gettext PO catalogues (polib's objects), with proper headers.

Files are read by our own reader (po_read.py), not polib's: polib loads broken files without
complaint (duplicate entries, unterminated strings), splits lines at U+2028 and drops `#~|`
lines; here every problem becomes `path:line: message`. polib renders what we write.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from pipeline import __version__, languages
from pipeline.fsutil import atomic_write_text
from pipeline.tracks.po_charset import read_po_text
from pipeline.tracks.po_read import Key as Key  # re-exported: the type of an entry key
from pipeline.tracks.po_read import PoEntry, read_catalog

if TYPE_CHECKING:
    import polib

WRAP_WIDTH = 79  # what msgmerge and Poedit use, so files do not churn between tools
VOLATILE_HEADERS = ("POT-Creation-Date", "PO-Revision-Date", "X-Generator")


def key_of(entry: polib.POEntry) -> Key:
    """The identity of an entry: its context and its source text."""
    return (entry.msgctxt or None, entry.msgid)


def now(env: dict[str, str] | None = None) -> datetime:
    """The current time, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    env = dict(os.environ) if env is None else env
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)


def po_date(moment: datetime) -> str:
    """A PO header date: `2026-11-25 21:00+0000`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M+0000")


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class HeaderInfo:
    """What we put in a PO header besides the language fields."""

    def __init__(
        self,
        project: str,  # Project-Id-Version
        created: str,  # POT-Creation-Date (from the template)
        revised: str,  # PO-Revision-Date for a new file
    ) -> None:
        self.project: Final = project
        self.created: Final = created
        self.revised: Final = revised

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, HeaderInfo)
        return (self.project, self.created, self.revised) == (
            other.project,
            other.created,
            other.revised,
        )

    def __hash__(self) -> int:
        return hash((self.project, self.created, self.revised))

    def __repr__(self) -> str:
        return (
            f"HeaderInfo(project={self.project!r}, created={self.created!r}, "
            f"revised={self.revised!r})"
        )


def one_line(text: str) -> str:
    """`text` fit for a header field or a comment line: every line break or control character
    (CR, U+2028, NEL, …: a reader would end the line there) becomes one space."""
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return text.strip()  # readers strip a header value


def header(info: HeaderInfo, lang: str | None, old: dict[str, str] | None = None) -> dict[str, str]:
    """PO metadata: ours for the fixed fields, the translator's for the rest (team, translator)."""
    old = old or {}
    meta = {
        "Project-Id-Version": one_line(info.project),
        "Report-Msgid-Bugs-To": old.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": info.created,
    }
    if lang is None:  # the template
        meta["PO-Revision-Date"] = "YEAR-MO-DA HO:MI+ZONE"
        meta["Last-Translator"] = "FULL NAME <EMAIL@ADDRESS>"
        meta["Language-Team"] = "LANGUAGE <LL@li.org>"
        meta["Language"] = ""
    else:
        spec = languages.get(lang)
        meta["PO-Revision-Date"] = old.get("PO-Revision-Date", info.revised)
        meta["Last-Translator"] = old.get("Last-Translator", "")
        meta["Language-Team"] = old.get("Language-Team", spec.name)
        meta["Language"] = spec.gettext
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    if lang is not None:  # a template has no language, and msgfmt rejects a placeholder
        meta["Plural-Forms"] = old.get("Plural-Forms") or languages.get(lang).plural_forms
    for name, value in old.items():  # keep fields added by translators' tools (X-Poedit-…)
        if name not in meta and name != "X-Generator":
            meta[name] = value
    # The tool that last saved the file, as Poedit and msgmerge leave it: ours for a new file.
    meta["X-Generator"] = old.get("X-Generator") or f"msm {__version__}"
    return meta


def header_comment(title: str, lang: str | None) -> str:
    """The comment block at the top of a catalogue."""
    what = f"{languages.get(lang).name} translation" if lang else "Template"
    return (
        f"{one_line(title)}: {what} of the subtitles.\n"
        "Generated by msm from the source track; translate in Poedit, Weblate or Lokalize.\n"
        "Keep the line breaks short (42 characters); the #. comments give each cue's number\n"
        "and how long it shows."
    )


def new_catalog(
    metadata: dict[str, str], entries: Iterable[polib.POEntry], comment: str = ""
) -> polib.POFile:
    """A POFile with our wrapping, the given header and entries in the given order."""
    import polib  # imported where used: a check that only reads never loads it

    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    po.header = comment
    po.metadata = metadata
    po.extend(entries)
    return po


def render(po: polib.POFile) -> str:
    """The text of a catalogue, exactly as it will be written."""
    # polib writes a header comment line that starts with "," or ":" as `#,`/`#:` (a flag or
    # reference line, which breaks the file): such a line (a title like ": a video") gets a
    # space first, so it is written `#  : a video`, still a plain comment.
    lines = po.header.split("\n")
    if any(line[:1] in (",", ":") for line in lines):
        po.header = "\n".join(" " + line if line[:1] in (",", ":") else line for line in lines)
    text: str = po.__unicode__()
    return text if text.endswith("\n") else text + "\n"


def without_volatile(text: str) -> str:
    """PO text with the date and generator headers blanked, to tell real changes from churn."""
    pattern = "|".join(re.escape(h) for h in VOLATILE_HEADERS)
    return re.sub(rf'^"({pattern}): [^"\n]*\\n"$', r'"\1: \\n"', text, flags=re.MULTILINE)


def parse_po(text: str, path: str, charset: str = "utf-8") -> polib.POFile:
    """Parse PO text into polib's objects (what the writers change and render).

    Read by our own reader (po_read.py: linear, gettext's grammar and line ends), so a file
    reads the same for `msm check` and for the commands that write; syntax errors and
    duplicate entries raise InputError with line numbers.
    """
    import polib  # imported where used: a check that only reads never loads it

    catalog = read_catalog(text, path, charset)
    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    po.header = catalog.header
    po.metadata = catalog.metadata
    po.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    for entry in catalog.entries:
        po.append(copy_entry(entry, linenum=entry.linenum))
    return po


def read_po(path: Path) -> polib.POFile:
    """Read and validate a PO file, in the charset its header declares."""
    decoded = read_po_text(path)
    return parse_po(decoded.text, str(path), decoded.codec)


def msgid_line(entry: polib.POEntry, lines: list[str]) -> int | None:
    """The line of the entry's `msgid` keyword (polib's linenum is the entry's first line)."""
    first = int(getattr(entry, "linenum", 0) or 1)  # polib says 0 for the file's first entry
    for number in range(first, len(lines) + 1):
        stripped = lines[number - 1].lstrip()
        if stripped.startswith("#~"):
            stripped = stripped[2:].lstrip()
        if stripped.startswith("msgid ") or stripped.startswith('msgid"'):
            return number
    return first


def write_po(path: Path, po: polib.POFile) -> None:
    """Write a catalogue atomically as UTF-8."""
    atomic_write_text(path, render(po))


def copy_entry(entry: polib.POEntry | PoEntry, linenum: int | None = None) -> polib.POEntry:
    """A new polib entry with every field of `entry` (one of polib's or of our reader's, which
    name their fields alike); lists and dicts copied, not shared."""
    import polib  # imported where used: a check that only reads never loads it

    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural,
        msgstr=entry.msgstr,
        msgstr_plural=dict(entry.msgstr_plural),
        occurrences=list(entry.occurrences),
        comment=entry.comment,
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=entry.obsolete,
        linenum=linenum,
    )
