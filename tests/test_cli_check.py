"""`msm check` and `msm fix` through the command line: exit codes 0/1/2, every format."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

PROJECT = Path(__file__).parent / "data" / "checks" / "project"
BUDGET = "subtitles/budget-basics"
NB = "\u00a0"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    return root


def msm(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def break_french(root):
    """An error (line too long) and a warning (normal space before '?'), rebuilt."""
    po = root / BUDGET / "fr.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace(f"plus{NB}?", "plus ?")
    longer = '"Voyons maintenant comment tout cela marche en vrai…"'
    text = text.replace('"Voyons comment ça marche…"', longer)
    po.write_text(text, encoding="utf-8")
    assert msm("-C", str(root), "build", "--allow-incomplete").exit_code == 0


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_clean_project_exits_0_in_every_format(project, fmt):
    result = msm("-C", str(project), "check", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.stdout)["summary"]["errors"] == 0
    if fmt == "junit":
        assert ET.fromstring(result.stdout.encode()).get("failures") == "0"
    if fmt == "text":
        # the grammar check has no LanguageTool server here: the report says so
        assert result.stdout.strip().splitlines() == [
            "note: grammar off: no LanguageTool server configured ([checks.grammar] url in "
            "catalog.toml)",
            "no problems in 50 files",
        ]


def test_errors_exit_1_and_every_format_says_where(project):
    break_french(project)
    text = msm("-C", str(project), "check")
    assert text.exit_code == 1
    assert f"{BUDGET}/fr.po" in text.stdout and "line-length" in text.stdout
    data = json.loads(msm("-C", str(project), "check", "--format", "json").stdout)
    got = {(f["path"], f["check"], f["severity"]) for f in data["findings"]}
    assert got == {
        (f"{BUDGET}/fr.po", "line-length", "error"),
        (f"{BUDGET}/fr.po", "nbsp-punctuation", "warning"),
    }
    summary = {"errors": 1, "warnings": 1, "files": 50, "accepted": 0, "unreadable": 0}
    assert data["summary"] == summary
    gh = msm("-C", str(project), "check", "--format", "github")
    assert gh.exit_code == 1
    assert f"::error file={BUDGET}/fr.po,line=" in gh.stdout
    junit = msm("-C", str(project), "check", "--format", "junit")
    root = ET.fromstring(junit.stdout.encode())
    assert root.get("failures") == "1"


def test_only_warnings_exit_0(project):
    po = project / BUDGET / "fr.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f"plus{NB}?", "plus ?"), "utf-8")
    assert msm("-C", str(project), "build").exit_code == 0
    result = msm("-C", str(project), "check")
    assert result.exit_code == 0
    assert "1 warning in 50 files" in result.stdout


def test_unreadable_input_exits_2_with_path_and_line(project):
    po = project / BUDGET / "pl.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Tak."', 'msgstr "Tak.'), "utf-8")
    result = msm("-C", str(project), "check", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)  # the report is still whole
    assert f"{po}:" in result.stderr and "malformed string" in result.stderr
    (problem,) = data["unreadable"]  # and it says which input could not be read, where
    assert problem["path"] == str(po) and "malformed string" in problem["message"]
    assert isinstance(problem["line"], int)
    assert data["summary"]["unreadable"] == 1 and data["summary"]["errors"] >= 1
    text = msm("-C", str(project), "check")
    assert text.stdout.rstrip().endswith(" files")  # the summary is not cut
    assert "1 unreadable input; " in text.stdout


def test_an_unreadable_input_is_counted_in_every_summary(project):
    """Issue 18 #8: a lone unreadable input gave `--format json` zero files and zero errors,
    and the text summary ended `1 unreadable input in `."""
    po = project / BUDGET / "pl.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Tak."', 'msgstr "Tak.'), "utf-8")
    text = msm("check", str(po))
    assert text.exit_code == 2
    assert (
        text.stdout.strip().splitlines()[-1] == "1 unreadable input; no problems in 0 other files"
    )
    data = json.loads(msm("check", "--format", "json", str(po)).stdout)
    assert data["summary"]["unreadable"] == 1
    assert data["unreadable"][0]["path"] == str(po)
    assert data["unreadable"][0]["line"] is not None
    assert "malformed string" in data["unreadable"][0]["message"]
    fifo = project / "in.po"
    os.mkfifo(fifo)  # an error without diagnostics: where it is comes from its message
    data = json.loads(msm("check", "--format", "json", str(fifo)).stdout)
    assert (data["unreadable"][0]["path"], data["unreadable"][0]["line"]) == (str(fifo), None)
    both = msm("check", str(po), str(project / BUDGET / "fr.po"))
    assert (
        both.stdout.strip().splitlines()[-1] == "1 unreadable input; no problems in 3 other files"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "xml"],
        ["check", "no/such/file.po"],
        ["check", "--lang", "xx"],
        ["check", "--profile", "bbc"],
    ],
)
def test_bad_usage_exits_2(project, args):
    result = msm("-C", str(project), *args)
    assert result.exit_code == 2


def test_no_project_and_no_path_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MSM_PROJECT", raising=False)
    result = msm("check")
    assert result.exit_code == 2
    assert "no subtitles/catalog.toml" in result.stderr


def test_loose_files_need_no_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    srt = tmp_path / "talk.ro.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\nŞi aşa...\n", encoding="utf-8")
    result = msm("check", str(srt), "--format", "json")
    assert result.exit_code == 1
    found = {f["check"] for f in json.loads(result.stdout)["findings"]}
    assert found == {"comma-below", "ellipsis-character"}


def test_output_file_and_summary_on_stderr(project):
    out = project / "report.xml"
    result = msm("-C", str(project), "check", "--format", "junit", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert "no problems in 50 files" in result.stderr
    ET.parse(out)


def test_list(project):
    result = msm("check", "--list")
    assert result.exit_code == 0
    assert "comma-below" in result.stdout and "error" in result.stdout
    rows = json.loads(msm("check", "--list", "--format", "json").stdout)
    assert any(r["id"] == "cps-max" and r["severity"] == "error" for r in rows)


def test_colour_only_on_a_terminal_and_never_with_no_color(project):
    break_french(project)
    code = (
        "import sys; from pipeline.cli import main; sys.stdout.isatty = lambda: True; "
        f"sys.argv = ['msm', '-C', {str(project)!r}, 'check']; main()"
    )
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    tty = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "\033[31m" in tty.stdout
    env["NO_COLOR"] = "1"
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "\033[" not in plain.stdout and "line-length" in plain.stdout
    piped = msm("-C", str(project), "check")
    assert "\033[" not in piped.stdout


def console(*args: str) -> subprocess.CompletedProcess[str]:
    """`msm ARGS` as the console script runs it (its own process)."""
    command = [sys.executable, "-m", "pipeline", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_console_script_ends_with_the_whole_report_and_the_exit_status(project):
    break_french(project)
    # Findings enough that the report fills the pipe several times over.
    po = project / BUDGET / "fr.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f"{NB}?", " ?"), "utf-8")
    pl = project / BUDGET / "pl.po"
    text = pl.read_text(encoding="utf-8")
    pl.write_text(text.replace('msgstr "Tak."', 'msgstr "Tak."\n\n' + _padding()), "utf-8")
    for fmt in ("text", "json", "junit", "github"):
        inside = msm("-C", str(project), "check", "--format", fmt)
        outside = console("-C", str(project), "check", "--format", fmt)
        assert (outside.returncode, outside.stdout) == (inside.exit_code, inside.stdout)
        assert outside.returncode == 1 and len(outside.stdout) > 2**16
    report = project / "report.json"
    written = console("-C", str(project), "check", "--format", "json", "-o", str(report))
    assert written.returncode == 1 and written.stdout == ""
    assert "1 error" in written.stderr and json.loads(report.read_text("utf-8"))["findings"]
    assert console("-C", str(project), "check", "--format", "xml").returncode == 2
    status = console("-C", str(project), "status", "--format", "json")
    assert status.returncode == 0 and json.loads(status.stdout)


def test_the_console_script_reports_unreadable_input_before_it_ends(project):
    po = project / BUDGET / "pl.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Tak."', 'msgstr "Tak.'), "utf-8")
    result = console("-C", str(project), "check", "--format", "json")
    assert result.returncode == 2
    json.loads(result.stdout)
    assert f"{po}:" in result.stderr and "malformed string" in result.stderr


def _padding() -> str:
    """Obsolete entries enough for a long report (each one a finding)."""
    return "\n".join(f'#~ msgid "Old line {n}"\n#~ msgstr "Stara linia {n}"\n' for n in range(1500))


def test_fix_dry_run_shows_a_diff_and_writes_nothing(project):
    po = project / BUDGET / "fr.po"
    po.write_text(po.read_text(encoding="utf-8").replace(f"plus{NB}?", "plus ?"), "utf-8")
    before = po.read_bytes()
    result = msm("-C", str(project), "fix", "--dry-run")
    assert result.exit_code == 0
    assert f"--- a/{BUDGET}/fr.po" in result.stdout
    assert '-"pouvait faire plus ?"' in result.stdout
    assert f'+"pouvait faire plus{NB}?"' in result.stdout
    assert po.read_bytes() == before
    result = msm("-C", str(project), "fix")
    assert result.exit_code == 0
    assert f"update: {BUDGET}/fr.po (1 nbsp-punctuation)" in result.stdout
    assert po.read_text(encoding="utf-8") == (PROJECT / BUDGET / "fr.po").read_text("utf-8")
    assert msm("-C", str(project), "fix").stdout.strip() == "nothing to fix"


def test_fix_on_a_loose_file(tmp_path):
    po = tmp_path / "copy.po"
    text = (PROJECT / BUDGET / "ro.po").read_text(encoding="utf-8")
    po.write_text(text.replace("orașele", "oraşele"), encoding="utf-8")
    result = msm("fix", str(po))
    assert result.exit_code == 0
    assert po.read_text(encoding="utf-8") == text


def test_help_has_examples():
    for command in ("check", "fix"):
        result = msm(command, "--help")
        assert result.exit_code == 0 and "Example:" in result.stdout


def test_importing_the_cli_stays_light():
    code = (
        "import sys, pipeline.cli; "
        "heavy = {'yt_dlp', 'deep_translator', 'polib', 'srt', 'xml.etree.ElementTree'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_check_leaves_the_collector_as_it_was(project):
    """The runner turns the cycle collector off while the checks run (docs/performance.md),
    and on again after: a check called in process (a test, a library user) leaves it on."""
    import gc

    assert gc.isenabled()
    assert msm("-C", str(project), "check").exit_code == 0
    assert gc.isenabled()
