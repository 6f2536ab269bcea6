"""Table tests for the timing and layout checks, per language and profile."""

from __future__ import annotations

import pytest
from check_helpers import context, cues, run, track

from pipeline.errors import Diagnostic

TED = '[checks]\nprofile = "ted"\n'


def speed(lang, chars, ms, settings=""):
    """(cps-optimal, cps-max) problem counts for one cue of `chars` characters over `ms`."""
    text = "x" * chars
    unit = track(lang, cues((0, ms, text)))
    ctx = context(settings)
    return len(run("cps-optimal", unit, ctx)), len(run("cps-max", unit, ctx))


@pytest.mark.parametrize(
    ("lang", "chars", "ms", "settings", "expected"),
    [
        ("en", 34, 2000, "", (0, 0)),  # 17.0: the English optimum itself
        ("en", 36, 2000, "", (1, 0)),  # 18.0: above the optimum, below the maximum
        ("en", 40, 2000, "", (1, 0)),  # 20.0: the English maximum itself
        ("en", 42, 2000, "", (0, 1)),  # 21.0
        ("fr", 30, 2000, "", (0, 0)),  # 15.0
        ("fr", 34, 2000, "", (1, 0)),  # 17.0: the French maximum (Netflix) is 17, not 20
        ("fr", 36, 2000, "", (0, 1)),  # 18.0
        ("pl", 36, 2000, "", (0, 1)),
        ("fr", 40, 2000, TED, (1, 0)),  # TED: 21 is the maximum
        ("fr", 44, 2000, TED, (0, 1)),
        ("pl", 36, 2000, "[checks.languages.pl]\ncps_max = 19\n", (1, 0)),
        ("fr", 36, 2000, "[checks.languages.pl]\ncps_max = 19\n", (0, 1)),
        ("fr", 36, 2000, "[checks.limits]\ncps_max = 19\n", (1, 0)),
    ],
)
def test_reading_speed(lang, chars, ms, settings, expected):
    assert speed(lang, chars, ms, settings) == expected


def test_reading_speed_counts_what_the_reference_says():
    # Markup is not counted, line breaks are not, spaces and punctuation are.
    plain = track("en", cues((0, 1000, "ab, cd")))
    tagged = track("en", cues((0, 1000, "<i>ab,</i>\n{\\an8}cd")))
    assert run("cps-optimal", plain) == run("cps-optimal", tagged) == []
    [p1] = run("cps-max", track("en", cues((0, 200, "ab, cd"))))
    assert "6 characters" in p1.message
    [p2] = run("cps-max", track("en", cues((0, 200, "<i>ab,</i>\n{\\an8}cd"))))
    assert "5 characters" in p2.message  # "ab," + "cd": the line break is not a character


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        ("en", "x" * 42, 0),
        ("en", "x" * 43, 1),
        ("pl", "x" * 43, 1),
        ("en", "<i>" + "x" * 42 + "</i>", 0),
        ("ro", "s\u0326" * 42, 0),  # decomposed ș: one character on screen
        ("el", "α" * 42, 0),
    ],
)
def test_line_length(lang, line, expected):
    assert len(run("line-length", track(lang, cues((0, 9000, line))))) == expected


def test_line_length_override_per_language():
    ctx = context("[checks.languages.pl]\nmax_chars_per_line = 40\n")
    assert len(run("line-length", track("pl", cues((0, 9000, "x" * 41))), ctx)) == 1
    assert run("line-length", track("fr", cues((0, 9000, "x" * 41))), ctx) == []


@pytest.mark.parametrize(("text", "expected"), [("a\nb", 0), ("a\nb\nc", 1), ("a", 0)])
def test_line_count(text, expected):
    assert len(run("line-count", track("en", cues((0, 3000, text))))) == expected


@pytest.mark.parametrize(
    ("ms", "settings", "expected"),
    [
        (800, "", {"duration-min"}),
        (833, "", {"duration-short"}),
        (999, "", {"duration-short"}),
        (1000, "", set()),
        (7000, "", set()),
        (7001, "", {"duration-max"}),
        (900, TED, {"duration-min"}),  # TED: one second at least
        (7500, "[checks.limits]\nmax_duration_ms = 8000\n", set()),
    ],
)
def test_duration(ms, settings, expected):
    unit = track("en", cues((0, ms, "Hi.")))
    ctx = context(settings)
    found = {c for c in ("duration-min", "duration-short", "duration-max") if run(c, unit, ctx)}
    assert found == expected


GAP_CHECKS = ("overlap", "gap-min", "gap-chain")


@pytest.mark.parametrize(
    ("gap", "settings", "expected"),
    [
        (80, "", set()),  # exactly 2 frames at 25 fps
        (79, "", set()),  # a millisecond of rounding
        (40, "", {"gap-min"}),
        (0, "", {"gap-min"}),
        (100, "", set()),  # 2.5 frames: closer to 2 than 3
        (120, "", {"gap-chain"}),  # 3 frames
        (499, "", {"gap-chain"}),
        (500, "", set()),
        (-100, "", {"overlap"}),
        (67, "[project]\nframe_rate = 29.97\n", set()),
        (66, "[project]\nframe_rate = 29.97\n", set()),
        (50, "[project]\nframe_rate = 29.97\n", {"gap-min"}),
        (0, TED, set()),  # TED has no gap rule
        (300, TED, set()),
        (-1, TED, {"overlap"}),
        (300, "[checks.limits]\nchain_gap_ms = 0\n", set()),
        (60, "[checks.limits]\nmin_gap_frames = 1\n", set()),
        (100, "[checks.limits]\nmin_gap_frames = 1\n", {"gap-chain"}),
    ],
)
def test_gaps(gap, settings, expected):
    unit = track("en", cues((0, 2000, "One."), (2000 + gap, 4000, "Two.")))
    ctx = context(settings)
    found = {c for c in GAP_CHECKS if run(c, unit, ctx)}
    assert found == expected


def test_overlap_with_an_earlier_long_cue():
    unit = track("en", cues((0, 10000, "Long."), (2000, 3000, "A."), (4000, 5000, "B.")))
    problems = run("overlap", unit)
    assert [p.cue for p in problems] == [2, 3]
    assert all("cue 1" in p.message for p in problems)


def test_timing_checks_leave_built_tracks_to_the_source():
    items = cues((0, 500, "One."), (400, 9000, "Two."))
    built = track("fr", items, built_from_po=True)
    for check in ("duration-min", "duration-max", "overlap", "gap-min", "gap-chain"):
        assert run(check, built) == []
    assert run("overlap", track("fr", items))


def test_empty_cue():
    assert len(run("empty-cue", track("en", cues((0, 2000, "<i></i>"))))) == 1
    assert run("empty-cue", track("en", cues((0, 2000, "Hi.")))) == []
    note = Diagnostic("x.srt", 7, "warning", "empty cue (no text); removed", "srt-empty")
    [problem] = run("empty-cue", track("en", [], diagnostics=[note]))
    assert problem.line == 7


def test_timing_mismatch():
    source = cues((0, 2000, "One."), (2080, 4000, "Two."))
    same = track("pl", cues((0, 2000, "Jeden."), (2080, 4000, "Dwa.")), source_cues=source)
    shifted = track("pl", cues((0, 2000, "Jeden."), (2100, 4000, "Dwa.")), source_cues=source)
    fewer = track("pl", cues((0, 4000, "Jeden, dwa.")), source_cues=source)
    assert run("timing-mismatch", same) == []
    [problem] = run("timing-mismatch", shifted)
    assert problem.cue == 2
    assert len(run("timing-mismatch", fewer)) == 2  # the count, and the cue matching no source
    assert run("timing-mismatch", track("pl", shifted.cues)) == []  # no source: nothing to say


def test_translation_files_do_not_repeat_the_source_timing():
    source = cues((0, 500, "One."), (400, 3000, "Two."), (3080, 4000, "Three."))
    same = track("pl", cues((0, 500, "Raz."), (400, 3000, "Dwa."), (3080, 4000, "Trzy.")))
    inherited = track("pl", same.cues, source_cues=source)
    for check in ("duration-min", "overlap"):
        assert run(check, same)  # on its own, the file has these problems…
        assert run(check, inherited) == []  # …but they are the source's, reported there
    retimed = track("pl", cues((0, 500, "Raz."), (450, 3000, "Dwa.")), source_cues=source)
    assert [p.cue for p in run("overlap", retimed)] == [2]
