"""SRT reading: every trap of real files is repaired with a warning or rejected with path:line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import srt
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.tracks.model import Cue, ReadResult
from pipeline.tracks.srt_io import (
    MAX_MS,
    _parse_exact,
    _usual,
    compose_srt,
    compose_with_library,
    parse_srt,
    read_srt,
    write_srt,
)

GOOD = "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:04,500\nWorld\n"


def cues_of(text: str) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, c.text) for c in parse_srt(text, "t.srt").cues]


# Each case: name, file text, and either ("repaired", warning code, expected cues)
# or ("error", line the error points at). None may raise anything but InputError.
TWO = [(1000, 2000, "Hello"), (3000, 4500, "World")]
CASES: list[tuple[str, str, tuple[object, ...]]] = [
    ("clean", GOOD, ("clean", TWO)),
    ("crlf", GOOD.replace("\n", "\r\n"), ("repaired", "line-ends", TWO)),
    ("cr only (old Mac)", GOOD.replace("\n", "\r"), ("repaired", "line-ends", TWO)),
    ("dot before millis", GOOD.replace("02,000", "02.000"), ("repaired", "srt-dot-millis", TWO)),
    (
        "colon before millis",
        GOOD.replace("01,000", "01:000"),
        ("repaired", "srt-colon-millis", TWO),
    ),
    (
        "missing indices",
        "00:00:01,000 --> 00:00:02,000\nHello\n\n00:00:03,000 --> 00:00:04,500\nWorld\n",
        ("repaired", "srt-missing-index", TWO),
    ),
    (
        "wrong numbering",
        GOOD.replace("2\n00:00:03", "7\n00:00:03"),
        ("repaired", "srt-index", TWO),
    ),
    (
        "no blank line between cues",
        GOOD.replace("Hello\n\n2\n", "Hello\n2\n"),
        ("repaired", "srt-missing-blank", TWO),
    ),
    (
        "spaces before timing line",
        GOOD.replace("1\n00:00:01", "1\n  00:00:01"),
        ("repaired", "srt-indent", TWO),
    ),
    (
        "timestamp without hours",
        GOOD.replace("00:00:01,000 -->", "00:01,000 -->"),
        ("repaired", "srt-no-hours", TWO),
    ),
    (
        "short arrow",
        GOOD.replace("02,000\nHello", "02,000\nHello").replace(" --> 00:00:02", " -> 00:00:02"),
        ("repaired", "srt-arrow", TWO),
    ),
    (
        "position after timing",
        GOOD.replace("02,000\n", "02,000 X1:100 X2:200 Y1:10 Y2:20\n"),
        ("repaired", "srt-timing-extra", TWO),
    ),
    (
        "empty cue",
        GOOD + "\n3\n00:00:05,000 --> 00:00:06,000\n\n",
        ("repaired", "srt-empty", TWO),
    ),
    (
        "out of order",
        "1\n00:00:03,000 --> 00:00:04,500\nWorld\n\n2\n00:00:01,000 --> 00:00:02,000\nHello\n",
        ("repaired", "srt-order", TWO),
    ),
    (
        "overlap is kept and reported",
        GOOD.replace("00:00:03,000", "00:00:01,500"),
        ("repaired", "srt-overlap", [(1000, 2000, "Hello"), (1500, 4500, "World")]),
    ),
    (
        "blank line between timing and text",
        GOOD.replace("02,000\nHello", "02,000\n\nHello"),
        ("repaired", "srt-blank-in-cue", TWO),
    ),
    ("malformed timing line", GOOD.replace("00:00:03,000 -->", "00:00:0x,000 -->"), ("error", 6)),
    ("end before start", GOOD.replace("00:00:04,500", "00:00:02,500"), ("error", 6)),
    ("zero duration", GOOD.replace("00:00:04,500", "00:00:03,000"), ("error", 6)),
    ("negative timestamp", GOOD.replace("00:00:03,000 -->", "-00:00:03,000 -->"), ("error", 6)),
    ("one-digit millis", GOOD.replace("00:00:03,000", "00:00:03,5"), ("error", 6)),
    ("no millis", GOOD.replace("00:00:03,000", "00:00:03"), ("error", 6)),
    ("seconds over 59", GOOD.replace("00:00:03,000", "00:00:73,000"), ("error", 6)),
    ("junk after last cue", GOOD + "\nSubtitles by nobody\n", ("error", 9)),
    ("text before first cue", "Title\n\n" + GOOD, ("error", 1)),
    ("number without timing", GOOD + "\n3\nHello again\n", ("error", 10)),
    (
        "blank line inside a cue",
        GOOD.replace("Hello\n", "Hello\n\nagain\n"),
        ("error", 5),
    ),
    ("control character", GOOD.replace("World", "Wor\x07ld"), ("error", 7)),
    ("empty file", "", ("error", 1)),
    ("only whitespace", "\n\n  \n", ("error", 1)),
    ("hours of three digits", GOOD.replace("00:00:04,500", "100:00:04,500"), ("error", 6)),
    (
        "number glued to previous text",
        "1\n00:00:01,000 --> 00:00:02,000\n2\n00:00:03,000 --> 00:00:04,500\nWorld\n",
        ("error", 3),
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_malformed_inputs_are_repaired_or_rejected(name: str, text: str, expected: tuple) -> None:
    kind = expected[0]
    if kind == "error":
        with pytest.raises(InputError) as info:
            parse_srt(text, "in.srt")
        errors = [d for d in info.value.diagnostics if d.severity == "error"]
        assert errors, "an InputError must carry at least one error diagnostic"
        assert errors[0].line == expected[1]
        shown = str(info.value)
        where = f"in.srt:{expected[1]}: error:" if expected[1] else "in.srt: error:"
        assert where in shown
        return
    result = parse_srt(text, "in.srt")
    got = [(c.start, c.end, c.text) for c in result.cues]
    if kind == "clean":
        assert got == expected[1]
        assert not result.warnings
    else:
        assert got == expected[2]
        codes = {d.code for d in result.warnings}
        assert expected[1] in codes
        assert all(d.line for d in result.warnings if d.code == expected[1])


def test_at_least_twenty_malformed_cases() -> None:
    assert sum(1 for _, _, e in CASES if e[0] != "clean") >= 20


def test_the_srt_library_would_lose_data_on_the_same_inputs() -> None:
    """Why we parse ourselves: srt glues a cue with a broken timing line onto the previous one
    and reads ',5' as 5 ms; we reject both with a line number."""
    broken = GOOD.replace("00:00:03,000 -->", "-00:00:03,000 -->")
    glued = list(srt.parse(broken))
    assert len(glued) == 1 and "World" in glued[0].content
    with pytest.raises(InputError):
        parse_srt(broken)
    short = GOOD.replace("00:00:03,000", "00:00:03,5")
    assert list(srt.parse(short))[1].start.microseconds == 5000
    with pytest.raises(InputError):
        parse_srt(short)


def test_repeated_repairs_are_folded_into_one_warning() -> None:
    text = GOOD.replace(",", ".")
    warnings = [d for d in parse_srt(text).warnings if d.code == "srt-dot-millis"]
    assert len(warnings) == 1
    assert "4 times" in warnings[0].message
    assert warnings[0].line == 2


def test_every_error_is_reported_at_once() -> None:
    text = GOOD.replace("00:00:01,000 -->", "00:00:0x,000 -->").replace(
        "00:00:04,500", "00:00:02,000"
    )
    with pytest.raises(InputError) as info:
        parse_srt(text, "f.srt")
    lines = sorted(d.line or 0 for d in info.value.diagnostics if d.severity == "error")
    assert lines == [2, 6]


# Encodings: the same Polish/Greek/French text in each code page must come back identical.
ENCODED = [
    ("utf-8", "pl", "Zamówienia publiczne: instytucja zamawiająca", None),
    ("utf-8-sig", "pl", "Zamówienia publiczne: instytucja zamawiająca", "utf-8-sig"),
    ("utf-16", "el", "Η αναθέτουσα αρχή δημοσιεύει την προκήρυξη", "utf-16"),
    ("utf-16-be", "fr", "Le pouvoir adjudicateur publie l’avis", "utf-16-be"),
    ("cp1250", "pl", "Zamówienia publiczne: instytucja zamawiająca, oferta, część", "cp1250"),
    (
        "iso-8859-2",
        "pl",
        "Zamówienia publiczne: instytucja zamawiająca, oferta, część",
        "iso-8859-2",
    ),
    ("cp1250", "ro", "Autoritatea contractantă şi ofertanţii", "cp1250"),
    ("cp1252", "fr", "Le pouvoir adjudicateur évalue les critères d'attribution", "cp1252"),
    ("cp1252", "es", "¿Qué es la contratación pública? Una oferta económicamente", "cp1252"),
    ("cp1253", "el", "Η αναθέτουσα αρχή και οι προσφέροντες", "cp1253"),
    ("iso-8859-7", "el", "Άρθρο: η αναθέτουσα αρχή", "iso-8859-7"),
    # Without a language, è is è in Windows-1252 and č in Windows-1250: both read as text,
    # so the reader says it cannot tell (test_decode.py has the whole table).
    ("cp1252", None, "Le pouvoir adjudicateur évalue les critères", "refused"),
    ("cp1250", None, "Zamówienia: instytucja zamawiająca, część, oferta", "cp1250"),
    ("cp1253", None, "Η αναθέτουσα αρχή και οι προσφέροντες", "cp1253"),
]


@pytest.mark.parametrize(("codec", "lang", "text", "reported"), ENCODED)
def test_encodings_are_detected_and_reported(
    tmp_path: Path, codec: str, lang: str | None, text: str, reported: str | None
) -> None:
    body = f"1\n00:00:01,000 --> 00:00:03,000\n{text}\n"
    path = tmp_path / "in.srt"
    path.write_bytes(body.encode(codec))
    if reported == "refused":
        with pytest.raises(InputError, match="cannot tell the encoding") as info:
            read_srt(path, lang)
        assert "cp1252" in str(info.value) and "cp1250" in str(info.value)
        assert info.value.diagnostics[0].line == 3
        return
    result = read_srt(path, lang)
    assert result.cues[0].text == text
    if reported is None:
        assert result.encoding == "utf-8"
        assert not [d for d in result.diagnostics if d.code == "encoding"]
    else:
        assert result.encoding == reported
        notes = [d for d in result.diagnostics if d.code == "encoding"]
        assert notes, "a non-UTF-8 or BOM file must be reported"


def test_broken_utf8_is_rejected_not_guessed(tmp_path: Path) -> None:
    body = "1\n00:00:01,000 --> 00:00:03,000\nZamówienia\n\n2\n00:00:04,000 --> 00:00:05,000\n"
    data = body.encode("utf-8") + "część\n".encode("cp1250")
    path = tmp_path / "mixed.srt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_srt(path, "pl")
    assert info.value.diagnostics[0].line == 7
    assert "UTF-8" in info.value.diagnostics[0].message


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "video.srt"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" * 10)
    with pytest.raises(InputError, match="not a text file"):
        read_srt(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_srt(tmp_path / "nope.srt")


def test_write_is_utf8_without_bom_and_lf(tmp_path: Path) -> None:
    path = tmp_path / "out.srt"
    write_srt(path, [Cue(0, 1500, "Ελληνικά\nłódź"), Cue(2000, 3000, "¿Qué?")])
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.decode("utf-8") == (
        "1\n00:00:00,000 --> 00:00:01,500\nΕλληνικά\nłódź\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n¿Qué?\n\n"
    )


def test_three_digit_hours_are_never_written() -> None:
    assert compose_srt([Cue(0, MAX_MS, "x")]).startswith("1\n00:00:00,000 --> 99:59:59,999\n")
    with pytest.raises(InputError, match=r"99:59:59,999 \(two-digit hours\)"):
        compose_srt([Cue(0, 1000, "a"), Cue(MAX_MS, MAX_MS + 1, "b", line=7)])


def test_compose_refuses_what_srt_would_drop() -> None:
    for bad in (Cue(1000, 1000, "x"), Cue(0, 1000, "  "), Cue(0, 1000, "a\n\nb")):
        with pytest.raises(ValueError, match="invalid cue"):
            compose_srt([bad])


# Property: parse(write(track)) == track for any valid track.
LINE = (
    st.text(
        alphabet=st.characters(
            codec="utf-8",
            categories=("L", "N", "P", "S", "Zs"),
            exclude_characters="\u2028\u2029\x85",
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(lambda s: s and "-->" not in s)
)


@st.composite
def tracks(draw: st.DrawFn, min_length: int = 1) -> list[Cue]:
    count = draw(st.integers(min_value=1, max_value=30))
    cues = []
    start = draw(st.integers(min_value=0, max_value=5000))
    for _ in range(count):
        length = draw(st.integers(min_value=min_length, max_value=8000))
        lines = draw(st.lists(LINE, min_size=1, max_size=3))
        cues.append(Cue(start, start + length, "\n".join(lines)))
        start += length + draw(st.integers(min_value=0, max_value=3000))
    return cues


@settings(max_examples=200, deadline=None)
@given(tracks())
def test_parse_write_parse_is_identity(track: list[Cue]) -> None:
    text = compose_srt(track)
    parsed = parse_srt(text).cues
    assert [(c.start, c.end, c.text) for c in parsed] == [(c.start, c.end, c.text) for c in track]
    assert compose_srt(parsed) == text  # and byte for byte on the way out


COMPOSED_TEXT = st.sampled_from(["a", "b\nc", "\nx", "y\n", "  ", "é\n\nf", "<i>z</i>", "-->"])


@settings(max_examples=400)
@given(
    st.lists(st.tuples(st.integers(-50, 4000), st.integers(-50, 3000), COMPOSED_TEXT), max_size=6)
)
def test_compose_srt_writes_what_the_srt_library_writes(parts):
    cues, at = [], 0
    for step, length, text in parts:
        at += step
        cues.append(Cue(at, at + length, text))
    try:
        expected = compose_with_library(cues)  # through srt.compose
    except ValueError:
        with pytest.raises(ValueError):
            compose_srt(cues)
        return
    assert compose_srt(cues) == expected


# The usual layout is read by one regular expression (`_usual`); it must give exactly what
# the line-by-line reader gives, and leave to it every file that reader would say anything
# about. Generated files: a composed track, then a few lines damaged the ways real files are.
DAMAGE: list[Callable[[str], str]] = [
    lambda line: line + " ",
    lambda line: " " + line,
    lambda line: line + "\u00a0",
    lambda line: line + "\r",
    lambda line: line + " -> b",
    lambda line: line + "\x07",
    lambda line: "",  # a blank line (or none: the cue's number and text glued)
    lambda line: " ",
    lambda line: "5",  # a number where text, a timing or nothing stood
    lambda line: "0" + line,  # 01 as a number; 000:00:01,000 as hours
    lambda line: line + "\n" + line,
    lambda line: line.replace(",", "."),
    lambda line: line.replace(" --> ", " -> "),
    lambda line: line.replace("-->", "->", 1).replace(" ->", "-->"),
    lambda line: line.replace(":0", ":7", 1),  # out of order, overlapping, minutes over 59
    lambda line: ":7".join(line.rsplit(":0", 1)),  # the same at the end of a timing line
    lambda line: line.replace("0,", "0,5", 1),
    lambda line: line + " X1:10",
]


@settings(max_examples=500, deadline=None)
@given(
    tracks(),
    st.lists(st.tuples(st.sampled_from(DAMAGE), st.integers(0, 200)), max_size=3),
    st.sampled_from(["", "\n", "\n\n"]),
    st.sampled_from(["", "\n", "\n\n"]),
)
def test_the_usual_layout_reads_as_line_by_line(
    track: list[Cue], damage: list[tuple[Callable[[str], str], int]], before: str, after: str
) -> None:
    lines = compose_srt(track).split("\n")
    for change, nth in damage:
        at = nth % len(lines)
        lines[at] = change(lines[at])
    text = before + "\n".join(lines)
    text = text[:-2] + after if text.endswith("\n\n") else text
    assert _outcome(parse_srt, text) == _outcome(_parse_exact, text)


def _outcome(parse: Callable[[str, str], ReadResult], text: str) -> tuple[object, ...]:
    try:
        result = parse(text, "t.srt")
    except InputError as exc:
        return ("error", str(exc), [str(d) for d in exc.diagnostics])
    cues = [(c.start, c.end, c.text, c.index, c.line) for c in result.cues]
    return ("read", cues, [str(d) for d in result.diagnostics], result.encoding)


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace("04,500", "64,500"),  # seconds over 59 where nothing else would tell
        GOOD.replace("00:00:04", "00:60:04"),
        GOOD.replace("00:00:03,000 --> 00:00:04", "00:00:63,000 --> 00:02:04"),
        GOOD.replace("00:00:03,000 --> 00:00:04", "00:61:03,000 --> 02:00:04"),
        GOOD.replace("00:00:04", "100:00:04"),
        GOOD.replace("World", "World\n2"),
        GOOD.replace("World", "World -> there"),
        GOOD.replace("World", "World — > there"),
        GOOD[:-1],  # no line break at the end
        GOOD.replace("\n\n", "\n\n\n"),
        GOOD.replace("2\n", "02\n"),
    ],
)
def test_edges_of_the_usual_layout_read_as_line_by_line(text: str) -> None:
    assert _outcome(parse_srt, text) == _outcome(_parse_exact, text)


def test_the_usual_layout_takes_the_fast_path() -> None:
    text = "\n" + GOOD.replace("Hello", "Hello\n<i>there</i>") + "\n\n"
    cues = _usual(text)
    assert cues is not None
    assert [(c.start, c.end, c.text, c.index, c.line) for c in cues] == [
        (1000, 2000, "Hello\n<i>there</i>", 1, 3),
        (3000, 4500, "World", 2, 8),
    ]
    assert _usual(GOOD.replace("World", "World ")) is None  # the reader strips it silently
