"""Change some entries of a PO file in place, leaving every other byte exactly as it was.

Re-rendering a whole catalogue through polib re-wraps lines that another tool (Poedit,
Weblate, msgmerge with other settings) wrapped differently: a translator's entries would
change on disk although nobody touched them. Here only the blocks of the replaced entries
are rewritten; the header, other entries, comments and line endings stay byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping

import polib

from pipeline.tracks.po_io import WRAP_WIDTH, Key, key_of


def render_entry(entry: polib.POEntry, newline: str = "\n") -> str:
    """One entry as PO text, ending with a newline, wrapped as msm writes catalogues."""
    text: str = entry.__unicode__(wrapwidth=WRAP_WIDTH)
    if not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", newline)


def patch_entries(text: str, po: polib.POFile, replacements: Mapping[Key, polib.POEntry]) -> str:
    """`text` (which `po` was parsed from) with the entries of `replacements` rewritten.

    Raises ValueError when an entry's block cannot be located exactly; callers then fall
    back to rendering the whole catalogue (content is kept either way).
    """
    if not replacements:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    entries = sorted(po, key=_start)
    starts = [_start(e) for e in entries]
    blocks: list[tuple[int, int, Key]] = []  # (first line index, end index exclusive, key)
    for i, entry in enumerate(entries):
        key = key_of(entry)
        if key not in replacements or entry.obsolete:
            continue
        first = starts[i] - 1
        end = starts[i + 1] - 1 if i + 1 < len(entries) else len(lines)
        while end > first and not lines[end - 1].strip():
            end -= 1  # the blank separator belongs to no entry
        _verify(lines, first, end, key)
        blocks.append((first, end, key))
    if len(blocks) != len(replacements):
        raise ValueError("some replaced entries are not in the catalogue")
    for first, end, key in sorted(blocks, reverse=True):
        lines[first:end] = [render_entry(replacements[key], newline)]
    return "".join(lines)


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
    parsed = polib.pofile("".join(block), wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    found = [key_of(e) for e in parsed]
    if found != [key]:
        raise ValueError(f"block at entry {key[1][:30]!r} does not hold exactly that entry")
