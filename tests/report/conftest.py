"""Fixtures for the status and report tests: the example project and a broken copy of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.report.copies import copy_example, plant_problems


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the repository's example project (subtitles/ and glossary/)."""
    return copy_example(tmp_path / "example")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The example project with the problems of `copies.PLANTED` planted in it."""
    root = copy_example(tmp_path / "broken")
    plant_problems(root)
    return root


def msm(root: Path, *args: str, env: dict[str, str] | None = None):
    """Run `msm --project ROOT ARGS...` in-process (stdout is not a terminal)."""
    return CliRunner().invoke(cli, ["--project", str(root), *args], env=env)
