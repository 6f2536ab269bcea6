"""`msm update`: refresh each video's PO template and every language's catalogue from `en.srt`.

A catalogue is changed only where its entries change (po_layout.py): one whose entries are the
same is not written at all, whichever tool wrote it; otherwise the unchanged entries keep their
bytes, the header keeps its fields and wrapping, and only `POT-Creation-Date` is set to the
template's, as msgmerge does. docs/translators.md: "The PO format".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from pipeline.errors import Diagnostic, MsmError
from pipeline.memory.settings import MemorySettings, memory_settings
from pipeline.ops.source import Source, catalog_text, load_source
from pipeline.plan import FileChange
from pipeline.project import Project, Video
from pipeline.safewrite import Seen
from pipeline.tracks.cue_notes import settled
from pipeline.tracks.merge import MergeStats, merge
from pipeline.tracks.po_charset import read_po_seen
from pipeline.tracks.po_io import HeaderInfo, Key, key_of, parse_po, po_date, without_volatile

if TYPE_CHECKING:
    from pipeline.memory.store import Memory
from pipeline.tracks.po_layout import compose, set_header_field


@dataclass
class TrackUpdate:
    """What `update` found for one language of one video."""

    slug: str
    lang: str
    stats: MergeStats


@dataclass
class UpdatePlan:
    """The file changes to make, what each language gains, and the problems met."""

    changes: list[FileChange] = field(default_factory=list)
    tracks: list[TrackUpdate] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[MsmError] = field(default_factory=list)


@dataclass
class _Memories:
    """Each language's translation memory, built the first time an entry needs it."""

    project: Project
    settings: MemorySettings
    plan: UpdatePlan
    save: bool = True  # write the memory's cache (not in dry runs and checks)
    loaded: dict[str, Memory] = field(default_factory=dict)

    def fill(self, entries: list[polib.POEntry], new: set[Key], lang: str, slug: str) -> int:
        """Fill the new entries (keys in `new`) of one catalogue; how many were filled."""
        if not self.settings.fill or not new:
            return 0
        from pipeline.memory.fill import fill
        from pipeline.memory.store import load_memory, po_origin

        memory = self.loaded.get(lang)
        if memory is None:
            memory = self.loaded[lang] = load_memory(
                self.project, lang, self.settings, save=self.save
            )
            # problems of catalogues are update's own errors; a TMX file's are news
            self.plan.warnings.extend(p for p in memory.problems if p.code == "tmx")
        chosen = [e for e in entries if key_of(e) in new]
        return fill(chosen, memory, self.settings, po_origin(slug, lang)).total


def plan_update(
    project: Project,
    videos: list[Video],
    langs: list[str],
    moment: datetime,
    save_cache: bool = True,
) -> UpdatePlan:
    """Compute the template and PO files each video needs; change no file of the project
    (with `save_cache`, the memory's cache in .msm-cache may be written).

    New entries are filled from the translation memory (`[memory]` settings, pipeline/memory).
    """
    plan = UpdatePlan()
    settings = memory_settings(project.settings.raw.get("memory"))
    memories = _Memories(project, settings, plan, save_cache)
    for video in videos:
        try:
            source = load_source(project, video)
            plan.warnings.extend(source.warnings)
            _plan_video(project, source, langs, moment, plan, memories)
        except MsmError as exc:
            plan.errors.append(exc)
    return plan


def _plan_video(
    project: Project,
    source: Source,
    langs: list[str],
    moment: datetime,
    plan: UpdatePlan,
    memories: _Memories,
) -> None:
    files = source.files
    template_entries = source.template_entries()
    old_template, template_seen = read_po_seen(files.template)
    _settle_notes(template_entries, old_template)
    created = _unchanged_date(source, old_template, template_entries) or po_date(moment)
    info = HeaderInfo(project=source.title, created=created, revised=po_date(moment))
    template = catalog_text(source, None, template_entries, info)
    _propose(plan, files.template, template, old_template, "template", template_seen)
    for lang in langs:
        try:
            _plan_language(source, lang, template_entries, created, info, plan, memories)
        except MsmError as exc:  # that catalogue only: the other languages are still updated
            plan.errors.append(exc)


def _plan_language(
    source: Source,
    lang: str,
    template_entries: list[polib.POEntry],
    created: str,
    info: HeaderInfo,
    plan: UpdatePlan,
    memories: _Memories,
) -> None:
    """The change one language's catalogue needs (none when it is up to date)."""
    path = source.files.po(lang)
    old_text, seen = read_po_seen(path)
    old = parse_po(old_text, str(path)) if old_text is not None else None
    entries, stats = merge(template_entries, old or [])
    had = {key_of(e) for e in old or [] if not e.obsolete}
    new = {key_of(e) for e in entries if not e.obsolete and key_of(e) not in had}
    stats.memory = memories.fill(entries, new, lang, source.video.slug)
    stats.new -= stats.memory
    text = None
    if old_text is not None and old is not None:
        text = compose(old_text, old, entries)
        if text is not None and text != old_text:
            # msgmerge's way: a catalogue records the template it was last merged with
            text = set_header_field(text, "POT-Creation-Date", created)
    if text is None:  # a new catalogue, or a layout we cannot follow: rendered whole
        text = catalog_text(source, lang, entries, info, old)
    _propose(plan, path, text, old_text, str(stats), seen)
    plan.tracks.append(TrackUpdate(source.video.slug, lang, stats))


def _settle_notes(entries: list[polib.POEntry], old_text: str | None) -> None:
    """Keep the old template's `#.` notes where they still hold (durations moved by a few
    milliseconds), so re-timing the source does not rewrite the template either."""
    if old_text is None:
        return
    try:
        old = {key_of(e): e for e in parse_po(old_text, "template") if not e.obsolete}
    except MsmError:
        return  # rewritten whole
    for entry in entries:
        before = old.get(key_of(entry))
        if before is not None:
            entry.comment = settled(entry.comment, before.comment)


def _unchanged_date(
    source: Source, old_text: str | None, entries: list[polib.POEntry]
) -> str | None:
    """The old template's creation date when its entries are unchanged, so files do not churn."""
    if old_text is None:
        return None
    try:
        old = parse_po(old_text, "template")
    except MsmError:
        return None
    created = old.metadata.get("POT-Creation-Date")
    if not created:
        return None
    info = HeaderInfo(project=source.title, created=created, revised="")
    again = catalog_text(source, None, entries, info)
    return created if without_volatile(again) == without_volatile(old_text) else None


def _propose(
    plan: UpdatePlan, path: Path, new: str, old: str | None, summary: str, seen: Seen
) -> None:
    if old is not None and without_volatile(old) == without_volatile(new):
        return
    plan.changes.append(FileChange(path, new, old, summary, seen))
