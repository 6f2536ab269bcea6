"""Project paths stay in the project: a file linked from outside, a video folder linked out, or
a `[glossary] path` leading out is refused with a clear message, and its content is never
quoted nor written. Files named on the command line may be anywhere (the user chose them)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli

SECRET = "hunter2-SECRET"
SECRET_PO = f'msgid ""\nmsgstr ""\n\nmsgid "x"\nmsgstr "{SECRET}"\n\naws_key = {SECRET}\n'


def msm(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), *args])


@pytest.fixture
def project(demo_project: Path) -> Path:
    return demo_project


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "secrets.po"
    path.parent.mkdir()
    path.write_text(SECRET_PO, "utf-8")
    return path


def refused(result: Result, secret: Path, before: bytes) -> None:
    assert result.exit_code == 2, result.output
    assert "outside the project" in result.output or "expected a path inside the project" in (
        result.output  # an absolute path: the settings check refuses it already
    )
    assert SECRET not in result.output and str(secret) not in result.output
    assert "Traceback" not in result.output
    assert secret.read_bytes() == before  # never written


@pytest.mark.parametrize("command", [["check"], ["update"], ["fix"], ["build"]])
def test_a_catalogue_linked_from_outside_is_refused(project: Path, secret: Path, command):
    po = project / "subtitles" / "demo" / "pl.po"
    po.unlink()
    po.symlink_to(secret)
    refused(msm(project, *command), secret, SECRET_PO.encode())


def test_translate_refuses_a_catalogue_linked_from_outside(project: Path, secret: Path):
    po = project / "subtitles" / "demo" / "pl.po"
    po.unlink()
    po.symlink_to(secret)
    refused(msm(project, "translate", "--lang", "pl", "--dry-run"), secret, SECRET_PO.encode())


def test_a_video_folder_linked_out_is_refused(project: Path, tmp_path: Path):
    outside = tmp_path / "outside-video"
    shutil.move(project / "subtitles" / "demo", outside)
    (outside / "pl.po").write_text(SECRET_PO, "utf-8")
    (project / "subtitles" / "demo").symlink_to(outside)
    for command in (["check"], ["update"]):
        result = msm(project, *command)
        assert result.exit_code == 2, result.output
        assert SECRET not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", [["check"], ["glossary", "validate"]])
def test_a_glossary_linked_from_outside_is_refused(project: Path, secret: Path, command):
    glossary = project / "glossary" / "procurement.csv"
    glossary.unlink()
    glossary.symlink_to(secret)
    result = msm(project, *command)
    assert result.exit_code == 2, result.output
    assert "outside the project" in result.output and SECRET not in result.output


@pytest.mark.parametrize("configured", ["../..", "../../elsewhere/secrets.po", "/etc/passwd"])
def test_a_glossary_path_leading_out_is_refused(project, secret, tmp_path, configured):
    catalog = project / "subtitles" / "catalog.toml"
    catalog.write_text(catalog.read_text() + f'\n[glossary]\npath = "{configured}"\n')
    checked = msm(project, "check")
    assert checked.exit_code == 2 and "inside the project" in checked.output.replace(
        "outside", "inside"
    )
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("concept,lang,term,status\nnew_c,en,new term,preferred\n", "utf-8")
    result = msm(project, "glossary", "import", str(theirs))
    refused(result, secret, SECRET_PO.encode())


def test_links_inside_the_project_and_explicit_files_outside_are_fine(project, secret):
    shared = project / "shared"
    shared.mkdir()
    po = project / "subtitles" / "demo" / "pl.po"
    shutil.move(po, shared / "pl.po")
    po.symlink_to(shared / "pl.po")
    assert msm(project, "check").exit_code in (0, 1)  # findings, but no refusal
    assert "outside the project" not in msm(project, "check").output
    explicit = msm(project, "check", str(secret))  # named on the command line: the user's choice
    assert "outside the project" not in explicit.output
