"""`msm` starts fast: importing the CLI pulls in no heavy library."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("yt_dlp", "deep_translator", "tomlkit")


def test_importing_the_cli_imports_no_heavy_library():
    code = f"import sys, pipeline.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_pull_help_does_not_import_yt_dlp():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipeline.cli import cli\n"
        "r = CliRunner().invoke(cli, ['pull', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'Example:' in r.output\n"
        "print('yt_dlp' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
