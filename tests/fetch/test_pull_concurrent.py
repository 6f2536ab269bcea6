"""`msm pull` writes the catalogue and the tracks through the compare-before-replace write:
an edit saved between pull's read and its write is kept (real yt-dlp on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

from pipeline.safewrite import between_read_and_write
from tests.fetch.conftest import msm, page

CHANGED = "changed since msm read it; nothing was written to it"


def test_a_catalogue_edited_during_pull_is_not_reverted(site, project):
    site.add("watch.html", page("Lots explained", {"en": "en.vtt"}))
    catalog = project / "subtitles" / "catalog.toml"
    saved: list[bytes] = []

    def user_edits_catalog(path: Path) -> None:
        if path == catalog and not saved:  # a colleague adds a target language meanwhile
            catalog.write_text(catalog.read_text("utf-8") + "\n# edited meanwhile\n", "utf-8")
            saved.append(catalog.read_bytes())

    with between_read_and_write(user_edits_catalog):
        result = msm(project, "pull", site.url("watch.html"))
    assert saved
    assert result.exit_code == 1, result.output
    assert f"{catalog}: {CHANGED}" in result.output
    assert "Traceback" not in result.output
    assert catalog.read_bytes() == saved[0]
    again = msm(project, "pull", site.url("watch.html"))  # run again: the video is added
    assert again.exit_code == 0, again.output
    assert "# edited meanwhile" in catalog.read_text("utf-8")
    assert "youtube_id" in catalog.read_text("utf-8")


def test_a_source_track_saved_during_pull_is_not_overwritten(site, project):
    site.add("watch.html", page("Lots explained", {"en": "en.vtt"}))
    source: list[Path] = []
    saved: list[bytes] = []

    def user_saves_source(path: Path) -> None:
        if path.name == "en.srt" and not saved:
            path.write_text("1\n00:00:00,000 --> 00:00:01,000\nMy own words.\n", "utf-8")
            source.append(path)
            saved.append(path.read_bytes())

    with between_read_and_write(user_saves_source):
        result = msm(project, "pull", site.url("watch.html"))
    assert saved, result.output
    assert "Traceback" not in result.output
    assert "appeared after msm found no such file" in result.output
    assert source[0].read_bytes() == saved[0]
