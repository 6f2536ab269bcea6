"""The summary table printed after a pull."""

from __future__ import annotations

from pipeline.fetch.pull import PullResult, TrackResult, VideoResult
from pipeline.fetch.report import render_summary


def test_summary_table_and_details():
    result = PullResult(
        videos=[
            VideoResult(
                "lots-explained",
                "Lots explained",
                "new",
                "downloaded",
                tracks=[
                    TrackResult("en", "en", "source", "imported"),
                    TrackResult("fr", "fr", "translation", "conflict", "1 entry differs"),
                    TrackResult("pl", "pl", "translation", "failed", "HTTP Error 404"),
                    TrackResult("eu", "eu-en", "draft", "imported", "3 fuzzy machine drafts"),
                ],
                notes=["human tracks not kept: de (not a language of this project)"],
            ),
            VideoResult("award-criteria", "Award criteria", video="present"),
        ],
        errors=["https://example.invalid/channel: HTTP Error 503"],
    )
    assert render_summary(result) == (
        "VIDEO           STATE       FILE        IMPORTED    CONFLICTS  FAILED\n"
        "lots-explained  new         downloaded  en auto:eu  fr         pl\n"
        "award-criteria  up to date  present     -           -          -\n"
        "\n"
        "lots-explained: fr (fr) conflict: 1 entry differs\n"
        "lots-explained: pl (pl) failed: HTTP Error 404\n"
        "lots-explained: human tracks not kept: de (not a language of this project)\n"
        "failed: https://example.invalid/channel: HTTP Error 503\n"
        "\n"
        "2 videos (1 up to date, 1 failed); tracks: 2 imported, 1 in conflict, 1 failed. "
        "Conflicts: the remote versions are saved as *.remote.srt beside your files "
        "(see docs/maintainers.md, 'Pulling from YouTube')\n"
    )
    assert result.failed


def test_nothing_to_do():
    assert render_summary(PullResult()) == "0 videos; no track changed\n"
    assert not PullResult().failed
