"""`msm publish`: list, update or insert, verify, and localise the titles, recording every
step in the ledger so a stopped run resumes where it stopped."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial

from pipeline.publish.gate import Work, meta_sha
from pipeline.publish.ledger import Entry, spent
from pipeline.publish.plan import (
    COSTS,
    LocalTrack,
    RemoteTrack,
    decide,
    pacific_day,
    quota_reset,
    remote_tracks,
)
from pipeline.publish.settings import PublishSettings
from pipeline.publish.verify import compare
from pipeline.publish.youtube import Client, PublishError, QuotaExceeded

Clock = Callable[[], datetime]
Say = Callable[[str], None]


def utc_now() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


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


def _localise(
    work: Work, client: Client, budget: Budget, outcome: Outcome, now: Clock, say: Say
) -> None:
    """One videos.update with the translated titles and descriptions, keeping everything else:
    the snippet as YouTube holds it, and the localisations of other languages."""
    slug = work.video.slug
    sha = meta_sha(work)
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
