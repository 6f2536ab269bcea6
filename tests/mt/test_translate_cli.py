"""The command line stays fast: deep_translator and requests load only when drafting."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from pipeline.cli import cli

HEAVY = ("deep_translator", "requests", "bs4", "sqlite3")


def fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_importing_the_cli_loads_no_heavy_library():
    loaded = fresh(
        f"import sys, pipeline.cli; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert loaded == ""


def test_translate_help_loads_no_heavy_library():
    loaded = fresh(
        "import sys\n"
        "from pipeline.cli import cli\n"
        "try:\n"
        "    cli(['translate', '--help'], prog_name='msm')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    assert "Example:" in loaded  # the help was really printed
    assert loaded.splitlines()[-1] == "loaded:"


def test_translate_help_has_a_summary_and_an_example():
    result = CliRunner().invoke(cli, ["translate", "--help"])
    assert result.exit_code == 0
    assert "Draft the untranslated PO entries by machine translation" in result.output
    assert "Example:" in result.output and "msm translate --lang pl --dry-run" in result.output
    for option in ("--lang", "--provider", "--dry-run"):
        assert option in result.output


def test_unknown_provider_is_a_usage_error():
    result = CliRunner().invoke(cli, ["translate", "--lang", "pl", "--provider", "bing"])
    assert result.exit_code == 2
