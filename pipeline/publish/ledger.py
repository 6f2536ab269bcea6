"""The publish ledger, `subtitles/<slug>/published.toml`: what msm put on YouTube, and the
quota units it spent, per Pacific day.

The ledger is curated data (DESIGN.md, "Trust"): a write merges one entry into what is on disk
and first checks the file still holds what msm read, so a hand edit is never reverted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.errors import InputError, MsmError
from pipeline.fsutil import atomic_write_text

LEDGER_NAME = "published.toml"
KEEP_DAYS = 31  # quota days kept in a ledger: enough to see a month's spending

_HEADER = (
    "# Written by `msm publish`: the caption tracks msm uploaded to YouTube and the quota it\n"
    "# spent (per Pacific day). Commit it. Delete a [tracks.<lang>] table to make msm forget a\n"
    "# track (it then matches the video's tracks by language and name again).\n"
)


@dataclass(frozen=True)
class Entry:
    """One published caption track (or, with lang "meta", the localised titles)."""

    lang: str  # our language code
    caption_id: str
    language: str  # YouTube's code the track was uploaded under
    name: str
    sha256: str  # of the exact bytes uploaded
    uploaded: str  # UTC, ISO 8601
    draft: bool = False
    verified: bool = False  # the track was read back (or reported serving) and matched
    allow_incomplete: bool = False


@dataclass
class Ledger:
    """A video's ledger: its YouTube id, its tracks by language, quota spent per day."""

    video_id: str = ""
    tracks: dict[str, Entry] = field(default_factory=dict)
    quota: dict[str, int] = field(default_factory=dict)  # Pacific date -> units
    meta_sha256: str = ""  # of the localisations last sent with videos.update
    meta_updated: str = ""

    def with_track(self, entry: Entry) -> Ledger:
        """A copy with `entry` recorded (replacing that language's previous entry)."""
        return replace(self, tracks={**self.tracks, entry.lang: entry})


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a string")
    return value


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{where}: expected true or false")
    return value


def parse(text: str, where: str) -> Ledger:
    """Read a ledger's text; anything unexpected is an InputError naming the file."""
    try:
        data = tomllib.loads(text)
        ledger = Ledger(video_id=_str(data.get("video_id", ""), "video_id"))
        tracks = data.get("tracks", {})
        if not isinstance(tracks, dict):
            raise ValueError("[tracks] must be a table")
        for lang, raw in tracks.items():
            if not isinstance(raw, dict):
                raise ValueError(f"[tracks.{lang}] must be a table")
            ledger.tracks[lang] = Entry(
                lang=lang,
                caption_id=_str(raw.get("caption_id"), f"[tracks.{lang}] caption_id"),
                language=_str(raw.get("language"), f"[tracks.{lang}] language"),
                name=_str(raw.get("name"), f"[tracks.{lang}] name"),
                sha256=_str(raw.get("sha256"), f"[tracks.{lang}] sha256"),
                uploaded=_str(raw.get("uploaded", ""), f"[tracks.{lang}] uploaded"),
                draft=_bool(raw.get("draft", False), f"[tracks.{lang}] draft"),
                verified=_bool(raw.get("verified", False), f"[tracks.{lang}] verified"),
                allow_incomplete=_bool(
                    raw.get("allow_incomplete", False), f"[tracks.{lang}] allow_incomplete"
                ),
            )
        quota = data.get("quota", {})
        if not isinstance(quota, dict):
            raise ValueError("[quota] must be a table")
        for day, units in quota.items():
            if not isinstance(units, int) or isinstance(units, bool) or units < 0:
                raise ValueError(f"[quota] {day}: expected a number of units")
            ledger.quota[day] = units
        meta = data.get("meta", {})
        if not isinstance(meta, dict):
            raise ValueError("[meta] must be a table")
        ledger.meta_sha256 = _str(meta.get("sha256", ""), "[meta] sha256")
        ledger.meta_updated = _str(meta.get("updated", ""), "[meta] updated")
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: not valid TOML: {exc}") from None
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    return ledger


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _q(text: str) -> str:
    """A TOML basic string: quotes, backslashes and every control character escaped (TOML,
    unlike JSON, also forbids DEL, U+007F, raw)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _b(value: bool) -> str:
    return "true" if value else "false"


def render(ledger: Ledger) -> str:
    """The ledger as TOML, in a fixed order (languages and days sorted) for clean diffs."""
    out = [_HEADER, f"video_id = {_q(ledger.video_id)}\n"]
    if ledger.meta_sha256:
        out.append(f"\n[meta]\nsha256 = {_q(ledger.meta_sha256)}\n")
        out.append(f"updated = {_q(ledger.meta_updated)}\n")
    for lang in sorted(ledger.tracks):
        e = ledger.tracks[lang]
        out.append(
            f"\n[tracks.{_q(lang)}]\n"
            f"caption_id = {_q(e.caption_id)}\n"
            f"language = {_q(e.language)}\n"
            f"name = {_q(e.name)}\n"
            f"sha256 = {_q(e.sha256)}\n"
            f"uploaded = {_q(e.uploaded)}\n"
            f"draft = {_b(e.draft)}\n"
            f"verified = {_b(e.verified)}\n"
            f"allow_incomplete = {_b(e.allow_incomplete)}\n"
        )
    days = sorted(ledger.quota)[-KEEP_DAYS:]
    if days:
        out.append("\n[quota]  # units spent per Pacific day (YouTube resets at midnight there)\n")
        out.extend(f"{_q(day)} = {ledger.quota[day]}\n" for day in days)
    return "".join(out)


class LedgerFile:
    """A ledger on disk, read once and written back entry by entry (compare before replace)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen = self._read_text()
        self.ledger = parse(self._seen, str(path)) if self._seen else Ledger()

    def _read_text(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{self.path}: cannot read: {exc}") from None

    def save(self, ledger: Ledger) -> None:
        """Write `ledger` atomically, unless someone changed the file since msm read it."""
        if self._read_text() != self._seen:
            raise MsmError(
                f"{self.path}: changed while msm publish ran; nothing more was written to it. "
                "Rerun `msm publish`: it lists the video's tracks again and resumes."
            )
        text = render(ledger)
        atomic_write_text(self.path, text)
        self._seen = text
        self.ledger = ledger


def spent(ledgers: list[Ledger], day: str) -> int:
    """Units every ledger recorded for `day` (one Pacific date)."""
    return sum(ledger.quota.get(day, 0) for ledger in ledgers)
