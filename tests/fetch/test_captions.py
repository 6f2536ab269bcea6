"""Sorting a video's caption tracks: human or machine, ours or not, and which one wins."""

from __future__ import annotations

import pytest

from pipeline import languages
from pipeline.fetch.captions import classify

SOURCE = languages.SOURCE
TARGETS = languages.TARGETS


def fmt(*exts):
    return [{"ext": ext, "url": f"https://example.invalid/{ext}"} for ext in exts]


def roles(subtitles, automatic, targets=TARGETS):
    tracks = classify(subtitles, automatic, SOURCE, targets)
    return {(t.kind, t.key): (t.role, t.lang, t.why) for t in tracks}


@pytest.mark.parametrize(
    ("key", "role", "lang", "why"),
    [
        ("en", "source", "en", ""),
        ("fr", "translation", "fr", ""),
        ("nl-BE", "translation", "nl-BE", ""),  # Flemish has its own YouTube code
        ("pt-PT", "translation", "pt-PT", ""),
        ("pt", "translation", "pt-PT", "YouTube's 'pt' taken as pt-PT"),  # the registry's alias
        ("en-GB", "source", "en", "YouTube's 'en-GB' taken as en"),
        ("EL", "translation", "el", ""),  # codes are case-insensitive
        ("nl", None, None, "not a language of this project"),  # Dutch is not Flemish
        ("pt-BR", None, None, "not a language of this project"),
        ("de", None, None, "not a language of this project"),
    ],
)
def test_human_tracks_map_through_the_registry(key, role, lang, why):
    assert roles({key: fmt("vtt")}, {})[("human", key)] == (role, lang, why)


def test_a_language_the_project_does_not_target_is_not_kept():
    found = roles({"fr": fmt("vtt"), "pl": fmt("vtt")}, {}, targets=("fr",))
    assert found[("human", "pl")] == (None, "pl", "not a language of this project")
    assert found[("human", "fr")][0] == "translation"


def test_youtube_automatic_keys():
    automatic = {
        "en-orig": fmt("vtt"),  # speech recognition
        "en": fmt("vtt"),  # the same, again
        "eu-en": fmt("vtt"),  # machine translation of the human en track
        "eu": fmt("vtt"),  # machine translation of the recognition
        "pl": fmt("vtt"),  # only from the recognition
        "pt-PT": fmt("vtt"),  # a region code, not "pt translated from PT"
        "fr-en": fmt("vtt"),  # a human fr exists
        "en-fr": fmt("vtt"),  # machine English from the human French
        "de-en": fmt("vtt"),
    }
    found = roles({"en": fmt("vtt"), "fr": fmt("vtt")}, automatic)
    assert found[("speech", "en-orig")] == (None, "en", "the human track en exists")
    assert found[("speech", "en")] == (None, "en", "the same track as en-orig")
    assert found[("machine", "eu-en")] == ("draft", "eu", "")
    assert found[("machine", "eu")] == (None, "eu", "eu-en is used for eu")
    assert found[("machine", "pl")] == ("draft", "pl", "")
    assert found[("machine", "pt-PT")] == ("draft", "pt-PT", "")
    assert found[("machine", "fr-en")] == (None, "fr", "the human track fr exists")
    assert found[("machine", "en-fr")] == (
        None,
        "en",
        "machine translation into the source language",
    )
    assert found[("machine", "de-en")] == (None, None, "not a language of this project")
    # Nothing automatic is ever a source or a translation.
    assert not any(
        role in ("source", "translation")
        for (kind, _), (role, _, _) in found.items()
        if kind != "human"
    )


def test_speech_recognition_is_the_source_draft_only_without_a_human_track():
    found = roles({}, {"en-orig": fmt("vtt"), "en": fmt("vtt"), "fr-orig": fmt("vtt")})
    assert found[("speech", "en-orig")] == ("draft", "en", "")
    assert found[("speech", "en")][0] is None
    assert found[("speech", "fr-orig")] == (
        None,
        "fr",
        "speech recognition in a language other than the source",
    )


@pytest.mark.parametrize(
    ("offered", "chosen"),
    [
        (("json3", "srv1", "srv2", "srv3", "ttml", "vtt"), "vtt"),
        (("json3", "srv1", "srv3"), "srv3"),
        (("srt",), "srt"),
        (("json3", "ttml"), None),
    ],
)
def test_format_preference(offered, chosen):
    (track,) = classify({"fr": fmt(*offered)}, {}, SOURCE, TARGETS)
    assert (track.ext or None) == chosen
    if chosen is None:
        assert track.role is None
        assert track.why == f"no format we can read (offered: {', '.join(offered)})"


def test_an_extension_only_the_url_tells():
    # Before yt-dlp processes an extraction, HTML5 <track> formats carry only a URL.
    (track,) = classify({"fr": [{"url": "http://127.0.0.1/t/fr.VTT?x=1"}]}, {}, SOURCE, TARGETS)
    assert (track.role, track.ext) == ("translation", "vtt")


def test_an_exact_code_beats_an_alias():
    found = roles({"pt": fmt("vtt"), "pt-PT": fmt("vtt")}, {})
    assert found[("human", "pt-PT")][0] == "translation"
    assert found[("human", "pt")] == (None, "pt-PT", "pt-PT is used for pt-PT")
