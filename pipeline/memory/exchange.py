"""`msm memory export` and `msm memory import`: the project's memory as TMX, and TMX into it.

An import is a merge into the memory folder, one file per language (`<lang>.tmx`): a unit
already there (same source and translation) gains the origins it lacked, a new one is
appended; nothing is ever removed or reordered, so a file's history in git shows the adds.
A file of the folder that holds something msm cannot write back (another language, a unit
without source text) is never rewritten: the import into it is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.fsutil import read_bytes
from pipeline.memory.model import Unit
from pipeline.memory.settings import MemorySettings
from pipeline.memory.store import load_memory
from pipeline.memory.tmx import MAX_TMX_BYTES, LangMap, our_language, read_tmx, writable, write_tmx
from pipeline.plan import FileChange
from pipeline.project import Project
from pipeline.safewrite import read_seen


@dataclass
class Export:
    """The TMX text of an export, and what it had to leave out."""

    text: str
    units: int
    left_out: list[Unit] = field(default_factory=list)


def export_memory(project: Project, langs: Iterable[str], settings: MemorySettings) -> Export:
    """Every unit of the memory of each language, as one TMX document."""
    units: list[Unit] = []
    left_out: list[Unit] = []
    for lang in langs:
        for unit in load_memory(project, lang, settings).units:
            if all(writable(t) for t in (unit.source, unit.target, unit.note, *unit.origins)):
                units.append(unit)
            else:
                left_out.append(unit)
    text = write_tmx(units, project.settings.source_language)
    return Export(text, len(units), left_out)


@dataclass
class ImportPlan:
    """What an import adds, per file of the memory folder, and what it left out."""

    changes: list[FileChange] = field(default_factory=list)
    added: list[Unit] = field(default_factory=list)
    updated: int = 0  # units already there that gained an origin or a note
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)


def plan_import(
    project: Project,
    file: Path,
    settings: MemorySettings,
    lang_map: LangMap = our_language,
) -> ImportPlan:
    """Merge the units of TMX `file` into the memory folder; change nothing on disk."""
    source_lang = project.settings.source_language
    read = read_tmx(read_bytes(file, MAX_TMX_BYTES), str(file), source_lang, lang_map, file.name)
    plan = ImportPlan(notes=read.notes())
    targets = set(project.settings.target_languages)
    by_lang: dict[str, list[Unit]] = {}
    foreign = 0
    for unit in read.units:
        if unit.lang not in targets:
            foreign += 1
            continue
        by_lang.setdefault(unit.lang, []).append(unit)
    if foreign:
        plan.notes.append(
            f"{foreign} translation(s) left out: not a target language of the project"
        )
    folder = project.root / settings.path
    for lang in sorted(by_lang):
        _merge_file(project, folder / f"{lang}.tmx", by_lang[lang], source_lang, plan)
    return plan


def _merge_file(
    project: Project, path: Path, incoming: list[Unit], source_lang: str, plan: ImportPlan
) -> None:
    shown = path.relative_to(project.root).as_posix()
    data, seen = read_seen(path)
    held: list[Unit] = []
    old: str | None = None
    if data is not None:
        if len(data) > MAX_TMX_BYTES:
            read_bytes(path, MAX_TMX_BYTES)  # raises the usual "too large" error
        old = data.decode("utf-8", "replace")
        current = read_tmx(data, shown, source_lang)
        if current.skipped:
            raise InputError(
                f"{shown}: holds translations msm cannot write back "
                f"({'; '.join(current.notes())}); nothing imported into it — keep that file "
                "as it is and import into a folder of its own"
            )
        held = current.units
    pairs = {(u.lang, u.source, u.target): u for u in held}
    added = 0
    for unit in incoming:
        if not all(writable(t) for t in (unit.source, unit.target, unit.note, *unit.origins)):
            plan.notes.append(f"{shown}: a translation XML cannot hold was left out")
            continue
        there = pairs.get((unit.lang, unit.source, unit.target))
        if there is None:
            copy = Unit(unit.source, unit.target, unit.lang, list(unit.origins), unit.note)
            pairs[(unit.lang, unit.source, unit.target)] = copy
            held.append(copy)
            plan.added.append(copy)
            added += 1
            continue
        gained = [o for o in unit.origins if o not in there.origins]
        note = unit.note if unit.note and not there.note else ""
        if gained or note:
            there.origins.extend(gained)
            there.note = there.note or note
            plan.updated += 1
        else:
            plan.unchanged += 1
    new = write_tmx(held, source_lang)
    if new != old:
        summary = f"{added} added" if old is not None else f"{added} translation(s)"
        plan.changes.append(FileChange(path, new, old, summary, seen))
