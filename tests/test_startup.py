"""`msm` starts fast: importing the CLI pulls in no heavy library."""

from __future__ import annotations

import subprocess
import sys

# Libraries only some commands need: each loads on first use, inside the function using it.
HEAVY = (
    "yt_dlp",
    "deep_translator",
    "requests",
    "polib",
    "srt",
    "googleapiclient",
    "google.auth",
    "google_auth_oauthlib",
    "httplib2",
)


def _fresh(code: str) -> str:
    """What `code` prints in a fresh interpreter (nothing imported by this test run)."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def _loaded(setup: str, modules: tuple[str, ...]) -> str:
    """Which of `modules` a fresh interpreter has loaded after running `setup`."""
    return _fresh(
        f"import sys\n{setup}\nprint(','.join(m for m in {modules!r} if m in sys.modules))"
    )


def test_importing_the_cli_imports_no_heavy_library():
    assert _loaded("import pipeline.cli", HEAVY) == ""


def test_pull_help_does_not_import_yt_dlp():
    setup = (
        "from click.testing import CliRunner\n"
        "from pipeline.cli import cli\n"
        "r = CliRunner().invoke(cli, ['pull', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'Example:' in r.output"
    )
    assert _loaded(setup, ("yt_dlp",)) == ""


def test_loading_the_checks_imports_no_xml_or_http_machinery():
    # xml.sax.saxutils (the TBX writer) pulls in urllib.request, http.client and ssl: ~20 ms
    # on every `msm check`, for a glossary format the run may never meet.
    setup = (
        "from pipeline.checks.registry import load_all\nload_all()\nimport pipeline.checks.runner"
    )
    assert _loaded(setup, ("xml.sax", "urllib.request", "http.client", "ssl")) == ""


def test_publish_help_does_not_import_the_google_client():
    setup = (
        "from click.testing import CliRunner\n"
        "from pipeline.cli import cli\n"
        "r = CliRunner().invoke(cli, ['publish', '--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert 'Example:' in r.output"
    )
    assert _loaded(setup, ("googleapiclient", "google.auth", "httplib2")) == ""
