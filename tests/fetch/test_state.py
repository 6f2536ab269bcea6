"""The download archives and per-video manifests kept in the media folder."""

from __future__ import annotations

from pipeline.fetch.state import Archive, TrackRecord, VideoRecord, load_record, save_record


def test_a_video_is_in_the_archive_only_when_every_part_needed_is_fetched(tmp_path):
    archive = Archive(tmp_path)
    archive.record("captions", "youtube abc")
    assert "youtube abc" in archive.needs(["captions"])
    assert "youtube abc" not in archive.needs(["captions", "video"])
    archive.record("video", "youtube abc")
    assert "youtube abc" in archive.needs(["captions", "video"])
    assert "youtube abc" not in archive.needs(["captions", "video", "auto"])
    assert "youtube other" not in archive.needs(["captions"])


def test_the_archive_files_are_yt_dlp_archives_and_survive_a_restart(tmp_path):
    archive = Archive(tmp_path)
    archive.record("video", "youtube b")
    archive.record("video", "youtube a")
    archive.record("captions", "youtube a")
    archive.forget("captions", "youtube a")
    assert (tmp_path / "archive.txt").read_text() == "youtube a\nyoutube b\n"
    assert (tmp_path / "archive.captions.txt").read_text() == ""
    again = Archive(tmp_path)
    assert again.has("video", "youtube a") and not again.has("captions", "youtube a")


def test_yt_dlps_own_add_does_not_record_anything(tmp_path):
    # yt-dlp calls add() after a download even when a subtitle failed under ignoreerrors:
    # only we decide when a part is complete.
    view = Archive(tmp_path).needs(["video"])
    view.add("youtube abc")
    assert "youtube abc" not in view
    assert not (tmp_path / "archive.txt").exists()


def test_an_empty_archive_is_falsy_so_yt_dlp_skips_the_check(tmp_path):
    archive = Archive(tmp_path)
    assert not archive.needs(["video"])
    archive.record("captions", "youtube abc")
    assert archive.needs(["video"])


def test_manifest_round_trip_and_damage(tmp_path):
    record = VideoRecord("youtube abc", "abc", "lots", "Lots", "https://x", "lots.mp4")
    record.tracks["translation:fr"] = TrackRecord(
        "fr", "human", "fr", "translation", "tracks/human.fr.vtt", "tracks/human.fr.srt", "d1"
    )
    path = tmp_path / "lots" / "pull.json"
    save_record(path, record)
    assert load_record(path) == record
    path.write_text("{not json", encoding="utf-8")
    assert load_record(path) is None  # a damaged manifest costs a refetch, not a crash
    assert load_record(tmp_path / "missing.json") is None
