"""`msm publish` end to end: the real googleapiclient against a YouTube API server on
127.0.0.1 (tests/publish/fake_youtube.py), fake credentials, no network."""

from __future__ import annotations

import json
import os
import socket
import time

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.publish.support import (
    DAY2,
    LANGS,
    REFRESH,
    SECRET,
    SLUG,
    TOKEN,
    VIDEO_ID,
    edit_po,
    ours,
)


def test_first_publish_of_eight_languages_then_a_rerun_that_uploads_nothing(run, fake):
    result = run()
    assert result.exit_code == 0, result.output
    tracks = ours(fake)
    assert sorted(c.language for c in tracks) == sorted(LANGS)
    assert all(c.status == "serving" and not c.draft for c in tracks)
    nl = next(c for c in tracks if c.language == "nl-BE")
    assert nl.name == "Vlaams"
    srt = (run.project / "subtitles" / SLUG / "fr.srt").read_bytes()
    assert next(c for c in tracks if c.language == "fr").data == srt  # what msm build writes
    assert fake.calls == (
        ["captions.list"]
        + ["captions.insert"] * 8
        + ["captions.list"]
        + ["captions.download"] * 8
        + ["videos.list", "videos.update"]  # the eight translated titles (meta/<lang>.po)
    )
    ledger = run.ledger()
    assert ledger["video_id"] == VIDEO_ID
    assert set(ledger["tracks"]) == set(LANGS)
    assert all(t["verified"] for t in ledger["tracks"].values())
    assert ledger["quota"] == {"2026-12-06": 4951} and fake.used == 4951
    assert "8 uploaded, 8 verified, 0 unchanged; 4951 quota units spent" in result.stdout
    asr = next(c for c in fake.tracks(VIDEO_ID) if c.kind == "ASR")
    assert asr.data == b"asr"

    fake.calls.clear()
    again = run()
    assert again.exit_code == 0, again.output
    assert fake.calls == ["captions.list"]
    assert "0 uploaded, 0 verified, 8 unchanged; 50 quota units spent" in again.stdout
    assert len(ours(fake)) == 8


def test_one_po_edited_gives_exactly_one_update(run, fake):
    assert run().exit_code == 0
    fr = next(c for c in ours(fake) if c.language == "fr")
    edit_po(run.project, "fr")
    fake.calls.clear()
    result = run()
    assert result.exit_code == 0, result.output
    assert fake.calls == ["captions.list", "captions.update", "captions.list", "captions.download"]
    assert b"(rev.)" in fr.data and len(ours(fake)) == 8
    assert run.ledger()["tracks"]["fr"]["caption_id"] == fr.id


def test_quota_stop_half_way_then_resume_the_next_day(run, fake):
    fake.quota_limit = 2000  # list + four inserts fit; the fifth insert is refused
    result = run()
    assert result.exit_code == 1
    assert "quotaExceeded" in result.stderr and "America/Los_Angeles" in result.stderr
    assert "rerun `msm publish`" in result.stderr
    assert len(ours(fake)) == 4
    ledger = run.ledger()
    assert len(ledger["tracks"]) == 4 and not any(t["verified"] for t in ledger["tracks"].values())
    assert ledger["quota"] == {"2026-12-06": 1650}

    fake.new_day()
    fake.quota_limit = 10_000
    fake.calls.clear()
    resumed = run(now=DAY2)
    assert resumed.exit_code == 0, resumed.output
    assert fake.calls.count("captions.insert") == 4 and "captions.update" not in fake.calls
    assert sorted(c.language for c in ours(fake)) == sorted(LANGS)  # nothing twice
    ledger = run.ledger()
    assert all(t["verified"] for t in ledger["tracks"].values())
    assert ledger["quota"]["2026-12-07"] == fake.used


def test_our_own_daily_budget_stops_before_youtube_does(run, fake, project):
    catalog = project / "subtitles" / "catalog.toml"
    catalog.write_text(catalog.read_text() + "daily_quota = 1000\n", encoding="utf-8")
    dry = run("--dry-run")
    assert dry.exit_code == 1
    assert "captions.insert     400  what-is-public-procurement/fr: new track" in dry.stdout
    assert "total 4951 units" in dry.stdout and "only 1000 are left today" in dry.stderr
    assert fake.calls == []  # a dry run sends nothing
    result = run()
    assert result.exit_code == 1 and "daily budget reached" in result.stderr
    assert fake.used <= 1000 and len(ours(fake)) == 2


def test_a_renamed_track_is_updated_never_duplicated(run, fake):
    assert run().exit_code == 0
    fr = next(c for c in ours(fake) if c.language == "fr")
    fr.name = "Français (révisé)"  # a maintainer renamed it in YouTube Studio
    edit_po(run.project, "fr")
    result = run()
    assert result.exit_code == 0, result.output
    assert [c.id for c in ours(fake) if c.language == "fr"] == [fr.id]
    assert b"(rev.)" in fr.data

    # Without the ledger, a track in our language under another name is not ours.
    (run.project / "subtitles" / SLUG / "published.toml").unlink()
    edit_po(run.project, "fr")
    refused = run("--lang", "fr")
    assert refused.exit_code == 1
    assert "msm did not upload" in refused.stderr and "--adopt" in refused.stderr
    adopted = run("--lang", "fr", "--adopt")
    assert adopted.exit_code == 0, adopted.output
    assert [c.id for c in ours(fake) if c.language == "fr"] == [fr.id]


def test_asr_tracks_are_left_alone(run, fake):
    asr_fr = fake.add_caption(VIDEO_ID, "fr", "", kind="ASR", data=b"machine")
    assert run("--lang", "fr").exit_code == 0
    assert asr_fr.data == b"machine" and asr_fr.id in fake.captions
    assert len([c for c in ours(fake) if c.language == "fr"]) == 1


def test_a_verify_mismatch_and_a_failed_track_are_errors(run, fake):
    fake.mangle = {"pl"}
    fake.syncing_then_failed = {"el"}
    result = run()
    assert result.exit_code == 1
    assert "pl: not verified: YouTube holds 27 cues, msm sent 28" in result.stderr
    assert (
        "el: not verified: YouTube failed to process the track (processingFailed)" in result.stderr
    )
    assert "6 verified" in result.stdout
    tracks = run.ledger()["tracks"]
    assert not tracks["pl"]["verified"] and not tracks["el"]["verified"]
    assert tracks["fr"]["verified"]


def test_a_500_and_a_dropped_upload_are_retried_without_a_duplicate(run, fake):
    fake.fail_next = {"captions.insert": [500]}
    fake.drop_next_upload = 1
    result = run()
    assert result.exit_code == 0, result.output
    assert "captions.insert!500" in fake.calls and "upload!dropped" in fake.calls
    assert sorted(c.language for c in ours(fake)) == sorted(LANGS)
    assert all(t["verified"] for t in run.ledger()["tracks"].values())


def test_not_the_owner_is_one_line_and_the_other_tracks_go_on(run, fake):
    fake.fail_next = {"captions.insert": [(403, "forbidden")]}
    result = run()
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "eu: 403 forbidden" in errors[0] and "--login" in errors[0]
    assert len(ours(fake)) == 7


def test_draft_and_live(run, fake):
    assert run("--lang", "pl", "--draft").exit_code == 0
    pl = next(c for c in ours(fake) if c.language == "pl")
    assert pl.draft and run.ledger()["tracks"]["pl"]["draft"] is True
    fake.calls.clear()
    assert run("--lang", "pl").exit_code == 0  # no flag: the track keeps its state
    assert fake.calls == ["captions.list"]
    assert run("--lang", "pl", "--live").exit_code == 0
    assert not pl.draft and run.ledger()["tracks"]["pl"]["draft"] is False
    assert [c.id for c in ours(fake)] == [pl.id]


def test_a_video_youtube_does_not_know(run, fake, project):
    catalog = project / "subtitles" / "catalog.toml"
    catalog.write_text(catalog.read_text().replace(VIDEO_ID, "missing0000"), encoding="utf-8")
    result = run()
    assert result.exit_code == 1
    assert "404 videoNotFound: video missing0000 not found" in result.stderr


def test_a_revoked_token_says_to_log_in_again(fake):
    # google-auth pins a cached token's token_uri to Google's, so the refresh is driven here
    # with credentials made directly: the same client, Google's invalid_grant from 127.0.0.1.
    from datetime import datetime

    from google.oauth2.credentials import Credentials

    from pipeline.publish import youtube

    expired = Credentials(
        token="old",
        refresh_token=REFRESH,
        client_id="fake.apps.googleusercontent.com",
        client_secret=SECRET,
        token_uri=fake.url + "token",
        expiry=datetime(2020, 1, 1),
    )
    client = youtube.Client(youtube.service(expired, fake.url), retries=0)
    with pytest.raises(youtube.AuthError) as caught:
        client.list_captions(VIDEO_ID)
    message = str(caught.value)
    assert "expired or was revoked" in message and "msm publish --login" in message
    assert REFRESH not in message and SECRET not in message
    assert fake.calls == []


def test_an_expired_token_offline_stops_before_sending_anything(run, fake, config):
    path = config / "youtube-token.json"
    token = json.loads(path.read_text())
    token.update(expiry="2020-01-01T00:00:00Z")
    path.write_text(json.dumps(token))
    result = run()  # the refresh goes to Google, which this machine cannot reach
    assert result.exit_code == 1
    assert "cannot reach Google to refresh the token" in result.stderr
    assert fake.calls == []


def test_network_down_fails_fast(run, fake):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    began = time.monotonic()
    result = run(endpoint=f"http://127.0.0.1:{port}/")
    assert result.exit_code == 1
    assert "cannot reach YouTube" in result.stderr and "resumes" in result.stderr
    assert time.monotonic() - began < 10


def test_a_second_insert_of_the_same_track_is_409(fake):
    from google.oauth2.credentials import Credentials

    from pipeline.publish import youtube

    client = youtube.Client(youtube.service(Credentials(token=TOKEN), fake.url), retries=0)
    client.insert_caption(
        VIDEO_ID, "fr", "français", b"1\n00:00:01,000 --> 00:00:02,000\nA\n", False
    )
    with pytest.raises(youtube.PublishError, match=r"^409 captionExists on video vid00000001"):
        client.insert_caption(VIDEO_ID, "fr", "français", b"x", False)


def test_the_token_and_secret_never_leave_the_config_folder(run, fake, project, config, tmp_path):
    fake.mangle = {"pl"}
    run("--dry-run")
    run()
    run()
    run("--logout")
    assert not (config / "youtube-token.json").exists()
    assert fake.auth_seen == {f"Bearer {TOKEN}"}  # the token did reach the API
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == "published.toml" for p in written)
    for secret in (TOKEN, REFRESH, SECRET):
        for path in written:
            assert secret.encode() not in path.read_bytes(), path
        assert all(secret not in text for text in run.printed)


def test_login_needs_client_secrets(run):
    result = run("--login")
    assert result.exit_code == 2
    assert "MSM_YOUTUBE_CLIENT_SECRETS" in result.stderr


def test_endpoint_must_be_loopback(run):
    result = run(endpoint="https://example.com/")
    assert result.exit_code == 2 and "loopback" in result.stderr


def test_status_shows_what_youtube_holds(run, fake, project):
    def published() -> dict:
        out = CliRunner().invoke(cli, ["--project", str(project), "status", "--format", "json"])
        tracks = json.loads(out.stdout)["videos"][0]["tracks"]
        return {t["lang"]: t["published"] for t in tracks}

    assert set(published().values()) == {None, "not published"}
    assert run("--lang", "fr", "--lang", "pl").exit_code == 0
    assert run("--lang", "el", "--draft").exit_code == 0
    edit_po(project, "pl")
    got = published()
    assert (got["en"], got["fr"], got["el"], got["pl"], got["es"]) == (
        None,
        "live",
        "draft",
        "out of date",
        "not published",
    )
    table = CliRunner().invoke(cli, ["--project", str(project), "status", "--lang", "pl"]).stdout
    assert table.splitlines()[0].split()[-2:] == ["published", "status"]
    assert "out of date" in table.splitlines()[1]


def test_a_broken_ledger_is_a_clean_error(run, fake, project):
    ledger = project / "subtitles" / SLUG / "published.toml"
    ledger.write_text('video_id = "v"\n[tracks.fr]\ncaption_id = 7\n', encoding="utf-8")
    result = run()
    assert result.exit_code == 2
    assert "published.toml: [tracks.fr] caption_id: expected a string" in result.stderr
    assert "Traceback" not in result.output and fake.calls == []
    out = CliRunner().invoke(cli, ["--project", str(project), "status", "--format", "json"])
    data = json.loads(out.stdout)
    assert any("published.toml" in p for p in data["problems"])
    assert {t["published"] for t in data["videos"][0]["tracks"]} == {None}


def test_flemish_can_be_published_as_dutch(run, fake, project):
    catalog = project / "subtitles" / "catalog.toml"
    catalog.write_text(
        catalog.read_text()
        + '\n[publish.languages]\nnl-BE = { code = "nl", name = "Nederlands (België)" }\n',
        encoding="utf-8",
    )
    assert run("--lang", "nl-BE").exit_code == 0
    (track,) = ours(fake)
    assert (track.language, track.name) == ("nl", "Nederlands (België)")
    entry = run.ledger()["tracks"]["nl-BE"]
    assert (entry["language"], entry["name"]) == ("nl", "Nederlands (België)")
    assert "nl" in fake.videos[VIDEO_ID]["localizations"]


def test_publish_settings_are_validated(run, project):
    catalog = project / "subtitles" / "catalog.toml"
    text = catalog.read_text() + 'daily_quotta = 5\nverify = "maybe"\n'
    catalog.write_text(text, encoding="utf-8")
    result = run("--dry-run")
    assert result.exit_code == 2
    assert "unknown key 'daily_quotta' (did you mean 'daily_quota'?)" in result.stderr
    assert "expected 'download' or 'status'" in result.stderr


BROWSER = """\
import os, sys, urllib.parse, urllib.request
url = urllib.parse.urlsplit(sys.argv[1])
query = dict(urllib.parse.parse_qsl(url.query))
if os.fork():  # webbrowser waits for the browser command: answer from a child instead
    sys.exit(0)
back = query["redirect_uri"] + "?" + urllib.parse.urlencode(
    {"code": "4/FAKE-AUTH-CODE", "state": query["state"], "scope": query["scope"]}
)
urllib.request.urlopen(back, timeout=30).read()
"""


def test_login_runs_googles_installed_app_flow_and_caches_the_token_privately(
    fake, project, tmp_path
):
    import stat
    import subprocess
    import sys

    secrets = tmp_path / "client_secret.json"
    secrets.write_text(
        json.dumps(
            {
                "installed": {
                    "client_id": "fake.apps.googleusercontent.com",
                    "client_secret": SECRET,
                    "auth_uri": fake.url + "auth",
                    "token_uri": fake.url + "token",
                    "redirect_uris": ["http://localhost"],
                }
            }
        ),
        encoding="utf-8",
    )
    browser = tmp_path / "browser.py"
    browser.write_text(BROWSER, encoding="utf-8")
    config = tmp_path / "fresh-config" / "msm"
    env = {
        **os.environ,
        "MSM_CONFIG_DIR": str(config),
        "MSM_YOUTUBE_CLIENT_SECRETS": str(secrets),
        "BROWSER": f"{sys.executable} {browser} %s",
        "OAUTHLIB_INSECURE_TRANSPORT": "1",  # the fake token endpoint is plain http
    }
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--project", str(project), "publish", "--login"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "logged in: token cached in" in done.stdout
    assert fake.calls == ["oauth.token"]
    token = config / "youtube-token.json"
    assert stat.S_IMODE(token.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.stat().st_mode) == 0o700
    cached = json.loads(token.read_text())
    assert cached["token"] == TOKEN and cached["refresh_token"].startswith("1//LOGIN")
    for secret in (TOKEN, cached["refresh_token"], SECRET):
        assert secret not in done.stdout + done.stderr


def test_a_failed_status_poll_leaves_the_uploads_unverified_and_says_so(run, fake):
    fake.fail_nth = {"captions.list": {2: (404, "videoNotFound")}}  # the status poll
    first = run("--lang", "fr")
    assert first.exit_code == 1
    assert "fr: not verified: 404 videoNotFound" in first.stderr
    assert run.ledger()["tracks"]["fr"]["verified"] is False
    fake.calls.clear()
    again = run("--lang", "fr")  # checked again, not uploaded again
    assert again.exit_code == 0, again.output
    assert fake.calls == ["captions.list", "captions.list", "captions.download"]
