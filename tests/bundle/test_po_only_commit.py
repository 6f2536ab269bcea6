"""A commit that changes only PO files (what Poedit and Weblate make) passes `msm check`, and an
incomplete track ships without its fuzzy cues: `msm build` and `msm bundle` agree, and every
message names the real cause and the command that fixes it."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli

ROOT = Path(__file__).parent.parent.parent
SLUG = "what-is-public-procurement"
NEW_TEXT = "Ogłoszenie przedstawia instytucję\ni to, czego potrzebuje."


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example project after a translator's PO-only commit in Poedit.

    Cue 6's entry is marked fuzzy ("needs work") and cue 7's translation is edited; the
    committed pl.srt/pl.vtt are not rebuilt.
    """
    root = tmp_path / "project"
    shutil.copytree(ROOT / "subtitles", root / "subtitles")
    if (ROOT / "glossary").is_dir():
        shutil.copytree(ROOT / "glossary", root / "glossary")
    po = polib.pofile(str(root / "subtitles" / SLUG / "pl.po"))
    live = [e for e in po if not e.obsolete]
    live[5].flags.append("fuzzy")
    live[6].msgstr = NEW_TEXT
    po.save()
    return root


def msm(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--project", str(root), *args])


def gap_report(output: str) -> list[str]:
    """The lines that say which cues of which track are left out, and why."""
    lines = output.splitlines()
    found = []
    for n, line in enumerate(lines):
        if line.startswith(f"{SLUG}/pl: ") and "left out" in line:
            found.append(line)
            found.extend(x for x in lines[n + 1 :] if x.startswith("  cue "))
    return found


def test_check_passes_with_stale_build_as_a_warning_naming_the_cause(example: Path) -> None:
    result = msm(example, "check")
    assert result.exit_code == 0, result.output
    stale = [line for line in result.output.splitlines() if "stale-build" in line]
    assert len(stale) == 2  # pl.srt and pl.vtt
    for line in stale:
        assert "warning" in line and "error" not in line.split("stale-build")[0]
        assert "1 fuzzy (cue 6)" in line
        assert "--allow-incomplete" in line and "Poedit" in line


def test_check_json_reports_stale_build_as_a_warning(example: Path) -> None:
    result = msm(example, "check", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["findings"]
    stale = [f for f in found if f["check"] == "stale-build"]
    assert stale and {f["severity"] for f in stale} == {"warning"}


def test_build_names_the_fuzzy_cues_and_the_fix(example: Path) -> None:
    before = (example / "subtitles" / SLUG / "pl.srt").read_bytes()
    result = msm(example, "build", "--lang", "pl")
    assert result.exit_code == 1
    assert f"{SLUG}/pl: 1 of 28 cues cannot ship: 1 fuzzy (cue 6)" in result.output
    assert "Poedit" in result.output and "--allow-incomplete" in result.output
    assert (example / "subtitles" / SLUG / "pl.srt").read_bytes() == before


def test_bundle_refuses_naming_the_fuzzy_cues(example: Path, tmp_path: Path) -> None:
    result = msm(example, "bundle", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert f"refused: {SLUG}/pl: 1 of 28 cues cannot ship: 1 fuzzy (cue 6)" in result.output
    assert "check error" not in result.output
    assert "--allow-incomplete" in result.output
    assert not list(tmp_path.glob("*.zip"))


def test_build_and_bundle_allow_incomplete_agree(example: Path, tmp_path: Path) -> None:
    bundled = msm(example, "bundle", "--out", str(tmp_path), "--allow-incomplete")
    assert bundled.exit_code == 0, bundled.output
    assert "check error" not in bundled.output
    built = msm(example, "build", "--lang", "pl", "--allow-incomplete")
    assert built.exit_code == 0, built.output
    assert gap_report(bundled.output) == gap_report(built.output)
    assert gap_report(built.output)[0] == f"{SLUG}/pl: 1 of 28 cues left out: 1 fuzzy (cue 6):"
    (zipped,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(zipped) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        shipped = archive.read(f"{SLUG}/pl.srt").decode()
    track = next(t for t in manifest["videos"][0]["tracks"] if t["lang"] == "pl")
    assert track["missing_cues"] == [6] and track["cues"] == 27
    assert manifest["excluded"] == []
    # The bundle is built from the PO, never from the stale committed file; and it equals what
    # `msm build --allow-incomplete` now writes.
    assert NEW_TEXT in shipped
    assert shipped == (example / "subtitles" / SLUG / "pl.srt").read_text(encoding="utf-8")
    # After that build the committed files are current: `msm check` has no stale-build left.
    assert "stale-build" not in msm(example, "check").output


@pytest.mark.parametrize(
    ("gaps", "summary", "fix"),
    [
        ([(6, "fuzzy")], "1 fuzzy (cue 6)", "review the fuzzy cues"),
        (
            [(4, "untranslated"), (6, "fuzzy"), (9, "fuzzy")],
            "1 untranslated (cue 4), 2 fuzzy (cues 6, 9)",
            "translate the untranslated cues and review the fuzzy cues",
        ),
        ([(2, "missing")], "1 with no PO entry (cue 2)", "run `msm update`"),
        ([(3, "invalid: contains '-->'")], "1 unusable (cue 3)", "fix the unusable"),
        (
            [(n, "untranslated") for n in range(1, 13)],
            "12 untranslated (cues 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …)",
            "translate",
        ),
    ],
)
def test_gap_summary_and_fix(gaps: list[tuple[int, str]], summary: str, fix: str) -> None:
    from pipeline.tracks.build import gap_fix, gap_summary

    assert gap_summary(gaps) == summary
    advice = gap_fix(reason for _, reason in gaps)
    assert fix in advice and advice.endswith("or pass --allow-incomplete to leave them out")


@pytest.mark.parametrize(
    "damage",
    [lambda b: b.replace(b"\n", b"\r\n"), lambda b: b"\xef\xbb\xbf" + b],
    ids=["crlf", "bom"],
)
def test_build_clears_a_stale_build_of_line_ends_or_a_bom(tmp_path: Path, damage) -> None:
    """A built track with Windows line ends (git's autocrlf, an editor) or a byte order mark
    is a stale build for `msm check`, which says `run msm build` — and `msm build` wrote
    nothing (it compared the text, not the bytes), so the warning never went away."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "subtitles", root / "subtitles")
    srt = root / "subtitles" / SLUG / "pl.srt"
    srt.write_bytes(damage(srt.read_bytes()))
    assert "stale-build" in msm(root, "check").output
    built = msm(root, "build", "--lang", "pl")
    assert built.exit_code == 0, built.output
    assert f"{SLUG}/pl.srt" in built.output
    after = msm(root, "check")
    assert "stale-build" not in after.output, after.output
