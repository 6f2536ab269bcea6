"""Align a translator's cues to the source cues by time overlap (for `msm import`).

Translators working in Subtitle Edit re-time, split and merge cues. Each of their cues lands on
the source cue it overlaps most; a source cue that receives several (a split) gets them joined in
time order. A source cue that receives none but is mostly covered by one of their cues was merged
into it: that cue lands there too (a merge), line by line when it has one line per covered
source cue, else whole on each. A cue that overlaps nothing is reported, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.tracks.model import Cue, overlap

SPAN_SHARE = 0.3  # a translated cue "also covers" a source cue it overlaps by 30 % of its length
# A source cue left without a cue of its own was merged into the translated cue that covers
# more than half of it (Subtitle Edit's merge covers all of it).
MERGE_SHARE = 0.5


@dataclass
class Share:
    """The part of one translated cue placed on one source cue."""

    cue: Cue  # the translator's cue
    number: int  # its 1-based position in the translator's file (in time order)
    text: str  # what lands here: its whole text, or one of its lines
    covers: tuple[int, ...]  # every source position it lands on (one, unless merged)
    line: int = 0  # the 1-based line taken when a merged cue is split by line, else 0


@dataclass
class Placement:
    """What the translator's file says for one source cue."""

    position: int  # 1-based position in the source track
    shares: list[Share] = field(default_factory=list)  # in time order
    also_covers: list[int] = field(default_factory=list)  # other source positions they span

    @property
    def pieces(self) -> list[Cue]:
        """The translated cues that land here, in time order."""
        return [share.cue for share in self.shares]

    @property
    def text(self) -> str:
        """The translated text: the shares joined line by line."""
        return "\n".join(share.text for share in self.shares)


@dataclass
class Alignment:
    """The result: placements by source position, and the translated cues nobody could place."""

    placements: dict[int, Placement]
    unplaced: list[Cue]


def align(source: Sequence[Cue], translated: Sequence[Cue]) -> Alignment:
    """Place every translated cue on the source cues it covers (one sweep, no n×m)."""
    ordered = sorted(translated, key=lambda c: (c.start, c.end))
    best_of: list[int] = []  # per translated cue: its best source index, -1 for none
    spans_of: list[list[int]] = []  # per translated cue: other source indexes it spans
    cover: dict[int, tuple[int, int]] = {}  # source index → (overlap, translated cue) most cover
    first = 0  # first source cue that can still overlap; both tracks are sorted by start
    for t, cue in enumerate(ordered):
        while first < len(source) and source[first].end <= cue.start:
            first += 1
        best, best_overlap, spans = -1, 0, []
        i = first
        while i < len(source) and source[i].start < cue.end:
            shared = overlap(cue.start, cue.end, source[i].start, source[i].end)
            if shared > best_overlap:
                best, best_overlap = i, shared
            if shared and shared >= SPAN_SHARE * source[i].duration:
                spans.append(i)
            merged = shared and shared > MERGE_SHARE * source[i].duration
            if merged and (i not in cover or shared > cover[i][0]):
                cover[i] = (shared, t)
            i += 1
        best_of.append(best)
        spans_of.append(spans)
    # A source cue nobody chose, mostly covered by one translated cue, was merged into it.
    targets: list[list[int]] = [[b] if b >= 0 else [] for b in best_of]
    chosen = set(best_of)
    for i, (_, t) in sorted(cover.items()):
        if i not in chosen:
            targets[t].append(i)
    placements: dict[int, Placement] = {}
    unplaced: list[Cue] = []
    for t, cue in enumerate(ordered):
        number = cue.index or t + 1
        covered = sorted(targets[t])
        if not covered:
            unplaced.append(cue)
            continue
        positions = tuple(i + 1 for i in covered)
        lines = cue.text.split("\n")
        by_line = len(covered) > 1 and len(lines) == len(covered)
        for k, i in enumerate(covered):
            text, line = (lines[k], k + 1) if by_line else (cue.text, 0)
            placement = placements.setdefault(i + 1, Placement(i + 1))
            placement.shares.append(Share(cue, number, text, positions, line))
        home = placements[best_of[t] + 1]
        home.also_covers.extend(p + 1 for p in spans_of[t] if p not in covered)
    for placement in placements.values():
        placement.shares.sort(key=lambda s: (s.cue.start, s.cue.end))
    return Alignment(dict(sorted(placements.items())), unplaced)
