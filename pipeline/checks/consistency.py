"""Same source text, different translations, across a whole channel: in little memory, exactly.

`inconsistent-translation` compares every reviewed entry of a run with every other in the
same language. Keeping every translation until the end would hold a channel's whole text in
memory, so the runner keeps of each catalogue only a `Digest`: per reviewed entry, a 64-bit
hash of its normalised source and one of its normalised translation, with its msgid line and
first cue. At the end, only the sources under which two different translation hashes met are
candidates. They are ranked on their hashes, and only the entries that make findings, and the
entries the findings name, are read again: each must still hash as it did, and each finding's
two entries must say the same source exactly, so no finding names an entry of another source.
If any of that fails (a file changed since it was checked, or two sources share a hash),
every candidate is read again and grouped on the exact texts. Hashes can mislead only by
colliding, about one chance in 10^19 per pair of texts: two translations of one source would
go unnoticed, or a colliding source's entries would count towards a translation's majority.

The hashes are BLAKE2b's first 64 bits (`stable_hash`), not Python's own `hash` (different in
every process): a digest kept in the result cache (result_cache.py) meets, in a later run,
digests made in that run.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any, Final, TypeVar

from pipeline.checks.model import CatalogUnit, EntryUnit
from pipeline.checks.units import parse_accepts
from pipeline.errors import InputError
from pipeline.fsutil import read_bytes
from pipeline.hashes import blake2b  # hashlib's, without loading OpenSSL
from pipeline.tracks.po_charset import decode_po
from pipeline.tracks.po_read import PoEntry, entry_at, read_catalog

T = TypeVar("T")


def normalised(text: str) -> str:
    """Texts that differ only in line breaks and spacing are the same text."""
    return " ".join(text.split())


def reviewed(entry: EntryUnit) -> bool:
    """Entries compared: translated, reviewed, and without a context (a msgctxt asks for a
    different translation on purpose)."""
    return not (entry.context or entry.fuzzy or not entry.target.strip())


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class Digest:
    """What is kept of one catalogue until the end of the run."""

    def __init__(
        self,
        path: str,  # as reports show it
        lang: str,
        file: str | None,  # where to read it again; None: a catalogue built in memory
        sources: array[int] | None = None,  # hash of normalised source
        targets: array[int] | None = None,  # hash of normalised target
        lines: array[int] | None = None,  # msgid line (0: unknown)
        offsets: array[int] | None = None,  # block start (-1: unknown)
        cues: array[int] | None = None,  # first cue (0: none)
        entries: tuple[EntryUnit, ...] = (),  # the reviewed entries themselves, when no file
    ) -> None:
        self.path: Final = path
        self.lang: Final = lang
        self.file: Final = file
        self.sources: Final[array[int]] = sources if sources is not None else array("q")
        self.targets: Final[array[int]] = targets if targets is not None else array("q")
        self.lines: Final[array[int]] = lines if lines is not None else array("i")
        self.offsets: Final[array[int]] = offsets if offsets is not None else array("i")
        self.cues: Final[array[int]] = cues if cues is not None else array("i")
        self.entries: Final = entries

    def _key(self) -> tuple[object, ...]:
        """The fields equality and the hash compare (a dataclass's, in order)."""
        return (
            self.path,
            self.lang,
            self.file,
            self.sources,
            self.targets,
            self.lines,
            self.offsets,
            self.cues,
            self.entries,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Digest)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Digest(path={self.path!r}, "
            f"lang={self.lang!r}, "
            f"file={self.file!r}, "
            f"sources={self.sources!r}, "
            f"targets={self.targets!r}, "
            f"lines={self.lines!r}, "
            f"offsets={self.offsets!r}, "
            f"cues={self.cues!r}, "
            f"entries={self.entries!r})"
        )

    def __reduce__(self) -> tuple[type[Digest], tuple[Any, ...]]:
        """Rebuilt through `__init__` when a worker sends it: compiled (setup.py), the class
        would be unpickled by calling it without arguments, which `__init__` refuses."""
        fields = (self.path, self.lang, self.file, self.sources, self.targets, self.lines)
        return Digest, (*fields, self.offsets, self.cues, self.entries)


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
        targets=array("q", [stable_hash(normalised(entry.target)) for entry in rows]),
        lines=_small(lines),
        offsets=_small([offsets.get(line, -1) for line in lines]),
        cues=_small([entry.cues[0] if entry.cues else 0 for entry in rows]),
        entries=() if file else tuple(rows),
    )


def _small(values: list[int]) -> array[int]:
    """Lines, offsets and cue numbers in 32 bits when they fit (always, short of a 2 GB
    file): a worker process sends every digest of its videos back to the parent."""
    try:
        return array("i", values)
    except OverflowError:
        return array("q", values)


@lru_cache(maxsize=4096)  # a video's source texts come back in each of its catalogues
def _source_hash(source: str) -> int:
    return stable_hash(normalised(source))


def stable_hash(text: str) -> int:
    """A 64-bit hash of `text` that is the same in every process and every run."""
    data = text.encode("utf-8", "surrogatepass")
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little", signed=True)


def conflicts(digests: Sequence[Digest]) -> list[tuple[EntryUnit, EntryUnit]]:
    """Every entry of a run translated differently from its source's other entries, with the
    entry its finding names (see `flagged`), in run order."""
    found = _conflicts_by_hash(digests)
    if found is None:  # a file changed since it was checked, or two sources' hashes collide
        found = [pair for ranked in variants(candidates(digests)) for pair in flagged(ranked)]
    return found


def flagged(ranked: list[list[T]]) -> Iterator[tuple[T, T]]:
    """The entries one source's ranked translations flag, each with the entry to name: the
    minority against the majority; on a tie every group, the majority against the runner-up."""
    majority = ranked[0]
    tie = len(ranked[1]) == len(majority)
    for group in ranked if tie else ranked[1:]:
        other = ranked[1][0] if group is majority else majority[0]
        for entry in group:
            yield entry, other


Row = tuple[int, int]  # a digest's index in the run, and a row of it


def _conflicts_by_hash(digests: Sequence[Digest]) -> list[tuple[EntryUnit, EntryUnit]] | None:
    """`conflicts` ranked on the hashes, reading again only the entries the findings need;
    None when one of them is not what its hashes say (`conflicts` then reads every one)."""
    pairs = [pair for ranked in _ranked(digests) for pair in flagged(ranked)]
    wanted: dict[int, set[int]] = {}
    for pair in pairs:
        for index, row in pair:
            wanted.setdefault(index, set()).add(row)
    units: dict[Row, EntryUnit] = {}
    for index, rows in wanted.items():
        found = _rows(digests[index], sorted(rows))
        if found is None:
            return None
        units.update(((index, row), unit) for row, unit in found.items())
    result = [(units[entry], units[other]) for entry, other in pairs]
    if any(normalised(e.source) != normalised(o.source) for e, o in result):
        return None  # two sources with one hash: only the exact texts can tell them apart
    return result


def _ranked(digests: Sequence[Digest]) -> Iterator[list[list[Row]]]:
    """For each (language, source hash) that met two translation hashes: the rows of each
    translation, most used first, in the order `variants` gives them."""
    differing = {
        digests[indexes[0]].lang: _differing(digests, indexes) for indexes in _by_language(digests)
    }
    groups: dict[tuple[str, int], dict[int, list[Row]]] = {}  # -> translation -> rows
    for index, found in enumerate(digests):
        met = differing[found.lang]
        for row, source in enumerate(found.sources):
            if source in met:
                translations = groups.setdefault((found.lang, source), {})
                translations.setdefault(found.targets[row], []).append((index, row))
    for translations in groups.values():
        yield sorted(translations.values(), key=len, reverse=True)  # a stable sort


def _rows(found: Digest, rows: list[int]) -> dict[int, EntryUnit] | None:
    """Rows of a digest as entry units, read again; None unless each is still what it was."""
    if found.file is None:
        return {row: found.entries[row] for row in rows}
    try:
        text = decode_po(read_bytes(found.file), str(found.file)).text
    except (OSError, InputError):
        return None
    taken = _verified(found, text, rows)
    if taken is None:
        return None
    return {row: _unit(found, row, texts) for row, texts in zip(rows, taken, strict=True)}


def candidates(digests: Sequence[Digest]) -> Iterator[EntryUnit]:
    """In run order, the entries of every source that met two translations (by hash)."""
    chosen: dict[int, list[int]] = {}  # digest -> rows
    for indexes in _by_language(digests):  # one language at a time: small dicts
        differing = _differing(digests, indexes)
        if not differing:
            continue
        for index in indexes:
            rows = [i for i, s in enumerate(digests[index].sources) if s in differing]
            if rows:
                chosen[index] = rows
    for index in sorted(chosen):
        yield from _entries(digests[index], chosen[index])


def _by_language(digests: Sequence[Digest]) -> Iterable[list[int]]:
    """The digests' indexes, language by language, in run order."""
    by_lang: dict[str, list[int]] = {}
    for index, found in enumerate(digests):
        by_lang.setdefault(found.lang, []).append(index)
    return by_lang.values()


def _differing(digests: Sequence[Digest], indexes: Iterable[int]) -> set[int]:
    """The source hashes under which two different translation hashes met."""
    first: dict[int, int] = {}
    differing: set[int] = set()
    for index in indexes:
        found = digests[index]
        for source, target in zip(found.sources, found.targets, strict=True):
            if first.setdefault(source, target) != target:
                differing.add(source)
    return differing


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
        text = decode_po(read_bytes(found.file), str(found.file)).text
    except (OSError, InputError):
        return  # gone since it was checked: nothing to compare it with now
    wanted = list(rows)
    taken: Sequence[Texts | None] | None = _verified(found, text, wanted)
    if taken is None:
        taken = _read_whole(found, text, wanted)
    for row, entry in zip(wanted, taken, strict=True):
        if entry is not None:
            yield _unit(found, row, entry)


def _unit(found: Digest, row: int, texts: Texts) -> EntryUnit:
    """A row of a digest, with the texts read again, as the entry unit it was."""
    msgid, msgstr, tcomment = texts
    cue = found.cues[row]
    return EntryUnit(
        found.path,
        found.lines[row],
        found.lang,
        msgid,
        msgstr,
        cues=(cue,) if cue else (),
        accepted=parse_accepts(tcomment),
    )


def _verified(found: Digest, text: str, rows: list[int]) -> list[Texts] | None:
    """The rows' texts, each read where its block started when the file was checked; None
    unless every one is there and still hashes as it did."""
    taken: list[Texts] = []
    for row in rows:
        texts = _at(text, found.offsets[row])
        if (
            texts is None
            or _source_hash(texts[0]) != found.sources[row]
            or stable_hash(normalised(texts[1])) != found.targets[row]
        ):
            return None
        taken.append(texts)
    return taken


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
