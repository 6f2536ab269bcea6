"""`msm translate`: machine-translation drafts for untranslated PO entries, never more.

Only entries with no translation are drafted; translated and fuzzy entries are never touched
(their bytes stay as they are on disk). Each draft is marked `fuzzy` with a translator comment
naming the provider and the date, so Poedit and Weblate list it as needing review and
`msm build` refuses it until a person has reviewed it. Drafts that miss an approved glossary
term get one more comment naming it. Progress is saved as it goes: every answer is cached at
once, the PO is written atomically every few drafts and when the run ends or is interrupted.
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
from pipeline.fsutil import atomic_write_bytes
from pipeline.mt.cache import TranslationCache
from pipeline.mt.codes import Pair, resolve
from pipeline.mt.engine import Engine, EngineStats, EntryFailed, ProviderStopped
from pipeline.mt.limits import Clock, Sleep
from pipeline.mt.options import TranslateSettings, translate_settings
from pipeline.mt.providers import QUOTAS, open_provider
from pipeline.mt.segment import Layout, assemble, pieces, take_apart, tidy
from pipeline.mt.terms import GlossaryCheck, glossary_comments
from pipeline.ops.source import load_source
from pipeline.project import Project, Video
from pipeline.tracks.build import clean_translation
from pipeline.tracks.po_io import Key, key_of, msgid_line, parse_po, render
from pipeline.tracks.po_patch import EntryPatcher

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
    written: str = ""  # what we last wrote (or read): guards against concurrent edits
    entries: dict[Key, polib.POEntry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.written = self.written or self.text
        self.entries = {key_of(e): e for e in self.po if e.msgid and not e.obsolete}


@dataclass
class TranslatePlan:
    """What a run would draft, and the problems that keep some tracks out."""

    provider: str
    jobs: list[TrackJob] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # fallbacks
    errors: list[MsmError] = field(default_factory=list)


def plan_translate(
    project: Project, videos: list[Video], langs: list[str], provider: str, max_chars: int
) -> TranslatePlan:
    """Find the untranslated entries of each (video, language); read only, send nothing."""
    source_lang = project.settings.source_language
    pairs = {lang: resolve(provider, source_lang, lang) for lang in langs}  # unsupported: raise
    plan = TranslatePlan(provider)
    plan.notes = [p.fallback for p in pairs.values() if p.fallback]
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
            text = _read_exact(path)
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
            lines = text.splitlines()
            pending = [
                _pending(entry, lines, first_cue, max_chars) for entry in po if untranslated(entry)
            ]
            job = TrackJob(video.slug, lang, path, text, po, pairs[lang], pending)
            plan.jobs.append(job)
    return plan


def _read_exact(path: Path) -> str | None:
    """The file's text with its line endings as they are (CRLF stays CRLF), BOM dropped
    (msgfmt rejects a BOM, and msm writes UTF-8 without one)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (invalid byte at offset {exc.start})") from None


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


@dataclass(frozen=True)
class Estimate:
    """What a run would send for one language through one provider."""

    lang: str
    provider: str
    code: str  # the provider's code, with the fallback when inexact
    entries: int  # entries to draft
    requests: int  # distinct texts not in the cache: one request each
    chars: int  # characters in those texts
    cached: int  # distinct texts already in the cache (sent for free)


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
            )
        )
    return rows


def quota_note(provider: str) -> str:
    """What the provider's free tier allows, for the estimate."""
    return f"{provider}: {QUOTAS[provider]}"


@dataclass(frozen=True)
class Failure:
    """An entry that got no draft, and why."""

    path: Path
    line: int | None
    cue: int | None
    msgid: str
    message: str


@dataclass
class TrackResult:
    """What a run did to one PO."""

    slug: str
    lang: str
    path: Path
    pending: int = 0  # untranslated entries found
    drafted: int = 0
    glossary: int = 0  # drafts that got a glossary comment
    failed: int = 0
    not_attempted: int = 0  # left for the next run after the provider stopped


@dataclass
class TranslateReport:
    """The outcome of a run: per track, the failures, and why it stopped early (if it did)."""

    provider: str
    results: list[TrackResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    stopped: str = ""

    @property
    def ok(self) -> bool:
        """Whether every entry got its draft."""
        return not self.failures and not self.stopped


@dataclass
class Drafter:
    """Drafts the entries of a plan through an engine and saves them as it goes."""

    engine: Engine
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
            result = TrackResult(job.slug, job.lang, job.path, pending=len(job.pending))
            report.results.append(result)
            if report.stopped:
                result.not_attempted = len(job.pending)
                continue
            if job.pending:
                self.log(f"{job.slug}/{job.lang}: drafting {len(job.pending)} entries")
            writer = TrackWriter(job)
            unsaved = 0
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


class TrackWriter:
    """Writes one PO as drafts arrive: only the drafted entries' blocks change, atomically."""

    def __init__(self, job: TrackJob) -> None:
        self.job = job
        self.patcher = EntryPatcher(job.text, job.po)
        self.drafts: dict[Key, polib.POEntry] = {}
        self.blocks: dict[Key, str] = {}  # rendered once each: saving stays linear

    def add(self, key: Key, entry: polib.POEntry) -> None:
        """Take one draft; its rendered block must read back as the same entry."""
        block = self.patcher.render(entry)
        back = [e for e in polib.pofile(block, check_for_duplicates=False) if e.msgid]
        if [(key_of(e), e.msgstr, e.fuzzy) for e in back] != [(key, entry.msgstr, True)]:
            raise MsmError(f"{self.job.path}: internal error: a draft does not read back")
        self.drafts[key] = entry
        self.blocks[key] = block

    def save(self, final: bool = False) -> None:
        """Write every draft so far; refuse if someone else changed the file meanwhile."""
        job = self.job
        if _read_exact(job.path) != job.written:
            raise MsmError(
                f"{job.path}: changed on disk during the run; not overwritten. "
                "Drafts made so far are cached: run the command again to apply them"
            )
        try:
            text = self.patcher.apply(self.blocks)
        except ValueError:
            text = _rendered(job, self.drafts)  # unusual layout: same content, msm's wrapping
            final = True
        if final:
            parse_po(text, str(job.path))  # the whole file reads back (once, not every save)
        atomic_write_bytes(job.path, text.encode("utf-8"))  # no BOM: msgfmt rejects one
        job.written = text


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


def _rendered(job: TrackJob, drafts: Mapping[Key, polib.POEntry]) -> str:
    po = parse_po(job.text, str(job.path))
    for entry in po:
        new = drafts.get(key_of(entry))
        if new is not None and not entry.obsolete:
            entry.msgstr, entry.tcomment, entry.flags = new.msgstr, new.tcomment, list(new.flags)
    return render(po)


def _failure(job: TrackJob, pending: Pending, message: str) -> Failure:
    return Failure(job.path, pending.line, pending.cue, pending.key[1], message)


@dataclass
class Outcome:
    """A finished (or stopped) run: the report and what the engine did."""

    report: TranslateReport
    stats: EngineStats
    requests: int  # HTTP requests made, retries and refused connections included


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
    options = settings.providers[plan.provider]
    provider = open_provider(options, env)
    pending = sum(len(job.pending) for job in plan.jobs)
    with TranslationCache(cache_path(project, settings)) as cache:
        engine = Engine(provider, cache, clock=clock, sleep=sleep)
        if pending:
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


def estimate_lines(rows: list[Estimate]) -> list[str]:
    """The --dry-run table."""
    header = ("language", "provider", "code", "entries", "requests", "characters", "cached")
    body = [
        (r.lang, r.provider, r.code, str(r.entries), str(r.requests), f"{r.chars:,}", str(r.cached))
        for r in rows
    ]
    if len(body) > 1:
        total = (
            "total",
            "",
            "",
            str(sum(r.entries for r in rows)),
            str(sum(r.requests for r in rows)),
            f"{sum(r.chars for r in rows):,}",
            str(sum(r.cached for r in rows)),
        )
        body.append(total)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    numeric = {3, 4, 5, 6}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    return [fmt(header), *(fmt(row) for row in body)]


def summary_lines(outcome: Outcome, root: Path) -> list[str]:
    """What the run did, what failed (with `path:line`), and how to go on."""
    report, stats = outcome.report, outcome.stats
    lines = []
    for result in report.results:
        if not result.pending:
            lines.append(f"{_rel(result.path, root)}: nothing untranslated")
            continue
        parts = [f"{result.drafted} of {result.pending} drafted"]
        if result.glossary:
            parts.append(f"{result.glossary} miss glossary terms (see 'glossary:' comments)")
        if result.failed:
            parts.append(f"{result.failed} failed")
        if result.not_attempted:
            parts.append(f"{result.not_attempted} not attempted")
        lines.append(f"{_rel(result.path, root)}: {', '.join(parts)}")
    lines.append(
        f"{report.provider}: {outcome.requests} request(s) sent, "
        f"{stats.chars_sent:,} characters translated, {stats.cached} text(s) from the cache"
        + (f", {stats.retries} retried" if stats.retries else "")
        + (f", waited {stats.waited:.1f} s" if stats.waited >= 0.05 else "")
    )
    if report.failures:
        lines.append(f"failed ({len(report.failures)}):")
        for failure in report.failures:
            where = _rel(failure.path, root) + (f":{failure.line}" if failure.line else "")
            cue = f"cue {failure.cue}: " if failure.cue else ""
            text = failure.msgid.replace("\n", " / ")
            text = text if len(text) <= 50 else text[:49] + "…"
            lines.append(f"  {where}: {cue}{text!r}: {failure.message}")
    if report.stopped:
        lines.append(f"stopped early: {report.stopped}")
    if not report.ok:
        lines.append(
            "drafts made so far are saved and cached: run the same command again "
            "to retry the rest (nothing already drafted is sent again)"
        )
    return lines


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
