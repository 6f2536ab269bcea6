"""FIFOs, devices and oversized files given as any input: a clear error, never a hang.

Each case runs the real console entry point in a child process with a time limit, so a
regression shows as a failed test rather than a hung suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.fsutil import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(demo_project: Path) -> Path:
    return demo_project


def msm(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,  # a FIFO that blocks would hang for ever
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def fifo(path: Path) -> str:
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    return str(path)


# (what, how to make the input inside the project, the command, what msm says)
CASES = [
    ("pl.po FIFO, update", "subtitles/demo/pl.po", ["update"], "a FIFO (named pipe)"),
    ("pl.po FIFO, translate", "subtitles/demo/pl.po", ["translate", "-l", "pl", "-n"], "FIFO"),
    ("built track FIFO, check", "subtitles/demo/pl.srt", ["check"], "a FIFO (named pipe)"),
    ("glossary FIFO, import", "glossary/procurement.csv", ["glossary", "import", "{x}"], "FIFO"),
    ("convert a FIFO", "in.srt", ["convert", "{in}", "out.vtt"], "a FIFO (named pipe)"),
    ("import a FIFO", "in.srt", ["import", "demo", "pl", "{in}"], "a FIFO (named pipe)"),
    ("glossary import a FIFO", "in.csv", ["glossary", "import", "{in}"], "a FIFO (named pipe)"),
    ("bundle verify a FIFO", "in.zip", ["bundle", "verify", "{in}"], "a FIFO (named pipe)"),
]


@pytest.mark.parametrize(("what", "made", "args", "said"), CASES, ids=[c[0] for c in CASES])
def test_a_fifo_is_refused_not_waited_for(project: Path, what, made, args, said):
    made_path = fifo(project / made)
    other = project / "other.csv"
    shutil.copy(REPO / "glossary" / "procurement.csv", other)
    args = [a.replace("{in}", made_path).replace("{x}", str(other)) for a in args]
    result = msm(project, *args)
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert said in result.stderr and "msm reads only regular files" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "/dev/zero", "out.vtt"],
        ["glossary", "import", "/dev/zero"],
        ["bundle", "verify", "/dev/zero"],
    ],
    ids=["convert", "glossary-import", "bundle-verify"],
)
def test_a_device_is_refused(project: Path, args):
    result = msm(project, *args)
    assert result.returncode == 2, result.stderr
    assert "/dev/zero: cannot read" in result.stderr and "a device" in result.stderr


def test_a_subtitle_over_the_limit_is_refused_with_the_limit_named(project: Path):
    big = project / "big.srt"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    result = msm(project, "convert", str(big), "out.vtt")
    assert result.returncode == 2
    assert "over the 20.0 MB msm reads at most for this kind of file" in result.stderr


def _output_fifo(project: Path) -> Path:
    return Path(fifo(project / "out.srt"))


def _output_link_to_a_device(project: Path) -> Path:
    link = project / "out.srt"
    link.symlink_to("/dev/null")
    return link


# (what, the output msm is asked to write, the command with {out} for it)
OUTPUTS = [
    ("convert into a FIFO", _output_fifo, ["convert", "subtitles/demo/en.srt", "{out}"]),
    (
        "convert into a link to /dev/null",
        _output_link_to_a_device,
        ["convert", "--to", "srt", "subtitles/demo/en.srt", "{out}"],
    ),
    ("check -o into a FIFO", _output_fifo, ["check", "-o", "{out}"]),
    ("glossary export into a FIFO", _output_fifo, ["glossary", "export", "--output", "{out}"]),
]


@pytest.mark.parametrize(("what", "make", "args"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_an_output_that_is_not_a_regular_file_is_refused_not_replaced(
    project: Path, what, make, args
):
    """`msm convert --to srt in.srt /dev/null`, run as root, replaced the device /dev/null
    with a regular file (the atomic rename put a file where the device was); a FIFO given
    as the output was replaced the same way, its reader left waiting."""
    out = make(project)
    before = os.lstat(out)
    result = msm(project, *[a.replace("{out}", str(out)) for a in args])
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{out}: " in result.stderr and "msm writes only regular files" in result.stderr
    assert "Traceback" not in result.stderr
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_a_link_to_standard_output_is_refused_even_when_it_is_a_file(project: Path, tmp_path):
    """With standard output redirected to a file, `/dev/stdout` leads to a regular file, and
    the rename would have replaced the link itself (in /dev, as root). A link of our own to
    /proc/self/fd/1 stands in for /dev/stdout here, so a regression replaces only that link."""
    link = project / "stdout.srt"
    link.symlink_to("/proc/self/fd/1")
    source = "subtitles/demo/en.srt"
    with (tmp_path / "captured").open("w") as captured:
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "convert", "--to", "srt", source, str(link)],
            cwd=project,
            stdout=captured,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
    assert result.returncode == 2, result.stderr
    assert "msm writes only regular files" in result.stderr
    assert link.is_symlink()
