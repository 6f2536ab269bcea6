"""What a track's page shows: every cue with its timing, texts, reading speed and findings.

Built from the units and findings of the one check run (`ProjectStatus`): nothing is read or
parsed again. Each finding goes to the cues it concerns: a track check's finding to its cue,
an entry's finding to every cue saying that entry's text; findings about a file, an obsolete
entry or the whole catalogue are listed for the track as a whole.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.checks.config import ChecksConfig
from pipeline.checks.model import EntryUnit, Finding, TrackUnit
from pipeline.checks.profiles import Profile, resolve
from pipeline.checks.registry import load_all
from pipeline.checks.text import reading_chars
from pipeline.project import Project, Video
from pipeline.report.markup import Kind, Mark
from pipeline.report.spans import finding_spans
from pipeline.report.status import ProjectStatus, TrackStatus
from pipeline.report.terms import TermFinder, TermMark
from pipeline.tracks.build import clean_translation
from pipeline.tracks.merge import cue_keys
from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import Key

State = Literal["source", "translated", "fuzzy", "untranslated", "missing", "invalid"]
SEVERITY_ORDER = ("error", "warning", "info", "accepted")


def severity_of(finding: Finding) -> str:
    """The finding's severity, or "accepted" when a reviewer accepted it."""
    return "accepted" if finding.accepted else finding.severity


@dataclass(frozen=True)
class Row:
    """One cue of a track."""

    number: int
    start: int
    end: int
    source: str
    text: str | None  # the translation (None on the source page, or when untranslated)
    state: State
    chars: int | None  # reading characters of what is shown (None: nothing to read)
    cps: float | None
    findings: tuple[Finding, ...]
    source_marks: tuple[Mark, ...] = ()
    text_marks: tuple[Mark, ...] = ()

    @property
    def duration(self) -> int:
        """Milliseconds on screen."""
        return self.end - self.start

    @property
    def worst(self) -> str | None:
        """The worst severity among the cue's findings (None when it has none)."""
        found = {severity_of(f) for f in self.findings}
        return next((s for s in SEVERITY_ORDER if s in found), None)


@dataclass(frozen=True)
class TrackPage:
    """The page of one video in one language (or of its source track)."""

    video: Video
    status: TrackStatus
    profile: Profile
    source_lang: str
    rows: tuple[Row, ...]
    other: tuple[Finding, ...]  # findings that concern no single cue

    @property
    def href(self) -> str:
        """The page's path inside the report folder."""
        return page_href(self.video.slug, self.status.lang)

    @property
    def is_source(self) -> bool:
        """The page of the source track (no translation column)."""
        return self.status.kind == "source"


def page_href(slug: str, lang: str) -> str:
    """Where a track's page lives in the report: `<slug>/<lang>.html`."""
    return f"{slug}/{lang}.html"


def cps_of(text: str, duration: int) -> tuple[int, float]:
    """Reading characters and characters per second, counted as the reading-speed checks do."""
    chars = reading_chars(text)
    return chars, (chars * 1000.0 / duration if duration > 0 else float("inf"))


class _Terms:
    """Glossary look-ups, once per distinct (text, language)."""

    def __init__(self, finder: TermFinder | None) -> None:
        self.finder = finder
        self.cache: dict[tuple[str, str], tuple[TermMark, ...]] = {}

    def __call__(self, text: str, lang: str) -> tuple[TermMark, ...]:
        if self.finder is None or not text:
            return ()
        key = (text, lang)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = tuple(self.finder(text, lang))
        return found


def term_marks(terms: Sequence[TermMark]) -> list[Mark]:
    """Glossary terms as marks: approved terms one way, forbidden ones another."""
    return [
        Mark(
            t.start,
            t.end,
            "forbidden" if t.forbidden else "term",
            f"glossary {t.concept}: {t.status} term “{t.term}”"
            + (f" ({t.how} match)" if t.how != "exact" else ""),
        )
        for t in terms
    ]


def track_pages(
    project: Project, status: ProjectStatus, terms: TermFinder | None = None
) -> list[TrackPage]:
    """A page for every track the run could read, video by video, source first."""
    raw = project.settings.raw.get("checks")
    config = ChecksConfig.from_raw(raw)
    profiles: dict[str, Profile] = {}
    lookup = _Terms(terms)
    scopes = {spec.id: spec.scope for spec in load_all().values()}
    source_lang = project.settings.source_language
    pages = []
    for video in status.videos:
        for track in video.tracks:
            unit = status.index.tracks.get((video.video.slug, track.lang))
            if unit is None or track.verdict in ("missing", "unreadable"):
                continue  # nothing of this language to show (the matrix says why)
            profile = profiles.get(track.lang)
            if profile is None:
                profile = profiles[track.lang] = resolve(config, track.lang)
            findings = status.index.findings.get((video.video.slug, track.lang), [])
            builder = _PageBuilder(unit, video.video, profile, source_lang, lookup, scopes)
            rows, other = builder.build(findings)
            pages.append(TrackPage(video.video, track, profile, source_lang, rows, other))
    return pages


class _PageBuilder:
    def __init__(
        self,
        unit: TrackUnit,
        video: Video,
        profile: Profile,
        source_lang: str,
        terms: _Terms,
        scopes: Mapping[str, str],
    ) -> None:
        self.unit = unit
        self.video = video
        self.profile = profile
        self.source_lang = source_lang
        self.terms = terms
        self.scopes = scopes
        self.cues: Sequence[Cue] = unit.cues if unit.is_source else (unit.source_cues or ())

    def build(self, findings: Sequence[Finding]) -> tuple[tuple[Row, ...], tuple[Finding, ...]]:
        by_cue: dict[int, list[Finding]] = {}
        other: list[Finding] = []
        for finding in findings:
            cues = self._cues_of(finding)
            if not cues:
                other.append(finding)
            for number in cues:
                by_cue.setdefault(number, []).append(finding)
        rows = tuple(self._row(n, cue, by_cue.get(n, ())) for n, cue in enumerate(self.cues, 1))
        return rows, tuple(other)

    def _cues_of(self, finding: Finding) -> Sequence[int]:
        """The cue numbers a finding concerns (none: it is about the file or catalogue)."""
        if finding.path != self.unit.path or finding.cue is None:
            return ()
        if not 1 <= finding.cue <= len(self.cues):
            return ()
        if self.scopes.get(finding.check, "entry") == "track":
            return (finding.cue,)
        return self._entry_cues(finding.cue)

    def _entry_cues(self, cue: int) -> Sequence[int]:
        """Every cue that says the text of the entry cue `cue` belongs to."""
        if not self.unit.is_source:
            entry = self.unit.entry_of.get(cue)
            return entry.cues if entry is not None and entry.cues else (cue,)
        return self._sharing[self._keys[cue - 1]]

    @functools.cached_property
    def _keys(self) -> list[Key]:
        """The entry key of each source cue (its context and text)."""
        return cue_keys(self.cues, self.video.contexts)

    @functools.cached_property
    def _sharing(self) -> dict[Key, list[int]]:
        """The cue numbers saying each source text."""
        found: dict[Key, list[int]] = {}
        for n, key in enumerate(self._keys, 1):
            found.setdefault(key, []).append(n)
        return found

    def _row(self, number: int, cue: Cue, findings: Sequence[Finding]) -> Row:
        source_terms = self.terms(cue.text, self.source_lang)
        if self.unit.is_source:
            chars, cps = cps_of(cue.text, cue.duration)
            marks = term_marks(source_terms) + self._finding_marks(
                findings, cue.text, self.source_lang, source_terms
            )
            return Row(
                number=number,
                start=cue.start,
                end=cue.end,
                source=cue.text,
                text=None,
                state="source",
                chars=chars,
                cps=cps,
                findings=tuple(findings),
                source_marks=tuple(marks),
            )
        entry = self.unit.entry_of.get(number)
        state, shown = _state(entry)
        text = entry.target if entry is not None and entry.target.strip() else None
        speed = cps_of(shown, cue.duration) if shown is not None else (None, None)
        target_marks: list[Mark] = []
        if text is not None:
            target_terms = self.terms(text, self.unit.lang)
            target_marks = term_marks(target_terms) + self._finding_marks(
                findings, text, self.unit.lang, target_terms
            )
        return Row(
            number=number,
            start=cue.start,
            end=cue.end,
            source=cue.text,
            text=text,
            state=state,
            chars=speed[0],
            cps=speed[1],
            findings=tuple(findings),
            source_marks=tuple(term_marks(source_terms)),
            text_marks=tuple(target_marks),
        )

    def _finding_marks(
        self, findings: Sequence[Finding], text: str, lang: str, terms: Sequence[TermMark]
    ) -> list[Mark]:
        marks = []
        for f in findings:
            spans = finding_spans(f.check, f.concept, text, lang, self.profile, terms)
            kind: Kind = "accepted" if f.accepted else f.severity
            for start, end in spans or ():
                marks.append(Mark(start, end, kind, f"{f.check}: {f.message}"))
        return marks


def _state(entry: EntryUnit | None) -> tuple[State, str | None]:
    """The state of a cue's translation, and the text a viewer would read (None: nothing)."""
    if entry is None:
        return "missing", None
    if not entry.target.strip():
        return "untranslated", None
    text, problem = clean_translation(entry.target)
    if problem:
        return "invalid", None
    return ("fuzzy" if entry.fuzzy else "translated"), text
