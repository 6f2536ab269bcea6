"""`msm pull`: fetch videos and caption tracks, add new videos to the catalogue, import tracks.

One video at a time: list the videos at each URL, skip those the download archive says are
complete (no request at all), fetch the rest (video file, then each track), convert each track
to SRT in the media folder, then import it (see `importing.py` for what may be overwritten:
nothing that holds local work). A failing video or track is recorded and the run goes on;
`PullResult.failed` says whether anything failed.

Long: a pull is a sequence of steps over one run's state (archive, reporter, results); split,
the steps would only pass that state around.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.errors import MsmError, ProjectError, UsageError
from pipeline.fetch.captions import RemoteTrack, classify
from pipeline.fetch.catalog import (
    CatalogEdit,
    apply_edits,
    find_video,
    new_slug,
    youtube_id_in,
)
from pipeline.fetch.importing import (
    Outcome,
    auto_path,
    import_source,
    import_translation,
    pending_conflicts,
    save_draft,
)
from pipeline.fetch.progress import Reporter
from pipeline.fetch.state import (
    MANIFEST,
    Archive,
    Part,
    TrackRecord,
    VideoRecord,
    digest,
    load_record,
    save_record,
)
from pipeline.fetch.ytdl import Entry, FetchError, Session, Unreachable, error_text
from pipeline.fsutil import atomic_write_text, read_bytes
from pipeline.project import CATALOG, Project, Video, parse_settings
from pipeline.safewrite import read_text_seen, replace_if_unchanged
from pipeline.store import video_files
from pipeline.tracks.model import ReadResult
from pipeline.tracks.srt_io import compose_srt, read_srt
from pipeline.tracks.srv_io import FORMATS as SRV_FORMATS
from pipeline.tracks.srv_io import read_srv
from pipeline.tracks.vtt_io import read_vtt

TRACKS_FOLDER = "tracks"
_ROLE_ORDER = {"source": 0, "translation": 1, "draft": 2}
_IMPORTED = ("imported", "updated")
_WORST = ("failed", "conflict", "waiting", "imported", "updated", "unchanged")
NO_VIDEOS = "no videos there (an empty playlist or channel, or a page without a video)"


@dataclass(frozen=True)
class PullOptions:
    """What to fetch."""

    video: bool = True  # the video files (off with --no-video)
    auto_captions: bool = False  # machine tracks, kept apart as drafts
    refresh: bool = False  # ignore the download archive and look at every video again


@dataclass
class TrackResult:
    """What happened to one track of one video."""

    lang: str
    key: str  # the site's key ('fr', 'eu-en')
    role: str  # source, translation, draft
    status: str  # imported, updated, unchanged, conflict, waiting (for the source), failed
    detail: str = ""

    @property
    def label(self) -> str:
        """`fr`, or `auto:eu` for a machine draft."""
        return f"auto:{self.lang}" if self.role == "draft" else self.lang


@dataclass
class VideoResult:
    """One row of the summary."""

    slug: str
    title: str
    state: str = "up to date"  # new, fetched, up to date, failed
    video: str = "-"  # downloaded, present, failed, - (not requested)
    tracks: list[TrackResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def failed(self) -> bool:
        """The video, its file or one of its tracks failed."""
        return (
            bool(self.error)
            or self.video == "failed"
            or any(t.status == "failed" for t in self.tracks)
        )


@dataclass
class PullResult:
    """Everything a pull did, for the summary table and the exit status."""

    videos: list[VideoResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # URLs that could not be listed at all
    stopped: str = ""  # why the pull stopped early (the network is down), or ""

    @property
    def failed(self) -> bool:
        """Whether anything failed (the exit status is non-zero then)."""
        return bool(self.errors or self.stopped) or any(v.failed for v in self.videos)

    @property
    def conflicts(self) -> int:
        """Tracks whose remote version was saved beside local work."""
        return sum(1 for v in self.videos for t in v.tracks if t.status == "conflict")


@dataclass
class Listing:
    """What `msm pull --list` shows for one video."""

    title: str
    url: str
    video_id: str
    slug: str | None  # the catalogue slug, or the one it would get
    new: bool
    tracks: list[RemoteTrack] = field(default_factory=list)
    error: str = ""


def pull_urls(project: Project, urls: Sequence[str]) -> list[str]:
    """The URLs given, or the project's channel; a clear error when there is neither."""
    if urls:
        return list(urls)
    channel = project.settings.channel
    if not channel:
        raise UsageError(
            "no URL given and no channel set: pass a video, playlist or channel URL, "
            f'or set channel = "https://www.youtube.com/@..." under [project] in '
            f"{project.root / CATALOG}"
        )
    return [channel]


def pull_videos(
    project: Project,
    urls: Sequence[str],
    options: PullOptions,
    reporter: Reporter,
    moment: datetime,
) -> PullResult:
    """Fetch and import everything at `urls` (default: the channel); see the module docstring.

    When the host cannot be reached at all the pull stops there (`PullResult.stopped`): what
    was fetched is kept, and the next run goes on from it.
    """
    run = _Run(project, options, reporter, moment)
    try:
        for url in pull_urls(project, urls):
            run.url(url)
    except Unreachable as exc:
        run.result.stopped = str(exc)
        reporter.note(f"stopped: {exc}")
    finally:
        run.close()
    return run.result


def list_available(project: Project, urls: Sequence[str], reporter: Reporter) -> list[Listing]:
    """The tracks each video at `urls` offers, human and automatic; nothing is downloaded."""

    settings = project.settings
    media = project.media
    session = Session(
        media,
        None,
        settings.pull.retries,
        settings.pull.backoff,
        reporter,
        True,
        timeout=settings.pull.timeout,
    )
    listings: list[Listing] = []
    taken = {v.slug for v in settings.videos}
    try:
        for url in pull_urls(project, urls):
            reporter.note(f"listing {url}")
            found = len(listings)
            try:
                for index, entry in enumerate(session.entries(url), start=len(listings) + 1):
                    known = find_video(settings, entry.video_id, [entry.url])
                    slug = known.slug if known else new_slug(entry.title, entry.video_id, taken)
                    taken.add(slug)
                    reporter.video(index, f"{slug}: {entry.title}")
                    listing = Listing(entry.title, entry.url, entry.video_id, slug, known is None)
                    try:
                        info = session.resolve(entry)
                        listing.tracks = classify(
                            info.get("subtitles"),
                            info.get("automatic_captions"),
                            settings.source_language,
                            settings.target_languages,
                        )
                    except FetchError as exc:
                        listing.error = str(exc)
                    listings.append(listing)
            except FetchError as exc:
                listings.append(Listing("", url, "", None, False, error=str(exc)))
            if len(listings) == found:
                listings.append(Listing("", url, "", None, False, error=NO_VIDEOS))
    except Unreachable as exc:
        listings.append(Listing("", "stopped", "", None, False, error=str(exc)))
    finally:
        session.close()
    return listings


class _Run:
    """The state of one pull: the project (reloaded when the catalogue changes), the archive,
    the yt-dlp session and the result so far."""

    def __init__(
        self, project: Project, options: PullOptions, reporter: Reporter, moment: datetime
    ) -> None:

        self.project = project
        self.options = options
        self.reporter = reporter
        self.moment = moment
        self.result = PullResult()
        self.media = project.media
        self.media.mkdir(parents=True, exist_ok=True)
        self.archive = Archive(self.media)
        self.parts: list[Part] = ["captions"]
        if options.video:
            self.parts.append("video")
        if options.auto_captions:
            self.parts.append("auto")
        view = None if options.refresh else self.archive.needs(self.parts)
        pull_settings = project.settings.pull
        self.session = Session(
            self.media,
            view,
            pull_settings.retries,
            pull_settings.backoff,
            reporter,
            machine_tracks=options.auto_captions,
            timeout=pull_settings.timeout,
        )
        self.index = 0
        self.seen: set[str] = set()  # archive ids met in this run (a channel may list twice)

    def close(self) -> None:
        self.session.close()

    # --- listing ---------------------------------------------------------------------------

    def url(self, url: str) -> None:

        known = self._known(url)
        if known is not None:  # nothing to fetch, and we know it without asking the site
            video, record = known
            self.seen.add(record.archive_id)
            self._up_to_date(video, record)
            return
        self.reporter.note(f"listing {url}")
        videos, archived = 0, self.session.archived
        try:
            for entry in self.session.entries(url):
                videos += 1
                self._entry(entry)
        except FetchError as exc:
            self.reporter.note(f"failed: {exc}")
            self.result.errors.append(str(exc))
            return
        if videos == 0 and self.session.archived == archived:
            self.reporter.note(f"failed: {url}: {NO_VIDEOS}")
            self.result.errors.append(f"{url}: {NO_VIDEOS}")

    def _known(self, url: str) -> tuple[Video, VideoRecord] | None:
        """The one catalogue video at this URL (exactly, or by the YouTube id in it), when the
        archive says it is complete: then the site need not be asked anything."""
        if self.options.refresh:
            return None
        in_url = youtube_id_in(url)
        matches = [
            v
            for v in self.project.settings.videos
            if v.youtube_id
            and (
                (v.url and v.url.rstrip("/") == url.rstrip("/"))
                or (in_url is not None and v.youtube_id == in_url)
            )
        ]
        if len(matches) != 1:
            return None
        record = load_record(self._manifest(matches[0].slug))
        if record is None or record.video_id != matches[0].youtube_id:
            return None
        if not all(self.archive.has(part, record.archive_id) for part in self.parts):
            return None
        return matches[0], record

    # --- one video ------------------------------------------------------------------------

    def _entry(self, entry: Entry) -> None:

        if entry.archive_id in self.seen:
            return
        self.seen.add(entry.archive_id)
        self.index += 1
        try:
            video, is_new = self._catalogue(entry.video_id, entry.title, entry.url)
        except MsmError as exc:
            self.result.errors.append(f"{entry.url}: {exc}")
            return
        self.reporter.video(self.index, f"{video.slug}: {entry.title}")
        record = load_record(self._manifest(video.slug)) or VideoRecord(
            entry.archive_id, entry.video_id, video.slug, entry.title, entry.url
        )
        record.archive_id, record.video_id, record.slug = (
            entry.archive_id,
            entry.video_id,
            video.slug,
        )
        complete = not self.options.refresh and all(
            self.archive.has(part, entry.archive_id) for part in self.parts
        )
        if complete:
            self._up_to_date(video, record)
            return
        row = VideoResult(video.slug, entry.title, "new" if is_new else "fetched")
        self.result.videos.append(row)
        try:
            info = self.session.resolve(entry)
        except FetchError as exc:
            row.state, row.error = "failed", str(exc)
            self.reporter.note(f"failed: {exc}")
            self._imports(video, record, row)
            return
        except Unreachable:
            row.state, row.error = "failed", "not fetched: the pull stopped (see below)"
            raise
        tracks = classify(
            info.get("subtitles"),
            info.get("automatic_captions"),
            self.project.settings.source_language,
            self.project.settings.target_languages,
        )
        try:
            self._video_file(info, video, record, row)
            self._tracks(info, tracks, video, record, row)
        except Unreachable:
            # The tracks fetched so far are kept (and imported by the next run), so is the
            # video's .part file; the archive does not count the video as complete.
            row.state, row.error = "failed", "incomplete: the pull stopped (see below)"
            if self.options.video and row.video == "-":  # it stopped on the video file
                row.video = "failed"
            save_record(self._manifest(video.slug), record)
            raise
        save_record(self._manifest(video.slug), record)
        self._imports(video, record, row)
        self._notes(tracks, video, record, row)
        row.notes.extend(self.session.log.take())

    def _up_to_date(self, video: Video, record: VideoRecord) -> None:
        row = VideoResult(video.slug, record.title or video.title)
        if self.archive.has("video", record.archive_id) and record.video_file:
            row.video = "present"
        self.result.videos.append(row)
        self._imports(video, record, row)
        self._pending(video, row)

    def _catalogue(self, video_id: str, title: str, url: str) -> tuple[Video, bool]:
        """The catalogue entry of a pulled video, added (or given its id) when needed."""
        settings = self.project.settings
        found = find_video(settings, video_id, [url])
        if found is not None and found.youtube_id == video_id:
            return found, False
        if found is not None:
            edit = CatalogEdit(found.slug, video_id, new=False)
        else:
            slug = new_slug(title, video_id, (v.slug for v in settings.videos))
            edit = CatalogEdit(slug, video_id, title, url)
        self._edit_catalogue([edit])
        return self.project.video(edit.slug), found is None

    def _edit_catalogue(self, edits: Sequence[CatalogEdit]) -> None:
        path = self.project.root / CATALOG
        text, seen = read_text_seen(path, "utf-8-sig")  # the edit compares against this read
        if text is None:
            raise ProjectError(f"{path}: cannot read: no such file")
        new_text = apply_edits(text, edits, str(path))
        settings = parse_settings(new_text, str(path))  # never write a catalogue we cannot read
        replace_if_unchanged(path, new_text.encode("utf-8"), seen)
        self.project = Project(self.project.root, settings)

    def _manifest(self, slug: str) -> Path:
        return self.media / slug / MANIFEST

    def _video_file(
        self, info: dict[str, Any], video: Video, record: VideoRecord, row: VideoResult
    ) -> None:

        if not self.options.video:
            return
        folder = self.media / video.slug
        if (
            self.archive.has("video", record.archive_id)
            and record.video_file
            and (folder / record.video_file).is_file()
        ):
            row.video = "present"
            return
        try:
            path = self.session.download_video(info, video.slug)
        except FetchError as exc:
            row.video = "failed"
            row.notes.append(f"video: {exc}")
            self.reporter.note(f"video failed: {exc}")
            return
        record.video_file = path.name
        row.video = "downloaded"
        self.archive.record("video", record.archive_id)

    def _tracks(
        self,
        info: dict[str, Any],
        tracks: Sequence[RemoteTrack],
        video: Video,
        record: VideoRecord,
        row: VideoResult,
    ) -> None:

        wanted = [
            t
            for t in tracks
            if t.role in ("source", "translation")
            or (t.role == "draft" and self.options.auto_captions)
        ]
        folder = self.media / video.slug
        for track in wanted:
            assert track.role is not None and track.lang is not None and track.fmt is not None
            slot = f"{track.role}:{track.lang}"
            old = record.tracks.get(slot)
            if (
                old is not None
                and old.key == track.key
                and old.fetched
                and not self.options.refresh
            ):
                continue
            name = f"{'human' if track.kind == 'human' else 'auto'}.{_safe(track.key)}"
            raw = Path(TRACKS_FOLDER) / f"{name}.{track.ext}"
            converted = Path(TRACKS_FOLDER) / f"{name}.converted.srt"
            rec = TrackRecord(
                track.key, track.kind, track.lang, track.role, str(raw), str(converted)
            )
            if old is not None:
                rec.imported, rec.base = old.imported, old.base
            record.tracks[slot] = rec
            try:
                self.session.download_track(track.fmt, folder / raw, info.get("http_headers"))
                text = compose_srt(_read(folder / raw, track.ext, track.lang).cues)
            except Unreachable:
                raise
            except MsmError as exc:  # this track fails alone; the others go on
                message = error_text(exc)
                row.tracks.append(TrackResult(track.lang, track.key, track.role, "failed", message))
                self.reporter.note(f"{track.label}: failed: {message}")
                continue
            atomic_write_text(folder / converted, text)
            rec.fetched = digest(text)
        self._complete("captions", [t for t in wanted if t.role != "draft"], record)
        if self.options.auto_captions:
            self._complete("auto", [t for t in wanted if t.role == "draft"], record)

    def _complete(self, part: Part, tracks: Sequence[RemoteTrack], record: VideoRecord) -> None:
        """Record `part` in its archive when every one of its tracks is fetched, else forget it."""
        done = all(
            (rec := record.tracks.get(f"{t.role}:{t.lang}")) is not None and rec.fetched
            for t in tracks
        )
        if done:
            self.archive.record(part, record.archive_id)
        else:
            self.archive.forget(part, record.archive_id)

    # --- importing ------------------------------------------------------------------------

    def _imports(self, video: Video, record: VideoRecord, row: VideoResult) -> None:
        """Import every fetched track not dealt with yet (also those waiting from earlier runs)."""
        settings = self.project.settings
        ours = {settings.source_language, *settings.target_languages}
        failed = {(t.role, t.lang) for t in row.tracks if t.status == "failed"}
        folder = self.media / video.slug
        changed = False
        for rec in sorted(record.tracks.values(), key=lambda r: (_ROLE_ORDER[r.role], r.lang)):
            if not rec.fetched or rec.lang not in ours:
                continue
            if rec.fetched == rec.imported and self._target(video, rec).is_file():
                continue  # dealt with already (a deleted file is brought back)
            if (rec.role, rec.lang) in failed:
                continue
            try:
                srt = folder / rec.srt
                text = read_bytes(srt).decode("utf-8")
            except OSError as exc:
                row.tracks.append(
                    TrackResult(rec.lang, rec.key, rec.role, "failed", f"cache: {exc}")
                )
                continue
            outcome = self._import_one(video, rec, srt, text)
            row.tracks.append(
                TrackResult(rec.lang, rec.key, rec.role, outcome.status, outcome.detail)
            )
            if outcome.status in ("imported", "updated", "unchanged", "conflict"):
                rec.imported = rec.fetched
                changed = True
            if outcome.status in ("imported", "updated", "unchanged"):
                rec.base = rec.fetched
        if changed:
            save_record(self._manifest(video.slug), record)
        source = settings.source_language
        if any(t.role == "source" and t.status in _IMPORTED for t in row.tracks):
            row.notes.append(
                f"{source}.srt is new or changed: run `msm update {video.slug}` to bring "
                "every language's PO in line with it"
            )
        row.tracks.sort(key=lambda t: (_ROLE_ORDER.get(t.role, 3), t.lang))

    def _target(self, video: Video, rec: TrackRecord) -> Path:
        """The local file a track goes into."""
        files = video_files(self.project, video)
        if rec.role == "source":
            return files.source_srt
        if rec.role == "translation":
            return files.po(rec.lang)
        return auto_path(files, rec.lang)

    def _import_one(self, video: Video, rec: TrackRecord, srt: Path, text: str) -> Outcome:
        project = self.project
        if rec.role == "source":
            return import_source(project, video, text, rec.base)
        if rec.role == "translation":
            return import_translation(
                project, video, rec.lang, srt, rec.key, self.moment, machine=False
            )
        drafted = save_draft(project, video, rec.lang, text, rec.base)
        if rec.lang == project.settings.source_language:
            return drafted
        into_po = import_translation(
            project, video, rec.lang, srt, rec.key, self.moment, machine=True
        )
        worst = min(drafted.status, into_po.status, key=_WORST.index)
        detail = "; ".join(filter(None, [f"auto/{rec.lang}.srt {drafted.status}", into_po.detail]))
        return Outcome(worst, detail, into_po.written or drafted.written)

    def _notes(
        self, tracks: Sequence[RemoteTrack], video: Video, record: VideoRecord, row: VideoResult
    ) -> None:
        source = self.project.settings.source_language
        has_source = video_files(self.project, video).source_srt.is_file()
        if not has_source and not any(t.role == "source" for t in tracks):
            speech = any(t.role == "draft" and t.lang == source for t in tracks)
            hint = (
                f"review the speech-recognition draft auto/{source}.srt and save it as {source}.srt"
                if speech and self.options.auto_captions
                else "--auto-captions fetches a speech-recognition draft"
                if speech
                else "add it by hand"
            )
            row.notes.append(f"no human {source} track on the site: {hint}")
        left = [f"{t.key} ({t.why})" for t in tracks if t.role is None and t.kind == "human"]
        if left:
            row.notes.append(f"human tracks not kept: {', '.join(left)}")
        self._pending(video, row)

    def _pending(self, video: Video, row: VideoResult) -> None:
        for path in pending_conflicts(self.project, video):
            shown = path.relative_to(self.project.root)
            if not any(t.status == "conflict" and str(path.name) in t.detail for t in row.tracks):
                row.notes.append(f"unresolved conflict: {shown}")


def _safe(key: str) -> str:
    """A caption key as a file-name part (keys come from the site)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", key)[:40] or "track"


def _read(path: Path, ext: str, lang: str) -> ReadResult:
    """Read a downloaded track by its format."""
    if ext == "vtt":
        return read_vtt(path, lang)
    if ext == "srt":
        return read_srt(path, lang)
    if ext in SRV_FORMATS:
        return read_srv(path)
    raise MsmError(f"{path}: cannot read the {ext!r} caption format")


def summary_counts(results: Iterable[VideoResult]) -> dict[str, int]:
    """How many tracks ended in each status, over all videos."""
    counts: dict[str, int] = {}
    for video in results:
        for track in video.tracks:
            counts[track.status] = counts.get(track.status, 0) + 1
    return counts
