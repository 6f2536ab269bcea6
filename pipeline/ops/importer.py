"""`msm import`: bring a translator's SRT back into the PO, cue by cue, aligned by time."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polib

from pipeline.errors import Diagnostic, InputError
from pipeline.ops.source import Source, catalog_text, load_source
from pipeline.plan import FileChange
from pipeline.project import Project, Video
from pipeline.safewrite import read_text_seen
from pipeline.tracks.align import Placement, align
from pipeline.tracks.build import clean_translation
from pipeline.tracks.merge import merge
from pipeline.tracks.model import Cue, format_timestamp
from pipeline.tracks.po_io import HeaderInfo, Key, key_of, parse_po, po_date
from pipeline.tracks.srt_io import read_srt

_IMPORT_NOTE = re.compile(r"^(imported from |previous translation: |import: ).*$", re.MULTILINE)


@dataclass
class ImportReport:
    """What the import did, entry by entry, and what it could not place."""

    changed: list[str] = field(default_factory=list)  # msgids whose translation changed
    unchanged: int = 0
    unplaced: list[Cue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # joins, spans, conflicts
    untranslated: list[int] = field(default_factory=list)  # source positions left without text
    warnings: list[Diagnostic] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # msgids whose protected translation stayed


@dataclass
class ImportPlan:
    """The PO change (if any) and the report."""

    change: FileChange | None
    report: ImportReport


def plan_import(
    project: Project,
    video: Video,
    lang: str,
    file: Path,
    moment: datetime,
    reviewed: bool = False,
    *,
    origin: str | None = None,
    protect: Callable[[polib.POEntry], bool] | None = None,
) -> ImportPlan:
    """Align `file`'s cues to the source and compute the new PO; change nothing on disk.

    `origin` names where the text came from in the entries' comments (default: the file name).
    With `protect`, an entry that already has a different translation for which
    `protect(entry)` is true is left as it is and listed in `report.kept` (`msm pull` uses
    this so that a remote track never overwrites local work).
    """
    source = load_source(project, video)
    if file.suffix.lower() not in (".srt",):
        raise InputError(f"{file}: expected an .srt file")
    theirs = read_srt(file, lang)
    report = ImportReport(warnings=[*source.warnings, *theirs.warnings])
    alignment = align(source.cues, theirs.cues)
    report.unplaced = alignment.unplaced
    proposals = _proposals(source, alignment.placements, report)
    _warn_if_source_language(source, proposals, file, report)

    path = source.files.po(lang)
    old_text, seen = read_text_seen(path)
    old = parse_po(old_text, str(path)) if old_text is not None else None
    entries, _ = merge(source.template_entries(), old or [])
    by_key = {key_of(e): e for e in entries if not e.obsolete}
    stamp = f"imported from {origin or file.name} on {moment.date().isoformat()}"
    for key, (text, note) in proposals.items():
        entry = by_key[key]
        if entry.msgstr == text and (not entry.fuzzy or not note):
            report.unchanged += 1
            continue
        if protect is not None and entry.msgstr and protect(entry):
            report.kept.append(key[1])
            continue
        _apply(entry, text, note, stamp, reviewed)
        report.changed.append(key[1])
    report.untranslated = [
        i for i, key in enumerate(source.keys, start=1) if not by_key[key].msgstr
    ]
    if not report.changed:
        return ImportPlan(None, report)
    created = old.metadata.get("POT-Creation-Date", "") if old is not None else ""
    info = HeaderInfo(source.title, created or po_date(moment), po_date(moment))
    if old is not None:
        old.metadata["PO-Revision-Date"] = po_date(moment)  # the translations did change
    new_text = catalog_text(source, lang, entries, info, old)
    summary = f"{len(report.changed)} entries imported"
    return ImportPlan(FileChange(path, new_text, old_text, summary, seen), report)


def _proposals(
    source: Source, placements: dict[int, Placement], report: ImportReport
) -> dict[Key, tuple[str, str]]:
    """For each entry key: the imported text and a note for the reviewer ('' when plain)."""
    by_key: dict[Key, list[tuple[int, str, str]]] = {}
    for position, placement in sorted(placements.items()):
        text, problem = clean_translation(placement.text)
        cue = source.cues[position - 1]
        if problem:
            report.notes.append(f"cue {position}: {problem}; not imported")
            continue
        note = ""
        if len(placement.pieces) > 1:
            note = f"joined from {len(placement.pieces)} cues of the translator's file"
        if placement.also_covers:
            spans = ", ".join(str(p) for p in sorted(set(placement.also_covers)))
            note = _join(note, f"the translator's cue also covers source cue(s) {spans}")
        if note:
            report.notes.append(f"cue {position} ({format_timestamp(cue.start)}): {note}")
        by_key.setdefault(source.keys[position - 1], []).append((position, text, note))
    proposals: dict[Key, tuple[str, str]] = {}
    for key, items in by_key.items():
        first_position, text, note = items[0]
        others = {t for _, t, _ in items[1:] if t != text}
        if others:
            alternatives = " | ".join(sorted(others))
            conflict = (
                f"cues {', '.join(str(p) for p, _, _ in items)} share this source text "
                f"but were translated differently; other version(s): {alternatives}"
            )
            report.notes.append(f"cue {first_position}: {conflict}")
            note = _join(note, conflict)
        proposals[key] = (text, note)
    return proposals


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


def _apply(entry: polib.POEntry, text: str, note: str, stamp: str, reviewed: bool) -> None:
    """Set the imported translation, keeping the old one in a comment and marking for review."""
    kept = _IMPORT_NOTE.sub("", entry.tcomment or "").strip("\n")
    lines = [line for line in kept.split("\n") if line.strip()]
    lines.append(stamp)
    if entry.msgstr and entry.msgstr != text:
        lines.append("previous translation: " + entry.msgstr.replace("\n", " / "))
    if note:
        lines.append("import: " + note)
    entry.tcomment = "\n".join(lines)
    entry.msgstr = text
    entry.previous_msgid = None
    entry.previous_msgctxt = None
    if reviewed and not note:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    elif "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")


def _warn_if_source_language(
    source: Source, proposals: dict[Key, tuple[str, str]], file: Path, report: ImportReport
) -> None:
    same = sum(1 for key, (text, _) in proposals.items() if text == key[1])
    if proposals and same >= 0.8 * len(proposals):
        report.warnings.append(
            Diagnostic(
                str(file),
                None,
                "warning",
                f"{same} of {len(proposals)} imported cues are identical to the source text: "
                "is this the untranslated source track?",
                "import-source",
            )
        )
