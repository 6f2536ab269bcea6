"""Sort a video's caption tracks, as yt-dlp lists them, into what we keep and what we do not.

yt-dlp gives two maps from a caption key to its formats: `subtitles` (uploaded by people) and
`automatic_captions` (made by machines). On YouTube the automatic map holds three kinds of key:
`en-orig` is the speech recognition of the audio (also listed again as plain `en`), `eu-en` is a
machine translation of the human `en` track into Basque, and a plain `eu` is a machine
translation of the speech recognition. None of them may ever pass for a human track.

Language codes go through the registry (`pipeline.languages`): YouTube's codes differ from ours
(`pt` for pt-PT, `nl-BE` for Flemish), and a code it does not know is not one of our languages.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, Literal

from pipeline import languages

Kind = Literal["human", "speech", "machine"]
Role = Literal["source", "translation", "draft"]

# Formats we can read, best first. YouTube also offers json3 and ttml, which we do not read.
FORMAT_PREFERENCE = ("vtt", "srt", "srv3", "srv2", "srv1")
ORIG_SUFFIX = "-orig"

KIND_LABELS: dict[Kind, str] = {
    "human": "human",
    "speech": "speech recognition",
    "machine": "machine translation",
}


@dataclass(frozen=True)
class RemoteTrack:
    """One caption track a video offers, and what we do with it."""

    key: str  # the site's key: 'fr', 'eu-en', 'en-orig'
    kind: Kind
    lang: str | None  # our language code, None when it is not one of ours
    exact: bool  # the key is the language's own YouTube code, not an alias such as `pt`
    origin: str | None  # machine translations: the key translated ('en'), or 'speech'
    fmt: Mapping[str, Any] | None  # the format we would download (yt-dlp's dict), if any
    formats: tuple[str, ...]  # every format the site offers (vtt, srv3, json3, ...)
    role: Role | None  # what it becomes; None when we leave it
    why: str = ""  # why we leave it, or a note on how it was mapped

    @property
    def ext(self) -> str:
        """The extension of the chosen format ('' when none could be chosen)."""
        return str(self.fmt.get("ext", "")) if self.fmt else ""

    @property
    def label(self) -> str:
        """A short description for reports: `fr (human)`, `eu-en (machine translation)`."""
        return f"{self.key} ({KIND_LABELS[self.kind]})"


def classify(
    subtitles: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    automatic: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    source: str,
    targets: Sequence[str],
) -> list[RemoteTrack]:
    """Every track of a video: human ones first, then automatic ones, each with its role.

    Roles: `source` (a human track in the source language: becomes `en.srt`), `translation`
    (a human track in a target language: goes into the PO), `draft` (a machine track in one of
    our languages with no human track: kept apart as a machine draft, only with
    --auto-captions). When several tracks could fill one role in one language, the best is
    kept and the others say why not.
    """
    subtitles = subtitles or {}
    automatic = automatic or {}
    ours = {source, *targets}
    human_keys = list(subtitles)
    tracks: list[RemoteTrack] = []
    for key, formats in subtitles.items():
        tracks.append(_human(key, formats, source, ours))
    for key, formats in automatic.items():
        tracks.append(_automatic(key, formats, automatic, human_keys, source, ours))
    return _pick_best(tracks, source)


def _ext(fmt: Mapping[str, Any]) -> str:
    """A format's extension; before yt-dlp processes an extraction only the URL may say it."""
    ext = fmt.get("ext")
    if ext:
        return str(ext)
    path = urllib.parse.urlparse(str(fmt.get("url") or "")).path
    return PurePosixPath(path).suffix.lstrip(".").lower()


def _formats(
    formats: Sequence[Mapping[str, Any]],
) -> tuple[Mapping[str, Any] | None, tuple[str, ...]]:
    exts = tuple(_ext(f) or "?" for f in formats)
    for wanted in FORMAT_PREFERENCE:
        # yt-dlp lists formats worst first; the last one of an extension is its best.
        for fmt in reversed(formats):
            if _ext(fmt) == wanted and (fmt.get("url") or "data" in fmt):
                return {**fmt, "ext": wanted}, exts
    return None, exts


def _human(
    key: str, formats: Sequence[Mapping[str, Any]], source: str, ours: set[str]
) -> RemoteTrack:
    fmt, exts = _formats(formats)
    match = languages.from_youtube(key)
    lang, exact = (match[0].code, match[1]) if match else (None, False)
    role: Role | None = None
    why = ""
    if lang is None or lang not in ours:
        why = "not a language of this project"
    else:
        role = "source" if lang == source else "translation"
        if not exact:
            why = f"YouTube's {key!r} taken as {lang}"
    return _with_format(RemoteTrack(key, "human", lang, exact, None, fmt, exts, role, why))


def _automatic(
    key: str,
    formats: Sequence[Mapping[str, Any]],
    automatic: Mapping[str, Any],
    human_keys: Sequence[str],
    source: str,
    ours: set[str],
) -> RemoteTrack:
    fmt, exts = _formats(formats)
    kind: Kind = "machine"
    origin: str | None = "speech"
    target = key
    if key.endswith(ORIG_SUFFIX):
        kind, target = "speech", key[: -len(ORIG_SUFFIX)]
    else:
        # `eu-en`: a translation of the human `en` track. Region codes (`pt-PT`) look alike,
        # so only a suffix naming one of this video's human tracks counts as a source.
        for human in sorted(human_keys, key=len, reverse=True):
            if key.endswith("-" + human) and languages.find(key[: -len(human) - 1]):
                target, origin = key[: -len(human) - 1], human
                break
        else:
            if key + ORIG_SUFFIX in automatic:
                kind = "speech"  # YouTube lists the recognised track again without `-orig`
    match = languages.from_youtube(target)
    lang, exact = (match[0].code, match[1]) if match else (None, False)
    role: Role | None = None
    why = ""
    if lang is None or lang not in ours:
        why = "not a language of this project"
    elif kind == "speech" and lang != source:
        why = "speech recognition in a language other than the source"
    elif kind == "machine" and lang == source:
        why = "machine translation into the source language"
    elif kind == "speech" and not key.endswith(ORIG_SUFFIX):
        why = f"the same track as {key}{ORIG_SUFFIX}"
    else:
        role = "draft"
    return _with_format(
        RemoteTrack(
            key, kind, lang, exact, None if kind == "speech" else origin, fmt, exts, role, why
        )
    )


def _with_format(track: RemoteTrack) -> RemoteTrack:
    if track.role is not None and track.fmt is None:
        offered = ", ".join(track.formats) or "none"
        return replace(track, role=None, why=f"no format we can read (offered: {offered})")
    return track


def _rank(track: RemoteTrack, source: str) -> tuple[int, int]:
    """Lower is better: a translation of the human source track beats one of the speech
    recognition; a track under the language's own code beats one under an alias."""
    origin = 0
    if track.kind == "machine" and track.origin == "speech":
        origin = 2
    elif track.kind == "machine" and track.origin is not None:
        translated = languages.find(track.origin)
        origin = 0 if translated is not None and translated.code == source else 1
    return origin, 0 if track.exact else 1


def _pick_best(tracks: list[RemoteTrack], source: str) -> list[RemoteTrack]:
    best: dict[tuple[Role, str], RemoteTrack] = {}
    for track in tracks:
        if track.role is None or track.lang is None:
            continue
        slot = (track.role, track.lang)
        if slot not in best or _rank(track, source) < _rank(best[slot], source):
            best[slot] = track
    human = {lang: track.key for (role, lang), track in best.items() if role != "draft"}
    out = []
    for track in tracks:
        if track.role is not None and track.lang is not None:
            chosen = best[(track.role, track.lang)]
            if chosen is not track:
                track = replace(track, role=None, why=f"{chosen.key} is used for {track.lang}")
            elif track.role == "draft" and track.lang in human:
                # A person's track beats any machine's: no draft where one exists.
                track = replace(track, role=None, why=f"the human track {human[track.lang]} exists")
        out.append(track)
    return out
