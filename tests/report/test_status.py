"""`msm status`: the matrix of videos × languages, as text (golden files) and JSON."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.report.status import Tally, run_status, track_key
from pipeline.report.status_text import render_json, render_table
from tests.report.conftest import msm
from tests.report.copies import SLUG

GOLDEN = Path(__file__).parent.parent / "data" / "report"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LANGS = ["en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"]


def cells(root: Path, *langs: str) -> dict[str, dict]:
    result = msm(root, "status", "--format", "json", *[a for lang in langs for a in ("-l", lang)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (video,) = data["videos"]
    return {t["lang"]: t for t in video["tracks"]}


def test_example_text_matches_the_golden_file(example: Path) -> None:
    result = msm(example, "status")
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / "status-example.txt").read_text()


def test_broken_copy_text_and_json_match_the_golden_files(broken: Path) -> None:
    text = msm(broken, "status")
    assert text.exit_code == 0, text.output  # status informs; `msm check` is the gate
    assert text.stdout == (GOLDEN / "status-broken.txt").read_text()
    data = msm(broken, "status", "--format", "json")
    assert data.exit_code == 0, data.output
    assert json.loads(data.stdout) == json.loads((GOLDEN / "status-broken.json").read_text())


def test_piped_output_is_plain_text(broken: Path) -> None:
    out = msm(broken, "status").stdout
    assert not ANSI.search(out)
    assert not any(ch in out for ch in "│┌└✓✗◐")
    header = out.splitlines()[0].split()
    assert header == [
        "video",
        "lang",
        "cues",
        "transl.",
        "fuzzy",
        "untransl.",
        "errors",
        "warn.",
        "build",
        "published",
        "status",
    ]


def test_terminal_table_has_boxes_and_colour_only_when_asked(example: Path) -> None:
    status = run_status(Project.load(example), Project.load(example).select([]))
    boxed = render_table(status, boxed=True, color=True)
    assert boxed.splitlines()[0].startswith("┌") and "✓ ready" in boxed
    assert ANSI.search(boxed)
    no_color = render_table(status, boxed=True, color=False)  # NO_COLOR on a terminal
    assert not ANSI.search(no_color) and "│" in no_color
    assert ANSI.sub("", boxed) == no_color  # colour adds nothing but escape codes


def test_columns_line_up(broken: Path) -> None:
    lines = msm(broken, "status").stdout.split("\n\n")[0].splitlines()
    column = lines[0].index("status")
    assert len(lines) == 10
    for line in lines[1:]:
        assert line[column:].rstrip() in ("ready", "incomplete", "errors"), line
        assert line[column - 2 : column] == "  "


def test_counts_and_verdicts_of_the_planted_problems(broken: Path) -> None:
    got = cells(broken)
    assert list(got) == LANGS
    assert got["en"]["kind"] == "source" and got["en"]["translated"] is None
    assert (got["fr"]["translated"], got["fr"]["untranslated"], got["fr"]["fuzzy"]) == (27, 1, 0)
    assert got["fr"]["verdict"] == "incomplete" and got["fr"]["detail"] == "translate 1 cue"
    assert (got["nl-BE"]["fuzzy"], got["nl-BE"]["verdict"]) == (1, "incomplete")
    for lang in ("pl", "pt-PT", "ro", "es"):
        assert got[lang]["verdict"] == "errors", lang
        assert got[lang]["build"] == "stale", lang  # the POs changed after the last build
        assert not got[lang]["ready"]
    assert got["el"]["verdict"] == got["eu"]["verdict"] == "ready"
    assert got["el"]["build"] == "current"


def test_json_counts_agree_with_msm_check(broken: Path) -> None:
    check = msm(broken, "check", "--format", "json")
    findings = json.loads(check.stdout)["findings"]
    errors: dict[str, int] = {}
    for f in findings:
        if f["severity"] == "error" and not f["accepted"]:
            errors[f["lang"]] = errors.get(f["lang"], 0) + 1
    got = cells(broken)
    assert {lang: t["errors"] for lang, t in got.items() if t["errors"]} == errors


def test_a_stale_build_alone_is_ready_and_says_run_msm_build(example: Path) -> None:
    srt = example / "subtitles" / SLUG / "pl.srt"
    srt.write_text(srt.read_text().replace("Czym są", "Czym byly"), encoding="utf-8")
    got = cells(example)["pl"]
    # `msm bundle` builds the track from the PO: the stale committed build does not block it.
    assert (got["build"], got["verdict"], got["ready"]) == ("stale", "ready", True)
    assert "msm build" in got["detail"]
    # The stale-build finding itself, a warning: `msm bundle` builds its own track from the PO.
    assert (got["errors"], got["warnings"]) == (0, 1)


def test_a_track_never_built_is_ready_but_says_so(example: Path) -> None:
    for ext in ("srt", "vtt"):
        (example / "subtitles" / SLUG / f"ro.{ext}").unlink()
    got = cells(example)["ro"]
    assert (got["build"], got["verdict"]) == ("absent", "ready")  # msm bundle builds itself


def test_missing_and_unreadable_catalogues(example: Path) -> None:
    folder = example / "subtitles" / SLUG
    (folder / "eu.po").unlink()
    (folder / "el.po").write_text('msgid "x"\nmsgstr "y"\nthis is not PO\n', encoding="utf-8")
    result = msm(example, "status")
    assert result.exit_code == 0, result.output
    got = cells(example)
    assert got["eu"]["verdict"] == "missing" and "msm update" in got["eu"]["detail"]
    assert got["el"]["verdict"] == "unreadable" and "el.po" in got["el"]["detail"]
    assert "unreadable:" in result.stdout


def test_source_errors_block_translations_that_are_otherwise_ready(example: Path) -> None:
    src = example / "subtitles" / SLUG / "en.srt"
    # Cue 3 starts before cue 2 ends: an overlap in the source timing (the texts are unchanged).
    src.write_text(src.read_text().replace("00:00:07,720 -->", "00:00:07,000 -->"), "utf-8")
    assert msm(example, "build").exit_code == 0  # the built tracks follow the new timing
    got = cells(example)
    assert got["en"]["verdict"] == "errors"
    assert got["pl"]["verdict"] == "blocked" and "source track" in got["pl"]["detail"]
    assert not got["pl"]["ready"]


def test_language_filter(example: Path) -> None:
    assert list(cells(example, "pl", "ro")) == ["pl", "ro"]
    assert list(cells(example, "en")) == ["en"]
    assert list(cells(example, "nl_BE")) == ["nl-BE"]  # any code the registry knows


def test_video_argument_and_unknown_video(example: Path) -> None:
    assert msm(example, "status", SLUG).exit_code == 0
    wrong = msm(example, "status", "what-is-public-procuremnt")
    assert wrong.exit_code == 2 and "did you mean" in wrong.output


def test_accepted_findings_do_not_count_against_a_track(example: Path) -> None:
    po = example / "subtitles" / SLUG / "ro.po"
    text = po.read_text(encoding="utf-8")
    first = text.index("#. cue 3 (")
    po.write_text(
        text[:first] + "# msm-accept: comma-below quoted from a legacy document\n" + text[first:],
        encoding="utf-8",
    )
    text = po.read_text(encoding="utf-8")
    cue3 = text.index("#. cue 3 (")
    start = text.index("msgstr", cue3)
    end = text.index("\n\n", start)
    po.write_text(text[:start] + text[start:end].replace("ș", "ş") + text[end:], encoding="utf-8")
    assert msm(example, "build", "-l", "ro").exit_code == 0
    got = cells(example)["ro"]
    assert (got["errors"], got["accepted"], got["verdict"]) == (0, 1, "ready")


def test_track_key_from_paths() -> None:
    assert track_key("subtitles/a-video/pl.po", "pl") == ("a-video", "pl")
    assert track_key("subtitles\\a-video\\nl-BE.srt", "nl-BE") == ("a-video", "nl-BE")
    assert track_key("lone.po", "pl") == ("", "pl")


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ([], Tally()),
        ([("error", False), ("warning", False), ("info", False)], Tally(1, 1, 1, 0)),
        ([("error", True), ("warning", True)], Tally(0, 0, 0, 2)),
    ],
)
def test_tally(severities, expected) -> None:
    from pipeline.checks.model import Finding

    found = [Finding("p", 1, None, 1, "pl", "x", s, "m", accepted=a) for s, a in severities]
    assert Tally.of(found) == expected


def test_render_json_is_the_documented_shape(example: Path) -> None:
    project = Project.load(example)
    data = json.loads(render_json(run_status(project, project.select([]))))
    assert data["schema"] == "msm-status/1"
    assert set(data) == {
        "schema",
        "project",
        "source_language",
        "languages",
        "summary",
        "videos",
        "problems",
    }
    track = data["videos"][0]["tracks"][1]
    assert set(track) == {
        "lang",
        "kind",
        "cues",
        "translated",
        "fuzzy",
        "untranslated",
        "errors",
        "warnings",
        "notes",
        "accepted",
        "build",
        "published",
        "verdict",
        "ready",
        "detail",
    }
    assert data["summary"] == {"tracks": 9, "ready": 9, "errors": 0, "warnings": 0, "accepted": 0}


def test_no_project_is_a_clean_error(tmp_path: Path) -> None:
    shutil.rmtree(tmp_path, ignore_errors=True)
    tmp_path.mkdir()
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["--project", str(tmp_path), "status"])
    assert result.exit_code != 0 and "Error:" in result.output
    assert "Traceback" not in result.output


def test_help_loads_neither_the_report_nor_the_checks() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipeline.cli import cli\n"
        "for cmd in ('status', 'report'):\n"
        "    r = CliRunner().invoke(cli, [cmd, '--help'])\n"
        "    assert r.exit_code == 0 and 'Example:' in r.output, r.output\n"
        "lazy = ('pipeline.report', 'pipeline.checks.runner')\n"
        "print(sorted(m for m in sys.modules if m.startswith(lazy)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _on_a_terminal(root: Path, env: dict[str, str]) -> str:
    """Run `msm status` with its standard output on a pseudo-terminal; return what it printed."""
    import os
    import pty
    import subprocess
    import sys

    main, other = pty.openpty()
    command = [sys.executable, "-m", "pipeline", "--project", str(root), "status"]
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | env
    with subprocess.Popen(command, stdout=other, stderr=subprocess.PIPE, env=full_env) as proc:
        os.close(other)
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
    os.close(main)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_on_a_terminal_the_table_is_boxed_and_coloured_unless_no_color(example: Path) -> None:
    coloured = _on_a_terminal(example, {})
    assert coloured.startswith("┌") and "✓ ready" in coloured and ANSI.search(coloured)
    plain = _on_a_terminal(example, {"NO_COLOR": "1"})
    assert plain.startswith("┌") and "✓ ready" in plain and not ANSI.search(plain)
    assert ANSI.sub("", coloured) == plain
