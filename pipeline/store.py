"""The track store: where each video's files live under `subtitles/<slug>/`."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from pipeline.confine import confine, confine_links
from pipeline.errors import ProjectError
from pipeline.project import Project, Video, check_slug

TEMPLATE_NAME = "template.pot"


class VideoFiles:
    """The paths of one video's tracks: source SRT, PO template, and per language PO/SRT/VTT."""

    # A plain class: a dataclass cost ~0.5 ms of start-up (its methods compiled from source).
    __slots__ = ("folder", "slug", "source_language")

    def __init__(self, slug: str, folder: Path, source_language: str) -> None:
        self.slug: Final = slug
        self.folder: Final = folder
        self.source_language: Final = source_language

    @property
    def source_srt(self) -> Path:
        """The source track with the canonical timing (`en.srt`)."""
        return self.folder / f"{self.source_language}.srt"

    @property
    def template(self) -> Path:
        """The PO template refreshed from the source track."""
        return self.folder / TEMPLATE_NAME

    def po(self, lang: str) -> Path:
        """The translation catalogue of `lang`: canonical for translations."""
        return self.folder / f"{lang}.po"

    def srt(self, lang: str) -> Path:
        """The SRT generated for `lang` (or the source track for the source language)."""
        return self.folder / f"{lang}.srt"

    def vtt(self, lang: str) -> Path:
        """The WebVTT generated for `lang`."""
        return self.folder / f"{lang}.vtt"


def video_files(project: Project, video: Video) -> VideoFiles:
    """The files of `video`, guaranteed to stay inside the project's subtitles folder."""
    problem = check_slug(video.slug)
    if problem:
        raise ProjectError(problem)
    confine(project.subtitles, project.root, "subtitles folder")
    base = project.subtitles.resolve()
    folder = (base / video.slug).resolve()
    if folder.parent != base:
        raise ProjectError(f"video folder {folder} escapes {base}")
    confine_links(folder, project.root)  # a PO linked to a file elsewhere is refused
    return VideoFiles(video.slug, folder, project.settings.source_language)
