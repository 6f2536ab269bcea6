"""Run the checks: read each file once, build the units, call every enabled check once per unit.

The flow is one pass: resolve the PATHs (inputs.py), read each video's source track and its
catalogues, build the units (units.py) and the tracks as they will be shown (translated text,
source timing, exactly as `msm build` makes them), call the checks the registry and the
settings enable for each unit, and turn their Problems into located Findings. Cross-file checks
(consistency) keep only what they `gather` from each catalogue and use dicts, never pairwise
loops; nothing else of a catalogue outlives its own checks, so memory stays flat.

Speed: catalogues are read in one pass (po_read.py); entry checks that depend only on the text
(`memo`) run once per distinct text and language, one check at a time over a file's new texts,
and a check with a `gate` only on the texts of a file holding one of its literals or matching
its pattern (gates.py: one search over the file); the cycle collector is off for the run; a
big run is split into contiguous runs of videos checked by this process and worker processes
(forked once the glossary is loaded, so they inherit it; each takes the next run when it is
free, and the runs shrink towards the end so all finish together), merged in input order,
giving exactly the report a single process gives; a first run whose spelling dictionaries
are not loaded yet is split by language instead (lang_split.py: each process loads only its
languages' dictionaries). With `remember`, each part of a video (its
source track, each catalogue with its built tracks) found unchanged since an earlier run is
taken from the result cache (result_cache.py) instead of being read and checked again.

Long: one run's flow (dispatch, memos, the result cache's parts, worker processes) shares the
Runner's state; the checks themselves live in their own modules.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import is_
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pipeline import languages
from pipeline.checks import inputs as inputs_mod
from pipeline.checks.config import ChecksConfig
from pipeline.checks.gates import Texts
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
from pipeline.checks.part import Part as _Part  # sent back by worker processes
from pipeline.checks.profiles import resolve as resolve_profile
from pipeline.checks.registry import (
    LANGUAGE_LOADS,
    RUN_LANGUAGES,
    CheckContext,
    CheckSpec,
    Gather,
    Problem,
    Scope,
    check_ids,
    load_all,
)
from pipeline.checks.result_cache import ResultCache, outcome_of, stored_part
from pipeline.errors import Diagnostic, InputError, MsmError, ProjectError, UsageError
from pipeline.fsutil import read_bytes
from pipeline.project import CATALOG, Project, find_root
from pipeline.tracks.model import Cue

if TYPE_CHECKING:
    # The track readers and the units made from them load where a file is read: a re-check
    # that the result cache answers reads none (they took ~5 ms of its start-up).
    from pipeline.tracks.po_io import Key
    from pipeline.tracks.po_read import PoCatalog

T = TypeVar("T")


# The runner's records are plain classes, not dataclasses: making a dataclass (its methods
# compiled and run from source) cost ~0.5 ms a class at start-up, and nothing compares,
# hashes or prints these.
class CheckReport:
    """The outcome of a run: findings, which checks looked at which file, unreadable inputs."""

    def __init__(
        self,
        findings: Findings | None = None,
        ran: dict[str, set[str]] | None = None,  # path → check ids run on it
        errors: list[MsmError] | None = None,
        # What the run looked at, for reports that show the text next to the findings (msm
        # status, msm report) without reading or parsing anything a second time.
        tracks: list[TrackUnit] | None = None,
        catalogs: list[CatalogUnit] | None = None,
        context: CheckContext | None = None,  # the run's shared resources (its glossary matcher)
        kept_units: bool = False,  # whether `tracks` and `catalogs` hold what was checked
    ) -> None:
        self.findings = findings if findings is not None else Findings()
        self.ran: dict[str, set[str]] = ran if ran is not None else {}
        self.errors: list[MsmError] = errors if errors is not None else []
        self.tracks: list[TrackUnit] = tracks if tracks is not None else []
        self.catalogs: list[CatalogUnit] = catalogs if catalogs is not None else []
        self.context = context
        self.kept_units = kept_units

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


_MEMO_LIMIT = 10_000  # distinct texts whose entry problems one language's memo keeps
_Found = tuple[tuple[CheckSpec, Problem], ...]  # what an entry's memoised checks found
_NOTHING: _Found = ()
# Below this many catalogues a run stays in one process: forking and merging would cost
# about what they save (measured on 2 cores: even at 6 videos, two processes already win a
# little; at 40 videos they take two thirds of the time).
PARALLEL_MIN_CATALOGS = 48
_SHARE = 2  # a part takes 1/(workers × _SHARE) of the videos left (see shrinking_parts)
_PART_MAX = 40  # videos; more would only keep more findings in flight (memory)
WORKERS_ENV = "MSM_CHECK_WORKERS"  # set to 1 to check in one process, N for N processes


class _Source:
    """A video's source track as its catalogues need it."""

    def __init__(
        self,
        cues: list[Cue],
        keys: list[Key],  # each cue's PO key
        positions: dict[Key, tuple[int, ...]],  # each key's cues
        sources: dict[str, str],  # one copy of each source text, for every catalogue
        diagnostics: list[Diagnostic],
    ) -> None:
        self.cues = cues
        self.keys = keys
        self.positions = positions
        self.sources = sources
        self.diagnostics = diagnostics


_Memo = tuple[Callable[[EntryUnit], Any], list[CheckSpec], dict[Any, Any]]


class _EntryPlan:
    """The entry checks for one (language, source?) pair: plain ones, and memoised groups."""

    def __init__(self, plain: list[CheckSpec], memos: list[_Memo]) -> None:
        self.plain = plain
        self.memos = memos


class _Dispatch:
    """Which checks run on which kind of unit, computed once per (scope, language, source)."""

    def __init__(self, specs: Iterable[CheckSpec], config: ChecksConfig) -> None:
        self.specs = list(specs)
        self.config = config
        self.cache: dict[tuple[Scope, str, bool], list[CheckSpec]] = {}
        self.plans: dict[tuple[str, bool], _EntryPlan] = {}

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

    def entry_plan(self, lang: str, is_source: bool) -> _EntryPlan:
        """The entry checks, with those sharing a memo key grouped (one look-up per unit)."""
        plan = self.plans.get((lang, is_source))
        if plan is None:
            plain: list[CheckSpec] = []
            groups: dict[Any, list[CheckSpec]] = {}
            for spec in self.checks("entry", lang, is_source):
                if spec.memo is None:
                    plain.append(spec)
                else:
                    groups.setdefault(spec.memo, []).append(spec)
            memos: list[_Memo]
            memos = [(memo, specs, {}) for memo, specs in groups.items()]
            plan = self.plans[(lang, is_source)] = _EntryPlan(plain, memos)
        return plan


class Runner:
    """One run of `msm check`: holds the context, collects findings as units are checked."""

    def __init__(
        self,
        project: Project | None,
        config: ChecksConfig,
        glossary: Path | None = None,
        checks: dict[str, CheckSpec] | None = None,
        workers: int | None = None,
        keep_units: bool = False,
        results: ResultCache | None = None,
    ) -> None:
        where = str(project.root / CATALOG) if project else "settings"
        config.validate(checks if checks is not None else check_ids(), where)
        # The checks themselves (and what dispatches units to them) are made on first need:
        # a re-check that the result cache answers computes its keys from the files and
        # settings alone, and imports no check.
        self._registry = checks
        self._dispatch: _Dispatch | None = None
        self._gathering: list[tuple[str, Gather]] | None = None
        self._gathered: dict[str, list[Any]] | None = None
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
        self.workers = workers
        # msm status and msm report show the text next to the findings: they keep every unit
        # (and check in one process); msm check keeps only the findings.
        self.keep_units = keep_units
        self.report = CheckReport(context=self.ctx, kept_units=keep_units)
        self._marked: set[tuple[str, Scope, str, bool]] = set()
        # How `display` shows each video folder, and its files that are symbolic links.
        self._folders: dict[Path, tuple[str, frozenset[str] | None]] = {}
        self.missing: list[tuple[str, str]] = []
        # Outcomes of earlier runs (None: check everything); never with keep_units, whose
        # callers need the units themselves.
        self.results = None if keep_units else results
        self._plans: dict[int, _Plan | None] = {}  # id(VideoInput) -> its parts' keys
        self._project_key: str | None = None  # the project checks' key in the result cache
        self._project_known: bool | None = None  # whether their outcome is in it
        self._order: list[str] | None = None  # the run's languages, when it may split by them

    @property
    def dispatch(self) -> _Dispatch:
        """Which checks run on which unit (every check module imported on first use)."""
        if self._dispatch is None:
            registry = self._registry if self._registry is not None else load_all()
            self._dispatch = _Dispatch(registry.values(), self.config)
        return self._dispatch

    @property
    def gathering(self) -> list[tuple[str, Gather]]:
        """The project checks that keep something of each catalogue, and what they keep."""
        if self._gathering is None:
            self._gathering = [
                (spec.id, spec.gather)
                for spec in self.dispatch.checks("project", "", False)
                if spec.gather is not None
            ]
        return self._gathering

    @property
    def gathered(self) -> dict[str, list[Any]]:
        """What the gathering checks kept so far, by check id."""
        if self._gathered is None:
            self._gathered = {check: [] for check, _ in self.gathering}
        return self._gathered

    @gathered.setter
    def gathered(self, value: dict[str, list[Any]]) -> None:
        self._gathered = value

    # --- the pass ------------------------------------------------------------------------

    def run(self, inputs: Inputs) -> CheckReport:
        """Check every input once, then the cross-file checks; return the report."""
        known = self._project_key = self.whole_key(inputs)
        # Before `prepare`, which may then load once what each worker process would load
        # for itself (spelling's dictionaries on a first run): how many processes check,
        # and in which languages.
        self.ctx.workers = self._workers_for(inputs.videos)
        self.ctx.cache[RUN_LANGUAGES] = run_langs = {
            lang for video in inputs.videos for lang in video.langs
        } | ({self.source_lang} if any(v.source for v in inputs.videos) else set())
        # With workers, a check may rather have each load only some languages (a first
        # run's dictionaries): it says so in LANGUAGE_LOADS, and the run is split by language.
        if self.ctx.workers > 1 and len(run_langs) > 1:
            from pipeline.checks.lang_split import order_of

            self._order = order_of(self.source_lang, [video.langs for video in inputs.videos])
            if self._order is not None:
                self.ctx.cache[LANGUAGE_LOADS] = {}
        # A run makes millions of short-lived objects and no reference cycles (objects are
        # freed by their counts; a test holds the run to leaving no cyclic garbage): the
        # cycle collector would only walk the long-lived ones again and again (glossary
        # indexes, findings, memos), 2% of the benchmark's run and 6% of one 100 times
        # bigger, for nothing. Off for the run (and in the workers it forks), `prepare` too
        # (the check modules it imports, the glossary and spellers it loads: 1-2 ms of a
        # one-track run's collections).
        enabled = gc.isenabled()
        gc.disable()
        try:
            if known is None:
                self._prepare()
            else:
                self._prepare_once(known)
            self._videos(inputs.videos)
            sources: dict[Path, list[Cue] | None] = {}
            for item in inputs.files:
                self._guard(self._file, item, sources)
            self._project(known)
        finally:
            if enabled:
                # Back on, the collector would first walk every object the run made and
                # kept (all in its youngest generation): 4% of a one-process run of the
                # benchmark, compiled. They are long-lived or freed by their counts: moved
                # to the oldest generation at once (freeze, then unfreeze, moves the lists
                # and walks nothing), where a full collection still finds any cycle.
                gc.freeze()
                gc.unfreeze()
                gc.enable()
        if self.results is not None:
            self.results.save()
        self.report.findings.items.sort(
            key=lambda f: (f.path, f.line or 0, f.cue or 0, f.check, f.message)
        )
        return self.report

    def whole_key(self, inputs: Inputs) -> str | None:
        """With the result cache: the key of the whole run's outcome, which is the project
        checks' key (what they depend on: every part's key and every video's languages, in
        order); None without the cache, or when a part of the run cannot be remembered (a
        loose file, a file that cannot be read)."""
        if self.results is None or inputs.files:
            return None
        keys: list[str] = []
        for video in inputs.videos:
            plan = self._plan(video, video.folder / f"{self.source_lang}.srt")
            if plan is None:
                return None
            keys += [plan[0], *plan[1].values(), repr((video.langs, video.whole))]
        return self.results.key("project", *keys)

    def _prepare_once(self, known: str) -> None:
        """`_prepare`, unless every part and the project checks are in the result cache and
        an earlier run with this glossary prepared it without an error."""
        assert self.results is not None
        prepared = self.results.key("prepared")
        entries = self.results.entries
        if (
            prepared in entries
            and known in entries
            and all(key in entries for plan in self._plans.values() if plan for key in _keys(plan))
        ):
            # what the checks said when they were prepared (a skipped language, no grammar
            # server) holds for this run too: the salt covers the settings and dictionaries
            for note in (self.results.get(prepared) or {}).get("notes", []):
                if note not in self.ctx.notes:
                    self.ctx.notes.append(note)
            return
        errors = len(self.report.errors)
        self._prepare()
        if len(self.report.errors) == errors:
            self.results.put(prepared, {"notes": list(self.ctx.notes)})

    def _prepare(self) -> None:
        """Load what enabled checks share (the glossary) once, before any unit."""
        done: set[Any] = set()
        for spec in self.dispatch.specs:
            if spec.prepare is None or spec.prepare in done:
                continue
            if any(self.config.enabled(spec.id, lang) for lang in self._languages()):
                done.add(spec.prepare)
                self._guard(spec.prepare, self.ctx)

    def _languages(self) -> list[str]:
        if self.project is None:
            return list(languages.LANGUAGES)
        return [self.source_lang, *self.project.settings.target_languages]

    def _guard(self, func: Callable[..., None], *args: Any) -> None:
        """Run one input; an unreadable file is recorded (exit 2) and the rest still checked."""
        try:
            func(*args)
        except (InputError, UsageError) as exc:
            # The traceback would keep the failed input's whole state alive until the end.
            self.report.errors.append(exc.with_traceback(None))

    def _show(self, path: Path) -> str:
        shown = self._display(path)
        self.report.findings.files.add(shown)
        return shown

    def _display(self, path: Path) -> str:
        """`display(path)`, without resolving every file of a video folder again: a file that
        is not a symbolic link resolves to its folder's resolved path plus its name."""
        folder = path.parent
        known = self._folders.get(folder)
        if known is None:
            known = self._folder(folder, None)
        base, links = known
        linked = path.name in links if links is not None else path.is_symlink()
        if linked or path.name in ("", ".", ".."):
            return display(path, self.root)
        if folder.is_absolute() and self.root is not None and base != folder.as_posix():
            return path.name if base == "." else f"{base}/{path.name}"
        return display(path, self.root)

    def _folder(
        self, folder: Path, links: frozenset[str] | None
    ) -> tuple[str, frozenset[str] | None]:
        """How reports show a folder, and its files that are symbolic links (None: not known,
        ask each file), kept for the folder's other files."""
        if len(self._folders) >= 10_000:
            self._folders.clear()
        known = self._folders[folder] = (display(folder, self.root), links)
        return known

    # --- many videos: one process, or several --------------------------------------------

    def _videos(self, videos: Sequence[VideoInput]) -> None:
        workers = self.ctx.workers
        if workers <= 1:
            for video in videos:
                self._guard(self._video, video)
            return
        loads = self.ctx.cache.get(LANGUAGE_LOADS)
        if loads and self._order is not None:
            self._videos_by_language(videos, self._order, loads)
            return
        # This process checks parts too, beside `workers - 1` forked ones: its own parts
        # need no hand-over, and one process fewer is forked. Each takes the next part when
        # it is free (a shared counter); parts are merged in input order as they come.
        import multiprocessing  # only for a run big enough to share (~25 ms to import)

        context = multiprocessing.get_context("fork")
        parts = shrinking_parts(list(videos), workers)
        taken = context.Value("i", 0)
        handed = context.Queue()
        _widen_pipe(handed)
        done: dict[int, _Part] = {}
        merged = 0  # parts merged so far (in order)
        global _WORK
        _WORK = (self, parts, taken, handed)
        gc.freeze()  # the workers share the parent's objects; the collector would copy them
        try:
            with context.Pool(workers - 1) as pool:
                loops = [pool.apply_async(_check_parts) for _ in range(workers - 1)]
                while (index := _next_part(taken, len(parts))) is not None:
                    done[index] = self._own_part(parts[index])
                    while not handed.empty():
                        at, part = handed.get()
                        done[at] = part
                    merged = self._merge_ready(done, merged)
                for loop in loops:
                    loop.get()  # a worker's own failure is raised here
                while merged < len(parts):
                    at, part = handed.get()
                    done[at] = part
                    merged = self._merge_ready(done, merged)
        finally:
            _WORK = None
            gc.unfreeze()

    def _videos_by_language(
        self, videos: Sequence[VideoInput], order: list[str], loads: dict[str, float]
    ) -> None:
        """A first run split by language (lang_split.py): this process checks the first
        group of languages of every video (the source among them), each worker another
        group, loading only its languages' dictionaries; the parts are merged video by
        video, group after group: the order one process finds them in."""
        import multiprocessing

        from pipeline.checks.lang_split import (
            PER_CATALOGUE,
            groups,
            shared_language,
            shifts,
            video_groups,
        )

        work = {lang: loads.get(lang, 0.0) for lang in order}
        catalogues = dict.fromkeys(order, 0)
        ranks: list[dict[str, int]] = []
        for video in videos:
            listed = [*video.langs, *([self.source_lang] if video.source else [])]
            ranks.append({lang: catalogues[lang] for lang in listed})
            for lang in listed:
                work[lang] += PER_CATALOGUE
                catalogues[lang] += 1
        cut = groups(order, work, self.ctx.workers)
        moves = shifts(cut, loads, catalogues, len(videos))
        # Two groups: one boundary language becomes a part of its own between them, which
        # both processes share out once their own parts are done (_take), not the model.
        shared = shared_language(cut, moves, loads)
        if shared is not None:
            cut = [[lang for lang in group if lang != shared] for group in cut]
            cut.insert(1, [shared])
            moves = []
        count = len(cut)
        parts: list[list[VideoInput]] = []
        for video, rank in zip(videos, ranks, strict=True):
            for at, group in enumerate(video_groups(cut, moves, rank, catalogues)):
                langs = [lang for lang in video.langs if lang in group]
                # the first group always reads the video's source: its errors are reported
                # there (and dropped from the other groups', see _merge_groups)
                parts.append(
                    [
                        VideoInput(
                            video.folder,
                            video.video,
                            langs,
                            video.source and at == 0,
                            video.whole,
                            video.in_catalogue,
                            video.files,
                            video.links,
                        )
                    ]
                    if langs or at == 0
                    else []
                )
        context = multiprocessing.get_context("fork")
        handed = context.Queue()
        _widen_pipe(handed)
        done: dict[int, _Part] = {}
        merged = 0
        source_errors: list[str] = []
        global _WORK, _SHARED
        _WORK = (self, parts, count, handed)
        if shared is not None:
            # the next video whose shared part this process may take, and the last one the
            # worker took (it goes back from the end)
            _SHARED = context.Array("i", [0, len(videos)])
        gc.freeze()
        try:
            workers = range(2, 3) if shared is not None else range(1, count)
            with context.Pool(len(workers)) as pool:
                loops = [pool.apply_async(_check_group, (group,)) for group in workers]
                for index in self._own_indexes(len(videos), count):
                    done[index] = self._own_part(parts[index])
                    while not handed.empty():
                        at, part = handed.get()
                        done[at] = part
                    merged = self._merge_groups(done, merged, count, source_errors)
                for loop in loops:
                    loop.get()  # a worker's own failure is raised here
                while merged < len(parts):
                    at, part = handed.get()
                    done[at] = part
                    merged = self._merge_groups(done, merged, count, source_errors)
        finally:
            _WORK = _SHARED = None
            gc.unfreeze()

    def _own_indexes(self, videos: int, count: int) -> Iterator[int]:
        """The parts this process checks on a run split by language: the first group's of
        every video, then, with a shared part (_SHARED), those it takes from the first video
        on until it meets the worker."""
        yield from range(0, videos * count, count)
        if _SHARED is not None:
            for at in range(videos):
                if not _take(at, True):
                    break
                yield at * count + 1

    def _merge_groups(
        self, done: dict[int, _Part], merged: int, count: int, source_errors: list[str]
    ) -> int:
        """`_merge_ready` for parts of `count` language groups a video: a video's source
        track is read in each group, and its errors are reported by the first alone."""
        while merged in done:
            part = done.pop(merged)
            if merged % count == 0:
                source_errors[:] = [str(error) for error in part.errors]
            else:
                part.errors = [error for error in part.errors if str(error) not in source_errors]
            self._merge(part)
            merged += 1
        return merged

    def _own_part(self, videos: Sequence[VideoInput]) -> _Part:
        """Check some videos here, apart from what was found so far (merged in order)."""
        kept = self.report, self.gathered, self.missing
        self.report = CheckReport()
        self.gathered = {check: [] for check, _ in self.gathering}
        self.missing = []
        try:
            for video in videos:
                self._guard(self._video, video)
            return self._take_part(as_fields=False)
        finally:
            self.report, self.gathered, self.missing = kept

    def _merge_ready(self, done: dict[int, _Part], merged: int) -> int:
        """Merge the parts next in input order that are done; return how many are merged."""
        while merged in done:
            self._merge(done.pop(merged))
            merged += 1
        return merged

    def _workers_for(self, videos: Sequence[VideoInput]) -> int:
        wanted = 1 if self.keep_units else self.workers
        if wanted is None:
            env = os.environ.get(WORKERS_ENV, "").strip()
            if env.isdigit() and int(env) > 0:
                wanted = int(env)
            elif self._to_check(videos) < PARALLEL_MIN_CATALOGS:
                wanted = 1
            else:
                wanted = free_cpus()
        if wanted <= 1 or len(videos) < 2:
            return 1
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return 1
        return min(wanted, len(videos))  # no process without a video to check

    def _take_part(self, as_fields: bool = True) -> _Part:
        """Hand over what has been found so far, and start afresh (`as_fields`: the findings
        as plain tuples, for a worker to send)."""
        report = self.report
        items = report.findings.items
        fresh: dict[str, Any] = {}
        if self.results is not None:
            fresh, self.results.fresh = self.results.fresh, {}
        part = _Part(
            [_finding_fields(f) for f in items] if as_fields else items,
            report.ran,
            report.errors,
            report.findings.files,
            self.gathered,
            self.missing,
            as_fields,
            fresh,
        )
        self.report = CheckReport()
        self.gathered = {check: [] for check, _ in self.gathering}
        self.missing = []
        return part

    def _merge(self, part: _Part) -> None:
        """Add a worker's part, in input order."""
        report = self.report
        if part.as_fields:
            report.findings.items.extend(Finding(*fields) for fields in part.findings)
        else:
            report.findings.items.extend(part.findings)
        for path, ids in part.ran.items():
            report.ran.setdefault(path, set()).update(ids)
        report.errors.extend(part.errors)
        report.findings.files.update(part.files)
        for check, values in part.gathered.items():
            self.gathered[check].extend(values)
        self.missing.extend(part.missing)
        if part.fresh and self.results is not None:
            self.results.fresh.update(part.fresh)

    # --- one video -----------------------------------------------------------------------

    def _video(self, item: VideoInput) -> None:
        """A video folder: the source track, then each language's catalogue and built track."""
        src_path = item.folder / f"{self.source_lang}.srt"
        files = item.files  # the folder's listing (None: ask the file system)
        if files is not None:
            self._folder(item.folder, item.links)
        if not (src_path.name in files if files is not None else src_path.is_file()):
            raise InputError(
                f"{src_path}: the source track is missing (add it, or pull it with `msm pull`)"
            )
        if self.results is not None:
            plan = self._plan(item, src_path)
            if plan is not None:
                self._remembered(item, src_path, plan)
                return
        source = self._read_source(item, src_path)
        self._check_source(item, src_path, source)
        for lang in item.langs:
            po_path = self._catalog_path(item, lang)
            if po_path is not None:
                self._guard(self._catalog, po_path, lang, source, item.folder)

    def _read_source(self, item: VideoInput, src_path: Path) -> _Source:
        """The source track's cues, their PO keys, each key's cues, and one copy of each text."""
        from pipeline.checks.units import numbered, positions_by_key
        from pipeline.tracks.merge import cue_keys
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
        sources = {text: text for _, text in positions}  # one copy for every catalogue
        return _Source(cues, keys, positions, sources, read.diagnostics)

    def _check_source(self, item: VideoInput, src_path: Path, source: _Source) -> None:
        """The source track's own checks (when the video's source is checked)."""
        if not item.source:
            return
        from pipeline.checks.units import source_units
        from pipeline.tracks.merge import source_entries

        cues = source.cues
        shown = self._display(src_path)
        self._show(src_path)
        self._track(
            TrackUnit(
                shown, self.source_lang, cues, is_source=True, diagnostics=source.diagnostics
            ),
            is_source=True,
        )
        contexts = item.video.contexts
        entries = source_entries(cues, contexts)
        units = source_units(entries, source.positions, shown, self.source_lang)
        self._entries(units, self.source_lang, True, shown)

    def _read_and_check_source(self, item: VideoInput, src_path: Path) -> _Source:
        source = self._read_source(item, src_path)
        self._check_source(item, src_path, source)
        return source

    def _catalog_path(self, item: VideoInput, lang: str) -> Path | None:
        """A language's catalogue in a video folder; None (noted when missing) if there is none."""
        po_path = item.folder / f"{lang}.po"
        files = item.files
        if not (po_path.name in files if files is not None else po_path.is_file()):
            if item.whole:
                self.missing.append((self._display(po_path), lang))
            return None
        return po_path

    # --- a video's parts from the result cache ---------------------------------------------

    def _to_check(self, videos: Sequence[VideoInput]) -> int:
        """How many catalogues a run must check (those the result cache does not know)."""
        if self.results is None:
            return sum(len(v.langs) for v in videos)
        total = 0
        known = self.results.entries
        for video in videos:
            plan = self._plan(video, video.folder / f"{self.source_lang}.srt")
            if plan is None:
                total += len(video.langs)
            else:
                total += sum(key not in known for key in plan[1].values())
        return total

    def _plan(self, item: VideoInput, src_path: Path) -> _Plan | None:
        """The result-cache keys of a video's parts (its source track, each catalogue with its
        built tracks): the hashes of everything each depends on. None when a file cannot be
        read (the video is then checked as usual, and the error reported)."""
        if id(item) in self._plans:
            return self._plans[id(item)]
        results = self.results
        assert results is not None
        plan: _Plan | None = None
        try:
            if item.files is not None:
                self._folder(item.folder, item.links)
            source = results.file_hash(str(src_path))
            contexts = repr(sorted(item.video.contexts.items()))
            # How reports show the folder's files: its path, then each file's name; a
            # symbolic link (or a file of a folder not listed) as it resolves.
            folder = self._display(src_path)
            exact = item.files is None or bool(item.links)
            src_key = results.key("source", folder, source, contexts, str(item.source))
            langs: dict[str, str] = {}
            for lang in item.langs:
                po_path = item.folder / f"{lang}.po"
                if not (
                    po_path.name in item.files if item.files is not None else po_path.is_file()
                ):
                    continue
                parts = [folder, str(po_path), results.file_hash(str(po_path))]
                for fmt in ("srt", "vtt"):
                    built = f"{item.folder}/{lang}.{fmt}"
                    if item.files is not None and f"{lang}.{fmt}" not in item.files:
                        parts.append("-")
                        continue
                    try:
                        parts.append(results.file_hash(built))
                    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                        parts.append("-")
                if exact:
                    parts += [self._display(po_path), self._display(po_path.with_suffix(".srt"))]
                    parts.append(self._display(po_path.with_suffix(".vtt")))
                langs[lang] = results.key("catalogue", source, contexts, lang, *parts)
            plan = (src_key, langs)
        except (OSError, MsmError):
            plan = None
        self._plans[id(item)] = plan
        return plan

    def _remembered(self, item: VideoInput, src_path: Path, plan: _Plan) -> None:
        """A video checked part by part, each part unchanged since an earlier run taken from
        the result cache, the others checked (and remembered)."""
        src_key, keys = plan
        source: _Source | None = None
        if not self._recall(src_key):
            part, source = self._isolated(self._read_and_check_source, item, src_path)
            if not self._keep(src_key, part):
                return  # the source track cannot be read: nothing else of the video is
        for lang in item.langs:
            po_path = self._catalog_path(item, lang)
            if po_path is None or self._recall(keys[lang]):
                continue
            if source is None:
                part, source = self._isolated(self._read_source, item, src_path)
                if not self._keep(None, part):
                    return  # changed since it was hashed, and unreadable now
            assert source is not None
            part, _ = self._isolated(self._catalog, po_path, lang, source, item.folder)
            self._keep(keys[lang], part)

    def _digests_needed(self) -> bool:
        """Whether the project checks will run (their outcome is not in the result cache)."""
        if self._project_known is None:
            assert self.results is not None
            key = self._project_key
            self._project_known = key is not None and key in self.results.entries
        return not self._project_known

    def _isolated(self, func: Callable[..., T], *args: Any) -> tuple[_Part, T | None]:
        """Run one part of a video apart from what was found so far: what it found (to merge
        and remember), and what `func` returned (None when it raised an input error)."""
        kept = self.report, self.gathered, self.missing
        self.report = CheckReport()
        self.gathered = {check: [] for check, _ in self.gathering}
        self.missing = []
        returned: list[T] = []
        try:
            self._guard(lambda: returned.append(func(*args)))
            report = self.report
            part = _Part(
                [_finding_fields(f) for f in report.findings.items],
                report.ran,
                report.errors,
                report.findings.files,
                self.gathered,
                self.missing,
            )
        finally:
            self.report, self.gathered, self.missing = kept
        return part, returned[0] if returned else None

    def _keep(self, key: str | None, part: _Part) -> bool:
        """Merge a part just checked and store it under `key`; False if it raised an error."""
        self._merge(part)
        if part.errors:
            return False
        if key is not None and self.results is not None:
            outcome = outcome_of(part.findings, part.ran, part.files, part.gathered)
            if outcome is not None:
                self.results.put(key, outcome)
        return True

    def _recall(self, key: str) -> bool:
        """Merge the outcome stored under `key`; False when there is none (or it is damaged)."""
        assert self.results is not None
        stored = self.results.get(key)
        if stored is None:
            return False
        gathering = [check for check, _ in self.gathering]
        try:
            findings, ran, files, gathered = stored_part(stored, gathering, self._digests_needed())
        except (KeyError, TypeError, ValueError):
            return False  # not what we write: checked again (and written anew)
        self._merge(_Part(findings, ran, [], files, gathered, []))
        return True

    def _catalog(
        self,
        po_path: Path,
        lang: str,
        source: _Source,
        folder: Path,
    ) -> None:
        """One language of a video: its entries, its catalogue, the track it builds."""
        from pipeline.tracks.po_language import catalogue_language

        po = _read_po(po_path)
        header = po.metadata.get("Language", "")
        po.notes += catalogue_language(header, lang, str(po_path), po.header_line)[1]
        shown = self._show(po_path)
        committed = []
        for fmt in ("srt", "vtt"):
            built = folder / f"{lang}.{fmt}"
            try:
                data = read_bytes(built)
            except (FileNotFoundError, IsADirectoryError):
                continue
            committed.append(CommittedFile(self._show(built), fmt, data))
        self._finish_catalog(po, po_path, shown, lang, source.cues, source.keys, committed, source)

    def _finish_catalog(
        self,
        po: PoCatalog,
        po_path: Path,
        shown: str,
        lang: str,
        cues: Sequence[Cue],
        keys: Sequence[Key],
        committed: Sequence[CommittedFile] = (),
        source: _Source | None = None,
        numbers: Sequence[int] | None = None,
    ) -> None:
        """A catalogue read (with its video's source track, or the timing its comments
        give): its entries' checks, its own, and those of the track it builds."""
        from pipeline.checks.units import po_units
        from pipeline.tracks.build import translate_track

        positions, sources = (source.positions, source.sources) if source else (None, None)
        current, gone, by_key = po_units(po, shown, lang, positions, sources)
        entries = {(e.msgctxt or None, e.msgid): e for e in po if not e.obsolete}
        self._entries(current, lang, False, shown)
        offsets = {e.line: e.offset for e in entries.values() if e.line and e.offset is not None}
        catalog = CatalogUnit(shown, lang, current, gone, po_path, offsets, po.notes)
        self._run("catalog", catalog, lang, False)
        if self.keep_units:
            self.report.catalogs.append(catalog)
        for check, gather in self.gathering:
            self.gathered[check].append(gather(catalog))
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
        from pipeline.checks.units import cue_units, numbered
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
        self._entries(cue_units(cues, shown, lang), lang, is_source, shown)

    def _source_cues(self, path: Path, sources: dict[Path, list[Cue] | None]) -> list[Cue] | None:
        """The cues of a source track next to a checked file (read once, only for timing)."""
        real = path.resolve()
        if real not in sources:
            from pipeline.checks.units import numbered
            from pipeline.tracks.srt_io import read_srt

            try:
                sources[real] = numbered(read_srt(path, self.source_lang).cues)
            except InputError:
                sources[real] = None  # reported when that video is checked; not needed here
        return sources[real]

    def _lone_po(self, item: FileInput) -> None:
        from pipeline.checks.units import timing_from_comments
        from pipeline.tracks.po_language import catalogue_language

        po = _read_po(item.path)
        header = po.metadata.get("Language", "")
        lang, said = catalogue_language(header, item.lang, str(item.path), po.header_line)
        po.notes += said
        shown = self._show(item.path)
        cues, keys = timing_from_comments(po)
        numbers = [c.index for c in cues]
        self._finish_catalog(po, item.path, shown, lang, cues, keys, numbers=numbers)

    def _project(self, known: str | None = None) -> None:
        """The cross-file checks (their outcome from the result cache when `known` is in it)."""
        unit = ProjectUnit(missing=self.missing, gathered=self.gathered)
        if known is None:
            self._project_checks(unit)
        elif not self._recall(known):
            part, _ = self._isolated(self._project_checks, unit)
            self._keep(known, part)

    def _project_checks(self, unit: ProjectUnit) -> None:
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

    def _entries(self, units: Iterable[EntryUnit], lang: str, is_source: bool, path: str) -> None:
        """Run the entry checks on units of one file (the memoised ones once per text)."""
        units = list(units)
        if not units:
            return
        self._checks("entry", lang, is_source, path)
        plan = self.dispatch.entry_plan(lang, is_source)
        plain, ctx, add = plan.plain, self.ctx, self._add
        if plain:
            for unit in units:
                for spec in plain:
                    for problem in spec.func(unit, ctx):
                        add(spec, unit, problem)
        for memo, specs, cache in plan.memos:
            found = self._memoised(memo, specs, cache, units)
            for at in compress(range(len(found)), found):  # the units with a finding
                unit = units[at]
                for spec, problem in found[at]:
                    add(spec, unit, problem)

    def _memoised(
        self,
        memo: Callable[[EntryUnit], Any],
        specs: list[CheckSpec],
        cache: dict[Any, _Found],
        units: list[EntryUnit],
    ) -> list[_Found]:
        """What the checks sharing a memo key find in each unit: the keys seen before from
        the memo, the new ones (each once) checked now."""
        keys = list(map(memo, units))
        known = list(map(cache.get, keys))
        if None not in known:
            return cast(list[_Found], known)  # no None left in it
        # The units not seen before (positions found in C), each new key once: the first
        # unit with it (a memoised check reads only what the key holds).
        new = list(compress(range(len(known)), map(is_, known, repeat(None))))
        fresh: dict[Any, EntryUnit] = {}
        for at in reversed(new):
            fresh[keys[at]] = units[at]
        made = dict(zip(fresh, self._check_fresh(specs, list(fresh.values())), strict=True))
        if len(cache) + len(made) > _MEMO_LIMIT:
            cache.clear()
        cache.update(made)
        for at in new:
            known[at] = made[keys[at]]
        return cast(list[_Found], known)  # every None replaced

    def _check_fresh(self, specs: list[CheckSpec], units: list[EntryUnit]) -> list[_Found]:
        """Call each check on the units it applies to, one check at a time over all of them
        (`map`: no Python loop per unit and check; only the units where a check found
        something are visited again): a gated check only on the units whose texts hold its
        gate (one search over all their texts, see gates.py)."""
        ctx = self.ctx
        found: list[list[tuple[CheckSpec, Problem]] | None] = [None] * len(units)
        texts: Texts | None = None
        for spec in specs:
            if spec.gate is None:
                chosen, places = units, None
            else:
                texts = texts or Texts(units)
                places = sorted(texts.holding(spec.gate))
                if not places:
                    continue
                chosen = [units[at] for at in places]
            results = list(map(spec.func, chosen, repeat(ctx, len(chosen))))
            # () or []: nothing; a generator is always visited (and may yield nothing).
            for at in compress(range(len(results)), results):
                pairs = [(spec, p) for p in results[at]]
                if not pairs:
                    continue
                if places is not None:
                    at = places[at]
                already = found[at]
                if already is None:
                    found[at] = pairs
                else:
                    already.extend(pairs)
        return [_NOTHING if pairs is None else tuple(pairs) for pairs in found]

    def _track(self, unit: TrackUnit, is_source: bool) -> None:
        if self.keep_units:
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


_Plan = tuple[str, dict[str, str]]  # the source part's key, and each catalogue's


def _keys(plan: _Plan) -> list[str]:
    return [plan[0], *plan[1].values()]


def _finding_fields(finding: Finding) -> tuple[Any, ...]:
    """A finding as a tuple (what crosses from a worker process: cheap to pickle)."""
    return (
        finding.path,
        finding.line,
        finding.context,
        finding.cue,
        finding.lang,
        finding.check,
        finding.severity,
        finding.message,
        finding.concept,
        finding.accepted,
    )


def shrinking_parts(items: list[T], workers: int) -> list[list[T]]:
    """`items` cut into contiguous parts for `workers` processes, each part a fixed share of
    what is left (big parts first, single items last): few parts to hand over, and the
    workers finish within about one item of each other. No part holds more than _PART_MAX
    items: a worker keeps a part's findings until it hands the part over."""
    parts: list[list[T]] = []
    at = 0
    while at < len(items):
        size = max(1, min(_PART_MAX, (len(items) - at) // (workers * _SHARE)))
        parts.append(items[at : at + size])
        at += size
    return parts


_PIPE_SIZE = 1 << 20  # bytes; what Linux lets any process set (/proc/sys/fs/pipe-max-size)


def _widen_pipe(queue: Any) -> None:
    """Let a worker hand over a part without waiting for the parent to read it: the pipe the
    results come back through holds 64 KB by default, a part's findings and digests several
    hundred, and the parent reads only between its own parts (measured: ~10 ms per big
    part). Best effort: Linux only, and through the queue's own pipe."""
    try:
        import fcntl

        fcntl.fcntl(queue._writer.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    except (ImportError, AttributeError, OSError, ValueError):
        pass  # the default size: slower hand-overs, the same report


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def free_cpus(cpus: int | None = None, load: float | None = None) -> int:
    """The processes worth checking with: the cores this process may use, less the ones
    other work keeps busy now (`busy_cores`), at least one. On a busy machine a second
    process only competes with the first: two workers with the load at 8 on 2 cores were
    slower than one process (docs/performance.md)."""
    cpus = _cpus() if cpus is None else cpus
    if load is None:
        load = busy_cores()
        if load is None:
            return cpus
    return max(1, min(cpus, int(cpus - load + 0.5)))


def busy_cores(window: float = 0.05) -> float | None:
    """How many cores other work keeps busy now: the machine's CPU time not idle over a
    short `window` in which this process sleeps (Linux /proc/stat), else the last
    minute's load average. Not the load average first: it lags a minute behind, so it
    counts the run that just ended (an msm check a moment ago, the step before in a CI job
    or a pre-commit chain) as still running."""
    import time

    before = _cpu_times()
    if before is not None:
        time.sleep(window)
        after = _cpu_times()
        if after is not None and after[0] > before[0]:
            total, idle = after[0] - before[0], after[1] - before[1]
            return (os.cpu_count() or 1) * (total - idle) / total
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return None


def _cpu_times() -> tuple[int, int] | None:
    """The machine's CPU time so far, all of it and the idle part (/proc/stat), in ticks."""
    try:
        with Path("/proc/stat").open("rb") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    if len(fields) < 5 or fields[0] != b"cpu":
        return None
    try:
        ticks = [int(f) for f in fields[1:9]]
    except ValueError:
        return None
    return sum(ticks), ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait


# What a worker process checks: the runner, the parts of the video list, the counter of
# parts taken (split by language: how many groups) and the queue parts go back through, set
# by the parent just before it forks (the workers inherit them; nothing is pickled in).
_WORK: tuple[Runner, list[list[VideoInput]], Any, Any] | None = None


# On a run split by language in two groups, with a language they share out: the next video
# whose shared part this process may take, and the last one the worker took.
_SHARED: Any = None


def _take(at: int, first: bool) -> bool:
    """Whether this process (`first`) or the worker takes the shared part of video `at`
    (lang_split.take)."""
    from pipeline.checks.lang_split import take

    return take(_SHARED, at, first)


def _group_indexes(group: int, parts: int, count: int) -> Iterator[int]:
    """The parts a worker checks: its group's of every video, then, with a shared part
    (_SHARED), those it takes from the last video back until it meets this process."""
    yield from range(group, parts, count)
    if _SHARED is not None:
        for at in range(parts // count - 1, -1, -1):
            if not _take(at, False):
                return
            yield at * count + 1


def _next_part(taken: Any, count: int) -> int | None:
    """The next part nobody has taken yet, now taken (None when all are)."""
    with taken.get_lock():
        index: int = taken.value
        if index >= count:
            return None
        taken.value = index + 1
    return index


def _check_parts() -> int:
    """In a worker: check parts until none is left, handing each over as it is done."""
    assert _WORK is not None
    runner, parts, taken, handed = _WORK
    runner._take_part()  # start clean: drop what the parent had found before forking
    count = 0
    while (index := _next_part(taken, len(parts))) is not None:
        for video in parts[index]:
            runner._guard(runner._video, video)
        handed.put((index, runner._take_part()))
        count += 1
    return count


def _check_group(group: int) -> int:
    """In a worker, on a run split by language: check one group's part of every video (the
    shared parts it takes from the last video back: `_take`)."""
    assert _WORK is not None
    runner, parts, count, handed = _WORK
    runner._take_part()  # start clean: drop what the parent had found before forking
    checked = 0
    for index in _group_indexes(group, len(parts), count):
        for video in parts[index]:
            runner._guard(runner._video, video)
        handed.put((index, runner._take_part()))
        checked += 1
    return checked


def _words_hash(root: Path, lang: str) -> str | None:
    """The content hash of a language's spelling word list (None: the project has none)."""
    from pipeline.checks.result_cache import content_hash

    path = root / "glossary" / "words" / f"{lang}.txt"
    try:
        return content_hash(read_bytes(path))
    except OSError:
        return None


def _result_cache(project: Project, config: ChecksConfig, ctx: CheckContext) -> ResultCache:
    """The project's result cache, for a run with these settings and this glossary."""
    from pipeline.checks import spell_paths
    from pipeline.checks.glossary_checks import CACHE_DIR, glossary_path
    from pipeline.checks.result_cache import run_salt

    settings = project.settings
    langs = [settings.source_language, *settings.target_languages]
    path, _ = glossary_path(ctx)
    try:
        glossary = read_bytes(path) if path is not None else None
    except OSError:
        glossary = None  # reported by the run; the glossary checks then find nothing
    salt = run_salt(
        {
            "config": repr(config),
            "checks": settings.raw.get("checks"),
            "glossary": settings.raw.get("glossary"),
            "source": settings.source_language,
            "frame_rate": settings.frame_rate,
            "glossary_path": str(path),
            # the spelling check's dictionaries and the project's word lists
            "dictionaries": spell_paths.stamp(langs),
            "words": {lang: _words_hash(project.root, lang) for lang in langs},
        },
        glossary,
    )
    return ResultCache.load(project.root / CACHE_DIR, salt)


def _read_po(path: Path) -> PoCatalog:
    """Read and validate a catalogue once, in the charset its header declares (one pass)."""
    from pipeline.tracks.po_charset import read_po_text
    from pipeline.tracks.po_read import read_catalog

    decoded = read_po_text(path)
    catalog = read_catalog(decoded.text, str(path), decoded.codec)
    catalog.notes += decoded.notes
    return catalog


def check_paths(
    paths: Sequence[Path],
    project: Project | None,
    langs: Iterable[str] = (),
    glossary: Path | None = None,
    profile: str | None = None,
    workers: int | None = None,
    keep_units: bool = False,
    remember: bool = False,
) -> CheckReport:
    """`msm check`: resolve the PATHs, run every enabled check, return the report.

    `workers`: processes to check with (None: one for a small run, every core for a big one,
    or what the MSM_CHECK_WORKERS environment variable says); the report is the same.
    `keep_units`: keep every track and catalogue checked in the report (for msm status and
    msm report; the run then stays in one process).
    `remember`: take what has not changed since an earlier run from the project's result
    cache, and keep what this run finds there (result_cache.py); the report is the same.
    """
    runner, inputs = plan_check(
        paths, project, langs, glossary, profile, workers, keep_units, remember
    )
    return runner.run(inputs)


def plan_check(
    paths: Sequence[Path],
    project: Project | None,
    langs: Iterable[str],
    glossary: Path | None,
    profile: str | None,
    workers: int | None,
    keep_units: bool,
    remember: bool,
) -> tuple[Runner, Inputs]:
    """`check_paths` up to the run (its options, all given): the runner (with the result
    cache when `remember`) and the inputs the PATHs resolve to."""
    raw = project.settings.raw.get("checks") if project is not None else None
    config = ChecksConfig.from_raw(raw, profile)
    runner = Runner(project, config, glossary, workers=workers, keep_units=keep_units)
    if remember and project is not None and not keep_units:
        runner.results = _result_cache(project, config, runner.ctx)
    for code in {*(project.settings.target_languages if project else ()), *langs}:
        resolve_profile(config, languages.get(code).code)  # bad limits fail before any output
    return runner, inputs_mod.resolve(paths, project, langs)
