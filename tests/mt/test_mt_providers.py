"""Real deep-translator classes over real HTTP to services on 127.0.0.1, through our engine.

Time is faked (the engine's clock and sleep), the network is not: every request below is a
real HTTP exchange that the fake service counts.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from urllib.parse import quote, quote_plus

import pytest
from mt_fakes import MYMEMORY_HOST, FakeService, Reply, refused_port

from pipeline.errors import UsageError
from pipeline.mt.cache import TranslationCache
from pipeline.mt.codes import resolve
from pipeline.mt.engine import Engine, EntryFailed, ProviderStopped
from pipeline.mt.options import translate_settings
from pipeline.mt.providers import ProviderError, open_provider

DEFAULTS = translate_settings(None)


def options(name: str, **changes):
    fast = {"requests_per_second": 1000.0, "retries": 2, "backoff_seconds": 0.5}
    return dataclasses.replace(DEFAULTS.providers[name], **{**fast, **changes})


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeTime()


def engine_for(provider, tmp_path, clock):
    cache = TranslationCache(tmp_path / "cache.sqlite")
    return Engine(provider, cache, clock=clock.clock, sleep=clock.sleep)


def test_libre_success_sends_our_codes_and_key(libre, tmp_path, clock):
    libre.key = "k-123"
    provider = open_provider(options("libre", url=libre.url), {"LIBRE_API_KEY": "k-123"})
    engine = engine_for(provider, tmp_path, clock)
    # nl-BE goes out as "nl", a code deep-translator's own Libre list does not even know
    assert engine.translate("Hello", resolve("libre", "en", "nl-BE")) == "[nl] Hello"
    assert libre.count == 1
    seen = libre.seen[0]
    assert (seen.method, seen.path) == ("POST", "/translate")
    assert seen.params["source"] == "en" and seen.params["target"] == "nl"
    assert seen.params["api_key"] == "k-123"


def test_mymemory_goes_through_the_proxy_with_its_own_codes(mymemory, tmp_path, clock):
    provider = open_provider(options("mymemory", proxy=mymemory.url, email="team@example.org"), {})
    engine = engine_for(provider, tmp_path, clock)
    assert engine.translate("Hello", resolve("mymemory", "en", "pt-PT")) == "[pt-PT] Hello"
    seen = mymemory.seen[0]
    assert seen.host == MYMEMORY_HOST and seen.path == "/get"
    assert seen.params["langpair"] == "en-GB|pt-PT"
    assert seen.params["de"] == "team@example.org"


def test_identical_text_is_sent_once(libre, tmp_path, clock):
    provider = open_provider(options("libre", url=libre.url), {})
    engine = engine_for(provider, tmp_path, clock)
    pair = resolve("libre", "en", "pl")
    assert engine.translate("Hello", pair) == engine.translate("Hello", pair)
    assert libre.count == 1
    assert (engine.stats.fresh, engine.stats.cached) == (1, 1)


def test_429_then_success_honours_retry_after(mymemory, tmp_path, clock):
    mymemory.script[1] = Reply(status=429, headers={"Retry-After": "3"})
    provider = open_provider(options("mymemory", proxy=mymemory.url), {})
    engine = engine_for(provider, tmp_path, clock)
    assert engine.translate("Hello", resolve("mymemory", "en", "pl")) == "[pl-PL] Hello"
    assert mymemory.count == 2
    assert clock.sleeps == pytest.approx([3.0])  # the server's wait, not our back-off


def test_429_without_retry_after_backs_off(libre, tmp_path, clock):
    libre.script[1] = Reply(status=429)
    libre.script[2] = Reply(status=429)
    provider = open_provider(options("libre", url=libre.url), {})
    engine = engine_for(provider, tmp_path, clock)
    assert engine.translate("Hello", resolve("libre", "en", "pl")) == "[pl] Hello"
    assert libre.count == 3
    assert clock.sleeps == pytest.approx([0.5, 1.0])  # doubling


def test_retry_after_beyond_the_limit_stops_the_run(libre, tmp_path, clock):
    libre.script[1] = Reply(status=429, headers={"Retry-After": "3600"})
    provider = open_provider(options("libre", url=libre.url, max_wait_seconds=60), {})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(ProviderStopped, match="3600 s"):
        engine.translate("Hello", resolve("libre", "en", "pl"))
    assert libre.count == 1 and clock.sleeps == []


def test_500_is_retried_then_the_entry_fails(libre, tmp_path, clock):
    for n in (1, 2, 3):
        libre.script[n] = Reply(status=500)
    provider = open_provider(options("libre", url=libre.url), {})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(EntryFailed, match=r"HTTP 500\) after 3 attempts"):
        engine.translate("Hello", resolve("libre", "en", "pl"))
    assert libre.count == 3
    assert len(TranslationCache(tmp_path / "cache.sqlite")) == 0  # failures are not cached


def test_500_then_success(mymemory, tmp_path, clock):
    mymemory.script[1] = Reply(status=502)
    provider = open_provider(options("mymemory", proxy=mymemory.url), {})
    engine = engine_for(provider, tmp_path, clock)
    assert engine.translate("Hi", resolve("mymemory", "en", "pl")) == "[pl-PL] Hi"
    assert mymemory.count == 2


def test_dropped_connection_is_retried(libre, tmp_path, clock):
    libre.script[1] = Reply(drop=True)
    provider = open_provider(options("libre", url=libre.url), {})
    engine = engine_for(provider, tmp_path, clock)
    assert engine.translate("Hi", resolve("libre", "en", "pl")) == "[pl] Hi"
    assert libre.count == 2


def test_refused_connection_stops_the_provider(tmp_path, clock):
    url = f"http://127.0.0.1:{refused_port()}/"
    provider = open_provider(options("libre", url=url), {})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(ProviderStopped, match=r"connection refused.*after 3 attempts"):
        engine.translate("Hi", resolve("libre", "en", "pl"))
    assert provider.requests == 3


def test_a_stalled_server_times_out(tmp_path, clock):
    # deep-translator sets no timeout; ours is added to every request it makes
    release = threading.Event()
    service = FakeService("libre")
    service.script[1] = Reply(hold=release)
    try:
        provider = open_provider(
            options("libre", url=service.url, timeout_seconds=0.3, retries=0), {}
        )
        engine = engine_for(provider, tmp_path, clock)
        with pytest.raises(ProviderStopped, match=r"no answer .* within 0.3 s"):
            engine.translate("Hi", resolve("libre", "en", "pl"))
    finally:
        release.set()
        service.stop()


def test_refused_key_stops_at_once_and_never_shows_the_key(libre, tmp_path, clock):
    secret = "sk/+secret=key&1"  # characters that URL encoding changes
    libre.key = "the-right-one"
    provider = open_provider(options("libre", url=libre.url), {"LIBRE_API_KEY": secret})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(ProviderStopped) as caught:
        engine.translate("Hi", resolve("libre", "en", "pl"))
    assert "HTTP 403" in str(caught.value) and "$LIBRE_API_KEY" in str(caught.value)
    assert libre.count == 1  # no retry with a refused key
    assert "secret" not in str(caught.value)


def test_redaction_covers_url_encoded_keys():
    # requests puts the query string, key included, into its ConnectionError message
    secret = "sk/+secret=key&1"
    url = f"http://127.0.0.1:{refused_port()}/"
    provider = open_provider(options("libre", url=url), {"LIBRE_API_KEY": secret})
    import requests

    with pytest.raises(requests.ConnectionError) as caught:
        requests.post(url + "translate", params={"api_key": secret}, timeout=2)
    raw = str(caught.value)
    assert quote(secret, safe="") in raw
    assert "secret" not in provider.redact(raw) and "***" in provider.redact(raw)
    assert provider.redact(f"key {secret} or {quote_plus(secret)}") == "key *** or ***"


def test_mymemory_quota_warning_is_not_a_translation(mymemory, tmp_path, clock):
    warning = (
        "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. "
        "NEXT AVAILABLE IN  10 HOURS 20 MINUTES"
    )
    mymemory.translate = lambda text, target: warning
    provider = open_provider(options("mymemory", proxy=mymemory.url), {})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(ProviderStopped, match="FREE TRANSLATIONS"):
        engine.translate("Hi", resolve("mymemory", "en", "pl"))
    assert len(TranslationCache(tmp_path / "cache.sqlite")) == 0


def test_garbage_body_is_an_error_not_a_crash(libre, tmp_path, clock):
    libre.script[1] = Reply(body="<html>proxy error</html>")
    libre.script[2] = Reply(body=json.dumps({}))
    provider = open_provider(options("libre", url=libre.url, retries=1), {})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises((EntryFailed, ProviderStopped)):
        engine.translate("Hi", resolve("libre", "en", "pl"))
    assert libre.count == 2


def test_empty_answer_fails_the_entry(libre, tmp_path, clock):
    libre.translate = lambda text, target: "   "
    provider = open_provider(options("libre", url=libre.url), {})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(EntryFailed, match="empty translation"):
        engine.translate("Hi", resolve("libre", "en", "pl"))
    assert libre.count == 1


def test_rate_ceiling_is_applied_between_requests(libre, tmp_path, clock):
    provider = open_provider(options("libre", url=libre.url, requests_per_second=2.0), {})
    engine = engine_for(provider, tmp_path, clock)
    pair = resolve("libre", "en", "pl")
    for text in ("a", "b", "c"):
        engine.translate(text, pair)
    assert clock.sleeps == pytest.approx([0.5, 0.5])


MISSING_KEYS = [
    ("deepl", {}, "set $DEEPL_API_KEY"),
    ("libre", {}, "set $LIBRE_API_KEY"),  # the public server needs one
]


@pytest.mark.parametrize(("name", "changes", "message"), MISSING_KEYS)
def test_missing_key_is_a_usage_error(name, changes, message):
    with pytest.raises(UsageError, match=message.replace("$", r"\$")):
        open_provider(options(name, **changes), {})


def test_provider_error_kinds():
    assert ProviderError("rate", "x").retryable and not ProviderError("rate", "x").fatal
    assert ProviderError("auth", "x").fatal and not ProviderError("auth", "x").retryable
    assert not ProviderError("client", "x").retryable


def test_google_goes_through_its_proxy(mymemory, tmp_path, clock):
    # Google's endpoint is HTTPS: through a proxy it starts with CONNECT, which our proxy
    # records and refuses. That proves the request left for translate.google.com via the
    # configured proxy, and that a failing proxy is a clean stop, not a crash.
    provider = open_provider(options("google", proxy=mymemory.url, retries=1), {})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(ProviderStopped, match=r"cannot reach translate\.google\.com"):
        engine.translate("Hello", resolve("google", "en", "pt-PT"))
    assert [(s.method, s.host) for s in mymemory.seen] == [("CONNECT", "translate.google.com")] * 2


@pytest.mark.parametrize(
    ("plan", "host"), [("free", "api-free.deepl.com"), ("pro", "api.deepl.com")]
)
def test_deepl_plan_picks_the_endpoint_and_hides_the_key(
    plan, host, mymemory, tmp_path, clock, monkeypatch
):
    # DeepL takes no proxies= argument, but requests honours HTTPS_PROXY.
    monkeypatch.setenv("HTTPS_PROXY", mymemory.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    secret = "dl-secret-key:fx"
    provider = open_provider(options("deepl", plan=plan, retries=0), {"DEEPL_API_KEY": secret})
    engine = engine_for(provider, tmp_path, clock)
    with pytest.raises(ProviderStopped) as caught:
        engine.translate("Hello", resolve("deepl", "en", "pt-PT"))
    assert mymemory.seen[0].method == "CONNECT" and mymemory.seen[0].host == host
    assert secret not in str(caught.value) and quote(secret, safe="") not in str(caught.value)
