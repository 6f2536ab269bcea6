"""Timing and layout checks over a whole track: reading speed, lines, duration, gaps, overlap.

Checks that look only at timing (duration, gap, overlap) report the source track's timing once,
on the source track: they skip tracks built from a PO (source timing by construction) and, in a
translation file read from disk, the cues whose timing is exactly a source cue's.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.checks.model import TrackUnit
from pipeline.checks.profiles import profile_for
from pipeline.checks.registry import CheckContext, Problem, register
from pipeline.checks.text import line_widths, plain, shorten, visible, width
from pipeline.tracks.model import Cue, format_timestamp


def _measures(unit: TrackUnit, ctx: CheckContext) -> list[tuple[Cue, float, int, int]]:
    """Each cue with its reading speed, its characters and its widest line: measured once
    per track for the two speed checks and the line-length check."""
    cached = ctx.cache.get("timing.measures")
    if cached is not None and cached[0] is unit:
        measures: list[tuple[Cue, float, int, int]] = cached[1]
        return measures
    measures = []
    cues = unit.cues
    fast = plain([cue.text for cue in cues])  # widths are line lengths (nearly every track)
    for cue in cues:
        text = cue.text
        if not fast:
            widths = line_widths(text)
            chars, widest = sum(widths), max(widths)  # line breaks are not read
        elif "\n" in text:
            lines = text.split("\n")
            chars, widest = len(text) - len(lines) + 1, max(map(len, lines))
        else:
            chars = widest = len(text)
        duration = cue.duration
        cps = chars * 1000.0 / duration if duration > 0 else float("inf")
        measures.append((cue, cps, chars, widest))
    ctx.cache["timing.measures"] = (unit, measures)
    return measures


def _speed(cue: Cue, cps: float, chars: int, limit: float, what: str) -> Problem:
    return Problem(
        f"{cps:.1f} characters per second, above the {what} of {limit:g} "
        f"({chars} characters in {cue.duration / 1000:.2f} s)",
        line=cue.line,
        cue=cue.index,
    )


@register(
    "cps-optimal",
    "track",
    "warning",
    "reading speed above the profile's optimal characters per second",
    source=True,
)
def cps_optimal(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Warn between the optimal and the maximum reading speed."""
    profile = profile_for(ctx, unit.lang)
    for cue, cps, chars, _ in _measures(unit, ctx):
        if profile.cps_optimal < cps <= profile.cps_max:
            yield _speed(cue, cps, chars, profile.cps_optimal, "optimal reading speed")


@register(
    "cps-max",
    "track",
    "error",
    "reading speed above the profile's maximum characters per second",
    source=True,
)
def cps_max(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Too fast to read: above the maximum reading speed."""
    profile = profile_for(ctx, unit.lang)
    for cue, cps, chars, _ in _measures(unit, ctx):
        if cps > profile.cps_max:
            yield _speed(cue, cps, chars, profile.cps_max, "maximum")


@register(
    "line-length",
    "track",
    "error",
    "a line longer than the profile's characters per line",
    source=True,
)
def line_length(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Lines longer than the limit (markup not counted)."""
    limit = profile_for(ctx, unit.lang).max_chars_per_line
    for cue, _, _, widest in _measures(unit, ctx):
        if widest <= limit:
            continue
        for number, line in enumerate(visible(cue.text).split("\n"), start=1):
            size = width(line)
            if size > limit:
                yield Problem(
                    f"line {number} has {size} characters, more than {limit}: "
                    f'"{shorten(line, 50)}"',
                    line=cue.line,
                    cue=cue.index,
                )


@register("line-count", "track", "error", "more lines than the profile allows", source=True)
def line_count(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Too many lines in one subtitle."""
    limit = profile_for(ctx, unit.lang).max_lines
    for cue in unit.cues:
        lines = cue.text.count("\n") + 1
        if lines > limit:
            yield Problem(f"{lines} lines, more than {limit}", line=cue.line, cue=cue.index)


@register("empty-cue", "track", "error", "a subtitle with no visible text", source=True)
def empty_cue(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Empty cues: removed by the reader (its warning) or only markup and spaces."""
    for d in unit.diagnostics:
        if d.code == "srt-empty":
            yield Problem("empty subtitle (no text); it is left out when read", line=d.line)
    for cue in unit.cues:
        if not visible(cue.text).strip():
            yield Problem(
                f"no visible text, only markup: {shorten(cue.text)!r}", line=cue.line, cue=cue.index
            )


def _own_timing(unit: TrackUnit) -> bool:
    return not unit.built_from_po


def _inherited(unit: TrackUnit) -> set[tuple[int, int]]:
    """Timings a translation file shares with its source track (checked there, not here)."""
    if unit.is_source or unit.source_cues is None:
        return set()
    return {(c.start, c.end) for c in unit.source_cues}


def _timed(unit: TrackUnit) -> Iterator[Cue]:
    """The cues whose timing is this track's own."""
    inherited = _inherited(unit)
    return (c for c in unit.cues if (c.start, c.end) not in inherited)


def _pairs(unit: TrackUnit) -> Iterator[tuple[Cue, Cue]]:
    """Neighbouring cues, unless both have timing inherited from the source."""
    inherited = _inherited(unit)
    for before, cue in _neighbours(list(unit.cues)):
        if (before.start, before.end) not in inherited or (cue.start, cue.end) not in inherited:
            yield before, cue


@register(
    "duration-min",
    "track",
    "error",
    "on screen for less than the profile's minimum duration",
    source=True,
)
def duration_min(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Flashes by: shorter than the minimum (833 ms by default)."""
    if not _own_timing(unit):
        return
    limit = profile_for(ctx, unit.lang).min_duration_ms
    for cue in _timed(unit):
        if cue.duration < limit:
            yield Problem(
                f"on screen for {cue.duration} ms, less than the minimum of {limit} ms",
                line=cue.line,
                cue=cue.index,
            )


@register(
    "duration-short",
    "track",
    "warning",
    "on screen for less than the profile's comfortable duration (1 s)",
    source=True,
)
def duration_short(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Between the minimum and the comfortable duration."""
    if not _own_timing(unit):
        return
    profile = profile_for(ctx, unit.lang)
    for cue in _timed(unit):
        if profile.min_duration_ms <= cue.duration < profile.short_duration_ms:
            yield Problem(
                f"on screen for {cue.duration} ms, less than {profile.short_duration_ms} ms",
                line=cue.line,
                cue=cue.index,
            )


@register(
    "duration-max",
    "track",
    "warning",
    "on screen for longer than the profile's maximum duration (7 s)",
    source=True,
)
def duration_max(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Stays too long: split it or shorten it."""
    if not _own_timing(unit):
        return
    limit = profile_for(ctx, unit.lang).max_duration_ms
    for cue in _timed(unit):
        if cue.duration > limit:
            yield Problem(
                f"on screen for {cue.duration / 1000:.2f} s, longer than {limit / 1000:g} s",
                line=cue.line,
                cue=cue.index,
            )


def _neighbours(cues: list[Cue] | tuple[Cue, ...]) -> Iterator[tuple[Cue, Cue]]:
    """Each cue with the cue that ends last before it (cues are in time order)."""
    latest: Cue | None = None
    for cue in cues:
        if latest is not None:
            yield latest, cue
        if latest is None or cue.end > latest.end:
            latest = cue


@register(
    "overlap", "track", "error", "a subtitle starts before the previous one ends", source=True
)
def overlap(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Two subtitles on screen at once."""
    if not _own_timing(unit):
        return
    for before, cue in _pairs(unit):
        if cue.start < before.end:
            yield Problem(
                f"starts {before.end - cue.start} ms before cue {before.index} ends "
                f"({format_timestamp(cue.start)} < {format_timestamp(before.end)})",
                line=cue.line,
                cue=cue.index,
            )


@register(
    "gap-min",
    "track",
    "error",
    "less than the profile's minimum gap (2 frames) after the previous subtitle",
    source=True,
)
def gap_min(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Subtitles too close: the eye does not see that the text changed."""
    if not _own_timing(unit):
        return
    profile = profile_for(ctx, unit.lang)
    fps = ctx.frame_rate
    minimum = profile.min_gap_ms(fps)
    if minimum <= 0:
        return
    for before, cue in _pairs(unit):
        gap = cue.start - before.end
        # 1 ms of slack: timestamps are whole milliseconds, frames at 29.97 fps are not.
        if gap >= 0 and gap + 1 < minimum:
            yield Problem(
                f"{gap} ms after cue {before.index}; the minimum gap is "
                f"{profile.min_gap_frames} frames ({minimum:.0f} ms at {fps:g} fps)",
                line=cue.line,
                cue=cue.index,
            )


@register(
    "gap-chain",
    "track",
    "warning",
    "a gap between 2 frames and 0.5 s: close it to 2 frames (chain the subtitles)",
    source=True,
)
def gap_chain(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Short gaps flicker: chain the subtitles (Netflix timing guidelines)."""
    if not _own_timing(unit):
        return
    profile = profile_for(ctx, unit.lang)
    if profile.chain_gap_ms <= 0:
        return
    fps = ctx.frame_rate
    frame = 1000.0 / fps
    low = profile.min_gap_ms(fps) + frame  # at least one frame more than the minimum
    for before, cue in _pairs(unit):
        gap = cue.start - before.end
        if low - 1 <= gap < profile.chain_gap_ms:
            yield Problem(
                f"{gap} ms after cue {before.index}: close the gap to "
                f"{profile.min_gap_frames} frames ({profile.min_gap_ms(fps):.0f} ms) or open it "
                f"to {profile.chain_gap_ms} ms",
                line=cue.line,
                cue=cue.index,
            )


@register(
    "timing-mismatch",
    "track",
    "warning",
    "a translation SRT whose cue timing differs from the source track",
)
def timing_mismatch(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """A translated file read from disk must keep the source timing (the source is canonical)."""
    if unit.built_from_po or unit.is_source or unit.source_cues is None:
        return
    source = unit.source_cues
    timings = {(c.start, c.end) for c in source}
    if len(unit.cues) != len(source):
        first = unit.cues[0] if unit.cues else None
        yield Problem(
            f"{len(unit.cues)} cues, the source track has {len(source)}",
            line=first.line if first else None,
        )
    for cue in unit.cues:
        if (cue.start, cue.end) not in timings:
            yield Problem(
                f"timing {format_timestamp(cue.start)} --> {format_timestamp(cue.end)} "
                "matches no cue of the source track",
                line=cue.line,
                cue=cue.index,
            )
