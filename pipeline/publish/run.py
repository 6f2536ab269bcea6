"""`msm publish`: gate the tracks like `msm bundle`, then list, update or insert, verify, and
record every step in the ledger so a stopped run resumes where it stopped."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from urllib.parse import parse_qs, urlsplit

from pipeline.bundle.assemble import counts, findings_by_track, shippable
from pipeline.checks.runner import check_paths
from pipeline.errors import MsmError
from pipeline.ops.source import load_source
from pipeline.project import Project, Video
from pipeline.publish.ledger import LEDGER_NAME, Entry, LedgerFile, spent
from pipeline.publish.meta import Localisation, localisations_sha, read_meta
from pipeline.publish.plan import (
    COSTS,
    LocalTrack,
    RemoteTrack,
    decide,
    estimate,
    pacific_day,
    quota_reset,
    remote_tracks,
)
from pipeline.publish.settings import PublishSettings
from pipeline.publish.verify import compare
from pipeline.publish.youtube import Client, PublishError, QuotaExceeded
from pipeline.store import video_files
from pipeline.tracks.srt_io import compose_srt

Clock = Callable[[], datetime]
Say = Callable[[str], None]


def utc_now() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


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


@dataclass(frozen=True)
class Call:
    """One API call of a dry run."""

    method: str
    cost: int
    what: str


@dataclass
class Estimate:
    """A dry run: the calls, their total, and today's budget."""

    calls: list[Call]
    day: str
    spent_today: int
    budget: int

    @property
    def total(self) -> int:
        """Units the run would spend."""
        return sum(c.cost for c in self.calls)

    @property
    def remaining(self) -> int:
        """Units left today before this run."""
        return max(0, self.budget - self.spent_today)

    @property
    def fits(self) -> bool:
        """The run stays within today's remaining budget."""
        return self.total <= self.remaining


def dry_run(
    works: Sequence[Work], settings: PublishSettings, draft: bool | None, now: Clock
) -> Estimate:
    """Every call a run would make, from the ledgers alone (nothing is sent)."""
    calls: list[Call] = []
    for work in works:
        slug = work.video.slug
        calls.append(Call("captions.list", COSTS["captions.list"], f"{slug}: list its tracks"))
        checked: list[str] = []  # languages read back after this run's uploads
        for track in work.tracks:
            action = estimate(track, work.ledger.ledger, draft)
            if action.kind == "verify" or action.call:
                checked.append(track.lang)
            if action.call:
                calls.append(Call(action.call, action.cost, f"{slug}/{track.lang}: {action.note}"))
        if checked:
            calls.append(
                Call("captions.list", COSTS["captions.list"], f"{slug}: poll the uploads' status")
            )
            if settings.verify == "download":
                calls.extend(
                    Call(
                        "captions.download", COSTS["captions.download"], f"{slug}/{lang}: read back"
                    )
                    for lang in checked
                )
        if work.localisations and _meta_sha(work) != work.ledger.ledger.meta_sha256:
            langs = ", ".join(loc.lang for loc in work.localisations)
            calls.append(Call("videos.list", COSTS["videos.list"], f"{slug}: read its snippet"))
            calls.append(
                Call("videos.update", COSTS["videos.update"], f"{slug}: titles of {langs}")
            )
    day = pacific_day(now())
    used = spent([w.ledger.ledger for w in works], day)
    return Estimate(calls, day, used, settings.daily_quota)


@dataclass
class Outcome:
    """What a run did."""

    uploaded: list[str] = field(default_factory=list)  # slug/lang
    verified: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    localised: list[str] = field(default_factory=list)  # videos whose titles were updated
    errors: list[str] = field(default_factory=list)  # one line each
    spent: int = 0
    stopped: str = ""  # why the run stopped early (quota, network, token)


class Budget:
    """Today's units: checked before each call, recorded in the video's ledger after it."""

    def __init__(self, works: Sequence[Work], settings: PublishSettings, now: Clock) -> None:
        self.works = works
        self.daily = settings.daily_quota
        self.now = now
        self.run_total = 0

    def used(self) -> int:
        """Units recorded today in every ledger of this run."""
        return spent([w.ledger.ledger for w in self.works], pacific_day(self.now()))

    def need(self, method: str) -> None:
        """Refuse a call that would take today's spending over the budget."""
        cost = COSTS[method]
        used = self.used()
        if used + cost > self.daily:
            reset = quota_reset(self.now()).astimezone()
            raise QuotaExceeded(
                f"daily budget reached: {used} of {self.daily} units spent today (Pacific "
                f"time), {method} needs {cost}; the quota resets at midnight "
                f"America/Los_Angeles ({reset.strftime('%Y-%m-%d %H:%M %Z')} here): rerun "
                "`msm publish` then, it resumes from the ledger"
            )

    def charge(self, work: Work, method: str) -> None:
        """Record a call's units in the video's ledger (written at once)."""
        cost = COSTS[method]
        day = pacific_day(self.now())
        ledger = work.ledger.ledger
        quota = {**ledger.quota, day: ledger.quota.get(day, 0) + cost}
        work.ledger.save(replace(ledger, video_id=work.video_id, quota=quota))
        self.run_total += cost


def publish(
    works: Sequence[Work],
    client: Client,
    settings: PublishSettings,
    *,
    draft: bool | None = None,
    adopt: bool = False,
    now: Clock = utc_now,
    sleep: Callable[[float], None] = time.sleep,
    say: Say = lambda _line: None,
) -> Outcome:
    """Publish every work's tracks; stop at the first quota, network or token problem."""
    outcome = Outcome()
    budget = Budget(works, settings, now)
    try:
        for work in works:
            _video(work, client, settings, budget, outcome, draft, adopt, now, sleep, say)
    except PublishError as exc:
        if not isinstance(exc, QuotaExceeded) and not _stopping(exc):
            raise
        outcome.stopped = str(exc)
    outcome.spent = budget.run_total
    return outcome


def _stopping(exc: PublishError) -> bool:
    from pipeline.publish.youtube import AuthError, NetworkDown

    return isinstance(exc, (AuthError, NetworkDown))


def _call(budget: Budget, work: Work, method: str, fn: Callable[[], object]) -> object:
    """Check the budget, make the call, record its units (a refused call costs them too,
    except when the quota is spent or nothing reached YouTube)."""
    from pipeline.publish.youtube import AuthError, NetworkDown

    budget.need(method)
    try:
        result = fn()
    except (QuotaExceeded, NetworkDown, AuthError):
        raise
    except PublishError:
        budget.charge(work, method)
        raise
    budget.charge(work, method)
    return result


def _video(
    work: Work,
    client: Client,
    settings: PublishSettings,
    budget: Budget,
    outcome: Outcome,
    draft: bool | None,
    adopt: bool,
    now: Clock,
    sleep: Callable[[float], None],
    say: Say,
) -> None:
    slug = work.video.slug
    try:
        items = _call(budget, work, "captions.list", lambda: client.list_captions(work.video_id))
    except PublishError as exc:
        if isinstance(exc, QuotaExceeded) or _stopping(exc):
            raise
        outcome.errors.append(f"{slug}: {exc}")
        return
    remote = remote_tracks(items if isinstance(items, list) else [])
    uploads: list[tuple[LocalTrack, Entry]] = []
    for track in work.tracks:
        where = f"{slug}/{track.lang}"
        action = decide(track, work.ledger.ledger, remote, draft, adopt)
        if action.kind == "skip":
            outcome.skipped.append(where)
            say(f"skip   {where}: {action.note}")
            continue
        if action.kind == "refuse":
            outcome.errors.append(f"{where}: {action.note}")
            continue
        if action.kind == "verify":
            uploads.append((track, work.ledger.ledger.tracks[track.lang]))
            say(f"check  {where}: {action.note}")
            continue
        try:
            if action.kind == "insert":
                answer = _call(
                    budget,
                    work,
                    action.call,
                    partial(
                        client.insert_caption,
                        work.video_id,
                        track.code,
                        track.name,
                        track.data,
                        bool(draft),
                    ),
                )
            else:
                answer = _call(
                    budget,
                    work,
                    action.call,
                    partial(client.update_caption, action.caption_id, track.data, draft),
                )
        except PublishError as exc:
            if isinstance(exc, QuotaExceeded) or _stopping(exc):
                raise
            outcome.errors.append(f"{where}: {exc}")
            continue
        resource = answer if isinstance(answer, dict) else {}
        snippet = resource.get("snippet") or {}
        found = next((r for r in remote if r.caption_id == action.caption_id), None)
        entry = Entry(
            lang=track.lang,
            caption_id=str(resource.get("id") or action.caption_id),
            language=track.code,
            name=found.name if found is not None else track.name,
            sha256=track.sha256,
            uploaded=now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            draft=bool(snippet.get("isDraft", draft if draft is not None else False)),
            verified=False,
            allow_incomplete=track.incomplete,
        )
        work.ledger.save(work.ledger.ledger.with_track(entry))
        uploads.append((track, entry))
        outcome.uploaded.append(where)
        say(f"{action.kind} {where}: {action.note} ({action.cost} units)")
    if uploads:
        _verify(work, client, settings, budget, outcome, uploads, sleep, say)
    if work.localisations:
        try:
            _localise(work, client, budget, outcome, now, say)
        except PublishError as exc:
            if isinstance(exc, QuotaExceeded) or _stopping(exc):
                raise
            outcome.errors.append(f"{slug}: titles and descriptions: {exc}")


# The snippet fields videos.update writes; the others (publishedAt, thumbnails, ...) are
# read-only. msm owns none of these: each is sent back as YouTube holds it.
WRITABLE = ("title", "description", "categoryId", "tags", "defaultLanguage", "defaultAudioLanguage")


def _meta_sha(work: Work) -> str:
    return localisations_sha(work.localisations, work.codes)


def _localise(
    work: Work, client: Client, budget: Budget, outcome: Outcome, now: Clock, say: Say
) -> None:
    """One videos.update with the translated titles and descriptions, keeping everything else:
    the snippet as YouTube holds it, and the localisations of other languages."""
    slug = work.video.slug
    sha = _meta_sha(work)
    if sha == work.ledger.ledger.meta_sha256:
        say(f"skip   {slug}: titles and descriptions unchanged")
        return
    video = _call(budget, work, "videos.list", partial(client.get_video, work.video_id))
    resource = video if isinstance(video, dict) else {}
    current = resource.get("snippet") or {}
    snippet = {key: current[key] for key in WRITABLE if key in current}
    # YouTube refuses localisations without a default language; set ours only when unset.
    snippet.setdefault("defaultLanguage", work.default_language)
    localizations = dict(resource.get("localizations") or {})
    for loc in work.localisations:
        code = work.codes[loc.lang]
        had = localizations.get(code) or {}
        # Without an English description in catalog.toml msm owns none: keep what is there.
        description = loc.description or had.get("description") or current.get("description", "")
        localizations[code] = {"title": loc.title, "description": description}
    body = {"id": work.video_id, "snippet": snippet, "localizations": localizations}
    _call(budget, work, "videos.update", partial(client.update_video, body))
    stamp = now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    work.ledger.save(replace(work.ledger.ledger, meta_sha256=sha, meta_updated=stamp))
    outcome.localised.append(slug)
    langs = ", ".join(loc.lang for loc in work.localisations)
    say(f"update {slug}: titles and descriptions ({langs})")


def _verify(
    work: Work,
    client: Client,
    settings: PublishSettings,
    budget: Budget,
    outcome: Outcome,
    uploads: list[tuple[LocalTrack, Entry]],
    sleep: Callable[[float], None],
    say: Say,
) -> None:
    """Poll the video's tracks until none of ours is syncing, then read each back."""
    slug = work.video.slug
    states: dict[str, RemoteTrack] = {}
    for attempt in range(settings.poll_attempts):
        if attempt:
            sleep(settings.poll_seconds)
        try:
            items = _call(
                budget, work, "captions.list", partial(client.list_captions, work.video_id)
            )
        except PublishError as exc:
            if isinstance(exc, QuotaExceeded) or _stopping(exc):
                raise
            for track, _entry in uploads:
                outcome.errors.append(f"{slug}/{track.lang}: not verified: {exc}")
            return
        states = {r.caption_id: r for r in remote_tracks(items if isinstance(items, list) else [])}
        if not any(
            states.get(e.caption_id) is not None and states[e.caption_id].status == "syncing"
            for _, e in uploads
        ):
            break
    for track, entry in uploads:
        where = f"{slug}/{track.lang}"
        state = states.get(entry.caption_id)
        problem = ""
        if state is None:
            problem = f"track {entry.caption_id} is not on the video after the upload"
        elif state.status == "failed":
            problem = f"YouTube failed to process the track ({state.failure or 'no reason given'})"
        elif state.status == "syncing":
            problem = (
                f"still syncing after {settings.poll_attempts} polls; rerun `msm publish` "
                "later to verify it"
            )
        elif settings.verify == "download":
            try:
                data = _call(
                    budget,
                    work,
                    "captions.download",
                    partial(client.download_caption, entry.caption_id),
                )
            except PublishError as exc:
                if isinstance(exc, QuotaExceeded) or _stopping(exc):
                    raise
                problem = f"cannot read the track back: {exc}"
            else:
                raw = data if isinstance(data, bytes) else b""
                problem = compare(track.texts, raw, where) or ""
        if problem:
            outcome.errors.append(f"{where}: not verified: {problem}")
            continue
        work.ledger.save(work.ledger.ledger.with_track(replace(entry, verified=True)))
        outcome.verified.append(where)
        say(f"verified {where}")
