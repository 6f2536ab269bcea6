"""Fixtures for the machine-translation tests: fake services and small real projects."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from mt_fakes import FakeService
from mt_project import CUES, catalog, srt

from pipeline.cli import cli

ProjectFactory = Callable[..., Path]


@pytest.fixture
def mt_project(tmp_path: Path) -> ProjectFactory:
    """Build a project (catalogue, en.srt per video) and run `msm update` for `langs`."""

    def build(
        translate: str,
        *,
        videos: tuple[str, ...] = ("demo",),
        cues: list[str] | None = None,
        langs: tuple[str, ...] = ("pl",),
    ) -> Path:
        root = tmp_path / "project"
        (root / "subtitles").mkdir(parents=True, exist_ok=True)
        (root / "subtitles" / "catalog.toml").write_text(
            catalog(list(videos), translate), encoding="utf-8"
        )
        for video in videos:
            folder = root / "subtitles" / video
            folder.mkdir(exist_ok=True)
            (folder / "en.srt").write_text(srt(cues or CUES), encoding="utf-8")
        if langs:
            args = ["-C", str(root), "update"]
            for lang in langs:
                args += ["--lang", lang]
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, result.output
        return root

    return build


@pytest.fixture
def libre() -> Iterator[FakeService]:
    service = FakeService("libre")
    yield service
    service.stop()


@pytest.fixture
def mymemory() -> Iterator[FakeService]:
    service = FakeService("mymemory")
    yield service
    service.stop()


@pytest.fixture
def msgfmt_ok() -> Callable[[Path], None]:
    """Assert that GNU msgfmt accepts a PO file."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("GNU msgfmt is required (Debian package gettext; .ci/run installs it)")

    def check(path: Path) -> None:
        done = subprocess.run(
            [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr

    return check
