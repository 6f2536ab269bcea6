"""Read SRT the way real files are, write it the way YouTube wants it.

The `srt` library is lenient in ways that lose data: a cue with a broken timing line is glued onto
the previous cue's text, `00:01,000` is read as one hour, `,5` as 5 ms, and `compose()` drops empty
or backwards cues without a word. So we parse line by line ourselves, keep line numbers, repair
only what is unambiguous (with a warning) and reject the rest with `path:line: message`. Writing
goes through `srt.compose`, after checking that it will not drop anything.

Long: the reader's repairs and refusals (each with its `file:line` message) and the writer's
checks mirror each other; one file keeps each rule beside its twin.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import cache
from pathlib import Path

from pipeline.errors import Diagnostic, InputError, Severity
from pipeline.fsutil import atomic_write_text
from pipeline.tracks.decode import read_text
from pipeline.tracks.model import Cue, ReadResult, format_timestamp, timing_line

# One timestamp, leniently: optional hours, any of , . : before the fraction, 1+ fraction digits.
_TS = r"(-?)(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:([,.:])(\d+))?"


@cache
def _timing() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(rf"^(\s*){_TS}\s*(-+>|–>|—>)\s*{_TS}(.*)$")


@cache
def _line_split() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"\r\n|\r|\n")


# SubRip's timestamps have two-digit hours. ffmpeg and Subtitle Edit write a third digit past
# 99 hours and read it back, but other players do not, and no video runs that long (YouTube
# takes 12 hours at most): such a time is a typo on the way in and refused on the way out.
MAX_HOURS = 99
MAX_MS = (MAX_HOURS + 1) * 3_600_000 - 1
_HOURS_MESSAGE = "SRT times stop at 99:59:59,999 (two-digit hours)"


@cache
def _index() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"^\s*\d+\s*$")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# A plain class: making a dataclass (its methods compiled from source) cost ~0.5 ms of
# start-up, and nothing compares or prints these.
class _Pending:
    """A cue being assembled while scanning the lines."""

    def __init__(
        self,
        line: int,
        index: int | None,
        start: int,
        end: int,
        text: list[str] | None = None,
    ) -> None:
        self.line = line
        self.index = index
        self.start = start
        self.end = end
        self.text: list[str] = text if text is not None else []


# A plain class: making a dataclass (its methods compiled from source) cost ~0.5 ms of
# start-up, and nothing compares or prints these.
class _Notes:
    """Diagnostics, with repetitive repairs folded into one line per kind."""

    def __init__(
        self,
        path: str,
        items: list[Diagnostic] | None = None,
        folded: dict[str, list[int]] | None = None,
    ) -> None:
        self.path = path
        self.items: list[Diagnostic] = items if items is not None else []
        self.folded: dict[str, list[int]] = folded if folded is not None else defaultdict(list)

    def add(self, line: int | None, severity: Severity, message: str, code: str) -> None:
        self.items.append(Diagnostic(self.path, line, severity, message, code))

    def fold(self, code: str, line: int) -> None:
        self.folded[code].append(line)

    def finish(self) -> list[Diagnostic]:
        for code, lines in self.folded.items():
            message = _FOLDED[code]
            if len(lines) > 1:
                message += f" ({len(lines)} times, first here)"
            self.items.append(Diagnostic(self.path, lines[0], "warning", message, code))
        return sorted(self.items, key=lambda d: (d.line or 0, d.severity != "error"))


_FOLDED = {
    "srt-dot-millis": "'.' before milliseconds; repaired to ','",
    "srt-colon-millis": "':' before milliseconds; repaired to ','",
    "srt-no-hours": "timestamp without hours (MM:SS,mmm); read as minutes and seconds",
    "srt-arrow": "timing arrow is not '-->'; repaired",
    "srt-indent": "spaces before the timing line; removed",
    "srt-timing-extra": "text after the timing (position or styling) is ignored",
    "srt-missing-index": "cue without a number; numbered in order",
    "srt-index": "cue numbers are not 1, 2, 3, …; renumbered",
    "srt-missing-blank": "no blank line between two cues; separated",
}


def parse_srt(text: str, path: str = "<string>") -> ReadResult:
    """Parse SRT text into cues; repairs are warnings, anything ambiguous raises InputError."""
    cues = _usual(text)
    if cues is not None:
        return ReadResult(cues, "utf-8", [])
    return _parse_exact(text, path)


def _parse_exact(text: str, path: str) -> ReadResult:
    """Line by line: every repair and every error, with its line."""
    notes = _Notes(path)
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        notes.add(line, "warning", "CRLF or CR line ends; read as LF", "line-ends")
    cues = _validate(_scan(_line_split().split(text), notes), notes)
    diagnostics = notes.finish()
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise InputError(f"{path}: {len(errors)} error(s) in the SRT file", diagnostics)
    return ReadResult(cues, "utf-8", diagnostics)


def read_srt(path: Path, lang: str | None = None) -> ReadResult:
    """Read an SRT file in any encoding we can detect; see parse_srt for the rules."""
    decoded = read_text(path, lang)
    return parse_srt(decoded.text, str(path)).with_decoding(decoded.encoding, decoded.diagnostics)


# The usual layout, as msm, Subtitle Edit and YouTube write it: a number, the timing line,
# text lines (no blank one, none with spaces around it or an arrow in it), a blank line.
_USUAL_CUE = re.compile(
    r"([0-9]+)\n([0-9]+):([0-5][0-9]):([0-5][0-9]),([0-9]{3}) --> "
    r"([0-9]+):([0-5][0-9]):([0-5][0-9]),([0-9]{3})\n"
    r"((?:(?![^\n]*[-–—]>)\S(?:[^\n]*\S)?\n)+)"
    r"(?:\n+|\Z)"
)


def _usual(text: str) -> list[Cue] | None:
    """The cues of a file in the usual layout that needs no repair; None for any other file.

    `msm check` reads every source track on every run: this reads one with a regular
    expression, cue by cue. It takes only files where the line-by-line reader would find
    nothing to say: cues numbered 1, 2, 3, …, in time order, not overlapping, with text, and
    no control character or carriage return anywhere (the tests hold it to `_parse_exact`).
    """
    if "\r" in text or _CONTROL.search(text):
        return None
    cues: list[Cue] = []
    position = len(text) - len(text.lstrip("\n"))  # blank lines before the first cue
    line = position + 1  # the line at `position`
    previous_end = 0
    for match in _USUAL_CUE.finditer(text, position):
        if match.start() != position:
            return None
        index, h1, m1, s1, ms1, h2, m2, s2, ms2, lines = match.groups()
        start = ((int(h1) * 60 + int(m1)) * 60 + int(s1)) * 1000 + int(ms1)
        end = ((int(h2) * 60 + int(m2)) * 60 + int(s2)) * 1000 + int(ms2)
        if int(index) != len(cues) + 1 or end <= start or start < previous_end or end > MAX_MS:
            return None  # renumbered, empty, out of order or overlapping: reported as such
        cues.append(Cue(start, end, lines[:-1], len(cues) + 1, line + 1))
        previous_end = end
        position = match.end()
        line += text.count("\n", match.start(), position)
    if position != len(text) or not cues:
        return None
    return cues


def _scan(lines: Sequence[str], notes: _Notes) -> list[_Pending]:
    """Walk the lines once; every line ends up in a cue or in a diagnostic."""
    cues: list[_Pending] = []
    current: _Pending | None = None
    blank_since_text = True
    orphan_index: tuple[int, int] | None = None  # (line number, value) of a lone number line
    skipping = False  # inside a cue whose timing line was rejected: its text is not re-reported
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if _CONTROL.search(line):
            notes.add(
                number, "error", "control character in the text (binary data?)", "srt-control"
            )
            continue
        timing = _timing().match(line) if "-" in line or "–" in line or "—" in line else None
        if timing:
            skipping = False
            index = None
            if orphan_index is not None and orphan_index[0] == number - 1:
                index = orphan_index[1]
            elif orphan_index is not None:
                notes.add(
                    orphan_index[0], "error", "cue number without a timing line", "srt-orphan"
                )
            elif current is not None and not blank_since_text and current.text:
                # No blank line, but the previous line may be this cue's number.
                if _index().match(current.text[-1]):
                    index = int(current.text.pop())
                    if not current.text:
                        notes.add(
                            number - 1,
                            "error",
                            "cannot tell whether this number is the previous cue's text or "
                            "the next cue's number; add a blank line",
                            "srt-ambiguous",
                        )
                notes.fold("srt-missing-blank", number)
            parsed = _parse_timing(timing, number, notes)
            orphan_index = None
            if parsed is None:
                current, skipping = None, True
                continue
            current = _Pending(number, index, *parsed)
            cues.append(current)
            blank_since_text = False
            continue
        if "-->" in line:
            notes.add(number, "error", f"malformed timing line {line.strip()!r}", "srt-timing")
            current, skipping, orphan_index = None, True, None
            continue
        if not line.strip():
            blank_since_text, skipping = True, False
            continue
        if skipping:
            continue
        if blank_since_text and _index().match(line):
            if orphan_index is not None:
                notes.add(
                    orphan_index[0], "error", "cue number without a timing line", "srt-orphan"
                )
            orphan_index = (number, int(line))
            continue
        if orphan_index is not None:
            notes.add(
                number,
                "error",
                "expected a timing line (HH:MM:SS,mmm --> HH:MM:SS,mmm) after the cue number",
                "srt-timing",
            )
            orphan_index = None
            current, skipping = None, True
            continue
        if current is None:
            notes.add(number, "error", "text outside any cue", "srt-orphan")
            continue
        if blank_since_text and current.text:
            notes.add(
                number,
                "error",
                f"text after a blank line inside cue at line {current.line} "
                "(a blank line inside a cue, or text without a timing line)",
                "srt-orphan",
            )
            continue
        if blank_since_text and not current.text:
            notes.add(
                number,
                "warning",
                "blank line between the timing line and the text; removed",
                "srt-blank-in-cue",
            )
        current.text.append(line.strip())
        blank_since_text = False
    if orphan_index is not None:
        notes.add(orphan_index[0], "error", "cue number without a timing line", "srt-orphan")
    return cues


def _parse_timing(m: re.Match[str], number: int, notes: _Notes) -> tuple[int, int] | None:
    indent = m.group(1)
    arrow = m.group(8)
    extra = m.group(15).strip()
    start = _to_ms(m.groups()[1:7], number, notes)
    end = _to_ms(m.groups()[8:14], number, notes)
    if start is None or end is None:
        return None
    if indent:
        notes.fold("srt-indent", number)
    if arrow != "-->":
        notes.fold("srt-arrow", number)
    if extra:
        notes.fold("srt-timing-extra", number)
    return start, end


def _to_ms(parts: Sequence[str | None], number: int, notes: _Notes) -> int | None:
    sign, hours, minutes, seconds, separator, fraction = parts
    if sign:
        notes.add(number, "error", "negative timestamp", "srt-timing")
        return None
    if fraction is None or separator is None:
        notes.add(number, "error", "timestamp without milliseconds", "srt-timing")
        return None
    if len(fraction) != 3:
        notes.add(
            number,
            "error",
            f"milliseconds must have 3 digits, got {fraction!r} (is ',5' 5 ms or 500 ms?)",
            "srt-timing",
        )
        return None
    assert minutes is not None and seconds is not None  # the pattern requires them
    if int(minutes) > 59 or int(seconds) > 59:
        notes.add(number, "error", "minutes and seconds must be below 60", "srt-timing")
        return None
    if separator == ".":
        notes.fold("srt-dot-millis", number)
    elif separator == ":":
        notes.fold("srt-colon-millis", number)
    if hours is None:
        notes.fold("srt-no-hours", number)
    h = int(hours or 0)
    if h > MAX_HOURS:
        notes.add(number, "error", _HOURS_MESSAGE, "srt-timing")
        return None
    return ((h * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction)


def _validate(pending: list[_Pending], notes: _Notes) -> list[Cue]:
    """Check the cues as a track: empty, backwards, out of order, overlapping, numbering."""
    cues: list[Cue] = []
    numbered_in_order = True
    for position, p in enumerate(pending, start=1):
        if p.index is None:
            notes.fold("srt-missing-index", p.line)
        elif p.index != position:
            numbered_in_order = False
        if p.end <= p.start:
            notes.add(
                p.line,
                "error",
                "cue ends before it starts" if p.end < p.start else "cue lasts 0 ms",
                "srt-end-before-start",
            )
            continue
        text = "\n".join(p.text)
        if not text.strip():
            notes.add(p.line, "warning", "empty cue (no text); removed", "srt-empty")
            continue
        cues.append(Cue(p.start, p.end, text, p.index or position, p.line))
    broken = any(d.severity == "error" for d in notes.items)
    if not numbered_in_order and pending and not broken:  # a rejected cue shifts the numbers
        first = next(p for i, p in enumerate(pending, 1) if p.index is not None and p.index != i)
        notes.fold("srt-index", first.line)
    ordered = sorted(cues, key=lambda c: (c.start, c.end))
    if ordered != cues:
        moved = next(b for a, b in zip(cues, ordered, strict=True) if a != b)
        notes.add(moved.line, "warning", "cues are not in time order; sorted", "srt-order")
    for before, after in itertools.pairwise(ordered):
        if after.start < before.end:
            notes.add(
                after.line,
                "warning",
                f"overlaps the previous cue (line {before.line}) by {before.end - after.start} ms",
                "srt-overlap",
            )
    if not ordered and not [d for d in notes.items if d.severity == "error"]:
        notes.add(1, "error", "no cues found", "srt-empty-file")
    return ordered


def compose_srt(cues: Iterable[Cue]) -> str:
    """Plain SRT: numbered from 1, `HH:MM:SS,mmm`, LF line endings, one blank line between cues.

    A cue past 99:59:59,999 cannot be written (SRT has two-digit hours): InputError.
    """
    cues = list(cues)
    late = next((c for c in cues if c.end > MAX_MS), None)
    if late is not None:
        where = f" (from line {late.line})" if late.line else ""
        raise InputError(
            f"cannot write SRT: a cue ends at {format_timestamp(late.end)}{where}; {_HOURS_MESSAGE}"
        )
    if _plain(cues):
        # What srt.compose writes for valid cues already in time order (`msm check` composes
        # every built track to compare it with the file on disk: this is 10 times faster).
        return "".join(
            [f"{n}\n{timing_line(c.start, c.end)}\n{c.text}\n\n" for n, c in enumerate(cues, 1)]
        )
    return compose_with_library(cues)


def compose_with_library(cues: list[Cue]) -> str:
    """`compose_srt` through srt.compose: the general path (and the fast path's reference)."""
    import srt  # with logging, ~6 ms: only this path needs it, never `msm check`

    items = [
        srt.Subtitle(
            index=i,
            start=timedelta(milliseconds=c.start),
            end=timedelta(milliseconds=c.end),
            content=c.text,
        )
        for i, c in enumerate(cues, start=1)
    ]
    for cue in items:
        # Exactly what compose() would drop or mangle; callers validate before, so this is a bug.
        if cue.start >= cue.end or not cue.content.strip() or "\n\n" in cue.content:
            raise ValueError(f"refusing to write an invalid cue: {cue!r}")
    text: str = srt.compose(items, reindex=True, strict=True)
    return text


def _plain(cues: list[Cue]) -> bool:
    """Whether srt.compose would write the cues as they are: valid, in time order, with text
    that needs no repair (no blank line, not starting with a line break)."""
    previous = (-1, -1)
    for cue in cues:
        text = cue.text
        if (
            cue.start < 0
            or cue.start >= cue.end
            or (cue.start, cue.end) < previous
            or not text.strip()
            or text[0] == "\n"
            or "\n\n" in text
        ):
            return False
        previous = (cue.start, cue.end)
    return True


def write_srt(path: Path, cues: Iterable[Cue]) -> None:
    """Write cues as UTF-8 SRT without BOM, atomically."""
    atomic_write_text(path, compose_srt(cues))
