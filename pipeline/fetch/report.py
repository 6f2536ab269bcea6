"""The text `msm pull` prints: the summary table after a pull, and the `--list` view."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.fetch.captions import KIND_LABELS, RemoteTrack
from pipeline.fetch.pull import Listing, PullResult, VideoResult

_IMPORTED = ("imported", "updated")
_DETAILED = ("conflict", "failed", "waiting")
_STATE_ORDER = ("new", "fetched", "up to date", "failed")
_STATUS_ORDER = ("imported", "updated", "unchanged", "waiting", "conflict", "failed")
_STATUS_WORDS = {"conflict": "in conflict", "waiting": "waiting for the source track"}


def _cell(items: Sequence[str]) -> str:
    return " ".join(items) if items else "-"


def _row(video: VideoResult) -> list[str]:
    def labels(*statuses: str) -> list[str]:
        return [t.label for t in video.tracks if t.status in statuses]

    state = "failed" if video.error else video.state
    return [
        video.slug,
        state,
        video.video,
        _cell(labels(*_IMPORTED)),
        _cell(labels("conflict")),
        _cell(labels("failed")),
    ]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def render_summary(result: PullResult) -> str:
    """A table (video × file × tracks imported / in conflict / failed), then the details."""
    lines: list[str] = []
    if result.videos:
        header = ["VIDEO", "STATE", "FILE", "IMPORTED", "CONFLICTS", "FAILED"]
        lines.extend(_table(header, [_row(v) for v in result.videos]))
    details: list[str] = []
    for video in result.videos:
        if video.error:
            details.append(f"{video.slug}: failed: {video.error}")
        for track in video.tracks:
            if track.status in _DETAILED:
                where = f"{track.label} ({track.key})"
                details.append(f"{video.slug}: {where} {track.status}: {track.detail}")
        details.extend(f"{video.slug}: {note}" for note in video.notes)
    details.extend(f"failed: {error}" for error in result.errors)
    if details:
        lines.extend(["", *details] if lines else details)
    if result.videos or not result.failed:  # no "0 videos" under an error
        if lines:
            lines.append("")
        lines.append(_totals(result))
    if result.stopped:
        lines.append(f"stopped: {result.stopped}")
    return "\n".join(lines) + "\n"


def _sorted(counts: dict[str, int], order: Sequence[str]) -> list[str]:
    return sorted(counts, key=lambda s: (order.index(s) if s in order else len(order), s))


def _totals(result: PullResult) -> str:
    states: dict[str, int] = {}
    for video in result.videos:
        state = "failed" if video.failed else video.state
        states[state] = states.get(state, 0) + 1
    tracks: dict[str, int] = {}
    for video in result.videos:
        for track in video.tracks:
            tracks[track.status] = tracks.get(track.status, 0) + 1
    videos = ", ".join(f"{states[s]} {s}" for s in _sorted(states, _STATE_ORDER))
    counted = ", ".join(
        f"{tracks[s]} {_STATUS_WORDS.get(s, s)}" for s in _sorted(tracks, _STATUS_ORDER)
    )
    count = len(result.videos)
    text = f"{count} video{'s' if count != 1 else ''}" + (f" ({videos})" if videos else "")
    text += f"; tracks: {counted}" if counted else "; no track changed"
    if result.conflicts:
        text += (
            ". Conflicts: the remote versions are saved as *.remote.srt beside your files "
            "(see docs/maintainers.md, 'Pulling from YouTube')"
        )
    return text


def _destination(track: RemoteTrack) -> str:
    if track.role == "source":
        return f"{track.lang}.srt"
    if track.role == "translation":
        return f"{track.lang}.po"
    if track.kind == "speech":
        return f"auto/{track.lang}.srt (with --auto-captions)"
    return f"auto/{track.lang}.srt + fuzzy drafts in {track.lang}.po (with --auto-captions)"


def render_listing(listings: Sequence[Listing]) -> str:
    """Per video: the tracks we would take and where they would go, then what we leave."""
    lines: list[str] = []
    for listing in listings:
        if not listing.video_id:
            lines.append(f"{listing.url}: {listing.error}")
            continue
        tag = " [new]" if listing.new else ""
        lines.append(f"{listing.slug}{tag}  {listing.title}")
        lines.append(f"  {listing.url}")
        if listing.error:
            lines.append(f"  failed: {listing.error}")
        kept = [t for t in listing.tracks if t.role is not None]
        for track in kept:
            kind = KIND_LABELS[track.kind]
            note = f"  ({track.why})" if track.why else ""
            lines.append(
                f"  {track.lang or '':<6} {kind:<19} {track.key:<12} -> {_destination(track)}{note}"
            )
        if not kept and not listing.error:
            lines.append("  no track in our languages")
        left = [t for t in listing.tracks if t.role is None]
        human = [t for t in left if t.kind == "human"]
        for track in human:
            lines.append(f"  not kept: {track.key} (human): {track.why}")
        machine = [t for t in left if t.kind != "human"]
        ours = [t for t in machine if t.lang is not None]
        for track in ours:
            lines.append(f"  not kept: {track.label}: {track.why}")
        others = len(machine) - len(ours)
        if others:
            lines.append(f"  not kept: {others} automatic track(s) in other languages")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n" if lines else "no videos found\n"
