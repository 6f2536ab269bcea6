"""`msm build`: write `<lang>.srt` and `<lang>.vtt` from each PO with the source timing."""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from pipeline.errors import Diagnostic, InputError, MsmError
from pipeline.ops.source import Source, load_source
from pipeline.plan import FileChange
from pipeline.project import Project, Video
from pipeline.safewrite import read_text_seen
from pipeline.tracks.build import Gap, gap_summary, translate_track
from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import key_of, read_po
from pipeline.tracks.srt_io import compose_srt
from pipeline.tracks.vtt_io import compose_vtt


@dataclass
class BuiltTrack:
    """One language of one video: the cues it gets and the cues it cannot have."""

    slug: str
    lang: str
    total: int
    cues: list[Cue]
    gaps: list[Gap]

    @property
    def complete(self) -> bool:
        """Every source cue has a reviewed translation."""
        return not self.gaps

    def gap_text(self, verdict: str) -> str:
        """`2 of 28 cues left out: 1 untranslated (cue 4), 1 fuzzy (cue 6)`."""
        reasons = gap_summary((gap.position, gap.reason) for gap in self.gaps)
        return f"{len(self.gaps)} of {self.total} cues {verdict}: {reasons}"

    def gap_line(self, verdict: str) -> str:
        """The same, naming the track: `slug/pl: 2 of 28 cues left out: …`."""
        return f"{self.slug}/{self.lang}: {self.gap_text(verdict)}"


@dataclass
class BuildPlan:
    """Files to write, tracks built, and the problems met."""

    changes: list[FileChange] = field(default_factory=list)
    tracks: list[BuiltTrack] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[MsmError] = field(default_factory=list)


def translated_track(source: Source, lang: str) -> BuiltTrack:
    """The translated cues of one language (pure: reads only the PO)."""
    path = source.files.po(lang)
    if not path.is_file():
        raise InputError(f"{path}: no catalogue for {lang!r}; run `msm update` first")
    po = read_po(path)
    entries: dict[tuple[str | None, str], polib.POEntry] = {
        key_of(e): e for e in po if not e.obsolete
    }
    cues, gaps = translate_track(source.cues, source.keys, entries)
    return BuiltTrack(source.video.slug, lang, len(source.cues), cues, gaps)


def plan_build(
    project: Project, videos: list[Video], langs: list[str], allow_incomplete: bool = False
) -> BuildPlan:
    """Compute the SRT and VTT files of every (video, language); change nothing on disk."""
    plan = BuildPlan()
    for video in videos:
        try:
            source = load_source(project, video)
        except MsmError as exc:
            plan.errors.append(exc)
            continue
        plan.warnings.extend(source.warnings)
        for lang in langs:
            try:
                track = translated_track(source, lang)
            except MsmError as exc:
                plan.errors.append(exc)
                continue
            plan.tracks.append(track)
            if track.gaps and not allow_incomplete:
                continue
            if not track.cues:
                continue  # nothing translated yet: no empty file
            for path, text in (
                (source.files.srt(lang), compose_srt(track.cues)),
                (source.files.vtt(lang), compose_vtt(track.cues)),
            ):
                try:
                    old, seen = read_text_seen(path)
                except MsmError as exc:  # a FIFO, a file saved in another encoding: left alone
                    plan.errors.append(exc)
                    continue
                # Byte for byte, as `msm check`'s stale-build compares: a track that differs
                # only in its line ends or a byte order mark is rewritten too.
                if old != text or not seen.holds(text.encode("utf-8")):
                    summary = f"{len(track.cues)} cues"
                    plan.changes.append(FileChange(path, text, old, summary, seen))
    return plan
