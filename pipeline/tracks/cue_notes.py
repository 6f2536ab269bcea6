"""The `#.` note of a PO entry: which source cues say its text, and how long each shows.

msm writes one line per cue, `cue 3 (5.3 s)`: the cue number and the duration rounded to a
tenth of a second. Translators need both (where the text is, how much can be read in that
time); the start and end times stay in the source track. Times in the catalogues made every
re-timing of `en.srt` rewrite a line of every entry of every language (738 lines for the nine
catalogues of one video) although no translation changed, hiding real changes in review.

A written duration is kept while it is within a tenth of a second of the new one (rounded),
so re-timing cues by a few milliseconds, or snapping them to frames, changes no catalogue.

Catalogues written before carry `cue 3: 00:00:10,709 --> 00:00:15,960 (5.3 s)`: still read
(cue number, times and duration), and rewritten in the short form by the next `msm update`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Final

from pipeline.tracks.model import Cue

TOLERANCE = 100  # ms: a written duration this close to the new one is left as it is


# Both are matched against one line at a time: no quantifier can backtrack across lines.
@cache
def _short() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"cue (\d+) \((\d+)\.(\d) s\)")


@cache
def _timed() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(
        r"cue (\d+): (\d+):(\d{2}):(\d{2})[,.](\d{3}) --> (\d+):(\d{2}):(\d{2})[,.](\d{3})"
    )


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.5 ms of
# start-up (its methods compiled from source), and nothing compares, hashes or prints it.
class CueNote:
    """One line of an entry's note: a cue number, its duration, and its times if written."""

    def __init__(
        self,
        number: int,
        duration: int,  # milliseconds (to a tenth of a second in the short form)
        start: int | None = None,  # milliseconds, only in the old long form
        end: int | None = None,
    ) -> None:
        self.number: Final = number
        self.duration: Final = duration
        self.start: Final = start
        self.end: Final = end


def note_line(cue: Cue) -> str:
    """The note of one cue: `cue 3 (5.3 s)`."""
    return f"cue {cue.index} ({_tenths(cue.duration) / 10:.1f} s)"


def note_text(cues: Sequence[Cue]) -> str:
    """The `#.` comment of an entry said by `cues`, one line per cue."""
    return "\n".join(note_line(c) for c in cues)


def read_notes(comment: str | None) -> list[CueNote]:
    """The cue notes in an entry's `#.` comment (either form), in order; other lines skipped."""
    found: list[CueNote] = []
    for line in (comment or "").split("\n"):
        short = _short().fullmatch(line.rstrip())
        if short is not None:
            number, seconds, tenth = (int(g) for g in short.groups())
            found.append(CueNote(number, seconds * 1000 + tenth * 100))
            continue
        timed = _timed().match(line)
        if timed is not None:
            n, h1, m1, s1, f1, h2, m2, s2, f2 = (int(g) for g in timed.groups())
            start = ((h1 * 60 + m1) * 60 + s1) * 1000 + f1
            end = ((h2 * 60 + m2) * 60 + s2) * 1000 + f2
            found.append(CueNote(n, end - start, start, end))
    return found


def cue_notes(comment: str | None) -> list[tuple[int, int, int]]:
    """The notes of the old long form only: (cue number, start ms, end ms), in order."""
    return [
        (n.number, n.start, n.end)
        for n in read_notes(comment)
        if n.start is not None and n.end is not None
    ]


def cue_numbers(comment: str | None) -> list[int]:
    """The cue numbers an entry's note lists, in order."""
    return [n.number for n in read_notes(comment)]


def settled(fresh: str, old: str | None) -> str:
    """`old` when it says what `fresh` says (same lines, the same cues, durations within
    TOLERANCE of each other), else `fresh`: a comment is only rewritten for a real change."""
    if old is None or old == fresh:
        return fresh
    new_lines, old_lines = fresh.split("\n"), old.split("\n")
    if len(new_lines) != len(old_lines):
        return fresh
    for new_line, old_line in zip(new_lines, old_lines, strict=True):
        if new_line == old_line:
            continue
        new, was = _short().fullmatch(new_line), _short().fullmatch(old_line.rstrip())
        if new is None or was is None or new.group(1) != was.group(1):
            return fresh
        new_tenths = int(new.group(2)) * 10 + int(new.group(3))
        old_tenths = int(was.group(2)) * 10 + int(was.group(3))
        if abs(new_tenths - old_tenths) * 100 > TOLERANCE:
            return fresh
    return old


def _tenths(ms: int) -> int:
    """Milliseconds to tenths of a second, halves rounded up (not to even: 50 ms is 0.1 s)."""
    return (ms + 50) // 100
