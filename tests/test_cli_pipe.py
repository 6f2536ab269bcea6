"""A command whose reader goes away (`msm glossary list | head`) ends quietly: no
"Error: Broken pipe", no traceback, status 1 (not all the output was delivered)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MSM = str(Path(sys.executable).parent / "msm")


@pytest.mark.parametrize(
    "args",
    [
        ["glossary", "list"],
        ["--help"],
        ["bundle", "--help"],
        ["status"],
        ["check"],
        ["check", "--format", "json"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_the_command_quietly(args):
    reader, writer = os.pipe()
    os.close(reader)  # gone before msm writes anything: every write meets a closed pipe
    try:
        result = subprocess.run(
            [MSM, *args], cwd=ROOT, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60
        )
    finally:
        os.close(writer)
    assert result.stderr == ""
    assert result.returncode == 1


def test_msm_glossary_list_piped_into_head():
    """The user's pipeline, in a real shell."""
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {MSM} glossary list | head -n 1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    # msm's own summary line ("32 concepts") when it finished before head left; never an error
    assert "Error" not in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.startswith("contracting_authority")
    assert len(result.stdout.splitlines()) == 1
    assert result.returncode in (0, 1)  # 0 when msm had written everything before head left
