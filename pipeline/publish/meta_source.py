"""Where a video's translated title and description live, and their English source texts
(shared by `meta.py`, which keeps the catalogues, and `meta_checks.py`, which checks them)."""

from __future__ import annotations

from pathlib import Path

from pipeline.project import Project, Video
from pipeline.store import video_files

META_FOLDER = "meta"
TITLE = "youtube title"
DESCRIPTION = "youtube description"
TITLE_MAX = 100  # characters (YouTube)
DESCRIPTION_MAX = 5000  # bytes of UTF-8 (YouTube)


def folder(project: Project, video: Video) -> Path:
    """Where a video's title and description catalogues live."""
    return video_files(project, video).folder / META_FOLDER


def sources(video: Video) -> list[tuple[str, str]]:
    """(msgctxt, English text) of a video: its title, and its description when it has one."""
    out = [(TITLE, video.title)]
    if video.description:
        out.append((DESCRIPTION, video.description))
    return out
