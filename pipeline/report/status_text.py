"""`msm status` output: a boxed, coloured table on a terminal, aligned plain text when piped,
and JSON for tools."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence

from pipeline.checks.report import one_line
from pipeline.report.status import ProjectStatus, TrackStatus, Verdict

SYMBOLS: dict[Verdict, str] = {
    "ready": "✓",
    "incomplete": "◐",
    "errors": "✗",
    "blocked": "⊘",
    "missing": "∅",
    "unreadable": "!",
}
_GOOD, _WARN, _BAD, _DIM, _BOLD, _RESET = (
    "\033[32m",
    "\033[33m",
    "\033[31m",
    "\033[2m",
    "\033[1m",
    "\033[0m",
)
_VERDICT_STYLE: dict[Verdict, str] = {
    "ready": _GOOD,
    "incomplete": _WARN,
    "errors": _BAD,
    "blocked": _BAD,
    "missing": _BAD,
    "unreadable": _BAD,
}
HEADERS = (
    "video",
    "lang",
    "cues",
    "transl.",
    "fuzzy",
    "untransl.",
    "errors",
    "warn.",
    "build",
    "published",
    "status",
)
_NUMERIC = {2, 3, 4, 5, 6, 7}
_NONE = "-"


def render_json(status: ProjectStatus) -> str:
    """The status as JSON (schema `msm-status/1`)."""
    return json.dumps(status.as_json(), ensure_ascii=False, indent=2) + "\n"


def render_table(status: ProjectStatus, boxed: bool = False, color: bool = False) -> str:
    """The status matrix: one row per track, grouped by video; then next steps and a summary.

    `boxed` draws box-drawing borders and verdict symbols (for a terminal); `color` adds ANSI
    colours. With neither, the output is plain aligned text for scripts and pipes.
    """
    rows: list[list[str]] = []
    styles: list[list[str]] = []
    groups: list[int] = []  # row index where each video starts
    for video in status.videos:
        groups.append(len(rows))
        for n, track in enumerate(video.tracks):
            cells = _cells(one_line(video.video.slug) if n == 0 else "", track, boxed)
            rows.append(cells)
            styles.append(_styles(track) if color else [""] * len(cells))
    out = _boxed(rows, styles, groups, color) if boxed else _plain(rows)
    steps = [
        f"{track.slug}/{track.lang}: {track.verdict}: {one_line(track.detail)}"
        for track in status.tracks()
        if not track.ready
    ]
    if steps:
        out.append("")
        out.extend(steps)
    titles = [
        f"{video.video.slug}: YouTube title to {_TITLE_STEPS[state]}: {', '.join(langs)}"
        for video in status.videos
        for state, langs in _by_state(video.titles).items()
        if state in _TITLE_STEPS
    ]
    if titles:
        if not steps:
            out.append("")
        out.extend(titles)  # with the tracks' next steps, one block
    for problem in status.problems:
        out.append(f"unreadable: {one_line(problem)}")
    out.append("")
    out.append(_paint(summary_line(status), _summary_style(status), color))
    return "\n".join(out) + "\n"


# What a title's state asks for (translated titles need nothing).
_TITLE_STEPS = {
    "untranslated": "translate (meta/<lang>.po)",
    "fuzzy": "review (meta/<lang>.po)",
    "stale": "refresh: run `msm update`",
    "missing": "create: run `msm update`",
    "unreadable": "repair (`msm check`)",
}


def _by_state(titles: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang, state in titles.items():
        out.setdefault(state, []).append(lang)
    return out


def summary_line(status: ProjectStatus) -> str:
    """`8 of 9 tracks ready; 1 error, 2 warnings`."""
    s = status.summary()
    counts = f"{_n(s['errors'], 'error')}, {_n(s['warnings'], 'warning')}"
    if s["accepted"]:
        counts += f", {s['accepted']} accepted"
    return f"{s['ready']} of {_n(s['tracks'], 'track')} ready; {counts}"


def _summary_style(status: ProjectStatus) -> str:
    s = status.summary()
    return _GOOD if s["ready"] == s["tracks"] else _WARN


def _n(count: int, what: str) -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


def _cells(video: str, track: TrackStatus, boxed: bool) -> list[str]:
    def num(value: int | None) -> str:
        return _NONE if value is None else str(value)

    lang = track.lang + (" (source)" if track.kind == "source" else "")
    verdict = f"{SYMBOLS[track.verdict]} {track.verdict}" if boxed else track.verdict
    return [
        video,
        lang,
        num(track.cues),
        num(track.translated),
        num(track.fuzzy),
        num(track.untranslated),
        str(track.tally.errors),
        str(track.tally.warnings),
        track.build or _NONE,
        track.published or _NONE,
        verdict,
    ]


def _styles(track: TrackStatus) -> list[str]:
    styles = [_BOLD, "", "", "", "", "", "", "", "", "", _VERDICT_STYLE[track.verdict]]
    if track.fuzzy or track.untranslated:
        styles[4] = _WARN if track.fuzzy else ""
        styles[5] = _WARN if track.untranslated else ""
    styles[6] = _BAD if track.tally.errors else _DIM
    styles[7] = _WARN if track.tally.warnings else _DIM
    styles[8] = _WARN if track.build == "stale" else ""
    styles[9] = _WARN if track.published == "out of date" else ""
    return styles


def _width(text: str) -> int:
    """Columns a text takes on a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def _widths(rows: Sequence[Sequence[str]]) -> list[int]:
    return [
        max(_width(h), *(_width(r[i]) for r in rows)) if rows else _width(h)
        for i, h in enumerate(HEADERS)
    ]


def _plain(rows: list[list[str]]) -> list[str]:
    widths = _widths(rows)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(_pad(c, widths[i], i in _NUMERIC) for i, c in enumerate(cells)).rstrip()

    return [line(HEADERS), *(line(r) for r in rows)]


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color and style else text


def _boxed(
    rows: list[list[str]], styles: list[list[str]], groups: list[int], color: bool
) -> list[str]:
    widths = _widths(rows)

    def rule(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2) for w in widths) + right

    def line(cells: Sequence[str], style: Sequence[str]) -> str:
        padded = (
            _paint(_pad(c, widths[i], i in _NUMERIC), style[i], color) for i, c in enumerate(cells)
        )
        return "│ " + " │ ".join(padded) + " │"

    out = [rule("┌", "┬", "┐"), line(HEADERS, [_BOLD] * len(HEADERS))]
    out.append(rule("├", "┼", "┤"))
    for i, (cells, style) in enumerate(zip(rows, styles, strict=True)):
        if i in groups and i:
            out.append(rule("├", "┼", "┤"))
        out.append(line(cells, style))
    out.append(rule("└", "┴", "┘"))
    return out
