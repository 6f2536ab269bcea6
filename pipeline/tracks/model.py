"""The cue model: times in integer milliseconds, text with `\\n` between lines."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from pipeline.errors import Diagnostic


# Immutable, but not `frozen`: a frozen dataclass sets each field through object.__setattr__,
# four times slower than a plain slot, and `msm check` builds a cue for every cue of every
# track. The fields are Final, so mypy rejects any assignment. A plain class with a frozen
# dataclass's equality, hash and repr written out: making the dataclass (its methods compiled
# from source) cost ~0.6 ms of every start-up.
class Cue:
    """One subtitle: when it shows, what it says, and where it came from."""

    __slots__ = ("end", "index", "line", "start", "text")

    def __init__(
        self,
        start: int,  # milliseconds
        end: int,  # milliseconds
        text: str,  # lines joined with "\n", no markup removed
        index: int = 0,  # its number in the file it was read from (1-based), 0 if none
        line: int = 0,  # line of the file where its timing line stands, 0 if not from a file
    ) -> None:
        self.start: Final = start
        self.end: Final = end
        self.text: Final = text
        self.index: Final = index
        self.line: Final = line

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Cue)
        return (self.start, self.end, self.text, self.index, self.line) == (
            other.start,
            other.end,
            other.text,
            other.index,
            other.line,
        )

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text, self.index, self.line))

    def __repr__(self) -> str:
        return (
            f"Cue(start={self.start!r}, end={self.end!r}, text={self.text!r}, "
            f"index={self.index!r}, line={self.line!r})"
        )

    @property
    def duration(self) -> int:
        """How long the cue shows, in milliseconds."""
        return self.end - self.start

    @property
    def text_line(self) -> int:
        """The line of the file where its text starts (0 if unknown)."""
        return self.line + 1 if self.line else 0


class ReadResult:
    """A track read from a file: its cues, the repairs and warnings, and the encoding found."""

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value (as a dataclass)

    def __init__(
        self, cues: list[Cue], encoding: str = "utf-8", diagnostics: list[Diagnostic] | None = None
    ) -> None:
        self.cues = cues
        self.encoding = encoding
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ReadResult)
        return (self.cues, self.encoding, self.diagnostics) == (
            other.cues,
            other.encoding,
            other.diagnostics,
        )

    def __repr__(self) -> str:
        return (
            f"ReadResult(cues={self.cues!r}, encoding={self.encoding!r}, "
            f"diagnostics={self.diagnostics!r})"
        )

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
