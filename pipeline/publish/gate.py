"""What `msm publish` may send: the same gate as `msm bundle` (every check run once; no
untranslated or fuzzy cue, no error, unless --allow-incomplete), per video with its ledger."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from pipeline.bundle.assemble import counts, findings_by_track, shippable
from pipeline.checks.runner import check_paths
from pipeline.errors import MsmError
from pipeline.ops.source import load_source
from pipeline.project import Project, Video
from pipeline.publish.ledger import LEDGER_NAME, LedgerFile
from pipeline.publish.meta import Localisation, localisations_sha, read_meta
from pipeline.publish.plan import LocalTrack
from pipeline.publish.settings import PublishSettings
from pipeline.store import video_files
from pipeline.tracks.srt_io import compose_srt


@dataclass
class Work:
    """One video to publish: its YouTube id, its ledger, the tracks past the gate."""

    video: Video
    video_id: str
    ledger: LedgerFile
    tracks: list[LocalTrack] = field(default_factory=list)
    # Reviewed titles and descriptions, with each language's YouTube code.
    localisations: list[Localisation] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)
    default_language: str = "en"  # YouTube's code of the source language


@dataclass
class Prepared:
    """What may be published, and what the gate held back (one line each)."""

    works: list[Work] = field(default_factory=list)
    held: list[str] = field(default_factory=list)


def video_id_of(video: Video, recorded: str) -> str:
    """The YouTube id: catalog.toml's youtube_id, else its url, else the ledger's."""
    if video.youtube_id:
        return video.youtube_id
    if video.url:
        parts = urlsplit(video.url)
        query = parse_qs(parts.query).get("v")
        if query:
            return query[0]
        match = re.search(r"(?:youtu\.be/|/shorts/|/embed/|/live/)([A-Za-z0-9_-]{11})", video.url)
        if match:
            return match.group(1)
    return recorded


def prepare(
    project: Project,
    videos: Sequence[Video],
    langs: Sequence[str],
    allow_incomplete: bool,
    settings: PublishSettings,
) -> Prepared:
    """Run every check (as `msm bundle` does) and keep the tracks its gate would ship."""
    selected = len(videos) != len(project.settings.videos)
    paths = [video_files(project, v).folder for v in videos] if selected else []
    checks = check_paths(paths, project)
    grouped = findings_by_track(checks.findings.items)
    unreadable = [str(e) for e in checks.errors]
    out = Prepared()
    source_lang = project.settings.source_language
    for video in videos:
        files = video_files(project, video)
        ledger = LedgerFile(files.folder / LEDGER_NAME)
        video_id = video_id_of(video, ledger.ledger.video_id)
        if not video_id:
            out.held.append(f"{video.slug}: no YouTube id; set youtube_id (or url) in catalog.toml")
            continue
        broken = [p for p in unreadable if str(files.folder) in p]
        if broken:
            out.held.append(f"{video.slug}: unreadable input: {broken[0].splitlines()[0]}")
            continue
        try:
            source = load_source(project, video)
        except MsmError as exc:
            out.held.append(f"{video.slug}: {exc}")
            continue
        if counts(grouped.get((video.slug, source_lang), []))["errors"]:
            out.held.append(f"{video.slug}/{source_lang}: check errors in the source track")
            continue
        work = Work(video, video_id, ledger)
        meta = read_meta(project, video, langs)
        out.held.extend(meta.held)
        work.localisations = meta.ready
        work.codes = {loc.lang: settings.youtube(loc.lang)[0] for loc in meta.ready}
        work.default_language = settings.youtube(source_lang)[0]
        for lang in langs:
            cues, missing, _total, _tally, problem = shippable(
                source, lang, grouped, allow_incomplete
            )
            if problem:
                out.held.append(f"{video.slug}/{lang}: {problem}")
                continue
            data = compose_srt(cues).encode("utf-8")
            code, name = settings.youtube(lang)
            work.tracks.append(
                LocalTrack(
                    lang,
                    code,
                    name,
                    data,
                    hashlib.sha256(data).hexdigest(),
                    tuple(c.text for c in cues),
                    incomplete=bool(missing),
                )
            )
        out.works.append(work)
    return out


def meta_sha(work: Work) -> str:
    """The fingerprint of the titles a run would send for `work`."""
    return localisations_sha(work.localisations, work.codes)
