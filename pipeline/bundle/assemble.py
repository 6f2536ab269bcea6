"""Assemble a release bundle in memory: tracks, manifest, check report, upload checklist."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pipeline import __version__, languages
from pipeline.bundle.checklist import checklist
from pipeline.bundle.manifest import MANIFEST, SCHEMA, safe_path, sha256
from pipeline.bundle.zipper import zip_bytes
from pipeline.checks.model import Finding
from pipeline.errors import MsmError, ProjectError
from pipeline.ops.build import BuiltTrack, translated_track
from pipeline.ops.source import Source, load_source
from pipeline.project import Project, Video, check_slug
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt
from pipeline.tracks.vtt_io import compose_vtt

_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|\{\\[^}]*\}")


def plain(cues: Iterable[Cue]) -> list[Cue]:
    """Cues without style tags: YouTube Studio takes SRT only as plain text."""
    out = []
    for cue in cues:
        text = "\n".join(line.strip() for line in _MARKUP.sub("", cue.text).split("\n"))
        text = "\n".join(line for line in text.split("\n") if line)
        if text:
            out.append(Cue(cue.start, cue.end, text, cue.index, cue.line))
    return out


@dataclass(frozen=True)
class Provenance:
    """Where the bundle's inputs come from."""

    moment: datetime  # SOURCE_DATE_EPOCH, else the last commit, else 1980-01-01
    commit: str | None = None
    dirty: bool = False
    glossary: dict[str, Any] | None = None


@dataclass
class Bundle:
    """The finished bundle (or why it was refused)."""

    name: str
    data: bytes = b""
    manifest: dict[str, Any] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)  # reasons; a refused bundle has no data
    # Tracks with cues that cannot ship (untranslated, fuzzy…): shipped without them when
    # incomplete tracks are allowed, else among the reasons for refusal. Same as `msm build`.
    incomplete: list[BuiltTrack] = field(default_factory=list)


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """Errors and warnings not accepted, and accepted findings."""
    return {
        "errors": sum(1 for f in findings if f.severity == "error" and not f.accepted),
        "warnings": sum(1 for f in findings if f.severity == "warning" and not f.accepted),
        "accepted": sum(1 for f in findings if f.accepted),
    }


def verdict(tally: Mapping[str, int]) -> str:
    """fail on any error, warn on any warning, else pass."""
    return "fail" if tally["errors"] else "warn" if tally["warnings"] else "pass"


def findings_by_track(findings: Iterable[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """Group findings by (video folder, language), from their paths and languages."""
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        parts = finding.path.replace("\\", "/").split("/")
        slug = parts[-2] if len(parts) >= 2 else ""
        grouped.setdefault((slug, finding.lang), []).append(finding)
    return grouped


def assemble(
    project: Project,
    videos: Sequence[Video],
    version: str,
    findings: Sequence[Finding],
    provenance: Provenance,
    allow_incomplete: bool = False,
    extra: Mapping[str, bytes] | None = None,
) -> Bundle:
    """Build every track from its PO, judge it by the findings, and zip what may ship."""
    name = f"msm-subtitles-{version}.zip"
    bundle = Bundle(name)
    grouped = findings_by_track(findings)
    files: dict[str, bytes] = {}
    excluded: list[dict[str, str]] = []
    videos_out = []
    for video in videos:
        _check_safe(video)
        source = load_source(project, video)
        tracks = [_source_track(project, source, grouped, files)]
        for lang in project.settings.target_languages:
            entry, problem = _translation(source, lang, grouped, allow_incomplete, files, bundle)
            if problem:
                if allow_incomplete:
                    excluded.append({"slug": video.slug, "lang": lang, "reason": problem})
                else:
                    bundle.refused.append(f"{video.slug}/{lang}: {problem}")
            if entry is not None:
                tracks.append(entry)
        if tracks[0]["checks"]["errors"]:
            bundle.refused.append(f"{video.slug}/{source.files.source_language}: check errors")
        videos_out.append(
            {"slug": video.slug, "title": video.title, "url": video.url, "tracks": tracks}
        )
    if bundle.refused:
        return bundle
    all_findings = [f.as_json() for f in findings]
    files["check-report.json"] = _json({"findings": all_findings, "summary": counts(findings)})
    for arcname, data in (extra or {}).items():
        files[arcname] = data
    manifest = {
        "schema": SCHEMA,
        "bundle_version": version,
        "source_date": provenance.moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source_commit": provenance.commit,
        "source_dirty": provenance.dirty,
        "tool": {"name": "msm", "version": __version__},
        "glossary": provenance.glossary,
        "allow_incomplete": allow_incomplete,
        "excluded": excluded,
        "checks": {**counts(findings), "verdict": verdict(counts(findings))},
        "videos": videos_out,
        "files": {},
    }
    files["UPLOAD.md"] = checklist(manifest).encode("utf-8")
    for arcname in files:
        if not safe_path(arcname):
            raise ProjectError(f"refusing to write {arcname!r} into the bundle")
    manifest["files"] = {n: sha256(files[n]) for n in sorted(files)}
    files[MANIFEST] = _json(manifest)
    bundle.manifest = manifest
    bundle.data = zip_bytes(files, provenance.moment)
    return bundle


def _json(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _check_safe(video: Video) -> None:
    problem = check_slug(video.slug)
    if problem:
        raise ProjectError(f"catalogue: {problem}")


def _track_entry(
    slug: str,
    lang: str,
    kind: str,
    cues: list[Cue],
    total: int,
    missing: list[int],
    tally: dict[str, int],
    files: dict[str, bytes],
) -> dict[str, Any]:
    spec = languages.get(lang)
    srt_bytes = compose_srt(cues).encode("utf-8")
    vtt_bytes = compose_vtt(cues).encode("utf-8")
    entry_files = {}
    for fmt, data in (("srt", srt_bytes), ("vtt", vtt_bytes)):
        path = f"{slug}/{lang}.{fmt}"
        files[path] = data
        entry_files[fmt] = {"path": path, "sha256": sha256(data), "bytes": len(data)}
    return {
        "lang": lang,
        "youtube_lang": spec.youtube,
        "name": spec.name,
        "native_name": spec.native_name,
        "kind": kind,
        "cues": len(cues),
        "source_cues": total,
        "complete": not missing,
        "missing_cues": missing,
        "checks": {**tally, "verdict": verdict(tally)},
        "files": entry_files,
    }


def _source_track(
    project: Project,
    source: Source,
    grouped: Mapping[tuple[str, str], list[Finding]],
    files: dict[str, bytes],
) -> dict[str, Any]:
    lang = project.settings.source_language
    tally = counts(grouped.get((source.video.slug, lang), []))
    cues = plain(source.cues)
    return _track_entry(source.video.slug, lang, "source", cues, len(source.cues), [], tally, files)


def shippable(
    source: Source,
    lang: str,
    grouped: Mapping[tuple[str, str], list[Finding]],
    allow_incomplete: bool,
) -> tuple[list[Cue], list[int], int, dict[str, int], str]:
    """The gate of one translation, shared with `msm publish`: the plain cues that may ship,
    the missing cue numbers, the source cue count, the findings tally, and the problem that
    stops it ("" when it may ship)."""
    _track, cues, missing, total, tally, problem = _gate(source, lang, grouped, allow_incomplete)
    return cues, missing, total, tally, problem


def _gate(
    source: Source,
    lang: str,
    grouped: Mapping[tuple[str, str], list[Finding]],
    allow_incomplete: bool,
) -> tuple[BuiltTrack | None, list[Cue], list[int], int, dict[str, int], str]:
    """`shippable`, with the track built from the PO (None when it cannot be built).

    The track is built here from the PO, exactly as `msm build` builds it, so a stale built
    file on disk never ships and never blocks.
    """
    try:
        track = translated_track(source, lang)
    except MsmError as exc:
        return None, [], [], len(source.cues), {}, str(exc)
    found = grouped.get((source.video.slug, lang), [])
    tally = counts(found)
    if tally["errors"]:
        return track, [], [], track.total, tally, _errors(found)
    missing = [gap.position for gap in track.gaps]
    if missing and not allow_incomplete:
        return track, [], missing, track.total, tally, track.gap_text("cannot ship")
    cues = plain(track.cues)
    if not cues:
        return track, [], missing, track.total, tally, "no translated cue"
    return track, cues, missing, track.total, tally, ""


def _translation(
    source: Source,
    lang: str,
    grouped: Mapping[tuple[str, str], list[Finding]],
    allow_incomplete: bool,
    files: dict[str, bytes],
    bundle: Bundle,
) -> tuple[dict[str, Any] | None, str]:
    """The manifest entry of one translation (None when it cannot ship) and the problem, if any."""
    track, cues, missing, total, tally, problem = _gate(source, lang, grouped, allow_incomplete)
    if track is not None and missing:
        bundle.incomplete.append(track)  # reported with `msm build --allow-incomplete`'s words
    if problem:
        return None, problem
    entry = _track_entry(source.video.slug, lang, "translation", cues, total, missing, tally, files)
    return entry, ""


def _errors(findings: Sequence[Finding]) -> str:
    """`2 check error(s): cedilla-diacritics (cue 5), …; see `msm check``."""
    errors = [f for f in findings if f.severity == "error" and not f.accepted]
    shown = []
    for finding in errors[:5]:
        where = f" (cue {finding.cue})" if finding.cue is not None else ""
        shown.append(f"{finding.check}{where}")
    more = ", …" if len(errors) > 5 else ""
    return f"{len(errors)} check error(s): {', '.join(shown)}{more}; see `msm check`"
