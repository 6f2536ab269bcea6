"""The example video in subtitles/: complete in all eight languages, its files up to date."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pipeline.ops.build import plan_build
from pipeline.ops.update import plan_update
from pipeline.project import Project
from tests.conftest import msgfmt_check

ROOT = Path(__file__).parent.parent


def test_example_is_in_the_catalogue_and_labelled() -> None:
    project = Project.load(ROOT)
    video = project.video("what-is-public-procurement")
    assert video.example
    source = (project.subtitles / video.slug / "en.srt").read_text(encoding="utf-8")
    assert "example" in source.split("\n\n")[0]


def test_every_catalogue_is_up_to_date_and_valid() -> None:
    project = Project.load(ROOT)
    plan = plan_update(project, project.select([]), project.languages(), datetime.now(tz=UTC))
    assert not plan.errors
    assert [str(c.path) for c in plan.changes] == []
    for po in sorted(project.subtitles.glob("*/*.po")):
        msgfmt_check(po)


def test_every_language_is_complete_and_built_files_are_current() -> None:
    project = Project.load(ROOT)
    plan = plan_build(project, project.select([]), project.languages())
    assert not plan.errors
    assert {t.lang for t in plan.tracks} == set(project.settings.target_languages)
    assert all(t.complete for t in plan.tracks), [str(g) for t in plan.tracks for g in t.gaps]
    assert [str(c.path) for c in plan.changes] == []


def test_msm_check_is_clean_on_the_example() -> None:
    from pipeline.checks.runner import check_paths

    report = check_paths([], Project.load(ROOT))
    assert report.errors == []
    assert [(f.path, f.line, f.check, f.message) for f in report.findings.items] == []
    assert len(report.findings.files) == 1 + 8 * 3  # en.srt, then each PO, SRT and VTT


def test_the_example_bundles_and_verifies(tmp_path: Path) -> None:
    """What `make release` does on a fresh clone, minus the set-up."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    made = CliRunner().invoke(cli, ["--project", str(ROOT), "bundle", "--out", str(tmp_path)])
    assert made.exit_code == 0, made.output
    (bundle,) = tmp_path.glob("msm-subtitles-*.zip")
    verified = CliRunner().invoke(cli, ["bundle", "verify", str(bundle)])
    assert verified.exit_code == 0 and "intact" in verified.output
