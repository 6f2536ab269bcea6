"""Shared fixtures: tiny projects on disk, and GNU msgfmt as the judge of PO files."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import settings

from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt

DATA = Path(__file__).parent / "data"

# No per-example deadline: CI shares two cores with the browser and the compiled build, and a
# slow example there is load, not a bug (the linear-time tests measure cost by ratios instead).
settings.register_profile("msm", deadline=None)
settings.load_profile("msm")

CATALOG = """\
[project]
name = "Test project"
target_languages = {targets}

[[videos]]
slug = "demo"
title = "Demo video"
"""

DEMO_CUES = [
    Cue(1000, 3000, "Public procurement is how\ncouncils buy what they need."),
    Cue(3080, 5500, "A contracting authority\npublishes a contract notice."),
    Cue(6000, 8000, "Thank you."),
    Cue(8500, 10000, "Companies send their tenders."),
    Cue(10080, 12000, "Thank you."),
]


def msgfmt_check(path: Path) -> None:
    """Fail the test unless GNU msgfmt --check accepts the file."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is required (Debian package gettext; .ci/run installs it)"
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt --check {path}:\n{result.stderr}"


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Create a project with one video 'demo' whose en.srt holds `cues`."""

    def make(cues: Sequence[Cue] = DEMO_CUES, targets: Sequence[str] = ("fr", "pl")) -> Path:
        root = tmp_path / "project"
        (root / "subtitles" / "demo").mkdir(parents=True)
        listed = "[" + ", ".join(f'"{t}"' for t in targets) + "]"
        (root / "subtitles" / "catalog.toml").write_text(CATALOG.format(targets=listed))
        (root / "subtitles" / "demo" / "en.srt").write_text(compose_srt(cues), encoding="utf-8")
        return root

    return make


@pytest.fixture
def demo_project(make_project: Callable[..., Path]) -> Path:
    """A project with the 'demo' video in Polish, this repository's glossary, and the
    catalogues `msm update` makes."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    root = make_project(targets=("pl",))
    (root / "glossary").mkdir()
    repo = Path(__file__).resolve().parents[1]
    shutil.copy(repo / "glossary" / "procurement.csv", root / "glossary" / "procurement.csv")
    result = CliRunner().invoke(cli, ["-C", str(root), "update"])
    assert result.exit_code == 0, result.output
    return root
