"""Load a video's source track and everything derived from it (entries, keys, template)."""

from __future__ import annotations

from dataclasses import dataclass

import polib

from pipeline.errors import Diagnostic, InputError
from pipeline.project import Project, Video
from pipeline.store import VideoFiles, video_files
from pipeline.tracks.merge import SourceEntry, cue_keys, source_entries, template_entry
from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import HeaderInfo, Key, header, header_comment, new_catalog, render
from pipeline.tracks.srt_io import read_srt


@dataclass
class Source:
    """A video's source track, grouped into PO entries."""

    video: Video
    files: VideoFiles
    cues: list[Cue]
    keys: list[Key]  # the entry key of each cue, in order
    entries: list[SourceEntry]
    warnings: list[Diagnostic]
    title: str  # Project-Id-Version of its catalogues

    def template_entries(self) -> list[polib.POEntry]:
        """Fresh template entries (no translations) for this source."""
        name = self.files.source_srt.name
        return [template_entry(e, name) for e in self.entries]


def load_source(project: Project, video: Video) -> Source:
    """Read `<slug>/en.srt`; a missing or broken source raises InputError."""
    files = video_files(project, video)
    if not files.source_srt.is_file():
        raise InputError(
            f"{files.source_srt}: the source track is missing "
            f"(add it, or pull the video with `msm pull`)"
        )
    result = read_srt(files.source_srt, project.settings.source_language)
    _check_contexts(video, len(result.cues), str(files.source_srt))
    return Source(
        video=video,
        files=files,
        cues=result.cues,
        keys=cue_keys(result.cues, video.contexts),
        entries=source_entries(result.cues, video.contexts),
        warnings=result.warnings,
        title=f"{project.settings.name}: {video.title}",
    )


def _check_contexts(video: Video, count: int, path: str) -> None:
    wrong = sorted(n for n in video.contexts if n > count)
    if wrong:
        raise InputError(
            f"{path}: the catalogue gives a context to cue {wrong[0]} "
            f"of video {video.slug!r}, which has only {count} cues"
        )


def catalog_text(
    source: Source,
    lang: str | None,
    entries: list[polib.POEntry],
    info: HeaderInfo,
    old: polib.POFile | None = None,
) -> str:
    """The text of the template (lang None) or a language's catalogue, keeping what the
    translator's tools put in the old header (team, translator, comment)."""
    meta = header(info, lang, old.metadata if old is not None else None)
    comment = old.header if old is not None and old.header else header_comment(source.title, lang)
    return render(new_catalog(meta, entries, comment))
