"""A one-track `msm check` loads only what it uses: no worker machinery, no plan of file
changes, and no glossary code when the result cache answers (start-up is most of its time)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRACK = "subtitles/what-is-public-procurement/pl.po"
NEVER = ("multiprocessing", "pipeline.plan", "pipeline.safewrite")
GLOSSARY = ("pipeline.glossary.matcher", "pipeline.glossary.morphology", "polib.tbx")


def loaded_by_check(root: Path, *options: str) -> set[str]:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipeline.cli import cli\n"
        f"result = CliRunner().invoke(cli, ['check', *{list(options)!r}, {TRACK!r}])\n"
        "assert result.exit_code in (0, 1), result.output\n"
        "print(','.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    return set(done.stdout.strip().split(","))


def test_one_track_check_loads_only_what_it_uses(tmp_path: Path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "subtitles", root / "subtitles")
    shutil.copytree(REPO / "glossary", root / "glossary")
    first = loaded_by_check(root)  # checks the track (and fills the result cache)
    assert "pipeline.glossary.matcher" in first
    assert not first & set(NEVER)
    again = loaded_by_check(root)  # answered by the cache
    assert not again & {*NEVER, *GLOSSARY}
    assert "pipeline.checks.runner" in again
