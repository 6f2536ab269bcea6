"""`msm bundle`: check the project, then assemble and write the release bundle."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.bundle.assemble import Bundle, assemble
from pipeline.bundle.provenance import provenance
from pipeline.checks import report
from pipeline.checks.runner import CheckReport, check_paths
from pipeline.errors import UsageError
from pipeline.project import Project, Video
from pipeline.store import video_files

REPORT_FOLDER = "report"


@dataclass
class Release:
    """A bundle and the check run it was judged by."""

    bundle: Bundle
    checks: CheckReport
    version: str


def make_release(
    project: Project,
    videos: Sequence[Video],
    version: str | None,
    env: Mapping[str, str],
    allow_incomplete: bool = False,
) -> Release:
    """Run every check on the chosen videos, then assemble the bundle in memory."""
    selected = len(videos) != len(project.settings.videos)
    paths = [video_files(project, v).folder for v in videos] if selected else []
    checks = check_paths(paths, project, keep_units=True)  # the report shows the text
    origin = provenance(project.root, project.glossary, env)
    if version is None:
        version = origin.moment.strftime("%Y.%m.%d")
        if origin.commit:
            version += f"-{origin.commit[:7]}"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", version):
        raise UsageError(f"bundle version {version!r}: use letters, digits, '.', '_' and '-'")
    if checks.errors:  # unreadable input: nothing can be judged, so nothing ships
        refused = Bundle(f"msm-subtitles-{version}.zip", refused=[str(e) for e in checks.errors])
        return Release(refused, checks, version)
    extra = {"check-report.txt": report.render(checks, "text", False).encode("utf-8")}
    # The review report of this very run, as `report/...`: the same source date, no clock time.
    from pipeline.report.run import make_report

    made = make_report(project, videos, checks=checks, provenance=origin)
    extra.update({f"{REPORT_FOLDER}/{name}": data for name, data in made.files.items()})
    bundle = assemble(
        project,
        videos,
        version,
        checks.findings.items,
        origin,
        allow_incomplete=allow_incomplete,
        extra=extra,
    )
    return Release(bundle, checks, version)


def default_out(project: Project) -> Path:
    """Where bundles go unless told otherwise: `dist/` at the project root."""
    return project.root / "dist"
