"""Build check units from what the readers return: PO entries, source entries, cues.

Everything here is pure: text and parsed objects in, units out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from pipeline.checks.model import EntryUnit
from pipeline.tracks.cue_notes import cue_numbers, read_notes
from pipeline.tracks.merge import SourceEntry
from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import Key, key_of
from pipeline.tracks.po_read import PoEntry, translation


@cache
def _accept() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"^\s*msm-accept:\s*(\S+)", re.MULTILINE)


_NO_ACCEPTS: frozenset[str] = frozenset()


def parse_accepts(comment: str | None) -> frozenset[str]:
    """The check ids a reviewer accepted in a translator comment.

    `# msm-accept: CHECK-ID[:CONCEPT] optional reason`, one per line; several ids may be joined
    with commas. Gives `check-id` or `check-id:concept` strings.
    """
    if not comment or "msm-accept" not in comment:
        return _NO_ACCEPTS
    found = {
        token.strip()
        for m in _accept().finditer(comment)
        for token in m.group(1).split(",")
        if token.strip()
    }
    return frozenset(found)


def numbered(cues: Iterable[Cue]) -> list[Cue]:
    """The cues numbered by their position (1-based), as findings report them."""
    return [
        cue if cue.index == n else Cue(cue.start, cue.end, cue.text, n, cue.line)
        for n, cue in enumerate(cues, 1)
    ]


def positions_by_key(keys: Sequence[Key]) -> dict[Key, tuple[int, ...]]:
    """For each entry key, the source cue numbers that say it."""
    found: dict[Key, list[int]] = {}
    for position, key in enumerate(keys, start=1):
        found.setdefault(key, []).append(position)
    return {key: tuple(p) for key, p in found.items()}


def po_units(
    entries: Iterable[PoEntry],
    path: str,
    lang: str,
    positions: Mapping[Key, tuple[int, ...]] | None = None,
    sources: Mapping[str, str] | None = None,
) -> tuple[list[EntryUnit], list[EntryUnit], dict[Key, EntryUnit]]:
    """The entries of a catalogue (read by `po_read`) as units: (current, obsolete, by key).

    `positions` gives each key's source cue numbers; without a source track they come from
    the `#. cue N (D s)` notes `msm update` writes. `sources` maps source texts to one shared
    copy (a video's catalogues all repeat its source texts: one copy serves them all).
    """
    sources = sources or {}
    current: list[EntryUnit] = []
    gone: list[EntryUnit] = []
    by_key: dict[Key, EntryUnit] = {}
    for entry in entries:
        context = entry.msgctxt or None
        msgid = entry.msgid
        key = (context, msgid)
        if positions is not None:
            cues = positions.get(key, ())
        else:
            cues = tuple(cue_numbers(entry.comment))
        # Positional: a dataclass's __init__ matches keywords one by one, which cost a third
        # of this loop (it runs for every entry of every catalogue).
        unit = EntryUnit(
            path,
            entry.line,
            lang,
            sources.get(msgid, msgid),  # source
            translation(entry) if entry.msgid_plural else entry.msgstr,  # target
            context,
            cues,
            "fuzzy" in entry.flags,  # fuzzy
            bool(entry.obsolete),  # obsolete
            parse_accepts(entry.tcomment) if entry.tcomment else _NO_ACCEPTS,  # accepted
        )
        if entry.obsolete:
            gone.append(unit)
        else:
            current.append(unit)
            by_key[key] = unit
    return current, gone, by_key


def source_units(
    entries: Sequence[SourceEntry], positions: Mapping[Key, tuple[int, ...]], path: str, lang: str
) -> list[EntryUnit]:
    """One unit per source text (cues saying the same text share it), target = the text."""
    return [
        EntryUnit(
            path=path,
            line=entry.cues[0].line or None,
            lang=lang,
            source=entry.msgid,
            target=entry.msgid,
            context=entry.msgctxt,
            cues=positions.get(entry.key, ()),
            from_po=False,
        )
        for entry in entries
    ]


def cue_units(cues: Sequence[Cue], path: str, lang: str) -> list[EntryUnit]:
    """One unit per cue of a track read without a PO (the source text is unknown)."""
    return [
        EntryUnit(
            path=path,
            line=cue.line or None,
            lang=lang,
            source="",
            target=cue.text,
            cues=(cue.index,),
            from_po=False,
        )
        for cue in cues
    ]


def timing_from_comments(po: Iterable[PoEntry]) -> tuple[list[Cue], list[Key]]:
    """The source timing a catalogue carries in its `#. cue N (D s)` notes.

    Lets a PO checked on its own (a translator's copy) get the reading-speed checks. Returns
    the cues in cue-number order with the source text, and each cue's entry key. The notes give
    durations, not times (cue_notes.py): the cues are laid end to end, each as long as its note
    says; they are the built track's source timing, so no gap or overlap check looks at them.
    Notes in the old long form (`cue N: start --> end`) give their times.
    """
    timed: dict[int, tuple[int, int | None, str, Key]] = {}
    for entry in po:
        if entry.obsolete or not entry.comment:
            continue
        for note in read_notes(entry.comment):
            if note.duration > 0:
                timed[note.number] = (note.duration, note.start, entry.msgid, key_of(entry))
    cues: list[Cue] = []
    keys: list[Key] = []
    at = 0
    for n in sorted(timed):
        duration, start, text, key = timed[n]
        begin = start if start is not None else at
        cues.append(Cue(begin, begin + duration, text, n))
        keys.append(key)
        at = begin + duration
    return cues, keys
