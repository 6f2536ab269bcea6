"""`msm report`: one check run, the status, the glossary, the source date → the report files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.bundle.assemble import Provenance
from pipeline.bundle.zipper import ZIP_EPOCH
from pipeline.checks.runner import CheckReport
from pipeline.project import Project, Video
from pipeline.report.site import Origin, render_report
from pipeline.report.status import ProjectStatus, run_status, status_of
from pipeline.report.terms import run_terms
from pipeline.report.titles import video_titles


@dataclass
class Report:
    """The report's files and what they were made from."""

    files: dict[str, bytes]
    status: ProjectStatus
    note: str  # why glossary terms are not marked, if they are not


def origin_of(provenance: Provenance) -> Origin:
    """The report's origin from the bundle's provenance (no date when none is known)."""
    moment = provenance.moment if provenance.moment != ZIP_EPOCH else None
    return Origin(moment, provenance.commit, provenance.dirty)


def make_report(
    project: Project,
    videos: Sequence[Video],
    langs: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    checks: CheckReport | None = None,
    provenance: Provenance | None = None,
) -> Report:
    """Check the videos (or use the run given), then render every page of the report."""
    status = (
        status_of(project, videos, checks, langs)
        if checks is not None
        else run_status(project, videos, langs)
    )
    if provenance is None:
        from pipeline.bundle.provenance import provenance as find_provenance

        provenance = find_provenance(project.root, project.glossary, env or {})
    terms, note = run_terms(status.checks, project)
    targets = [c for c in status.languages if c != status.source_language]
    titles = video_titles(project, videos, targets, status.checks.context)
    files = render_report(project, status, origin_of(provenance), terms, note, titles)
    return Report(files, status, note)
