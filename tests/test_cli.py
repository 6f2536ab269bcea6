"""The command line: help with examples, fast imports, clean errors, and the commands end to end."""

from __future__ import annotations

import os
from pathlib import Path

import click
import polib
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import msgfmt_check


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args), env=env)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args), env=env)
    finally:
        os.chdir(old)


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.extend(all_commands(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", all_commands(cli), ids=lambda p: " ".join(p) or "msm")
def test_every_command_has_a_summary_and_an_example(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    usage_end = next(i for i, line in enumerate(lines) if not line.strip())
    summary = next(line for line in lines[usage_end:] if line.strip())
    assert len(summary.strip()) > 10
    assert "Example" in result.output
    assert "msm " in result.output.split("Example", 1)[1]


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and "msm" in result.output


def test_no_project_is_exit_2_without_traceback(tmp_path: Path) -> None:
    result = run("update", cwd=tmp_path, env={"MSM_PROJECT": ""})
    assert result.exit_code == 2
    assert "catalog.toml" in result.output and "Traceback" not in result.output


def test_full_translator_workflow(make_project, tmp_path: Path) -> None:
    root = make_project()
    inside = root / "subtitles" / "demo"
    result = run("update", cwd=inside)
    assert result.exit_code == 0, result.output
    assert "create: subtitles/demo/pl.po" in result.output
    for name in ("template.pot", "pl.po", "fr.po"):
        msgfmt_check(inside / name)

    result = run("update", "--check", cwd=root)
    assert result.exit_code == 0 and "up to date" in result.output

    result = run("build", "--lang", "pl", cwd=root)
    assert result.exit_code == 1
    assert "cue 1 (not translated)" in result.output
    assert not (inside / "pl.srt").exists()

    po = polib.pofile(str(inside / "pl.po"))
    for entry in po:
        entry.msgstr = "PL: " + entry.msgid
    po.save()
    result = run("build", "-l", "pl", cwd=root)
    assert result.exit_code == 0, result.output
    built = (inside / "pl.srt").read_text(encoding="utf-8")
    assert built.startswith("1\n00:00:01,000 --> 00:00:03,000\nPL: Public procurement is how\n")
    assert (inside / "pl.vtt").read_text(encoding="utf-8").startswith("WEBVTT\n")

    result = run("build", "-l", "pl", cwd=root)
    assert result.exit_code == 0 and "create" not in result.output  # nothing to rewrite


def test_dry_run_writes_nothing_and_shows_a_diff(make_project) -> None:
    root = make_project()
    result = run("update", "--dry-run", cwd=root)
    assert result.exit_code == 0
    assert "+++ b/subtitles/demo/pl.po" in result.output
    assert not (root / "subtitles" / "demo" / "pl.po").exists()


def test_update_check_fails_when_out_of_date(make_project) -> None:
    root = make_project()
    result = run("update", "--check", cwd=root)
    assert result.exit_code == 1
    assert "out of date: subtitles/demo/pl.po" in result.output


def test_bad_source_srt_is_reported_with_path_and_line(make_project) -> None:
    root = make_project()
    source = root / "subtitles" / "demo" / "en.srt"
    source.write_text(source.read_text().replace("00:00:03,080 -->", "00:00:03,08 -->"))
    result = run("update", cwd=root)
    assert result.exit_code == 2
    assert "en.srt:7: error: milliseconds must have 3 digits" in result.output
    assert "Traceback" not in result.output


def test_bad_po_is_reported_and_left_alone(make_project) -> None:
    root = make_project()
    run("update", cwd=root)
    po = root / "subtitles" / "demo" / "pl.po"
    broken = po.read_text().replace('msgstr ""\n\n#.', 'msgstr "unterminated\n\n#.', 1)
    po.write_text(broken)
    result = run("update", cwd=root)
    assert result.exit_code == 2
    assert "pl.po:" in result.output and "malformed string" in result.output
    assert po.read_text() == broken  # the translator's file is not touched


def test_unknown_video_and_language_get_suggestions(make_project) -> None:
    root = make_project()
    result = run("update", "dem", cwd=root)
    assert result.exit_code == 2 and "did you mean 'demo'" in result.output
    result = run("build", "--lang", "pll", cwd=root)
    assert result.exit_code == 2 and "did you mean 'pl'" in result.output


def test_import_places_cues_marks_them_fuzzy_and_reports_leftovers(make_project, tmp_path) -> None:
    root = make_project()
    run("update", cwd=root)
    theirs = tmp_path / "pl-from-subtitle-edit.srt"
    theirs.write_text(
        "1\n00:00:01,100 --> 00:00:03,000\nZamówienia publiczne to sposób,\n"
        "w jaki gminy kupują.\n\n"
        "2\n00:00:03,080 --> 00:00:05,500\nInstytucja zamawiająca\npublikuje ogłoszenie.\n\n"
        "3\n00:00:06,000 --> 00:00:08,000\nDziękuję.\n\n"
        "4\n00:00:20,000 --> 00:00:21,000\nTo nie pasuje nigdzie.\n",
        encoding="utf-8",
    )
    result = run("import", "demo", "pl", str(theirs), cwd=root)
    assert result.exit_code == 0, result.output
    assert "not placed (overlaps no source cue): To nie pasuje nigdzie." in result.output
    assert "3 entries changed" in result.output
    po = polib.pofile(str(root / "subtitles" / "demo" / "pl.po"))
    entry = po.find("A contracting authority\npublishes a contract notice.")
    assert entry.msgstr == "Instytucja zamawiająca\npublikuje ogłoszenie."
    assert entry.fuzzy and "imported from pl-from-subtitle-edit.srt" in entry.tcomment
    assert po.find("Companies send their tenders.").msgstr == ""
    msgfmt_check(root / "subtitles" / "demo" / "pl.po")

    # A second import of a corrected file keeps the previous translation in a comment.
    theirs.write_text(theirs.read_text().replace("Dziękuję.", "Dziękujemy."), encoding="utf-8")
    result = run("import", "demo", "pl", str(theirs), "--reviewed", cwd=root)
    assert result.exit_code == 0, result.output
    assert "1 entries changed" in result.output
    thanks = polib.pofile(str(root / "subtitles" / "demo" / "pl.po")).find("Thank you.")
    assert thanks.msgstr == "Dziękujemy." and not thanks.fuzzy
    assert "previous translation: Dziękuję." in thanks.tcomment


def test_import_of_the_english_track_is_flagged(make_project) -> None:
    root = make_project()
    run("update", cwd=root)
    source = root / "subtitles" / "demo" / "en.srt"
    result = run("import", "demo", "fr", str(source), "--dry-run", cwd=root)
    assert "identical to the source text" in result.output


def test_convert_vtt_to_srt_and_to_stdout(tmp_path: Path) -> None:
    vtt = Path(__file__).parent / "data" / "vtt" / "youtube-auto.en.vtt"
    out = tmp_path / "en.srt"
    result = run("convert", str(vtt), str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text().count(" --> ") == 4
    result = run("convert", str(out), "-", "--to", "vtt")
    assert result.exit_code == 0 and result.output.startswith("WEBVTT")
    result = run("convert", str(out), str(tmp_path / "x.txt"))
    assert result.exit_code == 2 and "--to" in result.output


def test_check_settings_error_is_exit_2(make_project) -> None:
    root = make_project()
    catalog = root / "subtitles" / "catalog.toml"
    catalog.write_text(catalog.read_text().replace("target_languages", "target_langs"))
    result = run("update", cwd=root)
    assert result.exit_code == 2
    assert "did you mean 'target_languages'" in result.output


def test_os_errors_are_clean_messages(make_project) -> None:
    root = make_project()
    (root / "subtitles" / "demo" / "pl.po").mkdir()  # a folder where a file should be
    result = run("update", cwd=root)
    assert result.exit_code == 2  # an input msm cannot read
    assert "pl.po: cannot read: is a folder" in result.output and "Traceback" not in result.output
