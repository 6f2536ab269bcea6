"""Same source text, different translations, across a whole channel: in little memory, exactly.

`inconsistent-translation` compares every reviewed entry of a run with every other in the
same language. Keeping every translation until the end would hold a channel's whole text in
memory, so the runner keeps of each catalogue only a `Digest`: per reviewed entry, a 64-bit
hash of its normalised source and one of its normalised translation, with its msgid line and
first cue. At the end, only the sources under which two different translation hashes met are
candidates; their catalogues are read again and the candidates grouped on the exact texts, so
a hash collision between two sources cannot make a finding. (Two different translations of
one source with equal hashes would go unnoticed: about one chance in 10^19 per pair.)

The hashes are Python's own (`hash`), the same in the worker processes a big run forks.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.checks.model import CatalogUnit, EntryUnit
from pipeline.checks.units import parse_accepts
from pipeline.errors import InputError
from pipeline.tracks.po_read import PoEntry, entry_at, read_catalog


def normalised(text: str) -> str:
    """Texts that differ only in line breaks and spacing are the same text."""
    return " ".join(text.split())


def reviewed(entry: EntryUnit) -> bool:
    """Entries compared: translated, reviewed, and without a context (a msgctxt asks for a
    different translation on purpose)."""
    return not (entry.context or entry.fuzzy or not entry.target.strip())


@dataclass(frozen=True)
class Digest:
    """What is kept of one catalogue until the end of the run."""

    path: str  # as reports show it
    lang: str
    file: str | None  # where to read it again; None: a catalogue built in memory
    sources: array[int] = field(default_factory=lambda: array("q"))  # hash of normalised source
    targets: array[int] = field(default_factory=lambda: array("q"))  # hash of normalised target
    lines: array[int] = field(default_factory=lambda: array("q"))  # msgid line (0: unknown)
    offsets: array[int] = field(default_factory=lambda: array("q"))  # block start (-1: unknown)
    cues: array[int] = field(default_factory=lambda: array("q"))  # first cue (0: none)
    entries: tuple[EntryUnit, ...] = ()  # the reviewed entries themselves, when no file


def digest(catalog: CatalogUnit) -> Digest:
    """The digest of a checked catalogue."""
    rows = [e for e in catalog.entries if reviewed(e)]
    file = str(catalog.file) if catalog.file is not None else None
    lines = [entry.line or 0 for entry in rows]
    offsets = catalog.offsets
    # Each column in one go: this runs for every catalogue of a run.
    return Digest(
        catalog.path,
        catalog.lang,
        file,
        sources=array("q", [_source_hash(entry.source) for entry in rows]),
        targets=array("q", [hash(normalised(entry.target)) for entry in rows]),
        lines=array("q", lines),
        offsets=array("q", [offsets.get(line, -1) for line in lines]),
        cues=array("q", [entry.cues[0] if entry.cues else 0 for entry in rows]),
        entries=() if file else tuple(rows),
    )


@lru_cache(maxsize=4096)  # a video's source texts come back in each of its catalogues
def _source_hash(source: str) -> int:
    return hash(normalised(source))


def candidates(digests: Sequence[Digest]) -> Iterator[EntryUnit]:
    """In run order, the entries of every source that met two translations (by hash)."""
    by_lang: dict[str, list[int]] = {}
    for index, found in enumerate(digests):
        by_lang.setdefault(found.lang, []).append(index)
    chosen: dict[int, list[int]] = {}  # digest -> rows
    for indexes in by_lang.values():  # one language at a time: small dicts
        first: dict[int, int] = {}
        differing: set[int] = set()
        for index in indexes:
            found = digests[index]
            for source, target in zip(found.sources, found.targets, strict=True):
                if first.setdefault(source, target) != target:
                    differing.add(source)
        if not differing:
            continue
        for index in indexes:
            rows = [i for i, s in enumerate(digests[index].sources) if s in differing]
            if rows:
                chosen[index] = rows
    for index in sorted(chosen):
        yield from _entries(digests[index], chosen[index])


def _entries(found: Digest, rows: Iterable[int]) -> Iterator[EntryUnit]:
    """The chosen rows as entry units, their texts read again from the catalogue.

    Each entry is read again where its block started when the file was checked; it is used
    only if its texts still hash as they did. If any does not (the file changed), or the
    file was not in the usual layout, the whole file is read again.
    """
    if found.file is None:
        for row in rows:
            yield found.entries[row]
        return
    try:
        text = Path(found.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # gone since it was checked: nothing to compare it with now
    wanted = list(rows)
    taken = [_at(text, found.offsets[row]) for row in wanted]
    if not all(
        t is not None
        and _source_hash(t[0]) == found.sources[row]
        and hash(normalised(t[1])) == found.targets[row]
        for t, row in zip(taken, wanted, strict=True)
    ):
        taken = _read_whole(found, text, wanted)
    for row, entry in zip(wanted, taken, strict=True):
        if entry is None:
            continue
        msgid, msgstr, tcomment = entry
        cue = found.cues[row]
        yield EntryUnit(
            found.path,
            found.lines[row],
            found.lang,
            msgid,
            msgstr,
            cues=(cue,) if cue else (),
            accepted=parse_accepts(tcomment),
        )


Texts = tuple[str, str, str]  # msgid, msgstr, translator comment


def _usable(entry: PoEntry | None) -> Texts | None:
    if entry is None or entry.fuzzy or entry.msgctxt or not entry.msgstr.strip():
        return None
    return entry.msgid, entry.msgstr, entry.tcomment


def _at(text: str, offset: int) -> Texts | None:
    return _usable(entry_at(text, offset)) if offset >= 0 else None


def _read_whole(found: Digest, text: str, rows: list[int]) -> list[Texts | None]:
    try:
        by_line = {e.line: e for e in read_catalog(text, str(found.file)) if not e.obsolete}
    except InputError:
        return [None] * len(rows)  # broken since it was checked
    return [_usable(by_line.get(found.lines[row])) for row in rows]


def variants(entries: Iterable[EntryUnit]) -> Iterator[list[list[EntryUnit]]]:
    """For each (language, source) translated in more than one way: the translations' entry
    lists, most used first (first seen first among equals)."""
    groups: dict[tuple[str, str], dict[str, list[EntryUnit]]] = {}
    for entry in entries:
        key = (entry.lang, normalised(entry.source))
        groups.setdefault(key, {}).setdefault(normalised(entry.target), []).append(entry)
    for found in groups.values():
        if len(found) > 1:
            yield sorted(found.values(), key=len, reverse=True)  # a stable sort
