"""The cue model's helpers: timestamps and timing lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.tracks.model import Cue, format_timestamp, timing_line


@given(st.integers(0, 10**9), st.integers(0, 10**9), st.sampled_from([",", "."]))
def test_timing_line_is_the_two_timestamps(start: int, end: int, separator: str) -> None:
    expected = f"{format_timestamp(start, separator)} --> {format_timestamp(end, separator)}"
    assert timing_line(start, end, separator) == expected


def test_timestamps_of_both_formats() -> None:
    assert timing_line(3_723_004, 3_725_000) == "01:02:03,004 --> 01:02:05,000"
    assert timing_line(3_723_004, 3_725_000, ".") == "01:02:03.004 --> 01:02:05.000"


def test_cues_are_values() -> None:
    # Cue is not a frozen dataclass (see model.py) but compares and hashes as one.
    cue = Cue(1000, 2000, "Hi", 1, 3)
    assert cue == Cue(1000, 2000, "Hi", 1, 3) != Cue(1000, 2000, "Hi", 2, 3)
    assert {cue, Cue(1000, 2000, "Hi", 1, 3)} == {cue}
