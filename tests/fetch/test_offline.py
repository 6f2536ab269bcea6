"""`msm pull` fails fast and visibly: one retry policy (msm's), a clear line when the network
is down, per-track failures that do not stop the run, and a re-run that goes on from there.

Every server is a real one on 127.0.0.1: a closed port (connection refused), a listener whose
queue is full (connections hang, as to an unroutable address), a server that accepts and never
answers, and the scriptable site of server.py.
"""

from __future__ import annotations

import json
import os
import pty
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fetch.conftest import CLIP, msm, page
from tests.fetch.server import Status

SLUG = "lots-explained-1"


def settings(project: Path, **values: object) -> None:
    """Set [pull] values in the test catalogue (its own retries and backoff replaced)."""
    path = project / "subtitles" / "catalog.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if line.split(" = ")[0] not in values]
    at = lines.index("[pull]\n") + 1
    lines[at:at] = [f"{key} = {value}\n" for key, value in values.items()]
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def hanging_port() -> Iterator[int]:
    """A listener whose queue is full: a new connection is never answered, as when the
    address is not routed (the packets go nowhere) — the connection times out."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = int(server.getsockname()[1])
    held = socket.create_connection(("127.0.0.1", port))  # fills the queue of one
    yield port
    held.close()
    server.close()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A server that accepts every connection and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    kept: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.05)
        while not stop.is_set():
            try:
                kept.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join()
    for connection in kept:
        connection.close()
    server.close()


def timed(project: Path, *args: str) -> tuple[float, object]:
    started = time.monotonic()
    result = msm(project, *args)
    return time.monotonic() - started, result


def test_a_refused_connection_stops_the_pull_at_once_with_one_line(project, closed_port):
    settings(project, retries=10, backoff=0.2)  # ten retries: none of them is spent
    host = f"127.0.0.1:{closed_port}"
    elapsed, result = timed(project, "pull", f"http://{host}/watch.html")
    assert elapsed < 5
    assert result.exit_code == 1
    assert result.stdout == (
        f"stopped: cannot reach {host}: connection refused (2 attempts, 10 s timeout); "
        "is the network up? A re-run continues where this one stopped\n"
    )


def test_an_unroutable_host_stops_the_pull_after_the_connection_timeout(project, hanging_port):
    settings(project, retries=10, timeout=0.5)
    host = f"127.0.0.1:{hanging_port}"
    elapsed, result = timed(project, "pull", f"http://{host}/watch.html")
    assert elapsed < 5  # two attempts of 0.5 s (and 0.01 s between), not ten
    assert result.exit_code == 1
    assert result.stdout == (
        f"stopped: cannot reach {host}: no answer to the connection (timed out) "
        "(2 attempts, 0.5 s timeout); is the network up? A re-run continues where this one "
        "stopped\n"
    )


def test_a_server_that_never_answers_is_retried_then_reported(project, silent_port):
    settings(project, retries=2, timeout=0.3)
    url = f"http://127.0.0.1:{silent_port}/watch.html"
    elapsed, result = timed(project, "pull", url)
    assert elapsed < 5  # three attempts of 0.3 s
    assert result.exit_code == 1
    assert result.stdout.startswith(f"failed: {url}: ")
    assert "timed out" in result.stdout.splitlines()[0]


def test_on_a_terminal_every_attempt_shows_within_seconds(project, closed_port):
    """A real terminal (a pty) on standard error: msm says what it does while it does it."""
    settings(project, retries=10, backoff=0.5)
    host = f"127.0.0.1:{closed_port}"
    msm_command = Path(sys.executable).parent / "msm"
    controller, terminal = pty.openpty()
    started = time.monotonic()
    process = subprocess.Popen(
        [str(msm_command), "-C", str(project), "pull", f"http://{host}/watch.html"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=terminal,
    )
    os.close(terminal)
    shown: list[tuple[float, str]] = []
    buffer = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            shown.append((time.monotonic() - started, line.decode().strip()))
    stdout = process.communicate(timeout=10)[0].decode()
    os.close(controller)
    assert process.returncode == 1
    assert [line for _, line in shown] == [
        f"listing http://{host}/watch.html",
        f"{host}: connection refused; retry 1/1 in 0.5 s",
        f"stopped: cannot reach {host}: connection refused (2 attempts, 10 s timeout); "
        "is the network up? A re-run continues where this one stopped",
    ]
    assert all(when < 5 for when, _ in shown)
    assert stdout.startswith("stopped: cannot reach")


def test_a_caption_track_failing_every_retry_fails_alone(site, project):
    """5xx on every attempt: that track is reported, the other tracks and the video come in;
    the next run fetches that track only."""
    site.add("watch.html", page("Lots explained", {"en": "en.vtt", "fr": "fr.vtt"}))
    site.then("fr.vtt", *[Status(503)] * 4)  # the first attempt and the 3 retries
    result = msm(project, "pull", site.url("watch.html"))
    assert result.exit_code == 1
    assert site.count("fr.vtt") == 4
    assert f"{SLUG}: fr (fr) failed: HTTP Error 503: Service Unavailable\n" in result.stdout
    folder = project / "subtitles" / SLUG
    assert (folder / "en.srt").is_file()
    assert not (folder / "fr.po").exists()
    assert (project / "media" / SLUG / f"{SLUG}.mp4").read_bytes() == CLIP
    site.reset_log()
    again = msm(project, "pull", site.url("watch.html"))
    assert again.exit_code == 0, again.output
    assert sorted(site.paths()) == ["/fr.vtt", "/watch.html"]
    assert (folder / "fr.po").is_file()


def test_a_stopped_pull_keeps_what_it_fetched_and_the_re_run_goes_on(site, project, closed_port):
    """The network goes away while the second video downloads: the first video is complete,
    the run stops with one line, and the next run fetches only what is missing."""
    settings(project, timeout=2)
    gone = f"http://127.0.0.1:{closed_port}/gone.mp4"
    first = page("Channel", {"en": "en.vtt", "fr": "fr.vtt"})
    second = page("Channel", {"en": "en.vtt", "pl": "pl.vtt"}, clip=gone)
    site.add("channel.html", first + second.replace("<!DOCTYPE html>", ""))
    result = msm(project, "pull", site.url("channel.html"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1].split()[:3] == ["channel-1", "new", "downloaded"]
    assert lines[2].split()[:3] == ["channel-2", "failed", "failed"]
    assert "channel-2: failed: incomplete: the pull stopped (see below)" in lines
    assert lines[-1].startswith(f"stopped: cannot reach 127.0.0.1:{closed_port}: connection")
    assert (project / "media" / "channel-1" / "channel-1.mp4").read_bytes() == CLIP
    assert (project / "subtitles" / "channel-1" / "fr.po").is_file()
    # The network is back: only the second video is fetched, the first is not asked for.
    site.add(
        "channel.html", first + second.replace(gone, "clip.mp4").replace("<!DOCTYPE html>", "")
    )
    site.reset_log()
    again = msm(project, "pull", site.url("channel.html"))
    assert again.exit_code == 0, again.output
    assert sorted(site.paths()) == ["/channel.html", "/clip.mp4", "/en.vtt", "/pl.vtt"]
    assert (project / "subtitles" / "channel-2" / "pl.po").is_file()


@pytest.mark.parametrize("listing", [False, True], ids=["pull", "list"])
def test_a_playlist_with_no_videos_is_an_error(project, tmp_path, listing):
    path = tmp_path / "empty.info.json"
    info = {"_type": "playlist", "id": "PL1", "title": "Empty", "entries": []}
    path.write_text(json.dumps(info), encoding="utf-8")
    result = msm(project, "pull", *(["--list"] if listing else []), str(path))
    assert result.exit_code == 1
    message = f"{path}: no videos there (an empty playlist or channel, or a page without a video)"
    assert message in result.stdout
    assert "0 videos" not in result.stdout


def test_tracks_fetched_before_the_stop_are_not_fetched_again(site, project, closed_port):
    gone = f"http://127.0.0.1:{closed_port}/fr.vtt"
    site.add("watch.html", page("Lots explained", {"en": "en.vtt", "fr": gone}))
    result = msm(project, "pull", site.url("watch.html"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("stopped: cannot reach")
    assert (project / "media" / SLUG / "tracks" / "human.en.vtt").is_file()
    site.add("watch.html", page("Lots explained", {"en": "en.vtt", "fr": "fr.vtt"}))
    site.reset_log()
    again = msm(project, "pull", site.url("watch.html"))
    assert again.exit_code == 0, again.output
    assert sorted(site.paths()) == ["/fr.vtt", "/watch.html"]  # not en.vtt, not the clip
    folder = project / "subtitles" / SLUG
    assert (folder / "en.srt").is_file() and (folder / "fr.po").is_file()


def test_list_stops_the_same_way(project, closed_port):
    host = f"127.0.0.1:{closed_port}"
    elapsed, result = timed(project, "pull", "--list", f"http://{host}/watch.html")
    assert elapsed < 5
    assert result.exit_code == 1
    assert result.stdout.startswith(f"stopped: cannot reach {host}: connection refused")
    assert len(result.stdout.splitlines()) == 1
