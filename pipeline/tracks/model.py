"""The cue model: times in integer milliseconds, text with `\\n` between lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from pipeline.errors import Diagnostic


# Immutable, but not `frozen`: a frozen dataclass sets each field through object.__setattr__,
# four times slower than a plain slot, and `msm check` builds a cue for every cue of every
# track. The fields are Final, so mypy rejects any assignment; equality and hashing are a
# frozen dataclass's (unsafe_hash: safe, as nothing can change a field).
@dataclass(slots=True, unsafe_hash=True)
class Cue:
    """One subtitle: when it shows, what it says, and where it came from."""

    start: Final[int]  # milliseconds
    end: Final[int]  # milliseconds
    text: Final[str]  # lines joined with "\n", no markup removed
    index: Final[int] = 0  # its number in the file it was read from (1-based), 0 if none
    line: Final[int] = 0  # line of the file where its timing line stands, 0 if not from a file

    @property
    def duration(self) -> int:
        """How long the cue shows, in milliseconds."""
        return self.end - self.start

    @property
    def text_line(self) -> int:
        """The line of the file where its text starts (0 if unknown)."""
        return self.line + 1 if self.line else 0


@dataclass
class ReadResult:
    """A track read from a file: its cues, the repairs and warnings, and the encoding found."""

    cues: list[Cue]
    encoding: str = "utf-8"
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def with_decoding(self, encoding: str, notes: tuple[Diagnostic, ...]) -> ReadResult:
        """The same result, saying which encoding the file had and what decoding noticed."""
        self.encoding = encoding
        self.diagnostics[:0] = notes
        return self

    @property
    def warnings(self) -> list[Diagnostic]:
        """Diagnostics that did not stop the reading."""
        return [d for d in self.diagnostics if d.severity != "error"]


@lru_cache(maxsize=16_384)  # a source cue's times are written for every language and format
def format_timestamp(ms: int, separator: str = ",") -> str:
    """`HH:MM:SS,mmm` (SRT) or with `separator="."` `HH:MM:SS.mmm` (WebVTT)."""
    if ms < 0:
        raise ValueError(f"negative time {ms} ms")
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


@lru_cache(maxsize=16_384)  # a source cue's timing is written for every language and format
def timing_line(start: int, end: int, separator: str = ",") -> str:
    """A cue's timing line, `HH:MM:SS,mmm --> HH:MM:SS,mmm` (SRT; WebVTT with `"."`)."""
    line = f"{format_timestamp(start)} --> {format_timestamp(end)}"
    # The separators are the line's only commas: the SRT line, already made, serves WebVTT.
    return line if separator == "," else line.replace(",", separator)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """How many milliseconds the two intervals share (0 when they do not touch)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))
