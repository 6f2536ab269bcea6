"""Progress bars on a terminal; nothing at all when silent."""

from __future__ import annotations

import io

from pipeline.fetch.progress import Silent, TerminalProgress


def test_terminal_progress_draws_one_line_per_file():
    out = io.StringIO()
    bar = TerminalProgress(out, min_interval=0, width=80)
    bar.video(1, "lots: Lots explained")
    bar.progress("lots.mp4", 18_051, 36_102)
    bar.progress("lots.mp4", 36_102, 36_102)
    bar.finished("lots.mp4")
    bar.note("HTTP 503; retry 1/3 in 1.0 s")
    text = out.getvalue()
    assert text.startswith("[1] lots: Lots explained\n")
    assert "[############------------]  50%  17.6 KiB/35.3 KiB" in text
    assert "[########################] 100%  35.3 KiB/35.3 KiB" in text
    assert text.endswith("\n  HTTP 503; retry 1/3 in 1.0 s\n")
    assert all(len(line) < 80 for chunk in text.split("\n") for line in chunk.split("\r"))


def test_updates_are_throttled_but_the_last_one_is_drawn():
    out = io.StringIO()
    bar = TerminalProgress(out, min_interval=3600, width=80)
    for done in range(0, 1000, 10):
        bar.progress("a.vtt", done, 1000)
    bar.progress("a.vtt", 1000, 1000)
    assert out.getvalue().count("\r") == 2  # the first update and the final one


def test_silent_reports_nothing(capsys):
    quiet = Silent()
    quiet.video(1, "x")
    quiet.progress("x", 1, 2)
    quiet.finished("x")
    quiet.note("x")
    assert capsys.readouterr() == ("", "")
