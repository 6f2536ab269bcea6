"""The report's view of each video's YouTube titles and descriptions (meta/<lang>.po): per
language its state, its texts and the findings `msm check` has on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.checks.model import Finding
from pipeline.errors import MsmError
from pipeline.project import Project, Video

if TYPE_CHECKING:
    import polib

    from pipeline.checks.registry import CheckContext

# How the report words each state of publish.meta.states (status words stay as they are).
STATE_WORDS = {
    "translated": "translated",
    "fuzzy": "fuzzy",
    "untranslated": "untranslated",
    "stale": "out of date",
    "missing": "missing",
    "unreadable": "unreadable",
}


@dataclass(frozen=True)
class TitleRow:
    """One language of one video: where its title and description stand, and what they say."""

    lang: str
    state: str  # a key of STATE_WORDS
    path: str  # meta/<lang>.po, relative to the project
    title: str  # the translation ("" when there is none)
    description: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class VideoTitles:
    """A video's English title and description and its rows, in the project's order."""

    video: Video
    rows: tuple[TitleRow, ...]
    source_findings: tuple[Finding, ...]  # on the English texts in catalog.toml

    def all_findings(self) -> list[Finding]:
        """The findings on the English texts, then on each language's."""
        return [*self.source_findings, *(f for row in self.rows for f in row.findings)]


def video_titles(
    project: Project,
    videos: Sequence[Video],
    langs: Sequence[str],
    ctx: CheckContext | None = None,
) -> list[VideoTitles]:
    """Each video's titles: states (as `msm status`), texts and findings (as `msm check`)."""
    from pipeline.publish.meta import DESCRIPTION, TITLE, folder, states
    from pipeline.publish.meta_checks import check_meta
    from pipeline.tracks.po_io import read_po

    out = []
    for video in videos:
        found = check_meta(project, [video], langs, ctx)
        base = folder(project, video)
        rows = []
        for lang, state in states(project, video, langs).items():
            path = base / f"{lang}.po"
            shown = str(path.relative_to(project.root))
            entries: list[polib.POEntry] = []
            if state not in ("missing", "unreadable"):
                try:
                    entries = list(read_po(path))
                except MsmError:  # read by `states` a moment ago; changed since
                    entries = []
            texts = {e.msgctxt or "": e.msgstr for e in entries if not e.obsolete}
            rows.append(
                TitleRow(
                    lang,
                    state,
                    shown,
                    texts.get(TITLE, ""),
                    texts.get(DESCRIPTION, ""),
                    tuple(f for f in found if f.path == shown),
                )
            )
        english = tuple(f for f in found if f.lang == project.settings.source_language)
        out.append(VideoTitles(video, tuple(rows), english))
    return out
