"""The pure parts of `msm publish`: decisions, quota days, and the ledger's round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import InputError, MsmError
from pipeline.publish.ledger import Entry, Ledger, LedgerFile, parse, render
from pipeline.publish.plan import LocalTrack, RemoteTrack, decide, pacific_day, quota_reset

TRACK = LocalTrack("nl-BE", "nl-BE", "Vlaams", b"data", "sha-new", ("a",))
ENTRY = Entry("nl-BE", "c1", "nl-BE", "Vlaams", "sha-new", "2026-12-06T10:00:00Z", verified=True)


def remote(cid="c1", language="nl-BE", name="Vlaams", kind="standard", **kw):
    return RemoteTrack(cid, language, name, kind, **kw)


@pytest.mark.parametrize(
    ("ledger", "tracks", "adopt", "kind", "caption"),
    [
        (Ledger(), [], False, "insert", ""),
        (Ledger(), [remote(kind="ASR", name="")], False, "insert", ""),  # ASR is never ours
        (Ledger(), [remote()], False, "update", "c1"),  # our name: ours
        (Ledger(), [remote(name="Nederlands")], False, "refuse", "c1"),  # another's
        (Ledger(), [remote(name="Nederlands")], True, "update", "c1"),  # --adopt
        (Ledger(tracks={"nl-BE": ENTRY}), [remote()], False, "skip", "c1"),
        (Ledger(tracks={"nl-BE": ENTRY}), [remote(name="Renamed")], False, "skip", "c1"),
        (Ledger(tracks={"nl-BE": ENTRY}), [], False, "insert", ""),  # deleted in Studio
        (Ledger(tracks={"nl-BE": ENTRY}), [remote(status="failed")], False, "update", "c1"),
        (Ledger(tracks={"nl-BE": ENTRY}), [remote(language="nl")], False, "refuse", "c1"),
        (
            Ledger(tracks={"nl-BE": Entry(**{**ENTRY.__dict__, "sha256": "old"})}),
            [remote(name="Renamed"), remote("c2")],
            False,
            "update",
            "c1",  # the ledger's track, even renamed; never the other one
        ),
        (
            Ledger(tracks={"nl-BE": Entry(**{**ENTRY.__dict__, "verified": False})}),
            [remote()],
            False,
            "verify",
            "c1",
        ),
    ],
)
def test_decide(ledger, tracks, adopt, kind, caption):
    action = decide(TRACK, ledger, tracks, None, adopt)
    assert (action.kind, action.caption_id) == (kind, caption)


def test_a_draft_flag_change_is_an_update():
    ledger = Ledger(tracks={"nl-BE": ENTRY})
    assert decide(TRACK, ledger, [remote()], True, False).kind == "update"
    assert decide(TRACK, ledger, [remote(draft=True)], True, False).kind == "skip"


@pytest.mark.parametrize(
    ("utc", "day", "reset"),
    [
        ("2026-12-06T07:59:00", "2026-12-05", "2026-12-06T08:00:00+00:00"),  # PST: UTC-8
        ("2026-12-06T08:00:00", "2026-12-06", "2026-12-07T08:00:00+00:00"),
        ("2026-07-01T06:59:00", "2026-06-30", "2026-07-01T07:00:00+00:00"),  # PDT: UTC-7
        ("2026-03-08T07:30:00", "2026-03-07", "2026-03-08T08:00:00+00:00"),  # DST starts that day
    ],
)
def test_quota_day_and_reset_follow_los_angeles(utc, day, reset):
    now = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert pacific_day(now) == day
    assert quota_reset(now).astimezone(UTC).isoformat() == reset


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
entries = st.builds(
    Entry,
    lang=st.sampled_from(["eu", "nl-BE", "fr", "pt-PT"]),
    caption_id=text,
    language=text,
    name=text,
    sha256=text,
    uploaded=text,
    draft=st.booleans(),
    verified=st.booleans(),
    allow_incomplete=st.booleans(),
)


@given(
    video_id=text,
    tracks=st.lists(entries, max_size=4),
    quota=st.dictionaries(st.dates().map(str), st.integers(0, 10**6), max_size=5),
    meta=text,
)
def test_the_ledger_round_trips(video_id, tracks, quota, meta):
    ledger = Ledger(video_id, {e.lang: e for e in tracks}, quota, meta, meta if meta else "")
    assert parse(render(ledger), "published.toml") == ledger


@pytest.mark.parametrize(
    "bad",
    [
        "video_id = 3\n",
        "[tracks.fr]\ncaption_id = 1\n",
        '[tracks.fr]\ncaption_id = "c"\n',  # no language, name, sha256
        '[quota]\n"2026-12-06" = -5\n',
        "not toml [\n",
    ],
)
def test_a_broken_ledger_is_refused_with_its_name(bad):
    with pytest.raises(InputError, match=r"^published\.toml: "):
        parse(bad, "published.toml")


def test_a_ledger_edited_during_a_run_is_not_overwritten(tmp_path):
    path = tmp_path / "published.toml"
    path.write_text(render(Ledger("v")), encoding="utf-8")
    opened = LedgerFile(path)
    path.write_text(render(Ledger("v")) + "# a note\n", encoding="utf-8")
    with pytest.raises(MsmError, match="changed while msm publish ran"):
        opened.save(opened.ledger.with_track(ENTRY))
    assert path.read_text(encoding="utf-8").endswith("# a note\n")
