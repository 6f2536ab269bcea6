"""The report folder: every page as bytes (the bundle zips them), and writing them to disk.

The same inputs give the same bytes: pages are in a fixed order, and the only date in them is
the source date (`SOURCE_DATE_EPOCH`, else the last commit's), never the time of rendering.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.fsutil import atomic_write_bytes, read_bytes
from pipeline.project import Project
from pipeline.report.html import index_page, track_page
from pipeline.report.pages import TrackPage, track_pages
from pipeline.report.status import ProjectStatus
from pipeline.report.terms import TermFinder
from pipeline.report.titles import VideoTitles

INDEX = "index.html"
DATA = "report.json"


@dataclass(frozen=True)
class Origin:
    """Where the report's inputs come from, as the bundle records it."""

    moment: datetime | None = None  # the source date; None when unknown
    commit: str | None = None
    dirty: bool = False

    def describe(self) -> str:
        """`commit 4fd0106, source date 2026-11-25, with local changes`, or `` if unknown."""
        parts = [
            f"commit {self.commit[:7]}" if self.commit else "",
            self.moment.astimezone(UTC).strftime("source date %Y-%m-%d") if self.moment else "",
            "with local changes" if self.dirty and self.commit else "",
        ]
        return ", ".join(p for p in parts if p)


def render_report(
    project: Project,
    status: ProjectStatus,
    origin: Origin = Origin(),
    terms: TermFinder | None = None,
    terms_note: str = "",
    titles: Sequence[VideoTitles] = (),
) -> dict[str, bytes]:
    """Every file of the report folder (relative path → content), index first."""
    pages = track_pages(project, status, terms)
    described = origin.describe()
    index = index_page(status, pages, described, terms_note, titles)
    files = {INDEX: index.encode("utf-8")}
    by_video: dict[str, list[TrackPage]] = {}
    for page in pages:
        by_video.setdefault(page.video.slug, []).append(page)
    for siblings in by_video.values():
        for page in siblings:
            files[page.href] = track_page(page, siblings, described).encode("utf-8")
    data = {
        **status.as_json(),
        "pages": {f"{p.video.slug}/{p.status.lang}": p.href for p in pages},
        "title_findings": [f.as_json() for t in titles for f in t.all_findings()],
        "files": sorted([*files, DATA]),
    }
    files[DATA] = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


def write_report(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write the files into `out`, each atomically; remove pages of an earlier report there
    that this one no longer has (only files that report listed). Returns the paths written."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: not a folder")
    earlier = _listed(out / DATA)
    written = []
    for name in sorted(files, key=lambda n: (n == DATA, n)):  # report.json last: it lists all
        target = out / name
        atomic_write_bytes(target, files[name])
        written.append(target)
    base = out.resolve()
    for name in sorted(earlier - set(files)):
        stale = (out / name).resolve()
        if stale.is_relative_to(base) and stale.suffix == ".html" and stale.is_file():
            stale.unlink()
    return written


def _listed(path: Path) -> set[str]:
    """The files an earlier report in this folder listed (none if there is no such report)."""
    try:
        data = json.loads(read_bytes(path).decode("utf-8"))
    except (OSError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    return {f for f in files if isinstance(f, str)} if isinstance(files, list) else set()
