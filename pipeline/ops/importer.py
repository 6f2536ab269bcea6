"""`msm import`: bring a translator's SRT or WebVTT back into the PO, aligned by time.

Nothing of the translator's is lost and no English replaces a translation: a file that is mostly
the source text is refused (`force` overrides); a cue identical to its source text never replaces
an existing translation (each such entry is reported); a merged cue lands on every source cue it
covers and a split cue is joined, both fuzzy with a note; a cue that overlaps no source cue is
reported by number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polib

from pipeline.errors import Diagnostic, InputError, RefusedImportError
from pipeline.ops.source import Source, catalog_text, load_source
from pipeline.plan import FileChange
from pipeline.project import Project, Video
from pipeline.tracks.align import Placement, align
from pipeline.tracks.build import clean_translation
from pipeline.tracks.merge import merge
from pipeline.tracks.model import Cue, ReadResult, format_timestamp
from pipeline.tracks.po_charset import read_po_seen
from pipeline.tracks.po_io import HeaderInfo, Key, key_of, parse_po, po_date
from pipeline.tracks.srt_io import read_srt
from pipeline.tracks.vtt_io import read_vtt

_IMPORT_NOTE = re.compile(r"^(imported from |previous translation: |import: ).*$", re.MULTILINE)

# A file in which more than this share of the placed cues equals its source cue is taken for the
# untranslated source track and refused (unless forced): importing it would only write English.
IDENTICAL_LIMIT = 0.5
SAME_AS_SOURCE = "identical to the source text"


@dataclass
class ImportReport:
    """What the import did, entry by entry, and what it could not place."""

    changed: list[str] = field(default_factory=list)  # msgids whose translation changed
    unchanged: int = 0
    unplaced: list[Cue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # merges, splits, conflicts, source text
    untranslated: list[int] = field(default_factory=list)  # source positions left without text
    warnings: list[Diagnostic] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # msgids whose protected translation stayed
    source_text: list[int] = field(default_factory=list)  # positions whose cue is the source text
    kept_source: list[str] = field(default_factory=list)  # msgids not replaced by source text
    not_imported: list[int] = field(default_factory=list)  # positions whose text cannot be used
    entries: int = 0  # entries of the catalogue (every key of the source track)
    offered: int = 0  # entries the file has a text for

    def summary(self) -> str:
        """One line counting every entry of the catalogue."""
        kept = len(self.kept) + len(self.kept_source)
        return (
            f"{len(self.changed)} entries changed, {self.unchanged} unchanged, "
            f"{kept} kept their translation, {len(self.not_imported)} not importable "
            f"({self.offered} of {self.entries} entries in the file); "
            f"{len(self.unplaced)} cues not placed, "
            f"{len(self.untranslated)} source cues still untranslated"
        )


@dataclass
class ImportPlan:
    """The PO change (if any) and the report."""

    change: FileChange | None
    report: ImportReport


@dataclass
class _Proposal:
    """The text the file gives one entry, the note for the reviewer, and its source cues."""

    text: str
    note: str
    positions: list[int]


def read_translation(file: Path, lang: str) -> ReadResult:
    """The translator's cues from an `.srt` or `.vtt` file."""
    suffix = file.suffix.lower()
    if suffix == ".srt":
        return read_srt(file, lang)
    if suffix == ".vtt":
        return read_vtt(file, lang)
    raise InputError(f"{file}: expected an .srt or .vtt file")


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
    force: bool = False,
) -> ImportPlan:
    """Align `file`'s cues to the source and compute the new PO; change nothing on disk.

    `origin` names where the text came from in the entries' comments (default: the file name).
    With `protect`, an entry that already has a different translation for which
    `protect(entry)` is true is left as it is and listed in `report.kept` (`msm pull` uses
    this so that a remote track never overwrites local work). A file in which more than
    half of the placed cues equal their source cue raises RefusedImportError unless `force`.
    """
    source = load_source(project, video)
    theirs = read_translation(file, lang)
    report = ImportReport(warnings=[*source.warnings, *theirs.warnings])
    alignment = align(source.cues, theirs.cues)
    report.unplaced = alignment.unplaced
    _refuse_source_text(source, alignment.placements, file, force, report)
    proposals = _proposals(source, alignment.placements, report)

    path = source.files.po(lang)
    old_text, seen = read_po_seen(path)
    old = parse_po(old_text, str(path)) if old_text is not None else None
    entries, _ = merge(source.template_entries(), old or [])
    by_key = {key_of(e): e for e in entries if not e.obsolete}
    report.entries = len(set(source.keys))
    report.offered = len(proposals) + len(
        {source.keys[p - 1] for p in report.not_imported} - set(proposals)
    )
    stamp = f"imported from {origin or file.name} on {moment.date().isoformat()}"
    for key, proposal in proposals.items():
        entry = by_key[key]
        text, note = proposal.text, proposal.note
        if entry.msgstr == text and (not entry.fuzzy or not note):
            report.unchanged += 1
            continue
        if protect is not None and entry.msgstr and protect(entry):
            report.kept.append(key[1])
            continue
        if _same(text, key[1]):
            where = _cues(proposal.positions)
            if entry.msgstr.strip() and not _same(entry.msgstr, key[1]):
                shown = entry.msgstr.replace("\n", " / ")
                report.notes.append(
                    f"{where}: the file has the source text; kept the translation {shown!r}"
                )
                report.kept_source.append(key[1])
                continue
            report.notes.append(f"{where}: {SAME_AS_SOURCE}; imported as fuzzy for review")
            note = _join(note, SAME_AS_SOURCE)
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


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same(text: str, source: str) -> bool:
    """Whether a translation is the source text (ignoring line breaks, spacing and case)."""
    return _normal(text) == _normal(source)


def _cues(positions: list[int]) -> str:
    return ("cue " if len(positions) == 1 else "cues ") + ", ".join(str(p) for p in positions)


def _refuse_source_text(
    source: Source,
    placements: dict[int, Placement],
    file: Path,
    force: bool,
    report: ImportReport,
) -> None:
    """Refuse a file that is mostly the source text, unless forced (then warn)."""
    same = [p for p, pl in placements.items() if _same(pl.text, source.cues[p - 1].text)]
    report.source_text = same
    if not placements or len(same) <= IDENTICAL_LIMIT * len(placements):
        return
    message = (
        f"{file}: {len(same)} of {len(placements)} placed cues are {SAME_AS_SOURCE}: "
        "this looks like the untranslated source track"
    )
    if not force:
        raise RefusedImportError(
            f"{message}; nothing imported. Import a translated file, or pass --force to "
            "import it anyway (a translation already in the PO is never replaced by its "
            "source text)"
        )
    report.warnings.append(Diagnostic(str(file), None, "warning", message, "import-source"))


def _proposals(
    source: Source, placements: dict[int, Placement], report: ImportReport
) -> dict[Key, _Proposal]:
    """For each entry key: the imported text, a note for the reviewer ('' when plain)."""
    by_key: dict[Key, list[tuple[int, str, str]]] = {}
    for position, placement in sorted(placements.items()):
        text, problem = clean_translation(placement.text)
        cue = source.cues[position - 1]
        numbers = ", ".join(str(s.number) for s in placement.shares)
        if problem:
            shown = placement.text.replace("\n", " / ")
            report.notes.append(
                f"cue {position}: the translator's cue {numbers} {problem}; not imported: {shown}"
            )
            report.not_imported.append(position)
            continue
        note = _shape_note(placement)
        if placement.also_covers:
            spans = ", ".join(str(p) for p in sorted(set(placement.also_covers)))
            note = _join(note, f"the translator's cue also covers source cue(s) {spans}")
        if note:
            report.notes.append(f"cue {position} ({format_timestamp(cue.start)}): {note}")
        by_key.setdefault(source.keys[position - 1], []).append((position, text, note))
    proposals: dict[Key, _Proposal] = {}
    for key, items in by_key.items():
        first_position, text, note = items[0]
        positions = [p for p, _, _ in items]
        others = {t for _, t, _ in items[1:] if t != text}
        if others:
            alternatives = " | ".join(sorted(others))
            conflict = (
                f"cues {', '.join(str(p) for p in positions)} share this source text "
                f"but were translated differently; other version(s): {alternatives}"
            )
            report.notes.append(f"cue {first_position}: {conflict}")
            note = _join(note, conflict)
        proposals[key] = _Proposal(text, note, positions)
    return proposals


def _shape_note(placement: Placement) -> str:
    """Say how the translator's cues map onto this source cue, when not one to one."""
    notes = []
    if len(placement.shares) > 1:
        numbers = ", ".join(str(s.number) for s in placement.shares)
        notes.append(
            f"joined from {len(placement.shares)} cues of the translator's file "
            f"(their cues {numbers}); check the line breaks"
        )
    for share in placement.shares:
        if len(share.covers) > 1:
            covered = ", ".join(str(p) for p in share.covers)
            how = (
                f"line {share.line} of it placed here"
                if share.line
                else "its whole text placed on each"
            )
            notes.append(
                f"merged from {len(share.covers)} source cues in the import: the "
                f"translator's cue {share.number} covers source cues {covered}; {how}"
            )
    return "; ".join(notes)


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
