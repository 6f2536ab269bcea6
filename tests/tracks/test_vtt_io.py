"""WebVTT: plain files, YouTube's rolling auto-captions de-duplicated, and writing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.formats import compose, read_track
from pipeline.tracks.model import Cue, format_timestamp
from pipeline.tracks.vtt_io import FROZEN_MS, _escape, compose_vtt, parse_vtt
from tests.tracks.test_srt_io import tracks

DATA = Path(__file__).parent.parent / "data" / "vtt"
VTT_TEXT = st.sampled_from(["a", "b\nc", "x, y", "A & B <3", "<i>ok</i>\n{\\an8}top", "é\nś"])


def texts(cues: list[Cue]) -> list[str]:
    return [c.text for c in cues]


def test_youtube_rolling_auto_captions_keep_each_line_once() -> None:
    result = parse_vtt((DATA / "youtube-auto.en.vtt").read_text(encoding="utf-8"), "auto.vtt")
    assert texts(result.cues) == [
        "so what is public procurement",
        "it is how councils hospitals and schools",
        "buy the works supplies and services",
        "they need to serve people",
    ]
    # Each line keeps the time it first appeared and the end of the cue that typed it.
    assert [(c.start, c.end) for c in result.cues] == [
        (0, 2350),
        (2360, 5110),
        (5120, 7830),
        (7840, 9500),
    ]
    assert any(d.code == "vtt-rolling" for d in result.diagnostics)


def test_plain_vtt_with_settings_notes_styles_and_entities() -> None:
    text = (
        "WEBVTT - a title\n\nSTYLE\n::cue { color: yellow }\n\nNOTE a comment\nover two lines\n\n"
        "intro\n00:01.000 --> 00:03.500 align:center line:90%\n"
        "<v Narrator>Tenders &amp; lots</v>\n<i>for SMEs</i> &lt;3\n\n"
        "00:00:04.000 --> 00:00:06.000\nNo. 2 &nbsp;done\n"
    )
    result = parse_vtt(text)
    assert texts(result.cues) == ["Tenders & lots\n<i>for SMEs</i> <3", "No. 2 \u00a0done"]
    assert [(c.start, c.end) for c in result.cues] == [(1000, 3500), (4000, 6000)]
    assert not any(d.code == "vtt-rolling" for d in result.diagnostics)


def test_repeated_lines_in_ordinary_captions_are_not_folded() -> None:
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNo.\n\n"
        "00:00:03.000 --> 00:00:04.000\nNo.\n\n00:00:05.000 --> 00:00:06.000\nYes.\n"
    )
    assert texts(parse_vtt(text).cues) == ["No.", "No.", "Yes."]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("00:00:01.000 --> 00:00:02.000\nNo header\n", 1),
        ("WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nBad\n", 3),
        ("WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nBackwards\n", 3),
        ("WEBVTT\n\nan id\nno timing here\n", 3),
        ("WEBVTT\n\n", None),
    ],
)
def test_broken_vtt_is_rejected_with_a_line(text: str, line: int | None) -> None:
    with pytest.raises(InputError) as info:
        parse_vtt(text, "bad.vtt")
    errors = [d for d in info.value.diagnostics if d.severity == "error"]
    assert errors[0].line == line


def test_writing_escapes_text_and_drops_styling_vtt_cannot_show() -> None:
    cues = [Cue(0, 1000, "A & B <3\n<i>ok</i> {\\an8}<font color=red>red</font>")]
    assert compose_vtt(cues) == (
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nA &amp; B &lt;3\n<i>ok</i> red\n"
    )


@settings(max_examples=100, deadline=None)
@given(tracks(min_length=FROZEN_MS + 1))
def test_vtt_round_trip(track: list[Cue]) -> None:
    # Cues of at most FROZEN_MS that repeat the lines before them are YouTube's rolling
    # signature and are folded on purpose, so the property holds for longer cues. Markup
    # (<font>, {\an8}) is dropped on purpose too (WebVTT cannot show it): plain text only.
    assume(not any(ch in c.text for c in track for ch in "<{"))
    parsed = parse_vtt(compose_vtt(track)).cues
    assert [(c.start, c.end, c.text) for c in parsed] == [(c.start, c.end, c.text) for c in track]


def _line_by_line(cues: list[Cue]) -> str:
    """What compose_vtt wrote before it joined whole cues: one list item per line."""
    out = ["WEBVTT", ""]
    for number, cue in enumerate(cues, start=1):
        out.append(str(number))
        out.append(f"{format_timestamp(cue.start, '.')} --> {format_timestamp(cue.end, '.')}")
        out.extend(_escape(cue.text).split("\n"))
        out.append("")
    return "\n".join(out)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10**8), st.integers(1, 9000), VTT_TEXT), max_size=5))
def test_compose_vtt_writes_what_line_by_line_writes(parts: list[tuple[int, int, str]]) -> None:
    cues = [Cue(start, start + length, text) for start, length, text in parts]
    assert compose_vtt(cues) == _line_by_line(cues)


def test_read_track_picks_the_reader_by_content(tmp_path: Path) -> None:
    wrong_suffix = tmp_path / "actually-vtt.srt"
    wrong_suffix.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", encoding="utf-8")
    assert texts(read_track(wrong_suffix).cues) == ["Hi"]
    assert compose(read_track(wrong_suffix).cues, "srt").startswith("1\n00:00:01,000 --> ")


def test_rolling_style_is_recognised_even_without_inline_tags() -> None:
    """Some converters strip YouTube's inline tags but keep the rolling cues."""
    import re

    raw = (DATA / "youtube-auto.en.vtt").read_text(encoding="utf-8")
    stripped = re.sub(r"<[^>]+>", "", raw)
    assert texts(parse_vtt(stripped).cues) == texts(parse_vtt(raw).cues)
