"""The reading-speed chart: one mark per cue, in the right zone, against the profile's lines."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from pipeline.checks.profiles import base_profile
from pipeline.report.chart import LEFT, PLOT_H, PLOT_W, TOP, clock, render_chart, zone
from pipeline.report.pages import Row, cps_of

SVG = "{http://www.w3.org/2000/svg}"
PL = base_profile("netflix", "pl")  # optimal 15, maximum 17


def row(n: int, start: int, end: int, text: str | None, state: str = "translated") -> Row:
    chars, cps = cps_of(text, end - start) if text is not None else (None, None)
    return Row(n, start, end, "source", text, state, chars, cps, ())  # type: ignore[arg-type]


ROWS = [
    row(1, 0, 2000, "a" * 20),  # 10 cps: ok
    row(2, 2000, 4000, "a" * 32),  # 16 cps: above the optimal
    row(3, 4000, 5000, "a" * 30),  # 30 cps: above the maximum
    row(4, 5000, 7000, None, "untranslated"),
    row(5, 7000, 9000, "a" * 20, "fuzzy"),
    row(6, 9000, 9000, "<b>x</b>"),  # zero duration: infinitely fast
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_one_mark_per_cue_in_its_zone() -> None:
    root = parse(render_chart(ROWS, PL, "Polish"))
    marks = [el for el in root.iter() if "mark" in el.get("class", "").split()]
    assert [int(m.get("data-cue")) for m in marks] == [1, 2, 3, 4, 5, 6]
    kinds = [m.get("class") for m in marks]
    assert kinds == [
        "mark bar ok",
        "mark bar fast",
        "mark bar too-fast",
        "mark gap",
        "mark bar ok draft",
        "mark bar too-fast",
    ]


def test_marks_span_their_time_and_are_as_tall_as_their_speed() -> None:
    root = parse(render_chart(ROWS, PL, "Polish"))
    bars = {int(m.get("data-cue")): m for m in root.iter(f"{SVG}rect") if m.get("data-cue")}
    end = 9000
    first = bars[1]
    assert float(first.get("x")) == LEFT
    assert math.isclose(float(first.get("width")), 2000 / end * PLOT_W, abs_tol=0.06)
    y_max = 30.0  # 17 * 1.4 = 23.8 → the tallest finite speed (30) → a multiple of 5
    assert math.isclose(float(first.get("height")), 10 / y_max * PLOT_H, abs_tol=0.06)
    assert math.isclose(float(bars[3].get("height")), PLOT_H, abs_tol=0.06)
    assert float(bars[6].get("width")) >= 1.5  # a zero-length cue is still visible
    assert float(bars[4].get("height")) == PLOT_H  # the untranslated band covers the plot


def test_optimal_and_maximum_lines_at_the_profiles_limits() -> None:
    svg = render_chart(ROWS, PL, "Polish")
    root = parse(svg)
    lines = {el.get("class"): el for el in root.iter(f"{SVG}line") if "line-" in el.get("class")}
    y_max = 30.0
    for cls, value in (("line-optimal", 15), ("line-max", 17)):
        y = float(lines[cls].get("y1"))
        assert math.isclose(y, TOP + PLOT_H - value / y_max * PLOT_H, abs_tol=0.06)
    labels = [t.text for t in root.iter(f"{SVG}text") if "line-label" in t.get("class", "")]
    assert labels == ["optimal 15", "max 17"]


def test_every_mark_has_a_title_and_links_to_its_row() -> None:
    root = parse(render_chart(ROWS, PL, "Polish"))
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == [f"#cue-{n}" for n in range(1, 7)]
    assert all(a.get("tabindex") == "-1" for a in links)  # the table is the keyboard path
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert titles[0] == "Reading speed per cue (characters per second)"
    assert "Cue 3, 0:04.0–0:05.0: 30.0 characters per second" in titles[3]
    assert "above the maximum speed" in titles[3]
    assert titles[4] == "Cue 4, 0:05.0–0:07.0: not translated"
    assert "∞ characters per second" in titles[6]


def test_description_counts_the_zones() -> None:
    root = parse(render_chart(ROWS, PL, "Polish"))
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("6 cues of the Polish track over 0:09.0: 1 above the optimal speed")
    assert "2 above the maximum of 17" in desc and "1 with no text to read" in desc


def test_speed_counts_like_the_checks() -> None:
    # markup is not read, line breaks are not characters (pipeline.checks.text.reading_chars)
    assert cps_of("<i>ab</i>\ncd", 1000) == (4, 4.0)


def test_zone_boundaries() -> None:
    assert [zone(v, PL) for v in (15.0, 15.01, 17.0, 17.01)] == ["ok", "fast", "fast", "too-fast"]


def test_clock_and_an_empty_track() -> None:
    assert clock(65_300) == "1:05.3"
    svg = render_chart([], PL, "Polish")
    assert re.search(r'class="mark', svg) is None and svg.endswith("</svg>")
