"""The repository is one Weblate component per video: proven with translation-finder.

translation-finder is the library Weblate runs to discover translation files; given a copy
of the example project with a second video, it must offer each video's `*.po` as a gettext
component whose template for new translations is that video's `template.pot`, and the
discovery expression documented in docs/weblate.md must find exactly the catalogues, every
video and every target language, never the source.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

from translation_finder import discover

from pipeline.project import Project
from tests.memory.helpers import SLUG, example_copy, msm

DOC = Path(__file__).resolve().parents[2] / "docs" / "weblate.md"


def documented_regex() -> re.Pattern[str]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- discovery-regex -->", 1)[1].split("```", 2)[1]
    return re.compile(block.strip())


def documented_language_filter() -> re.Pattern[str]:
    found = re.search(r"Language filter \| `([^`]+)`", DOC.read_text(encoding="utf-8"))
    assert found
    return re.compile(found.group(1))


def project_with_two_videos(tmp_path: Path) -> tuple[Path, Project]:
    root = example_copy(tmp_path)
    assert msm(root, "update", "second").exit_code == 0
    return root, Project.load(root)


def test_translation_finder_offers_one_po_component_per_video(tmp_path: Path) -> None:
    root, project = project_with_two_videos(tmp_path)
    found = [dict(result) for result in discover(str(root))]
    po = {r["filemask"]: r for r in found if r["file_format"] == "po"}
    slugs = [video.slug for video in project.settings.videos]
    assert slugs == [SLUG, "second"]
    # Per video: the cues' catalogues, and the YouTube title and description's (meta/).
    folders = [f"subtitles/{slug}" for slug in slugs] + [f"subtitles/{slug}/meta" for slug in slugs]
    assert set(po) == {f"{folder}/*.po" for folder in folders}
    for folder in folders:
        component = po[f"{folder}/*.po"]
        assert component["new_base"] == f"{folder}/template.pot"
        assert "template" not in component  # bilingual: no monolingual base file
        languages = {
            path.stem
            for path in (root / folder).iterdir()
            if fnmatch(path.relative_to(root).as_posix(), component["filemask"])
        }
        assert languages == set(project.settings.target_languages)


def test_the_documented_discovery_expression_finds_every_catalogue_and_nothing_else(
    tmp_path: Path,
) -> None:
    root, project = project_with_two_videos(tmp_path)
    pattern, keep = documented_regex(), documented_language_filter()
    found: set[tuple[str, str]] = set()
    for path in (root / "subtitles").rglob("*"):
        match = pattern.fullmatch(path.relative_to(root).as_posix())
        if match and keep.match(match["language"]):
            found.add((match["component"], match["language"]))
    expected = {
        (video.slug, lang)
        for video in project.settings.videos
        for lang in project.settings.target_languages
    }
    assert found == expected
    assert not keep.match(project.settings.source_language)
    assert all(keep.match(lang) for lang in project.settings.target_languages)
    for path in ("subtitles/a/en.srt", "subtitles/a/template.pot", "subtitles/catalog.toml"):
        assert not pattern.fullmatch(path)
