"""From a source track to PO entries, and merging them into a language's catalogue.

Entries are keyed by the source text (msgid), never by timestamps: identical texts share one
entry and list every cue as an occurrence; `msgctxt` only separates texts that need different
translations. Merging follows `msgmerge --previous`: unchanged text keeps its translation,
edited text keeps the old translation as fuzzy with `#| msgid`, vanished text becomes obsolete.
Everything else a catalogue may hold (plural forms, flags, comments, previous fields, obsolete
entries) is carried over as it was.

We know more than msgmerge: the `#.` notes carry each entry's cue numbers, so an edited cue is
found at its place in the sequence of cues even when the edit is too large for a
text-similarity match ("Yes." → "Yes, of course."); text similarity is the fallback for
foreign PO files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from pipeline.tracks.cue_notes import cue_notes as cue_notes  # re-exported: the old name
from pipeline.tracks.cue_notes import cue_numbers, note_text, settled
from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import Key, copy_entry, key_of

if TYPE_CHECKING:
    import polib

FUZZY_THRESHOLD = 0.6  # msgmerge's own threshold for a fuzzy match


# A plain class with a dataclass's equality and repr written out: making the dataclass (its
# methods compiled from source) cost ~0.5 ms of start-up.
class SourceEntry:
    """One msgid of the template and the cues that say it."""

    def __init__(
        self,
        msgctxt: str | None,
        msgid: str,
        cues: list[Cue] | None = None,
    ) -> None:
        self.msgctxt = msgctxt
        self.msgid = msgid
        self.cues: list[Cue] = cues if cues is not None else []

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, SourceEntry)
        return (self.msgctxt, self.msgid, self.cues) == (other.msgctxt, other.msgid, other.cues)

    def __repr__(self) -> str:
        return f"SourceEntry(msgctxt={self.msgctxt!r}, msgid={self.msgid!r}, cues={self.cues!r})"

    @property
    def key(self) -> Key:
        """(msgctxt, msgid)."""
        return (self.msgctxt, self.msgid)


def source_entries(
    cues: Sequence[Cue], contexts: Mapping[int, str] | None = None
) -> list[SourceEntry]:
    """Group cues by (context, text) in order of first appearance.

    `contexts` maps a cue's position (1-based) to a msgctxt, for the rare text that must be
    translated differently in two places.
    """
    contexts = contexts or {}
    entries: dict[Key, SourceEntry] = {}
    for position, cue in enumerate(cues, start=1):
        key = (contexts.get(position), cue.text)
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = SourceEntry(key[0], cue.text)
        entry.cues.append(cue)
    return list(entries.values())


def cue_keys(cues: Sequence[Cue], contexts: Mapping[int, str] | None = None) -> list[Key]:
    """The entry key of each cue, in order."""
    contexts = contexts or {}
    return [(contexts.get(i), cue.text) for i, cue in enumerate(cues, start=1)]


def template_entry(entry: SourceEntry, source_name: str) -> polib.POEntry:
    """A template entry: occurrences point at the cue texts, the `#.` note gives each cue's
    number and duration (`cue 3 (5.3 s)`, see cue_notes.py)."""
    import polib  # imported where used: a check that only reads never loads it

    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr="",
        occurrences=[(source_name, str(c.text_line)) for c in entry.cues if c.text_line],
        comment=note_text(entry.cues),
    )


# A plain class with a dataclass's equality and repr written out: making the dataclass (its
# methods compiled from source) cost ~0.5 ms of start-up.
class MergeStats:
    """What a merge did, for the report."""

    def __init__(
        self,
        kept: int = 0,  # translated, source text unchanged
        fuzzy: int = 0,  # source text edited: old translation kept as fuzzy
        new: int = 0,  # no translation yet
        revived: int = 0,  # came back from obsolete
        obsoleted: int = 0,  # translated text whose source vanished
        memory: int = 0,  # new entries filled from the translation memory (not counted as new)
    ) -> None:
        self.kept = kept
        self.fuzzy = fuzzy
        self.new = new
        self.revived = revived
        self.obsoleted = obsoleted
        self.memory = memory

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, MergeStats)
        return (self.kept, self.fuzzy, self.new, self.revived, self.obsoleted, self.memory) == (
            other.kept,
            other.fuzzy,
            other.new,
            other.revived,
            other.obsoleted,
            other.memory,
        )

    def __repr__(self) -> str:
        return (
            f"MergeStats(kept={self.kept!r}, "
            f"fuzzy={self.fuzzy!r}, "
            f"new={self.new!r}, "
            f"revived={self.revived!r}, "
            f"obsoleted={self.obsoleted!r}, "
            f"memory={self.memory!r})"
        )

    def __str__(self) -> str:
        parts = [
            f"{self.kept} kept",
            f"{self.fuzzy} fuzzy",
            f"{self.new} new",
            f"{self.obsoleted} obsolete",
        ]
        if self.revived:
            parts.append(f"{self.revived} revived")
        if self.memory:
            parts.append(f"{self.memory} from memory")
        return ", ".join(parts)


def merge(
    template: Iterable[polib.POEntry], old: Iterable[polib.POEntry]
) -> tuple[list[polib.POEntry], MergeStats]:
    """Merge the previous entries of a catalogue into fresh template entries.

    Returns the new entries (template order, then obsolete ones) and what happened. No
    translation is lost: each one ends up exact, fuzzy, or obsolete, with its plural forms,
    flags and comments.
    """
    stats = MergeStats()
    current: dict[Key, polib.POEntry] = {}
    obsolete: dict[Key, polib.POEntry] = {}
    for entry in old:
        if not entry.msgid and not entry.msgctxt and not entry.obsolete:
            continue  # the header
        (obsolete if entry.obsolete else current).setdefault(key_of(entry), entry)
    fresh = [copy_entry(e) for e in template]
    used: set[Key] = set()
    unmatched: list[polib.POEntry] = []
    for entry in fresh:
        key = key_of(entry)
        if key in current:
            _take(entry, current[key])
            used.add(key)
            done = _translated(entry)
            stats.kept += 1 if done and not entry.fuzzy else 0
            stats.fuzzy += 1 if done and entry.fuzzy else 0
            stats.new += 0 if done else 1
        elif key in obsolete and _has_work(obsolete[key]):
            _take(entry, obsolete.pop(key))
            stats.revived += 1
        else:
            unmatched.append(entry)
    candidates = [e for k, e in current.items() if k not in used and _translated(e)]
    in_place = _same_place(fresh, current)
    consumed: set[Key] = set()
    for entry in unmatched:
        best = _first_candidate(in_place.get(key_of(entry), []), candidates)
        best = best or _closest(entry, candidates)
        if best is None:
            stats.new += 1
            continue
        _take(entry, best, notes=False)
        entry.previous_msgid = (
            best.previous_msgid if best.fuzzy and best.previous_msgid else best.msgid
        )
        entry.previous_msgctxt = best.msgctxt if best.msgctxt != entry.msgctxt else None
        if best.msgid_plural and not entry.previous_msgid_plural:
            entry.previous_msgid_plural = best.msgid_plural
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        consumed.add(key_of(best))
        stats.fuzzy += 1
    leftovers = [
        e for k, e in current.items() if k not in used and k not in consumed and _has_work(e)
    ]
    for entry in leftovers:
        gone = copy_entry(entry)
        gone.obsolete = True
        gone.occurrences = []
        gone.comment = ""
        obsolete.setdefault(key_of(gone), gone)
        stats.obsoleted += 1
    for entry in fresh:
        # An empty obsolete twin of a live entry would be a duplicate msgfmt rejects.
        obsolete.pop(key_of(entry), None)
    for entry in obsolete.values():
        entry.obsolete = True
    return [*fresh, *obsolete.values()], stats


def _translated(entry: polib.POEntry) -> bool:
    """Whether the entry has a translation (its msgstr, or any of its plural forms)."""
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


def _has_work(entry: polib.POEntry) -> bool:
    """Whether the entry holds anything a person wrote (a translation or a comment)."""
    return _translated(entry) or bool(entry.tcomment)


def _take(target: polib.POEntry, source: polib.POEntry, notes: bool = True) -> None:
    """Copy what the translator owns (translation and plural forms, flags, comments, previous
    fields) onto a fresh entry; with `notes`, keep the old `#.` note unless it is out of date
    (the same entry: a duration that moved by a few milliseconds is no change)."""
    target.msgstr = source.msgstr
    if source.msgid_plural:  # the source track has no plurals: a translator's tool added it
        target.msgid_plural = source.msgid_plural
        target.msgstr_plural = dict(source.msgstr_plural)
    target.tcomment = source.tcomment
    target.flags = list(source.flags)
    target.previous_msgid = source.previous_msgid
    target.previous_msgctxt = source.previous_msgctxt
    target.previous_msgid_plural = source.previous_msgid_plural
    if notes:
        target.comment = settled(target.comment, source.comment)


def _same_place(
    fresh: Sequence[polib.POEntry], current: Mapping[Key, polib.POEntry]
) -> dict[Key, list[polib.POEntry]]:
    """For each new entry, the old entries that stood at the same places in the cue sequence.

    The old and new sequences of cues (each cue by its entry's key, from the `#.` notes) are
    aligned as a diff aligns lines; cues replaced one by one are the same cues, edited. Cue
    numbers, not times: re-timing the video does not move a cue in the sequence, and a cue
    inserted before the edit does not shift it.
    """
    old_seq = _sequence(current.values(), "old")
    new_seq = _sequence(fresh, "new")
    if not old_seq or not new_seq:
        return {}
    old_at = {n: e for e in current.values() for n in cue_numbers(e.comment)}
    new_at = {n: e for e in reversed(fresh) for n in cue_numbers(e.comment)}
    found: dict[Key, list[polib.POEntry]] = {}
    import difflib  # only msm update aligns entries: not loaded by msm check

    matcher = difflib.SequenceMatcher(None, old_seq, new_seq, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        for k in range(min(i2 - i1, j2 - j1)):
            old_entry, new_entry = old_at.get(i1 + k + 1), new_at.get(j1 + k + 1)
            if old_entry is not None and new_entry is not None:
                found.setdefault(key_of(new_entry), []).append(old_entry)
    return found


def _sequence(entries: Iterable[polib.POEntry], side: str) -> list[tuple[str | None, str]]:
    """The key of each cue number 1…n that the entries' notes list (a placeholder that
    matches nothing where no entry lists a number)."""
    at: dict[int, Key] = {}
    for entry in entries:
        for n in cue_numbers(entry.comment):
            at.setdefault(n, key_of(entry))
    if not at:
        return []
    return [at.get(n, (f"\0{side}", str(n))) for n in range(1, max(at) + 1)]


def _first_candidate(
    found: Sequence[polib.POEntry], candidates: Sequence[polib.POEntry]
) -> polib.POEntry | None:
    """The first of `found` that is still a candidate (translated and not matched exactly)."""
    open_ids = {id(c) for c in candidates}
    return next((entry for entry in found if id(entry) in open_ids), None)


def _closest(entry: polib.POEntry, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The candidate whose msgid is most similar (ratio ≥ 0.6), preferring the same context."""
    best: polib.POEntry | None = None
    best_score = FUZZY_THRESHOLD
    import difflib  # only msm update aligns entries: not loaded by msm check

    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(entry.msgid)
    for candidate in candidates:
        matcher.set_seq1(candidate.msgid)
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio() + (0.01 if candidate.msgctxt == entry.msgctxt else 0.0)
        if score > best_score or (best is None and score >= FUZZY_THRESHOLD):
            best, best_score = candidate, score
    return best
