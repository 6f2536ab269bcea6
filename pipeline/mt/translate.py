"""`msm translate`: machine-translation drafts for untranslated PO entries, never more.

The translation memory comes first: an untranslated entry with an exact or near match in
another video (or a TMX of the memory folder) is filled from it, as `msm update` fills new
entries (pipeline/memory/fill.py), and only what is left is sent. Only entries with no
translation are drafted; translated and fuzzy entries are never touched
(their bytes stay as they are on disk). Each draft is marked `fuzzy` with a translator comment
naming the provider and the date, so Poedit and Weblate list it as needing review and
`msm build` refuses it until a person has reviewed it. Drafts that miss an approved glossary
term get one more comment naming it. Progress is saved as it goes: every answer is cached at
once, the PO is written atomically every few drafts and when the run ends or is interrupted.

Long: the plan (memory first, then what is left per provider) and the run that drafts,
caches and writes it share one job model; each step is a short function.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polib

from pipeline import languages
from pipeline.errors import InputError, MsmError
from pipeline.memory.fill import apply_match, best_match
from pipeline.memory.settings import memory_settings
from pipeline.memory.store import Memory, load_memory, po_origin
from pipeline.mt.cache import TranslationCache
from pipeline.mt.codes import Pair, resolve
from pipeline.mt.engine import Engine, EngineStats, EntryFailed, ProviderStopped
from pipeline.mt.limits import Clock, Sleep
from pipeline.mt.options import TranslateSettings, translate_settings
from pipeline.mt.providers import QUOTAS, open_provider
from pipeline.mt.report import Estimate, Failure, Outcome, TrackResult, TranslateReport
from pipeline.mt.segment import Layout, assemble, pieces, take_apart, tidy
from pipeline.mt.terms import GlossaryCheck, glossary_comments
from pipeline.mt.writer import TrackWriter, read_exact_seen
from pipeline.ops.source import load_source
from pipeline.project import Project, Video
from pipeline.safewrite import Seen
from pipeline.tracks.build import clean_translation
from pipeline.tracks.po_io import Key, key_of, msgid_line, parse_po

DRAFT_COMMENT = "machine draft: "
NOTE_COMMENT = "draft note: "

Log = Callable[[str], None]


def settings_of(project: Project) -> TranslateSettings:
    """The project's `[translate]` settings."""
    return translate_settings(project.settings.raw.get("translate"))


def cache_path(project: Project, settings: TranslateSettings) -> Path:
    """Where the translation cache lives (relative paths are from the project root)."""
    path = Path(settings.cache).expanduser()
    return path if path.is_absolute() else project.root / path


def untranslated(entry: polib.POEntry) -> bool:
    """Whether `msm translate` may draft this entry: nobody has translated it at all."""
    return (
        bool(entry.msgid)
        and not entry.obsolete
        and not entry.fuzzy
        and not entry.msgid_plural
        and not entry.msgstr
    )


@dataclass
class Pending:
    """One entry to draft: where it is and what will be sent for it."""

    key: Key
    line: int | None  # line of its msgid in the PO
    cue: int | None  # first source cue saying it
    layout: Layout
    texts: list[list[str]]  # per unit of the layout: the pieces sent ([] for blank units)

    @property
    def sent(self) -> list[str]:
        """Every text this entry sends, in order."""
        return [piece for unit in self.texts for piece in unit]


@dataclass
class TrackJob:
    """One language of one video: its PO as read and the entries to draft."""

    slug: str
    lang: str
    path: Path
    text: str  # the PO text as read (line endings kept, BOM removed); patches apply to it
    po: polib.POFile
    pair: Pair
    pending: list[Pending]
    entries: dict[Key, polib.POEntry] = field(default_factory=dict, repr=False)
    seen: Seen | None = None  # the read `text` came from: saves compare against it
    recalled: list[tuple[Key, polib.POEntry]] = field(default_factory=list)  # memory fills

    def __post_init__(self) -> None:
        self.entries = {key_of(e): e for e in self.po if e.msgid and not e.obsolete}


@dataclass
class TranslatePlan:
    """What a run would draft, and the problems that keep some tracks out."""

    provider: str
    jobs: list[TrackJob] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # fallbacks
    errors: list[MsmError] = field(default_factory=list)


def plan_translate(
    project: Project,
    videos: list[Video],
    langs: list[str],
    provider: str | None = None,
    save_cache: bool = True,
) -> TranslatePlan:
    """Find the untranslated entries of each (video, language); read only, send nothing.

    `provider` defaults to the project's `[translate] provider`.
    """
    settings = settings_of(project)
    provider = provider or settings.provider
    max_chars = settings.providers[provider].max_chars
    source_lang = project.settings.source_language
    pairs = {lang: resolve(provider, source_lang, lang) for lang in langs}  # unsupported: raise
    plan = TranslatePlan(provider)
    plan.notes = [p.fallback for p in pairs.values() if p.fallback]
    recall = _Recall(project, save_cache)
    for video in videos:
        try:
            source = load_source(project, video)
        except MsmError as exc:
            plan.errors.append(exc)
            continue
        first_cue: dict[Key, int] = {}
        for position, key in enumerate(source.keys, start=1):
            first_cue.setdefault(key, position)
        for lang in langs:
            path = source.files.po(lang)
            text, seen = read_exact_seen(path)
            if text is None:
                plan.errors.append(
                    InputError(
                        f"{path}: no catalogue for {lang!r} yet; run "
                        f"`msm update {video.slug} --lang {lang}` first, then translate"
                    )
                )
                continue
            try:
                po = parse_po(text, str(path))
            except MsmError as exc:
                plan.errors.append(exc)
                continue
            stale = _stale(po, first_cue)
            if stale:
                plan.errors.append(
                    InputError(
                        f"{path}: out of date with {source.files.source_srt.name} ({stale}); "
                        f"run `msm update {video.slug} --lang {lang}` first"
                    )
                )
                continue
            lines = text.split("\n")  # only \n ends a PO line (not U+2028 and the like)
            pending = [
                _pending(entry, lines, first_cue, max_chars) for entry in po if untranslated(entry)
            ]
            job = TrackJob(video.slug, lang, path, text, po, pairs[lang], pending, seen=seen)
            recall.take(job)
            plan.jobs.append(job)
    return plan


@dataclass
class _Recall:
    """Takes out of each job's pending entries those the translation memory can fill."""

    project: Project
    save: bool = True  # write the memory's cache (not in a dry run)
    memories: dict[str, Memory] = field(default_factory=dict)

    def take(self, job: TrackJob) -> None:
        settings = memory_settings(self.project.settings.raw.get("memory"))
        if not settings.fill or not job.pending:
            return
        memory = self.memories.get(job.lang)
        if memory is None:
            memory = self.memories[job.lang] = load_memory(
                self.project, job.lang, settings, save=self.save
            )
        left: list[Pending] = []
        texts = [job.entries[pending.key].msgid for pending in job.pending]
        memory.prepare(texts, settings.threshold)
        for pending in job.pending:
            original = job.entries[pending.key]
            match = best_match(memory, original, settings, po_origin(job.slug, job.lang))
            if match is None:
                left.append(pending)
                continue
            filled = _drafted(original, "", ())
            filled.flags = list(original.flags)
            apply_match(filled, match, settings)
            job.recalled.append((pending.key, filled))
        job.pending = left


def _stale(po: polib.POFile, first_cue: Mapping[Key, int]) -> str:
    have = {key_of(e) for e in po if e.msgid and not e.obsolete}
    missing = sum(1 for key in first_cue if key not in have)
    extra = sum(1 for key in have if key not in first_cue)
    parts = []
    if missing:
        parts.append(f"{missing} source text(s) have no entry")
    if extra:
        parts.append(f"{extra} entry(ies) are no longer in the source")
    return ", ".join(parts)


def _pending(
    entry: polib.POEntry, lines: list[str], first_cue: Mapping[Key, int], max_chars: int
) -> Pending:
    key = key_of(entry)
    layout = take_apart(entry.msgid)
    texts = [[] if unit.blank else pieces(unit.text, max_chars) for unit in layout.units]
    return Pending(key, msgid_line(entry, lines), first_cue.get(key), layout, texts)


def estimate(plan: TranslatePlan, cache: TranslationCache) -> list[Estimate]:
    """Entries, requests and characters per language, counting each distinct text once."""
    rows: list[Estimate] = []
    for lang in dict.fromkeys(job.lang for job in plan.jobs):
        jobs = [job for job in plan.jobs if job.lang == lang]
        pair = jobs[0].pair
        texts = dict.fromkeys(text for job in jobs for p in job.pending for text in p.sent)
        codes = (pair.provider, pair.source_code, pair.target_code)
        hits = {t for t in texts if cache.get(*codes, t) is not None}
        todo = [t for t in texts if t not in hits]
        rows.append(
            Estimate(
                lang=lang,
                provider=plan.provider,
                code=pair.label,
                entries=sum(len(job.pending) for job in jobs),
                requests=len(todo),
                chars=sum(len(t) for t in todo),
                cached=len(hits),
                memory=sum(len(job.recalled) for job in jobs),
            )
        )
    return rows


def quota_note(provider: str) -> str:
    """What the provider's free tier allows, for the estimate."""
    return f"{provider}: {QUOTAS[provider]}"


@dataclass
class Drafter:
    """Drafts the entries of a plan through an engine and saves them as it goes."""

    engine: Engine | None
    moment: datetime
    glossary: GlossaryCheck | None = None
    save_every: int = 10
    stop_after_failures: int = 3
    log: Log = lambda _: None

    def run(self, plan: TranslatePlan) -> TranslateReport:
        """Draft every pending entry; save each PO in small batches; report what failed."""
        report = TranslateReport(plan.provider)
        consecutive = 0
        for job in plan.jobs:
            result = TrackResult(
                job.slug, job.lang, job.path, pending=len(job.pending) + len(job.recalled)
            )
            report.results.append(result)
            writer = TrackWriter(job.path, job.text, job.po, job.seen)
            unsaved = 0
            for key, filled in job.recalled:  # the memory first: nothing to send
                writer.add(key, filled)
                result.memory += 1
                unsaved += 1
            if report.stopped:
                result.not_attempted = len(job.pending)
                if unsaved:
                    writer.save(final=True)
                continue
            if job.pending:
                self.log(f"{job.slug}/{job.lang}: drafting {len(job.pending)} entries")
            try:
                for position, pending in enumerate(job.pending):
                    try:
                        entry, glossary_hit = self._draft(job, pending)
                    except EntryFailed as exc:
                        result.failed += 1
                        report.failures.append(_failure(job, pending, str(exc)))
                        consecutive += 1
                        if consecutive >= self.stop_after_failures:
                            report.stopped = f"{consecutive} entries failed in a row; last: {exc}"
                            result.not_attempted = len(job.pending) - position - 1
                            break
                        continue
                    except ProviderStopped as exc:
                        report.stopped = str(exc)
                        result.not_attempted = len(job.pending) - position
                        break
                    consecutive = 0
                    writer.add(pending.key, entry)
                    result.drafted += 1
                    result.glossary += glossary_hit
                    unsaved += 1
                    if unsaved >= self.save_every:
                        writer.save()
                        unsaved = 0
            finally:
                if unsaved:  # also when interrupted: every draft made so far reaches the PO
                    writer.save(final=True)
        return report

    def _draft(self, job: TrackJob, pending: Pending) -> tuple[polib.POEntry, int]:
        engine, pair = self.engine, job.pair
        if engine is None:
            raise ProviderStopped("no provider opened")  # never: drafts need a provider
        answers = []
        for unit, texts in zip(pending.layout.units, pending.texts, strict=True):
            if unit.blank:
                answers.append(unit.text)
                continue
            parts = [tidy(engine.translate(text, pair), text) for text in texts]
            answers.append(" ".join(parts))
        lang = languages.get(job.lang)
        draft = assemble(pending.layout, answers, lang.max_chars_per_line)
        text, problem = clean_translation(draft.text)
        if problem:
            raise EntryFailed(f"{pair.provider}: unusable draft ({problem})")
        original = job.entries[pending.key]
        stamp = f"{DRAFT_COMMENT}{pair.provider}"
        if not pair.exact:
            stamp += f" ({pair.label})"
        stamp += f", {self.moment.date().isoformat()}"
        comments = [stamp, *(NOTE_COMMENT + note for note in draft.notes)]
        flagged = 0
        if self.glossary is not None:
            found = glossary_comments(self.glossary, original.msgid, text, job.lang)
            comments.extend(found)
            flagged = 1 if found else 0
        return _drafted(original, text, comments), flagged


def _drafted(original: polib.POEntry, text: str, comments: Iterable[str]) -> polib.POEntry:
    """A copy of `original` holding the draft, marked fuzzy, with the comments added."""
    tcomment = "\n".join(line for line in [original.tcomment or "", *comments] if line)
    flags = list(original.flags)
    if "fuzzy" not in flags:
        flags.insert(0, "fuzzy")
    return polib.POEntry(
        msgctxt=original.msgctxt,
        msgid=original.msgid,
        msgstr=text,
        occurrences=list(original.occurrences),
        comment=original.comment,
        tcomment=tcomment,
        flags=flags,
        previous_msgid=original.previous_msgid,
        previous_msgctxt=original.previous_msgctxt,
    )


def _failure(job: TrackJob, pending: Pending, message: str) -> Failure:
    return Failure(job.path, pending.line, pending.cue, pending.key[1], message)


def draft(
    project: Project,
    plan: TranslatePlan,
    *,
    env: Mapping[str, str],
    moment: datetime,
    glossary: GlossaryCheck | None,
    log: Log = lambda _: None,
    clock: Clock = time.monotonic,
    sleep: Sleep = time.sleep,
) -> Outcome:
    """Run the plan against its provider: the one function that sends anything."""
    settings = settings_of(project)
    pending = sum(len(job.pending) for job in plan.jobs)
    if not pending:  # nothing to send: no key needed, no cache opened
        report = Drafter(None, moment, glossary, log=log).run(plan)  # memory fills only
        return Outcome(report, EngineStats(), 0)
    provider = open_provider(settings.providers[plan.provider], env)
    with TranslationCache(cache_path(project, settings)) as cache:
        engine = Engine(provider, cache, clock=clock, sleep=sleep)
        log(f"{provider.name}: {pending} entries to draft via {provider.where}")
        drafter = Drafter(
            engine,
            moment,
            glossary,
            save_every=settings.save_every,
            stop_after_failures=settings.stop_after_failures,
            log=log,
        )
        report = drafter.run(plan)
    return Outcome(report, engine.stats, provider.requests)


def dry_run(project: Project, plan: TranslatePlan) -> list[Estimate]:
    """The estimate of what `draft` would send, reading the cache without creating it."""
    with TranslationCache(cache_path(project, settings_of(project)), read_only=True) as cache:
        return estimate(plan, cache)
