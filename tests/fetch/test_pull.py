"""`msm pull` end to end: real yt-dlp against a server on 127.0.0.1, through the CLI."""

from __future__ import annotations

import json
import subprocess
import tomllib

import polib
import pytest

from tests.fetch.conftest import CLIP, DATA, InternetUsed, msm, page
from tests.fetch.server import Drop, Status

SLUG = "lots-explained-1"  # from the page title "Lots explained" (yt-dlp adds " (1)")
HUMAN = {"en": "en.vtt", "fr": "fr.vtt", "nl-BE": "nl-BE.vtt", "pt": "pt.vtt", "de": "de.vtt"}


def catalog(project):
    return tomllib.loads((project / "subtitles" / "catalog.toml").read_text(encoding="utf-8"))


def po_entries(path):
    return {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete}


def msgfmt_ok(path):
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def serve_video(site, tracks=HUMAN, name="watch.html"):
    site.add(name, page("Lots explained", tracks))
    return site.url(name)


def test_human_tracks_in_several_languages_land_where_they_belong(site, project):
    url = serve_video(site)
    result = msm(project, "pull", url)
    assert result.exit_code == 0, result.output
    # The catalogue gains the video, with its id, and keeps its comments.
    text = (project / "subtitles" / "catalog.toml").read_text(encoding="utf-8")
    assert text.startswith("# Test project: these comments must survive every pull.\n")
    assert "backoff = 0.01  # seconds: the tests must not sleep" in text
    (video,) = catalog(project)["videos"]
    assert video == {
        "slug": SLUG,
        "title": "Lots explained (1)",
        "url": url,
        "youtube_id": "watch-1",
    }
    folder = project / "subtitles" / SLUG
    # The English track is the source, as SRT.
    assert (folder / "en.srt").read_text(encoding="utf-8") == (
        "1\n00:00:00,000 --> 00:00:01,000\nPublic procurement is how cities buy.\n\n"
        "2\n00:00:01,000 --> 00:00:02,000\nSplit big contracts into lots.\n\n"
        "3\n00:00:02,000 --> 00:00:03,000\nSmall firms can then bid.\n\n"
    )
    # Translations go into the POs, as reviewed entries; YouTube's `pt` is our pt-PT.
    expected = {
        "fr": "Divisez les gros contrats en lots.",
        "nl-BE": "Verdeel grote opdrachten in percelen.",
        "pt-PT": "Divida os grandes contratos em lotes.",
    }
    for lang, text in expected.items():
        entries = po_entries(folder / f"{lang}.po")
        entry = entries["Split big contracts into lots."]
        assert entry.msgstr == text
        assert not entry.fuzzy
        assert "imported from YouTube track" in entry.tcomment
        assert all(e.msgstr for e in entries.values())
        msgfmt_ok(folder / f"{lang}.po")
    # German is not one of ours: listed, never imported.
    assert not (folder / "de.po").exists()
    assert "de (not a language of this project)" in result.output
    # The video is in the ignored media folder, whole.
    assert (project / "media" / SLUG / f"{SLUG}.mp4").read_bytes() == CLIP
    assert not list(folder.glob("*.mp4"))
    # A built track is what the channel had.
    built = msm(project, "build", SLUG, "--lang", "fr")
    assert built.exit_code == 0, built.output
    assert "Divisez les gros contrats en lots." in (folder / "fr.srt").read_text(encoding="utf-8")


def test_second_run_downloads_nothing_and_asks_for_nothing(site, project):
    url = serve_video(site)
    assert msm(project, "pull", url).exit_code == 0
    before = {p: p.read_bytes() for p in (project / "subtitles").rglob("*") if p.is_file()}
    site.reset_log()
    again = msm(project, "pull", url)
    assert again.exit_code == 0, again.output
    # The video is known by its URL and the archive says it is complete: not a single request.
    assert site.paths() == []
    assert "up to date" in again.output
    after = {p: p.read_bytes() for p in (project / "subtitles").rglob("*") if p.is_file()}
    assert after == before


def test_second_run_of_a_channel_only_lists_it(site, project):
    site.add(
        "channel.html",
        page("Channel", {"en": "en.vtt", "fr": "fr.vtt"})
        + page("Channel", {"en": "en.vtt", "pl": "pl.vtt"}).replace("<!DOCTYPE html>", ""),
    )
    text = (project / "subtitles" / "catalog.toml").read_text(encoding="utf-8")
    text = text.replace('channel = ""', f'channel = "{site.url("channel.html")}"')
    (project / "subtitles" / "catalog.toml").write_text(text, encoding="utf-8")
    first = msm(project, "pull")  # no URL: the channel from the settings
    assert first.exit_code == 0, first.output
    assert [v["slug"] for v in catalog(project)["videos"]] == ["channel-1", "channel-2"]
    assert site.count("clip.mp4") == 2
    site.reset_log()
    second = msm(project, "pull")
    assert second.exit_code == 0, second.output
    assert site.paths() == ["/channel.html"]  # the listing, and nothing else
    # Slugs are stable: the same ids map to the same videos, nothing is added twice.
    assert [v["slug"] for v in catalog(project)["videos"]] == ["channel-1", "channel-2"]


def test_a_missing_track_fails_alone_and_is_fetched_next_time(site, project):
    url = serve_video(site, {"en": "en.vtt", "fr": "fr.vtt", "pl": "pl-later.vtt"})
    result = msm(project, "pull", url)
    assert result.exit_code == 1
    assert "pl (pl) failed: HTTP Error 404" in result.output
    folder = project / "subtitles" / SLUG
    assert po_entries(folder / "fr.po")["Split big contracts into lots."].msgstr
    assert not (folder / "pl.po").exists()
    assert (project / "media" / SLUG / f"{SLUG}.mp4").read_bytes() == CLIP
    # Once the track is there, the next run fetches it, and only it.
    site.add("pl-later.vtt", (DATA / "pl.vtt").read_bytes(), "text/vtt")
    site.reset_log()
    again = msm(project, "pull", url)
    assert again.exit_code == 0, again.output
    assert sorted(site.paths()) == ["/pl-later.vtt", "/watch.html"]
    entry = po_entries(folder / "pl.po")["Split big contracts into lots."]
    assert entry.msgstr == "Podziel duże zamówienia na części."


def test_server_errors_and_rate_limits_are_retried(site, project):
    url = serve_video(site)
    site.then("watch.html", Status(503))  # the page: our own retry
    site.then("fr.vtt", Status(503))  # a track: yt-dlp's retries
    site.then("nl-BE.vtt", Status(429, (("Retry-After", "0"),)))  # yt-dlp gives up: ours retries
    site.then("clip.mp4", Status(500), Status(502))
    result = msm(project, "pull", url)
    assert result.exit_code == 0, result.output
    assert site.count("watch.html") == 2
    assert site.count("fr.vtt") == 2
    assert site.count("nl-BE.vtt") == 2
    assert site.count("clip.mp4") == 3
    assert (project / "media" / SLUG / f"{SLUG}.mp4").read_bytes() == CLIP
    assert (project / "subtitles" / SLUG / "nl-BE.po").is_file()


def test_retries_run_out_and_the_video_is_reported(site, project):
    url = serve_video(site, {"en": "en.vtt"})
    site.then("watch.html", *[Status(503)] * 4)  # more than the 3 retries of the settings
    result = msm(project, "pull", url)
    assert result.exit_code == 1
    assert "HTTP Error 503" in result.output
    assert site.count("watch.html") == 4
    assert not (project / "subtitles" / SLUG).exists()


def test_a_dropped_connection_resumes_where_it_stopped(site, project):
    url = serve_video(site, {"en": "en.vtt"})
    site.then("clip.mp4", Drop(10_000))
    result = msm(project, "pull", url)
    assert result.exit_code == 0, result.output
    ranges = [hit.range for hit in site.hits if hit.path == "/clip.mp4"]
    # The resume point is what yt-dlp had written when the connection dropped: all 10,000
    # bytes with the urllib handler, whole 1 KiB blocks of them with the requests handler.
    assert len(ranges) == 2 and ranges[0] is None
    resumed_at = int(ranges[1].removeprefix("bytes=").rstrip("-"))
    assert 0 < resumed_at <= 10_000
    assert (project / "media" / SLUG / f"{SLUG}.mp4").read_bytes() == CLIP


def test_an_interrupted_run_resumes_its_part_file(site, project):
    url = serve_video(site, {"en": "en.vtt"})
    settings = project / "subtitles" / "catalog.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("retries = 3", "retries = 0"),
        encoding="utf-8",
    )
    site.then("clip.mp4", Drop(12_000))
    first = msm(project, "pull", url)
    assert first.exit_code == 1
    part = project / "media" / SLUG / f"{SLUG}.mp4.part"
    kept = part.stat().st_size  # what was written before the drop (see the test above)
    assert 0 < kept <= 12_000
    assert (project / "subtitles" / SLUG / "en.srt").is_file()  # the tracks did not wait
    site.reset_log()
    second = msm(project, "pull", url)
    assert second.exit_code == 0, second.output
    assert [(h.path, h.range) for h in site.hits] == [
        ("/watch.html", None),
        ("/clip.mp4", f"bytes={kept}-"),
    ]
    assert (project / "media" / SLUG / f"{SLUG}.mp4").read_bytes() == CLIP
    assert not part.exists()


def test_local_edits_survive_a_pull(site, project):
    url = serve_video(site, {"en": "en.vtt", "fr": "fr.vtt", "pl": "pl.vtt"})
    assert msm(project, "pull", url).exit_code == 0
    folder = project / "subtitles" / SLUG
    # A maintainer fixes a typo in the source and a translator reworks two French entries.
    en = folder / "en.srt"
    edited = en.read_text(encoding="utf-8").replace("how cities buy", "how our cities buy")
    en.write_text(edited, encoding="utf-8")
    po = polib.pofile(str(folder / "fr.po"))
    for entry in po:
        if entry.msgid == "Small firms can then bid.":
            entry.msgstr = "Les PME peuvent alors soumissionner."
    po.save()
    # Meanwhile the channel changed its English and French tracks; Polish is untouched here
    # but changed there too.
    site.add("en.vtt", (DATA / "en.vtt").read_text().replace("bid.", "bid for a lot."))
    site.add("fr.vtt", (DATA / "fr.vtt").read_text().replace("alors", "dès lors"))
    site.add("pl.vtt", (DATA / "pl.vtt").read_text().replace("wtedy", "teraz"))
    result = msm(project, "pull", "--refresh", url)
    assert result.exit_code == 0, result.output
    # Local work is intact ...
    assert en.read_text(encoding="utf-8") == edited
    french = po_entries(folder / "fr.po")
    assert french["Small firms can then bid."].msgstr == "Les PME peuvent alors soumissionner."
    # ... and the remote versions are beside it, reported as conflicts.
    assert "Small firms can then bid for a lot." in (folder / "en.remote.srt").read_text()
    assert "dès lors" in (folder / "fr.remote.srt").read_text(encoding="utf-8")
    assert "en (en) conflict: en.srt differs from the remote track" in result.output
    assert "fr (fr) conflict: 1 entry differs from fr.po" in result.output
    polish = po_entries(folder / "pl.po")
    assert polish["Small firms can then bid."].msgstr == "Małe firmy mogą wtedy złożyć ofertę."
    assert (folder / "pl.remote.srt").is_file()
    # A conflict is reported once; afterwards it is a reminder until the file is deleted.
    site.reset_log()
    again = msm(project, "pull", url)
    assert again.exit_code == 0
    assert "unresolved conflict: subtitles/lots-explained-1/en.remote.srt" in again.output
    assert "conflict:" not in again.output.replace("unresolved conflict:", "")


def test_an_unedited_source_follows_the_channel(site, project):
    url = serve_video(site, {"en": "en.vtt"})
    assert msm(project, "pull", url).exit_code == 0
    site.add("en.vtt", (DATA / "en.vtt").read_text().replace("bid.", "bid for a lot."))
    result = msm(project, "pull", "--refresh", url)
    assert result.exit_code == 0, result.output
    source = (project / "subtitles" / SLUG / "en.srt").read_text(encoding="utf-8")
    assert "Small firms can then bid for a lot." in source
    assert not (project / "subtitles" / SLUG / "en.remote.srt").exists()


def test_no_video_then_video_fetches_only_the_video(site, project):
    url = serve_video(site, {"en": "en.vtt", "fr": "fr.vtt"})
    first = msm(project, "pull", "--no-video", url)
    assert first.exit_code == 0, first.output
    assert site.count("clip.mp4") == 0
    assert not (project / "media" / SLUG / f"{SLUG}.mp4").exists()
    assert (project / "subtitles" / SLUG / "fr.po").is_file()
    site.reset_log()
    second = msm(project, "pull", url)
    assert second.exit_code == 0, second.output
    assert sorted(site.paths()) == ["/clip.mp4", "/watch.html"]
    site.reset_log()
    assert msm(project, "pull", "--no-video", url).exit_code == 0
    assert site.paths() == []


def test_without_url_or_channel_the_error_says_what_to_do(project):
    result = msm(project, "pull")
    assert result.exit_code == 2
    assert "no URL given and no channel set" in result.stderr
    assert "Traceback" not in result.output


def test_list_shows_tracks_and_downloads_nothing(site, project):
    url = serve_video(site)
    result = msm(project, "pull", "--list", url)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{SLUG} [new]  Lots explained (1)"
    assert any(line.split()[:4] == ["en", "human", "en", "->"] for line in lines)
    assert any("pt" in line and "-> pt-PT.po" in line for line in lines)
    assert "not kept: de (human): not a language of this project" in result.stdout
    assert site.paths() == ["/watch.html"]
    assert not (project / "media").exists()
    assert "videos" not in catalog(project)


# --- machine tracks, through a yt-dlp info JSON shaped like YouTube's -----------------------


def youtube_info(site, subtitles, automatic, video_id="Abc123xyz_0"):
    """An info JSON as `yt-dlp -J` writes it for a YouTube video, with URLs on our server."""

    def formats(name):
        return [
            {"ext": "json3", "url": site.url(f"{name}.json3")},
            {
                "ext": name.rsplit(".", 1)[1],
                "url": site.url(name),
            },
        ]

    return {
        "id": video_id,
        "title": "Lots explained",
        "extractor": "youtube",
        "extractor_key": "Youtube",
        "webpage_url": site.url(f"watch?v={video_id}"),
        "formats": [{"format_id": "18", "url": site.url("clip.mp4"), "ext": "mp4"}],
        "subtitles": {key: formats(name) for key, name in subtitles.items()},
        "automatic_captions": {key: formats(name) for key, name in automatic.items()},
    }


AUTOMATIC = {
    "en-orig": "en-orig.vtt",  # speech recognition
    "en": "en-orig.vtt",  # the same, listed again without -orig
    "eu-en": "eu-en.vtt",  # machine translation of the human English track
    "eu": "eu-asr.vtt",  # machine translation of the speech recognition
    "fr-en": "fr-en.vtt",  # a machine French, while a human French exists
    "de-en": "de-en.vtt",  # not one of our languages
}


def write_info(tmp_path, info):
    path = tmp_path / "lots.info.json"
    path.write_text(json.dumps(info), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("auto", [False, True], ids=["default", "auto-captions"])
def test_machine_tracks_never_become_human_tracks(site, project, tmp_path, auto):
    for name in ("eu-asr.vtt", "fr-en.vtt", "de-en.vtt"):
        site.add(name, (DATA / "eu-en.vtt").read_bytes(), "text/vtt")
    info = youtube_info(site, {"en": "en.vtt", "fr": "fr.vtt"}, AUTOMATIC)
    args = ["pull", "--no-video", write_info(tmp_path, info)]
    result = msm(project, *([*args, "--auto-captions"] if auto else args))
    assert result.exit_code == 0, result.output
    slug = "lots-explained"
    folder = project / "subtitles" / slug
    assert catalog(project)["videos"][0]["youtube_id"] == "Abc123xyz_0"
    # The source is the human track, never the speech recognition.
    assert "Public procurement is how cities buy." in (folder / "en.srt").read_text()
    # The human French is untouched by the machine French.
    french = po_entries(folder / "fr.po")["Split big contracts into lots."]
    assert (french.msgstr, french.fuzzy) == ("Divisez les gros contrats en lots.", False)
    # Never requested: the speech recognition and the machine French (human tracks exist),
    # the translation of the recognition when a better one exists, other languages.
    for never in ("en-orig.vtt", "eu-asr.vtt", "fr-en.vtt", "de-en.vtt"):
        assert site.count(never) == 0, never
    assert site.count("en.vtt.json3") == 0  # and never a format we cannot read
    if not auto:
        assert site.count("eu-en.vtt") == 0
        assert not (folder / "auto").exists()
        assert not (folder / "eu.po").exists()
        return
    # With --auto-captions: the Basque draft is kept apart, and fuzzy in the PO.
    assert not (folder / "auto" / "en.srt").exists()
    assert not (folder / "auto" / "fr.srt").exists()
    assert "Zatitu kontratu handiak loteetan." in (folder / "auto" / "eu.srt").read_text()
    basque = po_entries(folder / "eu.po")["Split big contracts into lots."]
    assert basque.msgstr == "Zatitu kontratu handiak loteetan."
    assert basque.fuzzy
    assert "YouTube machine captions 'eu-en'" in basque.tcomment
    msgfmt_ok(folder / "eu.po")
    # A machine draft is never shipped: building Basque fails until someone reviews it.
    assert msm(project, "build", slug, "--lang", "eu").exit_code == 1


def test_a_human_track_replaces_an_unreviewed_machine_draft(site, project, tmp_path):
    info = youtube_info(site, {"en": "en.vtt"}, {"eu-en": "eu-en.vtt"})
    assert (
        msm(project, "pull", "--no-video", "--auto-captions", write_info(tmp_path, info)).exit_code
        == 0
    )
    site.add("eu.vtt", (DATA / "eu-en.vtt").read_text().replace("Zatitu", "Banatu"))
    info = youtube_info(site, {"en": "en.vtt", "eu": "eu.vtt"}, {"eu-en": "eu-en.vtt"})
    result = msm(project, "pull", "--no-video", "--refresh", write_info(tmp_path, info))
    assert result.exit_code == 0, result.output
    entry = po_entries(project / "subtitles" / "lots-explained" / "eu.po")[
        "Split big contracts into lots."
    ]
    assert entry.msgstr == "Banatu kontratu handiak loteetan."
    assert not entry.fuzzy
    assert "previous translation: Zatitu kontratu handiak loteetan." in entry.tcomment


def test_speech_recognition_alone_never_becomes_the_source(site, project, tmp_path):
    info = youtube_info(site, {}, {"en-orig": "en-orig.vtt", "eu": "eu-en.vtt"})
    result = msm(project, "pull", "--no-video", "--auto-captions", write_info(tmp_path, info))
    assert result.exit_code == 0, result.output
    folder = project / "subtitles" / "lots-explained"
    assert not (folder / "en.srt").exists()
    # The recognition is kept apart, its rolling lines folded once each.
    assert (folder / "auto" / "en.srt").read_text(encoding="utf-8") == (
        "1\n00:00:00,000 --> 00:00:00,990\npublic procurement is how\n\n"
        "2\n00:00:01,000 --> 00:00:01,990\ncities buy split\n\n"
        "3\n00:00:02,000 --> 00:00:03,000\nbig contracts into lots\n\n"
    )
    assert "review the speech-recognition draft auto/en.srt" in result.output
    assert "no en.srt yet" in result.output
    assert not (folder / "eu.po").exists()


def test_greek_from_srv3_and_a_format_we_cannot_read(site, project, tmp_path):
    info = youtube_info(site, {"en": "en.vtt", "el": "el.srv3"}, {})
    info["subtitles"]["ro"] = [{"ext": "json3", "url": site.url("ro.json3")}]
    result = msm(project, "pull", "--no-video", write_info(tmp_path, info))
    assert result.exit_code == 0, result.output
    entry = po_entries(project / "subtitles" / "lots-explained" / "el.po")[
        "Split big contracts into lots."
    ]
    assert entry.msgstr == "Χωρίστε τις μεγάλες συμβάσεις σε τμήματα."
    assert "ro (no format we can read (offered: json3))" in result.output
    assert site.count("ro.json3") == 0


def test_the_guard_keeps_tests_off_the_internet():
    import socket

    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(InternetUsed, match="tried to reach"),
    ):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed anyway
    with pytest.raises(InternetUsed, match="tried to resolve"):
        socket.getaddrinfo("www.youtube.com", 443)


def test_progress_bars_follow_yt_dlps_downloads(site, project):
    import io
    from datetime import UTC, datetime

    from pipeline.fetch.progress import TerminalProgress
    from pipeline.fetch.pull import PullOptions, pull_videos
    from pipeline.project import Project

    url = serve_video(site, {"en": "en.vtt"})
    out = io.StringIO()
    bars = TerminalProgress(out, min_interval=0, width=100)
    result = pull_videos(
        Project.load(project), [url], PullOptions(), bars, datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert not result.failed
    text = out.getvalue()
    assert text.startswith(f"  listing {url}\n[1] {SLUG}: Lots explained (1)\n")
    assert f"{SLUG}.mp4" in text and "100%  35.3 KiB/35.3 KiB" in text
    assert "human.en.vtt" in text


def test_a_youtube_url_already_pulled_costs_no_request(site, project, tmp_path):
    info = youtube_info(site, {"en": "en.vtt"}, {})
    assert msm(project, "pull", "--no-video", write_info(tmp_path, info)).exit_code == 0
    site.reset_log()
    # Another spelling of the same video's URL: known by the id inside it. (Any request to
    # YouTube would trip the no-internet guard.)
    result = msm(project, "pull", "--no-video", "https://youtu.be/Abc123xyz_0")
    assert result.exit_code == 0, result.output
    assert "lots-explained  up to date" in result.output
    assert site.paths() == []


def test_a_deleted_source_is_brought_back_without_a_download(site, project):
    url = serve_video(site, {"en": "en.vtt"})
    assert msm(project, "pull", url).exit_code == 0
    source = project / "subtitles" / SLUG / "en.srt"
    kept = source.read_text(encoding="utf-8")
    source.unlink()
    site.reset_log()
    result = msm(project, "pull", url)
    assert result.exit_code == 0, result.output
    assert site.paths() == []  # from the media folder: nothing asked of the site
    assert source.read_text(encoding="utf-8") == kept


def test_one_failing_video_does_not_stop_the_others(site, project):
    first = page("Channel", {"en": "en.vtt", "fr": "fr.vtt"})
    second = page("Channel", {"en": "en.vtt", "pl": "pl.vtt"}, clip="gone.mp4")
    site.add("channel.html", first + second.replace("<!DOCTYPE html>", ""))
    result = msm(project, "pull", site.url("channel.html"))
    assert result.exit_code == 1
    rows = {line.split()[0]: line.split()[1:3] for line in result.stdout.splitlines()[1:3]}
    assert rows == {"channel-1": ["new", "downloaded"], "channel-2": ["new", "failed"]}
    assert "channel-2: video: unable to download video data: HTTP Error 404" in result.stdout
    # The failed video's tracks still came in, and the other video is complete.
    assert (project / "subtitles" / "channel-2" / "pl.po").is_file()
    assert (project / "media" / "channel-1" / "channel-1.mp4").read_bytes() == CLIP
    # Next time only the missing video file is asked for.
    site.add("gone.mp4", CLIP, "video/mp4")
    site.reset_log()
    again = msm(project, "pull", site.url("channel.html"))
    assert again.exit_code == 0, again.output
    assert sorted(site.paths()) == ["/channel.html", "/gone.mp4"]


def test_an_info_json_without_a_web_address(site, project, tmp_path):
    info = youtube_info(site, {"en": "en.vtt"}, {})
    del info["webpage_url"]
    result = msm(project, "pull", "--no-video", write_info(tmp_path, info))
    assert result.exit_code == 0, result.output
    (video,) = catalog(project)["videos"]
    assert "url" not in video and video["youtube_id"] == "Abc123xyz_0"
