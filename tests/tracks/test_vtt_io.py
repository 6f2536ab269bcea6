"""WebVTT: plain files, YouTube's rolling auto-captions de-duplicated, and writing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.formats import compose, read_track
from pipeline.tracks.model import Cue, format_timestamp, timing_line
from pipeline.tracks.vtt_io import FROZEN_MS, _clean, _escape, compose_vtt, parse_vtt
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
        ("WEBVTT\n\n", 1),
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


# The W3C parser's own tests (web-platform-tests, webvtt/parsing/file-parsing; see
# tests/data/vtt/wpt/README.md): the cues a browser shows, and the lines of the blocks it drops
# without a word. We read the same cues, or refuse with exactly those lines (the text of a
# dropped block would be lost).
WPT = DATA / "wpt"
WPT_CASES: list[tuple[str, list[str], list[int]]] = [
    ("ids.vtt", ["text1", "text2", "text3", "text4", "text5"], []),
    ("timings-omitted-hours.vtt", ["text1", "text2", "text3"], []),
    # 6 cues; the lines holding "-->" that are not timing lines end a block and start one
    ("arrows.vtt", [f"text{n}" for n in range(1, 7)], [3, 6, 9, 12, 15, 21, 23, 25, 27]),
    ("timings-too-short.vtt", ["text1", "text2"], list(range(6, 94, 3))),
    ("timings-too-long.vtt", ["text1", "text2"], list(range(6, 43, 3))),
    # kept by browsers, never shown: we refuse a cue that ends before it starts (or lasts 0 ms)
    ("timings-negative.vtt", ["text1", "text2", "text3", "text4"], [3, 6, 9, 12]),
    # an old draft's "REGION:" header lines: not the REGION keyword, so text without a timing
    ("regions-old.vtt", ["text1", "text2"], [3, 5]),
]


@pytest.mark.parametrize(("name", "browser", "dropped"), WPT_CASES, ids=[c[0] for c in WPT_CASES])
def test_the_w3c_parser_tests(name: str, browser: list[str], dropped: list[int]) -> None:
    text = (WPT / name).read_text(encoding="utf-8")
    if not dropped:
        assert texts(parse_vtt(text, name).cues) == browser
        return
    with pytest.raises(InputError) as info:
        parse_vtt(text, name)
    assert [d.line for d in info.value.diagnostics if d.severity == "error"] == dropped


CUE = "00:00:01.000 --> 00:00:02.000"
CUE2 = "00:00:03.000 --> 00:00:04.000"
# Each rule of block collection: (name, file after the header, cues, warning code or None)
BLOCKS: list[tuple[str, str, list[tuple[int, str]], str | None]] = [
    (
        "timing line right after text starts a new cue",
        f"{CUE}\nHello\n{CUE2}\nWorld\n",
        [(1000, "Hello"), (3000, "World")],
        None,
    ),
    (
        # browsers would show "2" under "Hello": repaired as the SRT reader does
        "identifier line then timing, no blank line before",
        f"1\n{CUE}\nHello\n2\n{CUE2}\nWorld\n",
        [(1000, "Hello"), (3000, "World")],
        "vtt-missing-blank",
    ),
    (
        "a line of spaces between cues is not a blank line",
        f"1\n{CUE}\nHello\n  \n2\n{CUE2}\nWorld\n",
        [(1000, "Hello"), (3000, "World")],
        "vtt-missing-blank",
    ),
    ("NOTEWORTHY is a cue identifier", f"NOTEWORTHY\n{CUE}\nHello\n", [(1000, "Hello")], None),
    ("REGION-2 is a cue identifier", f"REGION-2\n{CUE}\nHello\n", [(1000, "Hello")], None),
    ("STYLE-x is a cue identifier", f"STYLE-x\n{CUE}\nHello\n", [(1000, "Hello")], None),
    ("an identifier of spaces", f"   \n{CUE}\nHello\n", [(1000, "Hello")], None),
    (
        "NOTE comments: alone, with a space, with a tab",
        f"NOTE\nabout\n\nNOTE one\n\nNOTE\ttwo\n\n{CUE}\nHello\n",
        [(1000, "Hello")],
        None,
    ),
    (
        "STYLE and REGION blocks before the first cue",
        f"STYLE\n::cue {{ color: red }}\n\nREGION\nid:r1\n\n{CUE}\nHello\n",
        [(1000, "Hello")],
        None,
    ),
    (
        "a STYLE block after a cue is ignored with a warning",
        f"{CUE}\nHello\n\nSTYLE\n::cue {{ color: red }}\n\n{CUE2}\nWorld\n",
        [(1000, "Hello"), (3000, "World")],
        "vtt-block",
    ),
    (
        "an empty cue is removed with the SRT reader's warning",
        f"{CUE}\n\n{CUE2}\nWorld\n",
        [(3000, "World")],
        "srt-empty",
    ),
    (
        "settings after the timing",
        f"{CUE} align:start position:10%\nHello\n",
        [(1000, "Hello")],
        None,
    ),
    (
        "hours of three digits",
        "100:00:01.000 --> 100:00:02.000\nLate\n",
        [(360_001_000, "Late")],
        None,
    ),
]


@pytest.mark.parametrize(("name", "body", "cues", "code"), BLOCKS, ids=[b[0] for b in BLOCKS])
def test_block_collection(
    name: str, body: str, cues: list[tuple[int, str]], code: str | None
) -> None:
    result = parse_vtt("WEBVTT\n\n" + body, "t.vtt")
    assert [(c.start, c.text) for c in result.cues] == cues
    codes = {d.code for d in result.warnings}
    assert (code in codes) if code else not (codes - {"vtt-rolling"})


def test_a_cue_right_after_the_header() -> None:
    result = parse_vtt(f"WEBVTT\nKind: captions\nLanguage: en\n{CUE}\nHello\n", "t.vtt")
    assert texts(result.cues) == ["Hello"]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("NOTE:\nnot a comment\n", 3),  # NOTE must be followed by a space or a tab
        ("STYLE foo\n::cue {}\n", 3),  # STYLE must stand alone
        (f"{CUE}\nHello --> there\n", 4),  # a line with --> ends the cue: not a timing line
        (f"Intro\nmore text\n{CUE}\nHello\n", 3),  # the identifier may be one line only
        (f"{CUE}\n7\n{CUE2}\nWorld\n", 4),  # 7: the text, or the next cue's identifier?
    ],
)
def test_blocks_a_browser_drops_are_refused_with_their_line(body: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_vtt("WEBVTT\n\n" + body, "t.vtt")
    errors = [d for d in info.value.diagnostics if d.severity == "error"]
    assert errors[0].line == line
    assert "t.vtt:" in str(info.value) and "SRT" not in str(info.value)


def test_crlf_and_cr_line_ends_are_read_with_a_warning() -> None:
    for end in ("\r\n", "\r"):
        result = parse_vtt(f"WEBVTT{end}{end}{CUE}{end}Hello{end}", "t.vtt")
        assert texts(result.cues) == ["Hello"]
        assert [d.line for d in result.warnings if d.code == "line-ends"] == [1]


def _netflix_style(count: int, glued: int) -> str:
    """A VTT as streaming services write it: a NOTE header, numbered cues with settings and
    class tags; cue `glued` follows the previous cue's text without a blank line."""
    out = ["WEBVTT", "", "NOTE /SegmentIndex", "NOTE Profile: webvtt-lssdh-ios8", ""]
    for n in range(1, count + 1):
        start = n * 2000
        timing = f"{timing_line(start, start + 1500, '.')} position:50.00%,middle align:middle"
        if n == glued:
            out.pop()  # no blank line before this cue
        out += [str(n), timing, f"<c.white><c.mono_sans>Line {n}</c.mono_sans></c.white>", ""]
    return "\n".join(out)


def test_a_netflix_style_file_keeps_every_cue() -> None:
    result = parse_vtt(_netflix_style(865, glued=412), "netflix.vtt")
    assert len(result.cues) == 865
    assert result.cues[410].text == "Line 411"
    assert result.cues[411].text == "Line 412"
    assert [d.code for d in result.warnings] == ["vtt-missing-blank"]


def test_vtt_refusals_name_webvtt_not_srt(tmp_path: Path) -> None:
    path = tmp_path / "broken.vtt"
    path.write_text("WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nBad\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_track(path, "en")
    assert "WebVTT" in info.value.message and "SRT" not in str(info.value)
    no_header = tmp_path / "plain.vtt"
    no_header.write_text("Hello\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_track(no_header, "en")
    assert "SRT" not in str(info.value)
    assert f"{no_header}:1: error:" in str(info.value)


# The tag handling as it was before the tag patterns were compiled on first use (three
# patterns at import; the writer matched each piece against the kept tags).
_KEEP, _ANY, _ASS = (
    re.compile(r"</?[ibu]>"),
    re.compile(r"</?[a-zA-Z][^>]*>"),
    re.compile(r"\{\\[^}]*\}"),
)
_TIME = re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")
_PIECES = ["<i>", "</i>", "<b>", "</u>", "<c>", "<font color=red>", "{\\an8}", "{", "}", "<", ">"]
_PIECES += ["&", "&amp;", "a", " ", "<00:00:01.230>", "<v Bob>", "é"]


def _kept_before(text: str) -> str:
    return _ANY.sub(lambda m: m.group(0) if _KEEP.fullmatch(m.group(0)) else "", text)


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=12))
def test_tags_are_kept_and_escaped_as_before(pieces: list[str]) -> None:
    import html

    text = "".join(pieces)
    parts = re.split(r"(</?[ibu]>)", _kept_before(_ASS.sub("", text)))
    escaped = "".join(
        p
        if _KEEP.fullmatch(p)
        else p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for p in parts
    )
    plain = "<" not in text and ">" not in text and "&" not in text and "{" not in text
    assert _escape(text) == (text if plain else escaped)
    cleaned = _kept_before(_TIME.sub("", text))
    assert _clean(text) == (html.unescape(cleaned) if "&" in cleaned else cleaned).strip()
