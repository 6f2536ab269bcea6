"""What `msm publish` does to one video, decided before any upload (pure: ledger + listing in,
calls out), and the quota arithmetic of the YouTube Data API."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pipeline.publish.ledger import Ledger

# Units per call (YouTube Data API v3 quota calculator).
COSTS: dict[str, int] = {
    "captions.list": 50,
    "captions.insert": 400,
    "captions.update": 450,
    "captions.download": 200,
    "captions.delete": 50,
    "videos.list": 1,
    "videos.update": 50,
}
PACIFIC = ZoneInfo("America/Los_Angeles")  # the daily quota resets at midnight here

Kind = Literal["insert", "update", "verify", "skip", "refuse"]


def pacific_day(now: datetime) -> str:
    """The quota day (a Pacific date, ISO) that `now` (timezone-aware) falls in."""
    return now.astimezone(PACIFIC).date().isoformat()


def quota_reset(now: datetime) -> datetime:
    """The next midnight in America/Los_Angeles after `now`, when the daily quota resets."""
    local = now.astimezone(PACIFIC)
    midnight = datetime(local.year, local.month, local.day, tzinfo=PACIFIC) + timedelta(days=1)
    # Rebuild from the date so a daylight-saving change that day still lands on 00:00.
    return datetime(midnight.year, midnight.month, midnight.day, tzinfo=PACIFIC)


@dataclass(frozen=True)
class LocalTrack:
    """A track msm would upload: built from the PO, past the same gate as `msm bundle`."""

    lang: str  # our code
    code: str  # YouTube's language code (the setting)
    name: str  # the track name msm owns
    data: bytes  # the SRT, UTF-8
    sha256: str
    texts: tuple[str, ...]  # each cue's text, to compare with what YouTube gives back
    incomplete: bool = False  # shipped with --allow-incomplete and cues missing


@dataclass(frozen=True)
class RemoteTrack:
    """A caption track of the video, as `captions.list` reports it."""

    caption_id: str
    language: str
    name: str
    kind: str  # trackKind: standard, ASR, forced
    status: str = ""  # serving, syncing, failed
    draft: bool = False
    failure: str = ""

    @property
    def asr(self) -> bool:
        """YouTube's own speech recognition track: never ours, never touched."""
        return self.kind.casefold() == "asr"


@dataclass(frozen=True)
class Action:
    """One decision for one language: the call it takes (if any) and why."""

    kind: Kind
    lang: str
    caption_id: str = ""  # the track updated
    note: str = ""

    @property
    def call(self) -> str:
        """The API method, or "" when no call is made."""
        return {"insert": "captions.insert", "update": "captions.update"}.get(self.kind, "")

    @property
    def cost(self) -> int:
        """Quota units of the call."""
        return COSTS.get(self.call, 0)


def remote_tracks(items: Sequence[Mapping[str, object]]) -> list[RemoteTrack]:
    """The caption resources of a `captions.list` answer, read defensively."""
    out = []
    for item in items:
        snippet = item.get("snippet")
        snippet = snippet if isinstance(snippet, Mapping) else {}
        out.append(
            RemoteTrack(
                caption_id=str(item.get("id", "")),
                language=str(snippet.get("language", "")),
                name=str(snippet.get("name", "")),
                kind=str(snippet.get("trackKind", "standard")),
                status=str(snippet.get("status", "")),
                draft=bool(snippet.get("isDraft", False)),
                failure=str(snippet.get("failureReason", "")),
            )
        )
    return out


def decide(
    track: LocalTrack,
    ledger: Ledger,
    remote: Sequence[RemoteTrack],
    draft: bool | None,
    adopt: bool,
) -> Action:
    """Update our track, insert a new one, skip an unchanged one, or refuse to touch another's.

    Ours is the track whose id the ledger holds, else the one with our language and name.
    Never a second track for a language: a track in our language that msm does not own
    (another name) is left alone unless `adopt`.
    """
    lang = track.lang
    mine = [r for r in remote if not r.asr]
    entry = ledger.tracks.get(lang)
    if entry is not None:
        found = next((r for r in mine if r.caption_id == entry.caption_id), None)
        if found is not None:
            if found.language.casefold() != track.code.casefold():
                return Action(
                    "refuse",
                    lang,
                    found.caption_id,
                    f"our track {found.caption_id} is in {found.language!r} but the setting now "
                    f"says {track.code!r}; an update cannot change the language: delete the old "
                    "track in YouTube Studio, then rerun",
                )
            renamed = (
                f" (named {found.name!r} on YouTube; msm keeps updating it, never a second track)"
                if found.name != track.name
                else ""
            )
            unchanged = (
                entry.sha256 == track.sha256
                and entry.verified
                and (draft is None or found.draft == draft)
                and found.status != "failed"
            )
            if unchanged:
                return Action("skip", lang, found.caption_id, "unchanged" + renamed)
            same_upload = (
                entry.sha256 == track.sha256
                and (draft is None or found.draft == draft)
                and found.status != "failed"
            )
            if same_upload:  # uploaded, then stopped before the check: check it now
                return Action("verify", lang, found.caption_id, "uploaded, not yet verified")
            return Action("update", lang, found.caption_id, _why(entry.sha256, track) + renamed)
        # Deleted on YouTube since: match by name below, else insert anew.
    same = [r for r in mine if r.language.casefold() == track.code.casefold()]
    named = next((r for r in same if r.name == track.name), None)
    if named is not None:
        return Action("update", lang, named.caption_id, "our name, not in the ledger")
    if same and adopt:
        return Action("update", lang, same[0].caption_id, f"adopting {same[0].name!r} (--adopt)")
    if same:
        names = ", ".join(repr(r.name) for r in same)
        return Action(
            "refuse",
            lang,
            same[0].caption_id,
            f"the video already has a {track.code!r} track msm did not upload ({names}); "
            "pass --adopt to update it, or delete it in YouTube Studio",
        )
    note = "deleted on YouTube, uploading again" if entry is not None else "new track"
    return Action("insert", lang, "", note)


def _why(old_sha: str, track: LocalTrack) -> str:
    return "the PO changed" if old_sha != track.sha256 else "not verified or draft flag changed"


def estimate(track: LocalTrack, ledger: Ledger, draft: bool | None) -> Action:
    """The decision from the ledger alone (for --dry-run, which calls nothing)."""
    entry = ledger.tracks.get(track.lang)
    if entry is None:
        return Action("insert", track.lang, "", "new track (or an update, if one exists)")
    if entry.sha256 == track.sha256 and draft in (None, entry.draft):
        if entry.verified:
            return Action("skip", track.lang, entry.caption_id, "unchanged")
        return Action("verify", track.lang, entry.caption_id, "uploaded, not yet verified")
    return Action("update", track.lang, entry.caption_id, _why(entry.sha256, track))


def verify_cost(uploads: int, mode: str) -> int:
    """Units to verify `uploads` tracks of one video: one status listing, plus one download
    each when reading the tracks back."""
    if not uploads:
        return 0
    per_track = COSTS["captions.download"] if mode == "download" else 0
    return COSTS["captions.list"] + uploads * per_track
