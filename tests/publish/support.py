"""Constants and helpers of the publish tests (fixtures are in conftest.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import polib
from click.testing import CliRunner

from pipeline.cli import cli
from tests.publish.fake_youtube import FakeYouTube

REPO = Path(__file__).resolve().parents[2]
VIDEO_ID = "vid00000001"
SLUG = "what-is-public-procurement"
TOKEN = "ya29.FAKE-ACCESS-TOKEN-never-print-me"
REFRESH = "1//FAKE-REFRESH-TOKEN-never-print-me"
SECRET = "GOCSPX-FAKE-CLIENT-SECRET-never-print-me"
LANGS = ["eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"]
DAY1 = "2026-12-06T18:00:00+00:00"  # 10:00 in Los Angeles
DAY2 = "2026-12-07T18:00:00+00:00"


class Run:
    """Runs `msm publish` against the fake, keeping everything it printed."""

    def __init__(self, project: Path, config: Path, fake: FakeYouTube) -> None:
        self.project, self.config, self.fake = project, config, fake
        self.printed: list[str] = []

    def __call__(self, *args: str, now: str = DAY1, endpoint: str | None = None):
        env = {
            "MSM_CONFIG_DIR": str(self.config),
            "MSM_YOUTUBE_API_ENDPOINT": endpoint or self.fake.url,
            "MSM_NOW": now,
        }
        result = CliRunner().invoke(
            cli, ["--project", str(self.project), "publish", *args], env=env
        )
        self.printed.append(result.stdout + result.stderr)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result

    def ledger(self) -> dict:
        path = self.project / "subtitles" / SLUG / "published.toml"
        return tomllib.loads(path.read_text(encoding="utf-8"))


def ours(fake: FakeYouTube) -> list:
    return [c for c in fake.tracks(VIDEO_ID) if c.kind != "ASR"]


def edit_po(project: Path, lang: str) -> None:
    path = project / "subtitles" / SLUG / f"{lang}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.translated() and not e.obsolete)
    entry.msgstr = entry.msgstr + " (rev.)"
    po.save(str(path))
    built = CliRunner().invoke(cli, ["--project", str(project), "build", "--lang", lang])
    assert built.exit_code == 0, built.output  # as a maintainer would, before publishing
