"""The reading-speed chart: characters per second of every cue over time, as inline SVG.

Each cue is one mark spanning its time on screen: a bar as high as its reading speed, against
the profile's optimal and maximum lines. Zones differ by pattern as well as colour (solid, then
stripes above the optimal speed, then cross-hatching above the maximum), drafts (fuzzy) have a
dashed outline, and cues with nothing to read are a hatched band; every mark has a tooltip and
links to its row in the table, which holds the same numbers for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from pipeline.checks.profiles import Profile
from pipeline.report.markup import escape
from pipeline.report.pages import Row

WIDTH, HEIGHT = 960, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 96, 14, 34
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
Scale = Callable[[float], float]  # a value to its SVG coordinate
_STEPS_S = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600)


def zone(cps: float, profile: Profile) -> str:
    """`ok`, `fast` (above the optimal speed) or `too-fast` (above the maximum)."""
    if cps > profile.cps_max:
        return "too-fast"
    if cps > profile.cps_optimal:
        return "fast"
    return "ok"


ZONE_WORDS = {
    "ok": "within the optimal speed",
    "fast": "above the optimal speed",
    "too-fast": "above the maximum speed",
}


def clock(ms: int) -> str:
    """`1:05.3`: minutes, seconds and tenths, for labels."""
    minutes, rest = divmod(ms, 60_000)
    return f"{minutes}:{rest / 1000:04.1f}"


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_chart(rows: Sequence[Row], profile: Profile, lang_name: str) -> str:
    """The chart for one track's cues (one mark per cue), as an `<svg>` element."""
    end = max((r.end for r in rows), default=0) or 1
    finite = [r.cps for r in rows if r.cps is not None and math.isfinite(r.cps)]
    top = max(profile.cps_max * 1.4, min(max(finite, default=0.0), profile.cps_max * 3))
    y_max = max(5.0, math.ceil(top / 5) * 5)

    def x(ms: float) -> float:
        return LEFT + ms / end * PLOT_W

    def y(cps: float) -> float:
        return TOP + PLOT_H - min(cps, y_max) / y_max * PLOT_H

    fast = sum(1 for r in rows if r.cps is not None and zone(r.cps, profile) == "fast")
    too_fast = sum(1 for r in rows if r.cps is not None and zone(r.cps, profile) == "too-fast")
    gaps = sum(1 for r in rows if r.cps is None)
    desc = (
        f"{len(rows)} cues of the {lang_name} track over {clock(end)}: {fast} above the optimal "
        f"speed of {_num(profile.cps_optimal)} characters per second, {too_fast} above the "
        f"maximum of {_num(profile.cps_max)}"
        + (f", {gaps} with no text to read" if gaps else "")
        + ". The table below lists every value."
    )
    out = [
        f'<svg class="chart" id="speed-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Reading speed per cue (characters per second)</title>',
        f'<desc id="chart-desc">{escape(desc)}</desc>',
        _DEFS,
    ]
    out.extend(_grid(y_max, end, x, y))
    for row in rows:
        out.append(_mark(row, profile, x, y))
    for value, cls, label in (
        (profile.cps_optimal, "line-optimal", "optimal"),
        (profile.cps_max, "line-max", "max"),
    ):
        ly = y(value)
        out.append(
            f'<line class="{cls}" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{ly:.1f}" y2="{ly:.1f}"/>'
        )
        out.append(
            f'<text class="line-label {cls}-label" x="{LEFT + PLOT_W + 6}" y="{ly + 4:.1f}">'
            f"{label} {_num(value)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


_DEFS = (
    "<defs>"
    '<pattern id="p-fast" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" class="pat-fast-bg"/>'
    '<rect width="3" height="6" class="pat-fast-fg"/></pattern>'
    '<pattern id="p-too-fast" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" class="pat-too-fast-bg"/>'
    '<path d="M0 0L6 6M6 0L0 6" class="pat-too-fast-fg"/></pattern>'
    '<pattern id="p-gap" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="2" height="8" class="pat-gap-fg"/></pattern>'
    "</defs>"
)


def _grid(y_max: float, end: int, x: Scale, y: Scale) -> list[str]:
    out = [
        f'<rect class="plot" x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}"/>',
    ]
    step = 5 if y_max <= 40 else 10
    value = 0
    while value <= y_max:
        gy = y(value)
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{gy:.1f}" y2="{gy:.1f}"/>'
        )
        out.append(
            f'<text class="tick" x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end">{value}</text>'
        )
        value += step
    seconds = end / 1000
    every = next((s for s in _STEPS_S if seconds / s <= 10), _STEPS_S[-1])
    t = 0
    while t * 1000 <= end:
        gx = x(t * 1000)
        out.append(
            f'<text class="tick" x="{gx:.1f}" y="{TOP + PLOT_H + 16}" text-anchor="middle">'
            f"{t // 60}:{t % 60:02d}</text>"
        )
        t += every
    out.append(
        f'<text class="axis-label" x="{LEFT + PLOT_W / 2:.0f}" y="{HEIGHT - 2}" '
        'text-anchor="middle">time (min:s)</text>'
    )
    out.append(
        f'<text class="axis-label" x="12" y="{TOP + PLOT_H / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 12 {TOP + PLOT_H / 2:.0f})">characters per second</text>'
    )
    return out


def _mark(row: Row, profile: Profile, x: Scale, y: Scale) -> str:
    left = x(row.start)
    width = max(x(row.end) - left, 1.5)
    when = f"{clock(row.start)}–{clock(row.end)}"
    if row.cps is None:
        what = {"missing": "no entry in the PO", "invalid": "translation unusable"}.get(
            row.state, "not translated"
        )
        title = f"Cue {row.number}, {when}: {what}"
        shape = (
            f'<rect class="mark gap" data-cue="{row.number}" x="{left:.1f}" y="{TOP}" '
            f'width="{width:.1f}" height="{PLOT_H}"><title>{escape(title)}</title></rect>'
        )
    else:
        speed = "∞" if not math.isfinite(row.cps) else f"{row.cps:.1f}"
        kind = zone(row.cps, profile)
        draft = " draft" if row.state == "fuzzy" else ""
        title = (
            f"Cue {row.number}, {when}: {speed} characters per second "
            f"({row.chars} characters in {row.duration / 1000:.2f} s), {ZONE_WORDS[kind]}"
            + (" (fuzzy draft)" if draft else "")
        )
        top = y(row.cps)
        shape = (
            f'<rect class="mark bar {kind}{draft}" data-cue="{row.number}" x="{left:.1f}" '
            f'y="{top:.1f}" width="{width:.1f}" height="{TOP + PLOT_H - top:.1f}">'
            f"<title>{escape(title)}</title></rect>"
        )
    return f'<a href="#cue-{row.number}" tabindex="-1">{shape}</a>'
