"""Change some entries of a PO file in place, leaving every other byte exactly as it was.

Re-rendering a whole catalogue through polib re-wraps lines that another tool (Poedit,
Weblate, msgmerge with other settings) wrapped differently: a translator's entries would
change on disk although nobody touched them. Here only the blocks of the replaced entries
are rewritten; the header, other entries, comments and line endings stay byte for byte.
Locating the blocks is done once per file, so saving again and again stays linear.
"""

from __future__ import annotations

from collections.abc import Mapping

import polib

from pipeline.errors import InputError
from pipeline.tracks.po_io import WRAP_WIDTH, Key, key_of
from pipeline.tracks.po_read import read_catalog


def render_entry(entry: polib.POEntry, newline: str = "\n") -> str:
    """One entry as PO text, ending with a newline, wrapped as msm writes catalogues."""
    text: str = entry.__unicode__(wrapwidth=WRAP_WIDTH)
    if not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", newline)


class EntryPatcher:
    """Knows where each entry of one PO text stands, and writes replacements into it."""

    def __init__(self, text: str, po: polib.POFile) -> None:
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._lines = _lines(text)
        entries = sorted(po, key=_start)
        self._spans: dict[Key, tuple[int, int]] = {}
        for i, entry in enumerate(entries):
            if entry.obsolete:
                continue
            first = _start(entry) - 1
            end = _start(entries[i + 1]) - 1 if i + 1 < len(entries) else len(self._lines)
            while end > first and not self._lines[end - 1].strip():
                end -= 1  # the blank separator belongs to no entry
            self._spans[key_of(entry)] = (first, end)
        self._verified: set[Key] = set()

    def render(self, entry: polib.POEntry) -> str:
        """The entry as a block in this file's line endings."""
        return render_entry(entry, self.newline)

    def apply(self, blocks: Mapping[Key, str]) -> str:
        """The text with the entry of each key replaced by its block (rendered text).

        Raises ValueError when an entry's block cannot be located exactly; callers then
        fall back to rendering the whole catalogue (content is kept either way).
        """
        spans = []
        for key in blocks:
            span = self._spans.get(key)
            if span is None:
                raise ValueError(f"entry {key[1][:30]!r} is not in the catalogue")
            if key not in self._verified:
                _verify(self._lines, span[0], span[1], key)
                self._verified.add(key)
            spans.append((span[0], span[1], key))
        out: list[str] = []
        position = 0
        for first, end, key in sorted(spans):
            out.extend(self._lines[position:first])
            out.append(blocks[key])
            position = end
        out.extend(self._lines[position:])
        return "".join(out)


def patch_entries(text: str, po: polib.POFile, replacements: Mapping[Key, polib.POEntry]) -> str:
    """`text` (which `po` was parsed from) with the entries of `replacements` rewritten."""
    if not replacements:
        return text
    patcher = EntryPatcher(text, po)
    return patcher.apply({key: patcher.render(e) for key, e in replacements.items()})


def _lines(text: str) -> list[str]:
    """The lines of a PO text with their ends; only `\\n` ends a line (U+2028, a form feed
    and the like are text, so `str.splitlines` would cut entries in the wrong places)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    if not lines[-1]:
        lines.pop()
    return lines


def _start(entry: polib.POEntry) -> int:
    # polib reports the first line of an entry (its first comment), and 0 for line 1.
    return max(1, int(entry.linenum or 0))


def _verify(lines: list[str], first: int, end: int, key: Key) -> None:
    """The block must stand alone (blank lines around it) and parse as exactly that entry."""
    block = lines[first:end]
    if not block or not block[0].strip():
        raise ValueError(f"entry {key[1][:30]!r} does not start where polib says")
    if first > 0 and lines[first - 1].strip():
        raise ValueError(f"entry {key[1][:30]!r} is not separated from the one before")
    try:
        found = [e.key for e in read_catalog("".join(block), "block")]
    except InputError:
        found = []
    if found != [key]:
        raise ValueError(f"block at entry {key[1][:30]!r} does not hold exactly that entry")
