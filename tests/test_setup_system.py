"""tools/setup-system.sh: installs the Debian packages the suite needs, or names them at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "setup-system.sh"


def listed() -> list[str]:
    """The packages of the list at the top of the script."""
    text = SCRIPT.read_text(encoding="utf-8")
    block = text.split("PACKAGES='\n", 1)[1].split("\n'\n", 1)[0]
    return [line.split()[0] for line in block.splitlines() if line.strip()]


def run(env: dict[str, str], as_nobody: bool) -> subprocess.CompletedProcess[str]:
    if not as_nobody:
        return _sh(["sh", str(SCRIPT)], env, cwd=None)
    # A copy nobody can read: the clone may sit in a folder only its owner enters (mktemp -d).
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o755)
        script = Path(folder) / "setup-system.sh"
        shutil.copy(SCRIPT, script)
        script.chmod(0o644)
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        return _sh([*nobody, "sh", str(script)], env, cwd=folder)


def _sh(
    command: list[str], env: dict[str, str], cwd: str | None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_list_names_what_the_suite_needs():
    assert {"gettext", "chromium", "gcc", "libc6-dev", "python3-dev"} <= set(listed())


def test_with_everything_there_it_says_nothing():
    """This machine ran `make test`, so every package is there: exit 0, silent, quick."""
    result = run({"MSM_SETUP_PRETEND_MISSING": ""}, as_nobody=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_without_the_right_to_install_it_stops_at_once_naming_the_packages():
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("needs setpriv to run as a user who cannot install")
        as_nobody = True
    elif subprocess.run(["sudo", "-n", "true"], capture_output=True, check=False).returncode == 0:
        pytest.skip("this user may install packages: the script would install them")
    else:
        as_nobody = False
    started = time.monotonic()
    result = run({"MSM_SETUP_PRETEND_MISSING": "chromium gettext"}, as_nobody)
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "tools/setup-system.sh: missing Debian packages: gettext chromium "
        "(install them as root: apt-get install gettext chromium)\n"
    )


def test_the_benchmark_adds_the_library_of_the_peers_spell_filter():
    """`make bench` (MSM_SETUP_BENCH=1) also needs libenchant-2-2; `make test` does not."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to run as a user who cannot install")
    plain = run({"MSM_SETUP_PRETEND_MISSING": "libenchant-2-2"}, as_nobody=True)
    assert (plain.returncode, plain.stderr) == (0, "")
    bench = run({"MSM_SETUP_BENCH": "1", "MSM_SETUP_PRETEND_MISSING": "libenchant-2-2"}, True)
    assert bench.returncode == 1
    assert "missing Debian packages: libenchant-2-2 " in bench.stderr
