"""Bring pulled tracks into `subtitles/<slug>/` without ever overwriting local work.

Where each track goes:

- the human source track becomes `en.srt`;
- a human translation goes into `<lang>.po` through the same time alignment as `msm import`
  (the PO is created first with the update operation when it does not exist yet);
- a machine track (only with --auto-captions) is saved as `auto/<lang>.srt`, and a machine
  translation also fills the PO's *empty* entries, marked fuzzy, with a comment saying so.

When local work differs:

- an SRT file (`en.srt`, `auto/<lang>.srt`) that differs from the remote track is left alone
  and the remote track is saved beside it as `<name>.remote.srt` (a conflict); it is replaced
  only when it is still exactly what the previous pull wrote (nobody edited it since);
- a PO entry that already has a non-empty translation (fuzzy or not) different from the remote
  text is left alone; the whole remote track is saved beside the PO as `<lang>.remote.srt` and
  the entries are counted as conflicts. Empty entries are filled. The one exception: a fuzzy
  machine draft that `msm pull` itself put there gives way to a human track (its text stays in
  the entry's comment as "previous translation").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import polib

from pipeline.errors import MsmError
from pipeline.fetch.state import digest
from pipeline.fsutil import atomic_write_text
from pipeline.ops.importer import plan_import
from pipeline.ops.update import plan_update
from pipeline.plan import apply
from pipeline.project import Project, Video
from pipeline.safewrite import read_text_seen, replace_if_unchanged
from pipeline.store import VideoFiles, video_files
from pipeline.tracks.srt_io import compose_srt, parse_srt

Status = Literal["imported", "updated", "unchanged", "conflict", "waiting", "failed"]
AUTO_FOLDER = "auto"
REMOTE_SUFFIX = ".remote.srt"
MACHINE_MARK = "YouTube machine captions"


@dataclass(frozen=True)
class Outcome:
    """What importing one track did."""

    status: Status
    detail: str = ""
    written: Path | None = None  # the file written (the .remote.srt one on a conflict)


def remote_path(path: Path) -> Path:
    """Where the remote version of `path` is saved on a conflict: `en.srt` → `en.remote.srt`."""
    return path.with_name(path.name.removesuffix(".srt") + REMOTE_SUFFIX)


def auto_path(files: VideoFiles, lang: str) -> Path:
    """The machine draft of `lang`: `subtitles/<slug>/auto/<lang>.srt`."""
    return files.folder / AUTO_FOLDER / f"{lang}.srt"


def _normalised(text: str | None, where: str) -> str | None:
    """The SRT as we would write it (None when it cannot be read): compares cues, not bytes."""
    if text is None:
        return None
    try:
        return compose_srt(parse_srt(text, where).cues)
    except MsmError:
        return None


def place_srt(path: Path, remote: str, base: str) -> Outcome:
    """Write `remote` (a composed SRT) to `path` unless that would overwrite someone's work.

    `base` is the digest of what the previous pull brought for this track ('' if none): a
    local file still equal to it was not edited, so it follows the remote track.
    """
    try:
        local_text, seen = read_text_seen(path)
        if local_text is None:
            replace_if_unchanged(path, remote.encode("utf-8"), seen)
            return Outcome("imported", "", path)
        local = _normalised(local_text, str(path))
        if local == remote:
            return Outcome("unchanged")
        if local is not None and base and digest(local) == base:
            replace_if_unchanged(path, remote.encode("utf-8"), seen)
            return Outcome("updated", "followed the remote track (no local edits)", path)
    except MsmError as exc:  # changed meanwhile, read-only, unreadable: left as it is
        return Outcome("failed", str(exc).splitlines()[0])
    beside = remote_path(path)
    atomic_write_text(beside, remote)
    why = "cannot be read" if local is None else "differs from the remote track"
    return Outcome("conflict", f"{path.name} {why}; remote saved as {beside.name}", beside)


def import_source(project: Project, video: Video, remote: str, base: str) -> Outcome:
    """The human source track → `en.srt`."""
    files = video_files(project, video)
    return place_srt(files.source_srt, remote, base)


def save_draft(project: Project, video: Video, lang: str, remote: str, base: str) -> Outcome:
    """A machine track → `auto/<lang>.srt`."""
    return place_srt(auto_path(video_files(project, video), lang), remote, base)


def _is_machine_draft(entry: polib.POEntry) -> bool:
    return bool(entry.fuzzy and MACHINE_MARK in (entry.tcomment or ""))


def import_translation(
    project: Project,
    video: Video,
    lang: str,
    srt: Path,
    key: str,
    moment: datetime,
    machine: bool,
) -> Outcome:
    """A translation track (human, or a machine draft) → `<lang>.po`, protecting local work."""
    files = video_files(project, video)
    if not files.source_srt.is_file():
        return Outcome("waiting", f"no {files.source_srt.name} yet; imported once it exists")
    try:
        if not files.po(lang).is_file():
            update = plan_update(project, [video], [lang], moment)
            if update.errors:
                return Outcome("failed", str(update.errors[0]))
            apply(update.changes)
        if machine:
            origin = f"{MACHINE_MARK} {key!r} (machine translation, not reviewed)"
            protect = _always
        else:
            origin = f"YouTube track {key!r}"
            protect = _not_machine_draft
        plan = plan_import(
            project, video, lang, srt, moment, reviewed=not machine, origin=origin, protect=protect
        )
        report = plan.report
        if plan.change is not None:
            apply([plan.change])  # refused when the PO changed since it was read
    except MsmError as exc:
        return Outcome("failed", str(exc).splitlines()[0])
    extra = []
    if report.unplaced:
        extra.append(f"{len(report.unplaced)} cue(s) overlap no source cue")
    extra.extend(w.message for w in report.warnings if w.severity == "warning")
    tail = "; ".join(extra)
    if report.kept and not machine:
        beside = remote_path(files.po(lang).with_suffix(".srt"))
        atomic_write_text(beside, srt.read_text(encoding="utf-8"))
        kept = len(report.kept)
        detail = (
            f"{kept} {'entry differs' if kept == 1 else 'entries differ'} from "
            f"{files.po(lang).name}; remote saved as {beside.name}"
        )
        if report.changed:
            detail += f"; {len(report.changed)} empty entries filled"
        return Outcome("conflict", "; ".join(filter(None, [detail, tail])), beside)
    if report.changed:
        what = "fuzzy machine drafts" if machine else "entries"
        detail = f"{len(report.changed)} {what}"
        if report.kept:
            detail += f"; {len(report.kept)} translated entries kept"
        return Outcome("imported", "; ".join(filter(None, [detail, tail])), files.po(lang))
    return Outcome("unchanged", tail)


def _always(entry: polib.POEntry) -> bool:
    """A machine draft never replaces a translation, whoever wrote it."""
    return True


def _not_machine_draft(entry: polib.POEntry) -> bool:
    """A human track replaces only an unreviewed machine draft that pull put there."""
    return not _is_machine_draft(entry)


def pending_conflicts(project: Project, video: Video) -> list[Path]:
    """Remote versions saved beside local files that nobody has resolved (deleted) yet."""
    files = video_files(project, video)
    found = sorted(files.folder.glob(f"*{REMOTE_SUFFIX}"))
    found += sorted((files.folder / AUTO_FOLDER).glob(f"*{REMOTE_SUFFIX}"))
    return found
