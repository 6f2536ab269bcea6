"""Align a translator's cues to the source cues by time overlap (for `msm import`).

Translators working in Subtitle Edit re-time, split and merge cues. We place each of their cues
on the source cue it overlaps most; a source cue that receives several is joined in time order,
a translated cue that spans several source cues is noted, and a cue that overlaps nothing is
reported, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.tracks.model import Cue, overlap

SPAN_SHARE = 0.3  # a translated cue "also covers" a source cue it overlaps by 30 % of its length


@dataclass
class Placement:
    """What the translator's file says for one source cue."""

    position: int  # 1-based position in the source track
    pieces: list[Cue] = field(default_factory=list)  # translated cues placed here, in time order
    also_covers: list[int] = field(default_factory=list)  # other source positions they span

    @property
    def text(self) -> str:
        """The translated text: the pieces joined line by line."""
        return "\n".join(p.text for p in self.pieces)


@dataclass
class Alignment:
    """The result: placements by source position, and the translated cues nobody could place."""

    placements: dict[int, Placement]
    unplaced: list[Cue]


def align(source: Sequence[Cue], translated: Sequence[Cue]) -> Alignment:
    """Place every translated cue on the source cue it overlaps most (one sweep, no n×m)."""
    placements: dict[int, Placement] = {}
    unplaced: list[Cue] = []
    first = 0  # first source cue that can still overlap; both tracks are sorted by start
    for cue in sorted(translated, key=lambda c: (c.start, c.end)):
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
            i += 1
        if best < 0:
            unplaced.append(cue)
            continue
        placement = placements.setdefault(best + 1, Placement(best + 1))
        placement.pieces.append(cue)
        placement.also_covers.extend(p + 1 for p in spans if p != best)
    return Alignment(placements, unplaced)
