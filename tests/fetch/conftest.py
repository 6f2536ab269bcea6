"""Fixtures for `msm pull`: a scriptable server on 127.0.0.1, a project, no internet."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from tests.fetch.server import Site, start

DATA = Path(__file__).resolve().parent.parent / "data" / "pull"
CLIP = (DATA / "clip.mp4").read_bytes()

CATALOG = """\
# Test project: these comments must survive every pull.
[project]
name = "Test"
target_languages = ["eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"]
# The channel, filled in by the tests that need it.
channel = ""

[pull]
retries = 3
backoff = 0.01  # seconds: the tests must not sleep
"""

_LOCAL = ("127.0.0.1", "::1", "localhost")


class InternetUsed(BaseException):
    """Raised by the guard: a BaseException, so no `except Exception` in the code under test
    can turn it into an ordinary reported failure."""


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Any connection or name lookup beyond this machine fails the test loudly."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in _LOCAL and not host.startswith("/"):
            raise InternetUsed(f"a test tried to reach {address!r}")
        return real_connect(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in _LOCAL and host is not None:
            raise InternetUsed(f"a test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def site():
    """A server on 127.0.0.1 serving the test clip and tracks; every request is logged."""
    s = Site()
    server = start(s)
    s.add("clip.mp4", CLIP, "video/mp4")
    for path in DATA.iterdir():
        if path.suffix in (".vtt", ".srv3"):
            s.add(path.name, path.read_bytes(), "text/vtt; charset=utf-8")
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "subtitles").mkdir(parents=True)
    (root / "subtitles" / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    return root


def msm(project: Path, *args: str) -> Result:
    """Run `msm -C PROJECT ARGS...` in this process (so the socket guard applies)."""
    return CliRunner().invoke(cli, ["-C", str(project), *args], catch_exceptions=False)


def page(title: str, tracks: dict[str, str], clip: str = "clip.mp4") -> str:
    """An HTML5 page with one video and a <track> per language code (srclang → file)."""
    elements = "\n".join(
        f'<track kind="subtitles" srclang="{lang}" src="{src}">' for lang, src in tracks.items()
    )
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>\n"
        f'<video controls><source src="{clip}" type="video/mp4">\n{elements}\n</video>\n'
        "</body></html>\n"
    )
