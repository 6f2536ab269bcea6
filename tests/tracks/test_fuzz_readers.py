"""Mutation fuzzing of the SRT and WebVTT readers over the real files in this repository.

Each example takes a real subtitle file (our tracks, YouTube's captions, the W3C parser tests,
legacy code-page files), damages it the ways files get damaged (cut, doubled, spliced with
another file, a byte flipped, a token of the formats inserted) and reads it as `msm` does. The
reader must answer in under a second with cues, or refuse with InputError whose every error
says `file:line`; any other exception is a bug.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.formats import read_track

ROOT = Path(__file__).parent.parent.parent
SEEDS = sorted(
    p
    for pattern in ("subtitles/*/*.srt", "subtitles/*/*.vtt", "tests/data/**/*.vtt")
    for p in ROOT.glob(pattern)
) + sorted((ROOT / "tests/data/encodings").glob("*.srt"))
TOKENS = [
    b"-->",
    b" --> ",
    b"\n",
    b"\n\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\x85",
    b"\xc3",
    b"\xe2\x80",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"WEBVTT\n\n",
    b"NOTE ",
    b"STYLE\n",
    b"REGION\n",
    b"NOTEWORTHY\n",
    b"00:00:01,000 --> 00:00:02,000\n",
    b"00:00:01.000 --> 00:00:02.000\n",
    b"100:00:00,000",
    b"99:59:59.999",
    b"-00:00:01,000",
    b"<00:00:01.230><c>",
    b"<i>",
    b"&amp;",
    b"12\n",
    b" ",
    b"\t",
    b"\x0c",
    b"\x07",
    "ąęś".encode("cp1250"),
    "καλά…".encode("cp1253"),
    "Zamówienia".encode(),
    "公共".encode("gb2312"),
]


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    seed = draw(st.sampled_from(SEEDS))
    data = seed.read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5))
        at = draw(st.integers(0, len(data)))
        size = draw(st.integers(0, 200))
        if kind == 0:  # cut
            data = data[:at] + data[at + size :]
        elif kind == 1:  # double a stretch
            data = data[: at + size] + data[at : at + size] + data[at + size :]
        elif kind == 2:  # a token of the formats
            data = data[:at] + draw(st.sampled_from(TOKENS)) + data[at:]
        elif kind == 3 and data:  # flip a byte
            i = at % len(data)
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
        elif kind == 4:  # splice another file in
            other = draw(st.sampled_from(SEEDS)).read_bytes()
            start = draw(st.integers(0, len(other)))
            data = data[:at] + other[start : start + size * 4] + data[at:]
        else:  # truncate
            data = data[:at]
    return seed.suffix, data


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(damaged(), st.sampled_from([None, "pl", "el", "fr", "en"]))
def test_damaged_real_files_are_read_or_refused_with_a_line(
    case: tuple[str, bytes], lang: str | None
) -> None:
    suffix, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"damaged{suffix}"
        path.write_bytes(data)
        began = time.process_time()  # CPU time: the suite shares a loaded machine
        try:
            result = read_track(path, lang)
        except InputError as exc:
            errors = [d for d in exc.diagnostics if d.severity == "error"]
            assert errors, f"a refusal without an error diagnostic: {exc}"
            for error in errors:
                assert error.line is not None and error.line >= 1, str(error)
                assert str(error).startswith(f"{path}:{error.line}: error:")
        else:
            assert result.cues
            assert all(c.start < c.end and c.text.strip() for c in result.cues)
        assert time.process_time() - began < 1.0


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("timing lines only", "WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\n" * 40_000),
        ("arrows on one line", "WEBVTT\n\n" + "-->" * 300_000),
        ("one block of text", "WEBVTT\n\n" + "text\n" * 200_000),
        ("numbers only", "1\n" * 300_000),
        ("cues glued", "00:00:01,000 --> 00:00:02,000\nx\n" * 40_000),
        ("accented run", "1\n00:00:01,000 --> 00:00:02,000\n" + "é" * 100_000),
    ],
)
def test_large_adversarial_files_read_in_linear_time(name: str, text: str) -> None:
    suffix = ".vtt" if text.startswith("WEBVTT") else ".srt"
    encoded = text.encode("cp1252")  # the accented run takes the code-page path
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"big{suffix}"
        path.write_bytes(encoded)
        began = time.process_time()
        try:
            read_track(path, "fr")
        except InputError as exc:
            assert all(d.line for d in exc.diagnostics if d.severity == "error")
        assert time.process_time() - began < 3.0, f"{len(encoded)} bytes"


def test_the_seeds_are_real_files_of_both_formats() -> None:
    assert {p.suffix for p in SEEDS} == {".srt", ".vtt"}
    assert len(SEEDS) >= 25
