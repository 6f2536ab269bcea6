"""Run the checks: read each file once, build the units, call every enabled check once per unit.

The flow is one pass: resolve the PATHs (inputs.py), read each video's source track and its
catalogues, build the units (units.py) and the tracks as they will be shown (translated text,
source timing, exactly as `msm build` makes them), call the checks the registry and the
settings enable for each unit, and turn their Problems into located Findings. Cross-file checks
(consistency) get every catalogue at the end and use dicts, never pairwise loops.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import polib

from pipeline import languages
from pipeline.checks import inputs as inputs_mod
from pipeline.checks.config import ChecksConfig
from pipeline.checks.inputs import FileInput, Inputs, VideoInput, display
from pipeline.checks.model import (
    CatalogUnit,
    CommittedFile,
    EntryUnit,
    Finding,
    Findings,
    ProjectUnit,
    Severity,
    TrackUnit,
)
from pipeline.checks.profiles import resolve as resolve_profile
from pipeline.checks.registry import CheckContext, CheckSpec, Problem, Scope, load_all
from pipeline.checks.units import (
    cue_units,
    numbered,
    po_units,
    positions_by_key,
    source_units,
    timing_from_comments,
)
from pipeline.errors import InputError, MsmError, ProjectError, UsageError
from pipeline.project import CATALOG, Project, find_root
from pipeline.tracks.build import translate_track
from pipeline.tracks.merge import cue_keys, source_entries
from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import Key, parse_po


@dataclass
class CheckReport:
    """The outcome of a run: findings, which checks looked at which file, unreadable inputs."""

    findings: Findings = field(default_factory=Findings)
    ran: dict[str, set[str]] = field(default_factory=dict)  # path → check ids run on it
    errors: list[MsmError] = field(default_factory=list)
    # What the run looked at, for reports that show the text next to the findings (msm status,
    # msm report) without reading or parsing anything a second time.
    tracks: list[TrackUnit] = field(default_factory=list)
    catalogs: list[CatalogUnit] = field(default_factory=list)
    context: CheckContext | None = None  # the run's shared resources (its glossary matcher)

    @property
    def exit_code(self) -> int:
        """2 when an input could not be read, 1 when an unaccepted error was found, else 0."""
        if self.errors:
            return 2
        return 1 if self.findings.errors else 0


def find_project(paths: Sequence[Path], explicit: Path | None, cwd: Path) -> Project | None:
    """The project the PATHs (or the current folder) belong to; None for loose files."""
    if explicit is not None:
        return Project.load(cwd, explicit)
    start = cwd
    if paths:
        first = paths[0].resolve()
        start = first if first.is_dir() else first.parent
    try:
        find_root(start)
    except ProjectError:
        if paths:
            return None
        raise
    return Project.load(start)


class _Dispatch:
    """Which checks run on which kind of unit, computed once per (scope, language, source)."""

    def __init__(self, specs: Iterable[CheckSpec], config: ChecksConfig) -> None:
        self.specs = list(specs)
        self.config = config
        self.cache: dict[tuple[Scope, str, bool], list[CheckSpec]] = {}

    def checks(self, scope: Scope, lang: str, is_source: bool) -> list[CheckSpec]:
        key = (scope, lang, is_source)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = [
                spec
                for spec in self.specs
                if spec.scope == scope
                and (spec.langs is None or lang in spec.langs or scope == "project")
                and (spec.source or not is_source)
                and self.config.enabled(spec.id, lang)
            ]
        return found


class Runner:
    """One run of `msm check`: holds the context, collects findings as units are checked."""

    def __init__(
        self,
        project: Project | None,
        config: ChecksConfig,
        glossary: Path | None = None,
        checks: dict[str, CheckSpec] | None = None,
    ) -> None:
        registry = checks if checks is not None else load_all()
        where = str(project.root / CATALOG) if project else "settings"
        config.validate(registry, where)
        self.project = project
        self.root = project.root if project is not None else None
        self.config = config
        self.source_lang = inputs_mod.source_language(project)
        self.ctx = CheckContext(
            settings=project.settings if project is not None else None,
            root=self.root,
            glossary_path=glossary,
            cache={"config": config},
        )
        self.dispatch = _Dispatch(registry.values(), config)
        self.report = CheckReport(context=self.ctx)
        self.catalogs: list[CatalogUnit] = self.report.catalogs
        self._marked: set[tuple[str, Scope, str, bool]] = set()
        self.missing: list[tuple[str, str]] = []

    # --- the pass ------------------------------------------------------------------------

    def run(self, inputs: Inputs) -> CheckReport:
        """Check every input once, then the cross-file checks; return the report."""
        for video in inputs.videos:
            self._guard(self._video, video)
        sources: dict[Path, list[Cue] | None] = {}
        for item in inputs.files:
            self._guard(self._file, item, sources)
        self._project()
        self.report.findings.items.sort(
            key=lambda f: (f.path, f.line or 0, f.cue or 0, f.check, f.message)
        )
        return self.report

    def _guard(self, func: Callable[..., None], *args: Any) -> None:
        """Run one input; an unreadable file is recorded (exit 2) and the rest still checked."""
        try:
            func(*args)
        except (InputError, UsageError) as exc:
            self.report.errors.append(exc)

    def _show(self, path: Path) -> str:
        shown = display(path, self.root)
        self.report.findings.files.add(shown)
        return shown

    def _video(self, item: VideoInput) -> None:
        """A video folder: the source track, then each language's catalogue and built track."""
        src_path = item.folder / f"{self.source_lang}.srt"
        if not src_path.is_file():
            raise InputError(
                f"{src_path}: the source track is missing (add it, or pull it with `msm pull`)"
            )
        from pipeline.tracks.srt_io import read_srt

        read = read_srt(src_path, self.source_lang)
        contexts = item.video.contexts
        wrong = sorted(n for n in contexts if n > len(read.cues))
        if wrong:
            raise InputError(
                f"{src_path}: the catalogue gives a context to cue {wrong[0]}, "
                f"but the track has only {len(read.cues)} cues"
            )
        cues = numbered(read.cues)
        keys = cue_keys(cues, contexts)
        positions = positions_by_key(keys)
        shown = display(src_path, self.root)
        if item.source:
            self._show(src_path)
            self._track(
                TrackUnit(
                    shown, self.source_lang, cues, is_source=True, diagnostics=read.diagnostics
                ),
                is_source=True,
            )
            for unit in source_units(
                source_entries(cues, contexts), positions, shown, self.source_lang
            ):
                self._entry(unit, is_source=True)
        for lang in item.langs:
            po_path = item.folder / f"{lang}.po"
            if not po_path.is_file():
                if item.whole:
                    self.missing.append((display(po_path, self.root), lang))
                continue
            self._guard(self._catalog, po_path, lang, cues, keys, positions, item.folder)

    def _catalog(
        self,
        po_path: Path,
        lang: str,
        cues: list[Cue],
        keys: list[Key],
        positions: dict[Key, tuple[int, ...]],
        folder: Path,
    ) -> None:
        """One language of a video: its entries, its catalogue, the track it builds."""
        po, lines = _read_po(po_path)
        shown = self._show(po_path)
        current, gone, by_key = po_units(po, lines, shown, lang, positions)
        committed = []
        for fmt in ("srt", "vtt"):
            built = folder / f"{lang}.{fmt}"
            if built.is_file():
                committed.append(CommittedFile(self._show(built), fmt, built.read_bytes()))
        entries = {_key(e): e for e in po if not e.obsolete}
        self._finish_catalog(
            po_path, shown, lang, current, gone, by_key, cues, keys, entries, committed
        )

    def _finish_catalog(
        self,
        po_path: Path,
        shown: str,
        lang: str,
        current: list[EntryUnit],
        gone: list[EntryUnit],
        by_key: dict[Key, EntryUnit],
        cues: Sequence[Cue],
        keys: Sequence[Key],
        entries: dict[Key, polib.POEntry],
        committed: Sequence[CommittedFile],
        numbers: Sequence[int] | None = None,
    ) -> None:
        for unit in current:
            self._entry(unit, is_source=False)
        catalog = CatalogUnit(shown, lang, current, gone)
        self._run("catalog", catalog, lang, False)
        self.catalogs.append(catalog)
        if not cues:
            return
        built, gaps = translate_track(cues, keys, entries)
        if numbers is not None:  # cue numbers from the PO's comments may skip some
            built = [Cue(c.start, c.end, c.text, numbers[c.index - 1], c.line) for c in built]
        entry_of = {
            (numbers[n - 1] if numbers else n): by_key[key]
            for n, key in enumerate(keys, start=1)
            if key in by_key
        }
        track = TrackUnit(
            shown,
            lang,
            built,
            source_cues=cues,
            built_from_po=True,
            entry_of=entry_of,
            gaps=[
                (
                    numbers[g.position - 1] if numbers else g.position,
                    f"{g.reason}: {g.detail}" if g.detail else g.reason,
                )
                for g in gaps
            ],
            committed=committed,
        )
        self._track(track, is_source=False)

    def _file(self, item: FileInput, sources: dict[Path, list[Cue] | None]) -> None:
        """A file checked on its own."""
        if item.kind == "po":
            self._lone_po(item)
            return
        from pipeline.tracks.formats import read_track

        lang = item.lang
        if lang is None:
            raise UsageError(
                f"{item.path}: cannot tell the language from the file name; pass --lang"
            )
        read = read_track(item.path, lang)
        shown = self._show(item.path)
        cues = numbered(read.cues)
        is_source = lang == self.source_lang
        source_cues = None
        if item.source_track is not None and not is_source:
            source_cues = self._source_cues(item.source_track, sources)
        self._track(
            TrackUnit(
                shown,
                lang,
                cues,
                source_cues=source_cues,
                is_source=is_source,
                diagnostics=read.diagnostics,
            ),
            is_source=is_source,
        )
        for unit in cue_units(cues, shown, lang):
            self._entry(unit, is_source=is_source)

    def _source_cues(self, path: Path, sources: dict[Path, list[Cue] | None]) -> list[Cue] | None:
        """The cues of a source track next to a checked file (read once, only for timing)."""
        real = path.resolve()
        if real not in sources:
            from pipeline.tracks.srt_io import read_srt

            try:
                sources[real] = numbered(read_srt(path, self.source_lang).cues)
            except InputError:
                sources[real] = None  # reported when that video is checked; not needed here
        return sources[real]

    def _lone_po(self, item: FileInput) -> None:
        po, lines = _read_po(item.path)
        header = po.metadata.get("Language", "").strip()
        stated = languages.find(header) if header else None
        lang = stated.code if stated is not None else item.lang
        if lang is None:
            raise UsageError(
                f"{item.path}: no Language header and no language in the file name; pass --lang"
            )
        shown = self._show(item.path)
        current, gone, by_key = po_units(po, lines, shown, lang)
        cues, keys = timing_from_comments(po)
        entries = {_key(e): e for e in po if not e.obsolete}
        numbers = [c.index for c in cues]
        self._finish_catalog(
            item.path, shown, lang, current, gone, by_key, cues, keys, entries, (), numbers
        )

    def _project(self) -> None:
        unit = ProjectUnit(self.catalogs, self.missing)
        for spec in self.dispatch.checks("project", "", False):
            self._call(spec, unit)

    # --- calling checks and locating what they find ---------------------------------------

    def _checks(self, scope: Scope, lang: str, is_source: bool, path: str) -> list[CheckSpec]:
        """The checks for a unit, noting once per file which checks looked at it."""
        specs = self.dispatch.checks(scope, lang, is_source)
        seen = (path, scope, lang, is_source)
        if path and seen not in self._marked:
            self._marked.add(seen)
            self.report.ran.setdefault(path, set()).update(spec.id for spec in specs)
        return specs

    def _entry(self, unit: EntryUnit, is_source: bool) -> None:
        ctx = self.ctx
        for spec in self._checks("entry", unit.lang, is_source, unit.path):
            for problem in spec.func(unit, ctx):
                self._add(spec, unit, problem)

    def _track(self, unit: TrackUnit, is_source: bool) -> None:
        self.report.tracks.append(unit)
        self._run("track", unit, unit.lang, is_source)

    def _run(self, scope: Scope, unit: TrackUnit | CatalogUnit, lang: str, src: bool) -> None:
        for spec in self._checks(scope, lang, src, unit.path):
            self._call(spec, unit)

    def _call(self, spec: CheckSpec, unit: TrackUnit | CatalogUnit | ProjectUnit) -> None:
        for problem in spec.func(unit, self.ctx):
            self._add(spec, unit, problem)

    def _add(
        self,
        spec: CheckSpec,
        unit: EntryUnit | TrackUnit | CatalogUnit | ProjectUnit,
        problem: Problem,
    ) -> None:
        """Locate a problem and keep it (unless the settings switch the check off there)."""
        finding = self._locate(spec, unit, problem)
        if not self.config.enabled(spec.id, finding.lang):
            return
        self.report.ran.setdefault(finding.path, set()).add(spec.id)
        self.report.findings.items.append(finding)

    def _locate(
        self,
        spec: CheckSpec,
        unit: EntryUnit | TrackUnit | CatalogUnit | ProjectUnit,
        problem: Problem,
    ) -> Finding:
        entry: EntryUnit | None = problem.entry
        if entry is None and isinstance(unit, EntryUnit):
            entry = unit
        if entry is None and isinstance(unit, TrackUnit) and problem.path is None:
            entry = unit.entry_of.get(problem.cue) if problem.cue is not None else None
        if problem.path is not None:
            path, line, context = problem.path, problem.line, None
            lang = problem.lang or getattr(unit, "lang", "") or ""
            accepted: frozenset[str] = frozenset()
        elif entry is not None:
            path, context, lang, accepted = entry.path, entry.context, entry.lang, entry.accepted
            # An entry-scope problem may point inside the entry; a cue's problem is the entry's.
            line = problem.line if isinstance(unit, EntryUnit) and problem.line else entry.line
        else:
            path = getattr(unit, "path", "")
            line, context, lang = problem.line, None, getattr(unit, "lang", "")
            accepted = frozenset()
        cue = problem.cue if problem.cue is not None else (entry.cue if entry else None)
        # The settings schema admits only the severity names, so the cast holds.
        severity = cast(
            Severity, self.config.severity_of(spec.id, lang) or problem.severity or spec.severity
        )
        is_accepted = spec.id in accepted or (
            problem.concept is not None and f"{spec.id}:{problem.concept}" in accepted
        )
        return Finding(
            path=path,
            line=line,
            context=context,
            cue=cue,
            lang=lang,
            check=spec.id,
            severity=severity,
            message=problem.message,
            concept=problem.concept,
            accepted=is_accepted,
        )


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or None, entry.msgid)


def _read_po(path: Path) -> tuple[polib.POFile, list[str]]:
    """Read a catalogue once: the parsed file and its lines (for msgid line numbers)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}:1: not UTF-8 (invalid byte at {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_po(text, str(path)), text.splitlines()


def check_paths(
    paths: Sequence[Path],
    project: Project | None,
    langs: Iterable[str] = (),
    glossary: Path | None = None,
    profile: str | None = None,
) -> CheckReport:
    """`msm check`: resolve the PATHs, run every enabled check, return the report."""
    raw = project.settings.raw.get("checks") if project is not None else None
    config = ChecksConfig.from_raw(raw, profile)
    runner = Runner(project, config, glossary)
    for code in {*(project.settings.target_languages if project else ()), *langs}:
        resolve_profile(config, languages.get(code).code)  # bad limits fail before any output
    return runner.run(inputs_mod.resolve(paths, project, langs))
