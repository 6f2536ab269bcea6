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


def test_loading_the_checks_imports_no_xml_or_http_machinery():
    # xml.sax.saxutils (the TBX writer) pulls in urllib.request, http.client and ssl: ~20 ms
    # on every `msm check`, for a glossary format the run may never meet.
    code = (
        "import sys\n"
        "from pipeline.checks.registry import load_all\n"
        "load_all()\n"
        "import pipeline.checks.runner\n"
        "print(','.join(m for m in ('xml.sax', 'urllib.request', 'http.client', 'ssl')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
