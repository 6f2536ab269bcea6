"""From a source track to PO entries, and merging them into a language's catalogue.

Entries are keyed by the source text (msgid), never by timestamps: identical texts share one
entry and list every cue as an occurrence; `msgctxt` only separates texts that need different
translations. Merging follows `msgmerge --previous`: unchanged text keeps its translation,
edited text keeps the old translation as fuzzy with `#| msgid`, vanished text becomes obsolete.

We know more than msgmerge: the `#.` comments carry each cue's timing, so an edited cue is found
at its place in time even when the edit is too large for a text-similarity match ("Yes." →
"Yes, of course."); text similarity is the fallback for re-timed edits and foreign PO files.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import polib

from pipeline.tracks.model import Cue, format_timestamp, overlap
from pipeline.tracks.po_io import Key, key_of

FUZZY_THRESHOLD = 0.6  # msgmerge's own threshold for a fuzzy match
SAME_PLACE = 0.5  # an old entry whose cues cover half the new cue's time is the same cue, edited
# What `template_entry` writes into an entry's `#.` comment, one line per cue:
# `cue 3: 00:00:10,709 --> 00:00:15,960 (5.3 s)`. Read back by `cue_notes`; a hand-edited
# period for the comma (the WebVTT way) means the same time.
_CUE_NOTE = re.compile(
    r"^cue (\d+): (\d+):(\d{2}):(\d{2})[,.](\d{3}) --> (\d+):(\d{2}):(\d{2})[,.](\d{3})",
    re.MULTILINE,
)


@dataclass
class SourceEntry:
    """One msgid of the template and the cues that say it."""

    msgctxt: str | None
    msgid: str
    cues: list[Cue] = field(default_factory=list)

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
    """A template entry: occurrences point at the cue texts, comments carry the timing."""
    notes = [
        f"cue {c.index}: {format_timestamp(c.start)} --> {format_timestamp(c.end)}"
        f" ({c.duration / 1000:.1f} s)"
        for c in entry.cues
    ]
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr="",
        occurrences=[(source_name, str(c.text_line)) for c in entry.cues if c.text_line],
        comment="\n".join(notes),
    )


@dataclass
class MergeStats:
    """What a merge did, for the report."""

    kept: int = 0  # translated, source text unchanged
    fuzzy: int = 0  # source text edited: old translation kept as fuzzy
    new: int = 0  # no translation yet
    revived: int = 0  # came back from obsolete
    obsoleted: int = 0  # translated text whose source vanished

    def __str__(self) -> str:
        parts = [
            f"{self.kept} kept",
            f"{self.fuzzy} fuzzy",
            f"{self.new} new",
            f"{self.obsoleted} obsolete",
        ]
        if self.revived:
            parts.append(f"{self.revived} revived")
        return ", ".join(parts)


def merge(
    template: Iterable[polib.POEntry], old: Iterable[polib.POEntry]
) -> tuple[list[polib.POEntry], MergeStats]:
    """Merge the previous entries of a catalogue into fresh template entries.

    Returns the new entries (template order, then obsolete ones) and what happened. No
    translation is lost: each one ends up exact, fuzzy, or obsolete.
    """
    stats = MergeStats()
    current: dict[Key, polib.POEntry] = {}
    obsolete: dict[Key, polib.POEntry] = {}
    for entry in old:
        if not entry.msgid:
            continue  # the header
        (obsolete if entry.obsolete else current)[key_of(entry)] = entry
    fresh = [_copy(e) for e in template]
    used: set[Key] = set()
    unmatched: list[polib.POEntry] = []
    for entry in fresh:
        key = key_of(entry)
        if key in current:
            _take(entry, current[key])
            used.add(key)
            stats.kept += 1 if entry.msgstr and not entry.fuzzy else 0
            stats.fuzzy += 1 if entry.msgstr and entry.fuzzy else 0
            stats.new += 0 if entry.msgstr else 1
        elif key in obsolete and _has_work(obsolete[key]):
            _take(entry, obsolete[key])
            obsolete.pop(key)
            stats.revived += 1
        else:
            unmatched.append(entry)
    candidates = [e for k, e in current.items() if k not in used and e.msgstr]
    consumed: set[Key] = set()
    for entry in unmatched:
        best = _same_place(entry, candidates) or _closest(entry, candidates)
        if best is None:
            stats.new += 1
            continue
        _take(entry, best)
        entry.previous_msgid = (
            best.previous_msgid if best.fuzzy and best.previous_msgid else best.msgid
        )
        entry.previous_msgctxt = best.msgctxt if best.msgctxt != entry.msgctxt else None
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        consumed.add(key_of(best))
        stats.fuzzy += 1
    leftovers = [
        e for k, e in current.items() if k not in used and k not in consumed and _has_work(e)
    ]
    for entry in leftovers:
        gone = _copy(entry)
        gone.obsolete = True
        gone.occurrences = []
        gone.comment = ""
        obsolete[key_of(gone)] = gone
        stats.obsoleted += 1
    for entry in fresh:
        # An empty obsolete twin of a live entry would be a duplicate msgfmt rejects.
        obsolete.pop(key_of(entry), None)
    for entry in obsolete.values():
        entry.obsolete = True
    return [*fresh, *obsolete.values()], stats


def _has_work(entry: polib.POEntry) -> bool:
    """Whether the entry holds anything a person wrote (a translation or a comment)."""
    return bool(entry.msgstr or any(entry.msgstr_plural.values()) or entry.tcomment)


def _copy(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        occurrences=list(entry.occurrences),
        comment=entry.comment,
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
        obsolete=entry.obsolete,
    )


def _take(target: polib.POEntry, source: polib.POEntry) -> None:
    """Copy what the translator owns (translation, flags, comments) onto a fresh entry."""
    target.msgstr = source.msgstr
    target.tcomment = source.tcomment
    target.flags = list(source.flags)
    target.previous_msgid = source.previous_msgid
    target.previous_msgctxt = source.previous_msgctxt


def cue_notes(comment: str | None) -> list[tuple[int, int, int]]:
    """The cues an entry's `#.` comment records: (cue number, start ms, end ms), in order."""
    found = []
    for m in _CUE_NOTE.finditer(comment or ""):
        n, h1, m1, s1, f1, h2, m2, s2, f2 = (int(g) for g in m.groups())
        start = ((h1 * 60 + m1) * 60 + s1) * 1000 + f1
        found.append((n, start, ((h2 * 60 + m2) * 60 + s2) * 1000 + f2))
    return found


def spans(entry: polib.POEntry) -> list[tuple[int, int]]:
    """The cue timings recorded in an entry's `#.` comments (ours), in milliseconds."""
    return [(start, end) for _, start, end in cue_notes(entry.comment)]


def _same_place(entry: polib.POEntry, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The candidate shown at the same time as `entry` (the same cue, with edited text)."""
    mine = spans(entry)
    if not mine:
        return None
    length = sum(end - start for start, end in mine)
    best: polib.POEntry | None = None
    best_shared = SAME_PLACE * length
    for candidate in candidates:
        shared = sum(overlap(a, b, c, d) for a, b in mine for c, d in spans(candidate))
        if shared > best_shared:
            best, best_shared = candidate, shared
    return best


def _closest(entry: polib.POEntry, candidates: Sequence[polib.POEntry]) -> polib.POEntry | None:
    """The candidate whose msgid is most similar (ratio ≥ 0.6), preferring the same context."""
    best: polib.POEntry | None = None
    best_score = FUZZY_THRESHOLD
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
