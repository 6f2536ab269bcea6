"""Write drafts into one PO as they arrive: atomically, in place, never over someone's edit."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polib

from pipeline.errors import InputError, MsmError
from pipeline.safewrite import ChangedError, Seen, replace_if_unchanged
from pipeline.tracks.po_charset import read_po_seen
from pipeline.tracks.po_io import Key, key_of, parse_po, render
from pipeline.tracks.po_patch import EntryPatcher
from pipeline.tracks.po_read import read_catalog


def read_exact(path: Path) -> str | None:
    """The file's text with its line endings as they are (CRLF stays CRLF), BOM dropped
    (msgfmt rejects a BOM, and msm writes UTF-8 without one); a file in another charset
    (as its header declares) as the UTF-8 text it will be written back as."""
    return read_exact_seen(path)[0]


def read_exact_seen(path: Path) -> tuple[str | None, Seen]:
    """`read_exact`, and the record of the read that the writer compares against."""
    return read_po_seen(path)


class TrackWriter:
    """Writes one PO as drafts arrive: only the drafted entries' blocks change, atomically."""

    def __init__(self, path: Path, text: str, po: polib.POFile, seen: Seen | None = None) -> None:
        self.path = path
        self.text = text  # the PO as read; every save patches this same text
        # What the file holds as far as msm knows (guards against other writers): the read
        # the text came from, else the text itself as UTF-8.
        self.seen = seen or Seen.of(path, text.encode("utf-8"))
        self.patcher = EntryPatcher(text, po)
        self.drafts: dict[Key, polib.POEntry] = {}
        self.blocks: dict[Key, str] = {}  # rendered once each: saving stays linear

    def add(self, key: Key, entry: polib.POEntry) -> None:
        """Take one draft (or memory fill); its rendered block must read back as the same
        entry."""
        block = self.patcher.render(entry)
        try:
            back = [e for e in read_catalog(block, str(self.path)) if e.msgid]
        except InputError:
            back = []
        wanted = [(key, entry.msgstr, "fuzzy" in entry.flags)]
        if [(e.key, e.msgstr, e.fuzzy) for e in back] != wanted:
            raise MsmError(f"{self.path}: internal error: a draft does not read back")
        self.drafts[key] = entry
        self.blocks[key] = block

    def save(self, final: bool = False) -> None:
        """Write every draft so far; refuse if someone else changed the file meanwhile."""
        try:
            text = self.patcher.apply(self.blocks)
        except ValueError:
            # An unusual layout: the same content, in msm's own wrapping.
            text = _rendered(self.text, self.path, self.drafts)
            final = True
        if final:
            parse_po(text, str(self.path))  # the whole file reads back (once, not every save)
        try:  # no BOM: msgfmt rejects one
            self.seen = replace_if_unchanged(self.path, text.encode("utf-8"), self.seen)
        except ChangedError as exc:
            raise ChangedError(
                self.path, exc.appeared, "the drafts made so far are cached: none is sent again"
            ) from None


def _rendered(text: str, path: Path, drafts: Mapping[Key, polib.POEntry]) -> str:
    po = parse_po(text, str(path))
    for entry in po:
        new = drafts.get(key_of(entry))
        if new is not None and not entry.obsolete:
            entry.msgstr, entry.tcomment, entry.flags = new.msgstr, new.tcomment, list(new.flags)
    return render(po)
