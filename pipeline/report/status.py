"""Which tracks are ready: one check run turned into a videos × languages status.

A track (one video in one language) is *ready* when `msm bundle` would ship it: every cue
translated and reviewed, no unaccepted error-level finding, the built `<lang>.srt`/`.vtt` (if
committed) identical to what `msm build` writes now, and a source track without errors.
Counts are in cues, as the viewer sees them: a text said twice counts twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pipeline import languages
from pipeline.checks.model import CatalogUnit, Finding, TrackUnit
from pipeline.checks.runner import CheckReport, check_paths
from pipeline.project import Project, Video
from pipeline.store import video_files

if TYPE_CHECKING:
    from pipeline.publish.ledger import Entry

Verdict = Literal["ready", "incomplete", "errors", "blocked", "missing", "unreadable"]
Build = Literal["current", "stale", "absent", "none"]
# From the publish ledger (subtitles/<slug>/published.toml): what YouTube holds.
Published = Literal["live", "draft", "out of date", "not published"]

# The order a coordinator acts in: the first verdict that applies is the track's.
VERDICTS: tuple[Verdict, ...] = (
    "missing",
    "unreadable",
    "incomplete",
    "errors",
    "blocked",
    "ready",
)
STALE_CHECK = "stale-build"

TrackKey = tuple[str, str]  # (video slug, language)


def track_key(path: str, lang: str) -> TrackKey:
    """The track a finding or unit belongs to: its video folder (from the path) and language."""
    parts = path.replace("\\", "/").split("/")
    return (parts[-2] if len(parts) >= 2 else "", lang)


@dataclass(frozen=True)
class Tally:
    """Findings of one track that count against it, and those a reviewer accepted."""

    errors: int = 0
    warnings: int = 0
    notes: int = 0
    accepted: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding], skip: str | None = None) -> Tally:
        """Count findings by severity; accepted ones apart; `skip` leaves one check out."""
        errors = warnings = notes = accepted = 0
        for f in findings:
            if f.check == skip:
                continue
            if f.accepted:
                accepted += 1
            elif f.severity == "error":
                errors += 1
            elif f.severity == "warning":
                warnings += 1
            else:
                notes += 1
        return cls(errors, warnings, notes, accepted)


@dataclass(frozen=True)
class TrackStatus:
    """One cell of the matrix: a video in one language."""

    slug: str
    lang: str
    kind: Literal["source", "translation"]
    cues: int | None  # None when the track could not be read or has no catalogue
    translated: int | None  # None for the source track
    fuzzy: int | None
    untranslated: int | None  # includes cues whose text has no entry yet (`msm update`)
    tally: Tally
    build: Build | None  # None for the source track
    verdict: Verdict
    detail: str  # the next step, in words
    published: Published | None = None  # None for the source track and unread ledgers

    @property
    def ready(self) -> bool:
        """`msm bundle` would ship this track as it is."""
        return self.verdict == "ready"

    def as_json(self) -> dict[str, object]:
        """The track's object in `msm status --format json`."""
        return {
            "lang": self.lang,
            "kind": self.kind,
            "cues": self.cues,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "errors": self.tally.errors,
            "warnings": self.tally.warnings,
            "notes": self.tally.notes,
            "accepted": self.tally.accepted,
            "build": self.build,
            "published": self.published,
            "verdict": self.verdict,
            "ready": self.ready,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class VideoStatus:
    """The tracks of one video, source first, then the languages in the project's order."""

    video: Video
    tracks: tuple[TrackStatus, ...]
    # Per target language, its YouTube title and description (meta/<lang>.po): translated,
    # fuzzy, untranslated, stale, missing or unreadable.
    titles: dict[str, str] = field(default_factory=dict)


@dataclass
class Index:
    """The units and findings of a check run, by track, so nothing is looked up twice."""

    tracks: dict[TrackKey, TrackUnit] = field(default_factory=dict)
    catalogs: dict[TrackKey, CatalogUnit] = field(default_factory=dict)
    findings: dict[TrackKey, list[Finding]] = field(default_factory=dict)

    @classmethod
    def of(cls, report: CheckReport) -> Index:
        """Index a finished run (one that kept its units: `check_paths(..., keep_units=True)`)."""
        if not report.kept_units and report.ran:
            raise ValueError("the check run did not keep its tracks and catalogues")
        index = cls()
        for unit in report.tracks:
            index.tracks.setdefault(track_key(unit.path, unit.lang), unit)
        for catalog in report.catalogs:
            index.catalogs.setdefault(track_key(catalog.path, catalog.lang), catalog)
        for finding in report.findings.items:
            index.findings.setdefault(track_key(finding.path, finding.lang), []).append(finding)
        return index


@dataclass
class ProjectStatus:
    """The whole matrix, the run it came from, and inputs that could not be read."""

    name: str
    source_language: str
    languages: tuple[str, ...]  # the columns, source first when it was checked
    videos: list[VideoStatus]
    checks: CheckReport
    index: Index
    problems: list[str] = field(default_factory=list)

    def tracks(self) -> Iterator[TrackStatus]:
        """Every cell, video by video."""
        for video in self.videos:
            yield from video.tracks

    def summary(self) -> dict[str, int]:
        """How many tracks, how many ready, and the findings that count against them."""
        cells = list(self.tracks())
        return {
            "tracks": len(cells),
            "ready": sum(1 for t in cells if t.ready),
            "errors": sum(t.tally.errors for t in cells),
            "warnings": sum(t.tally.warnings for t in cells),
            "accepted": sum(t.tally.accepted for t in cells),
        }

    def as_json(self) -> dict[str, object]:
        """`msm status --format json` (schema `msm-status/1`, documented in docs/reviewers.md)."""
        return {
            "schema": "msm-status/1",
            "project": self.name,
            "source_language": self.source_language,
            "languages": list(self.languages),
            "summary": self.summary(),
            "videos": [
                {
                    "slug": v.video.slug,
                    "title": v.video.title,
                    "tracks": [t.as_json() for t in v.tracks],
                    "titles": dict(v.titles),
                }
                for v in self.videos
            ],
            "problems": list(self.problems),
        }


def run_status(
    project: Project, videos: Sequence[Video], langs: Sequence[str] = ()
) -> ProjectStatus:
    """Run every check once on the chosen videos and languages; return the matrix."""
    selected = len(videos) != len(project.settings.videos)
    paths = [video_files(project, v).folder for v in videos] if selected else []
    checks = check_paths(paths, project, langs, keep_units=True)
    return status_of(project, videos, checks, langs)


def status_of(
    project: Project, videos: Sequence[Video], checks: CheckReport, langs: Sequence[str] = ()
) -> ProjectStatus:
    """The matrix from a finished check run (the one `msm bundle` made, for instance)."""
    index = Index.of(checks)
    settings = project.settings
    wanted = [languages.get(code).code for code in langs]
    others = [code for code in wanted if code != settings.source_language]
    targets = project.languages(others) if others or not wanted else []
    with_source = not wanted or settings.source_language in wanted
    columns = ((settings.source_language,) if with_source else ()) + tuple(targets)
    problems = [str(e) for e in checks.errors]
    out = []
    for video in videos:
        folder = video_files(project, video).folder
        unreadable = [p for p in problems if str(folder) in p]
        source = None
        cells = []
        if with_source:
            source = _source(video.slug, settings.source_language, index, unreadable)
            cells.append(source)
        published = _ledger(folder, problems)
        for lang in targets:
            exists = (folder / f"{lang}.po").is_file()
            cell = _translation(video.slug, lang, index, exists, unreadable, source)
            if published is not None:
                cell = replace(cell, published=_published(published, index, video.slug, lang))
            cells.append(cell)
        from pipeline.publish.meta import states

        out.append(VideoStatus(video, tuple(cells), states(project, video, targets)))
    return ProjectStatus(
        settings.name, settings.source_language, columns, out, checks, index, problems
    )


def _source(slug: str, lang: str, index: Index, unreadable: list[str]) -> TrackStatus:
    key = (slug, lang)
    unit = index.tracks.get(key)
    tally = Tally.of(index.findings.get(key, ()))
    if unit is None:
        why = _first_line(unreadable[0]) if unreadable else "the source track was not read"
        return TrackStatus(
            slug, lang, "source", None, None, None, None, tally, None, "unreadable", why
        )
    verdict: Verdict = "errors" if tally.errors else "ready"
    detail = _plural(tally.errors, "error") + " to fix (`msm check`)" if tally.errors else "ready"
    return TrackStatus(
        slug, lang, "source", len(unit.cues), None, None, None, tally, None, verdict, detail
    )


def _without_catalogue(
    slug: str, lang: str, tally: Tally, verdict: Verdict, detail: str
) -> TrackStatus:
    """A translation cell with no catalogue to count (none yet, or unreadable)."""
    return TrackStatus(
        slug, lang, "translation", None, None, None, None, tally, None, verdict, detail
    )


def _translation(
    slug: str,
    lang: str,
    index: Index,
    exists: bool,
    unreadable: list[str],
    source: TrackStatus | None,
) -> TrackStatus:
    key = (slug, lang)
    found = index.findings.get(key, ())
    tally = Tally.of(found)
    if not exists:
        return _without_catalogue(
            slug, lang, tally, "missing", "no catalogue yet: run `msm update`"
        )
    unit = index.tracks.get(key)
    if key not in index.catalogs:
        why = next((p for p in unreadable if f"{lang}.po" in p), "the catalogue was not read")
        return _without_catalogue(slug, lang, tally, "unreadable", _first_line(why))
    total = len(unit.source_cues or ()) if unit is not None else 0
    reasons = [reason for _, reason in unit.gaps] if unit is not None else []
    fuzzy = sum(1 for r in reasons if r == "fuzzy")
    untranslated = sum(1 for r in reasons if r in ("untranslated", "missing"))
    translated = total - fuzzy - untranslated
    build = _build(unit, translated)
    without_stale = Tally.of(found, skip=STALE_CHECK)
    verdict: Verdict
    if fuzzy or untranslated:
        verdict = "incomplete"
        parts = [
            f"translate {_plural(untranslated, 'cue')}" if untranslated else "",
            f"review {_plural(fuzzy, 'fuzzy cue')}" if fuzzy else "",
        ]
        detail = ", ".join(p for p in parts if p)
    elif without_stale.errors:
        verdict = "errors"
        detail = f"fix {_plural(without_stale.errors, 'error')} (`msm check`)"
        if build == "stale":
            detail += ", then run `msm build`"
    elif source is not None and source.verdict != "ready":
        verdict, detail = "blocked", f"the source track is not ready: {source.detail}"
    else:
        verdict = "ready"
        # `msm bundle` builds its tracks from the PO, so a committed build that is out of date
        # does not stop the track shipping; it is only worth refreshing.
        notes = [f"{_plural(tally.warnings, 'warning')} to look at"] if tally.warnings else []
        if build == "stale":
            notes.append("the committed SRT/VTT is out of date: `msm build` refreshes it")
        detail = "ready to publish" + (f" ({'; '.join(notes)})" if notes else "")
    return TrackStatus(
        slug,
        lang,
        "translation",
        total,
        translated,
        fuzzy,
        untranslated,
        tally,
        build,
        verdict,
        detail,
    )


def _ledger(folder: Path, problems: list[str]) -> dict[str, Entry] | None:
    """The published tracks of a video by language ({} when it has no ledger; None, with the
    problem recorded, when the ledger cannot be read)."""
    from pipeline.errors import InputError
    from pipeline.publish.ledger import LEDGER_NAME, LedgerFile

    try:
        return dict(LedgerFile(folder / LEDGER_NAME).ledger.tracks)
    except InputError as exc:
        problems.append(str(exc))
        return None


def _published(tracks: dict[str, Entry], index: Index, slug: str, lang: str) -> Published:
    """What YouTube holds of a track, judged by the ledger: the SRT `msm publish` would send
    now against the SHA-256 of what it sent (an upload not yet verified is out of date)."""
    entry = tracks.get(lang)
    if entry is None:
        return "not published"
    unit = index.tracks.get((slug, lang))
    if unit is None or not entry.verified:
        return "out of date"
    from pipeline.bundle.assemble import plain
    from pipeline.tracks.srt_io import compose_srt

    data = compose_srt(plain(unit.cues)).encode("utf-8")
    if hashlib.sha256(data).hexdigest() != entry.sha256:
        return "out of date"
    return "draft" if entry.draft else "live"


def _build(unit: TrackUnit | None, translated: int) -> Build:
    """Whether the committed `<lang>.srt`/`.vtt` is what `msm build` writes from the PO now.

    The same comparison as the `stale-build` check, made here so the answer does not depend
    on that check being enabled.
    """
    if unit is None or not unit.committed:
        return "absent" if translated else "none"
    from pipeline.tracks.srt_io import compose_srt
    from pipeline.tracks.vtt_io import compose_vtt

    for file in unit.committed:
        if not unit.cues:
            return "stale"  # `msm build` would not write this file now
        expected = (compose_srt if file.fmt == "srt" else compose_vtt)(unit.cues)
        if file.data != expected.encode("utf-8"):
            return "stale"
    return "current"


def _plural(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else text
