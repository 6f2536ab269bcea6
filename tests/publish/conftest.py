"""Fixtures of the publish tests: a fake YouTube on 127.0.0.1, a copy of the example
project, and a config folder holding fake credentials."""

from __future__ import annotations

import json
import shutil
import threading

import pytest

from tests.publish.fake_youtube import FakeYouTube, Server
from tests.publish.support import REFRESH, REPO, SECRET, TOKEN, VIDEO_ID, Run


@pytest.fixture
def fake():
    yt = FakeYouTube(token=TOKEN)
    yt.add_video(VIDEO_ID, "What is public procurement?")
    yt.add_caption(VIDEO_ID, "en", "", kind="ASR", data=b"asr")
    server = Server(yt)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yt.url = server.url  # type: ignore[attr-defined]
    yield yt
    server.shutdown()
    server.server_close()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "subtitles", root / "subtitles")
    shutil.copytree(REPO / "glossary", root / "glossary")
    catalog = root / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace("example = true", f'example = true\nyoutube_id = "{VIDEO_ID}"')
    text += "\n[publish]\npoll_seconds = 0.01\npoll_attempts = 4\nretries = 2\n"
    catalog.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def config(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir()
    token = {
        "token": TOKEN,
        "refresh_token": REFRESH,
        "client_id": "fake.apps.googleusercontent.com",
        "client_secret": SECRET,
        "token_uri": "https://oauth2.googleapis.com/token",
        "scopes": ["https://www.googleapis.com/auth/youtube.force-ssl"],
        "expiry": "2099-01-01T00:00:00Z",
    }
    (folder / "youtube-token.json").write_text(json.dumps(token), encoding="utf-8")
    (folder / "youtube-token.json").chmod(0o600)
    return folder


@pytest.fixture
def run(project, config, fake):
    return Run(project, config, fake)
