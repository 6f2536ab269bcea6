"""Project settings and catalogue: validated, typos suggested, slugs safe, found by walking up."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import languages
from pipeline.errors import ProjectError, UsageError
from pipeline.project import Project, find_root, parse_settings
from pipeline.store import video_files

GOOD = """
[project]
name = "MSM"
target_languages = ["pl", "nl-BE"]
channel = "https://www.youtube.com/@example"
frame_rate = 24

[[videos]]
slug = "lots-for-smes"
title = "Lots for SMEs"
url = "https://www.youtube.com/watch?v=abc"
step = 3

[videos.contexts]
4 = "the second 'right' means correct"
"""


def test_good_settings() -> None:
    s = parse_settings(GOOD)
    assert s.target_languages == ("pl", "nl-BE")
    assert s.frame_rate == 24.0
    assert s.source_language == "en"
    (video,) = s.videos
    assert (video.slug, video.title, video.step) == ("lots-for-smes", "Lots for SMEs", 3)
    assert video.contexts == {4: "the second 'right' means correct"}


def test_defaults_cover_every_target_language() -> None:
    s = parse_settings("")
    assert s.target_languages == languages.TARGETS
    assert s.videos == ()


BAD = [
    ("[project]\ntarget_langauges = ['pl']\n", "did you mean 'target_languages'", 2),
    ("[projcet]\nname = 'x'\n", "did you mean 'project'", 1),
    ("[project]\ntarget_languages = ['pl', 'xx']\n", "unknown language 'xx'", 2),
    ("[project]\ntarget_languages = ['pt']\n", "write the language as 'pt-PT'", 2),
    ("[project]\ntarget_languages = ['pl', 'pl']\n", "listed twice", 2),
    ("[project]\ntarget_languages = ['en']\n", "source language is also a target", None),
    ("[project]\nframe_rate = 0\n", "greater than 0", 2),
    ("[project]\nframe_rate = true\n", "expected an integer or a number", 2),
    ("[project]\nchannel = 'youtube.com/x'\n", "http(s) URL", 2),
    ("[[videos]]\nslug = '../../etc'\ntitle = 't'\n", "must be 1-80 characters", 2),
    ("[[videos]]\nslug = 'Has Space'\ntitle = 't'\n", "must be 1-80 characters", 2),
    ("[[videos]]\ntitle = 't'\n", "missing required key 'slug'", None),
    ("[[videos]]\nslug = 'a'\ntitle = 't'\n[[videos]]\nslug = 'a'\ntitle = 'u'\n", "twice", None),
    ("[[videos]]\nslug = 'a'\ntitel = 't'\n", "did you mean 'title'", 3),
    ("[[videos]]\nslug = 'a'\ntitle = 't'\n[videos.contexts]\nx = 'y'\n", "cue number", 5),
    ("project = 3\n", "expected a table", None),
    ("[project\n", "not valid TOML", None),
]


@pytest.mark.parametrize(("text", "message", "line"), BAD)
def test_bad_settings_say_what_and_where(text: str, message: str, line: int | None) -> None:
    with pytest.raises(ProjectError) as info:
        parse_settings(text, "catalog.toml")
    shown = str(info.value)
    assert message in shown
    if line is not None:
        assert f"catalog.toml:{line}:" in shown


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ProjectError) as info:
        parse_settings("[project]\nnam = 1\nframe_rat = 2\n")
    assert len(info.value.details) == 2


def make(root: Path, text: str = GOOD) -> Path:
    (root / "subtitles").mkdir(parents=True)
    (root / "subtitles" / "catalog.toml").write_text(text)
    return root


def test_project_is_found_by_walking_up(tmp_path: Path) -> None:
    root = make(tmp_path / "repo")
    deep = root / "subtitles" / "lots-for-smes" / "drafts"
    deep.mkdir(parents=True)
    assert find_root(deep) == root.resolve()
    assert find_root(root) == root.resolve()


def test_explicit_project_and_its_subtitles_folder_both_work(tmp_path: Path) -> None:
    root = make(tmp_path / "repo")
    assert find_root(Path("/"), root) == root.resolve()
    assert find_root(Path("/"), root / "subtitles") == root.resolve()
    with pytest.raises(ProjectError, match=r"no subtitles/catalog\.toml"):
        find_root(Path("/"), tmp_path)


def test_no_project_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="--project"):
        find_root(tmp_path)


def test_video_lookup_suggests_and_languages_are_checked(tmp_path: Path) -> None:
    project = Project.load(make(tmp_path / "repo"))
    with pytest.raises(UsageError, match="did you mean 'lots-for-smes'"):
        project.video("lots-for-sme")
    assert project.languages() == ["pl", "nl-BE"]
    assert project.languages(["nl_BE"]) == ["nl-BE"]
    with pytest.raises(UsageError, match="not a target language"):
        project.languages(["fr"])
    with pytest.raises(UsageError, match="unknown language"):
        project.languages(["klingon"])


def test_video_files_stay_inside_the_subtitles_folder(tmp_path: Path) -> None:
    project = Project.load(make(tmp_path / "repo"))
    files = video_files(project, project.video("lots-for-smes"))
    assert files.folder == (project.subtitles / "lots-for-smes").resolve()
    assert files.po("pl").name == "pl.po"
    assert files.source_srt.name == "en.srt"
