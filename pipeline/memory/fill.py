"""Fill new catalogue entries from the memory, as `msm update` and `msm translate` do.

Only an entry with no translation at all is filled, never one holding anybody's text. An
exact match (the same source text in another video) gives that translation, fuzzy unless
`[memory] exact = "translated"` (and then only when neither side has a context); a near
match gives its translation, fuzzy, with `#| msgid` holding the matched source so the
editor shows what differs. Each filled entry says where its text came from in a
translator comment: `# memory: <video>/<lang>.po` (a near match adds its score).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polib

from pipeline.memory.model import Match
from pipeline.memory.settings import MemorySettings
from pipeline.memory.store import Memory

COMMENT = "memory: "


@dataclass
class FillStats:
    """How many entries the memory filled, by kind of match."""

    exact: int = 0
    near: int = 0

    @property
    def total(self) -> int:
        """Entries filled."""
        return self.exact + self.near


def fillable(entry: polib.POEntry) -> bool:
    """Whether the memory may fill this entry: live, singular, and nobody's text in it."""
    return bool(
        entry.msgid
        and not entry.obsolete
        and not entry.msgid_plural
        and not entry.msgstr
        and not any(entry.msgstr_plural.values())
        and not entry.fuzzy
        and not entry.tcomment
    )


def best_match(
    memory: Memory, entry: polib.POEntry, settings: MemorySettings, exclude: str = ""
) -> Match | None:
    """The exact match of the entry's source, else its nearest match over the threshold."""
    found = memory.exact(entry.msgid, exclude)
    if found is not None:
        return found
    near = memory.near(entry.msgid, settings.threshold, exclude)
    return near[0] if near else None


def apply_match(entry: polib.POEntry, match: Match, settings: MemorySettings) -> None:
    """Put the matched translation into `entry`, with its comment and flags."""
    entry.msgstr = match.unit.target
    comment = COMMENT + match.describe()
    entry.tcomment = f"{entry.tcomment}\n{comment}" if entry.tcomment else comment
    keep_translated = match.exact and settings.exact_translated and not entry.msgctxt
    if not keep_translated and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    if not match.exact:
        entry.previous_msgid = match.unit.source


def fill(
    entries: Iterable[polib.POEntry],
    memory: Memory,
    settings: MemorySettings,
    exclude: str = "",
) -> FillStats:
    """Fill each fillable entry of `entries` that the memory has a match for."""
    stats = FillStats()
    chosen = [entry for entry in entries if fillable(entry)]
    # one pass over the memory for all
    memory.prepare((entry.msgid for entry in chosen), settings.threshold, exclude)
    for entry in chosen:
        match = best_match(memory, entry, settings, exclude)
        if match is None:
            continue
        apply_match(entry, match, settings)
        if match.exact:
            stats.exact += 1
        else:
            stats.near += 1
    return stats
