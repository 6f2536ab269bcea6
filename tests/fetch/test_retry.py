"""Retries with back-off, and which yt-dlp errors are worth retrying."""

from __future__ import annotations

import pytest

from pipeline.fetch.retry import (
    MAX_DELAY,
    Transient,
    call_with_retries,
    delay,
    transient_error,
    unreachable,
)


def test_delay_doubles_and_is_capped_and_honours_retry_after():
    assert [delay(n, 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert delay(20, 1.0) == MAX_DELAY
    assert delay(1, 1.0, retry_after=5) == 5
    assert delay(1, 1.0, retry_after=3600) == MAX_DELAY


def test_transient_failures_are_retried_then_given_up():
    calls, waits = [], []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionResetError("dropped")
        return "ok"

    def classify(exc):
        return Transient("drop") if isinstance(exc, ConnectionResetError) else None

    assert (
        call_with_retries(flaky, retries=5, backoff=0.5, transient=classify, sleep=waits.append)
        == "ok"
    )
    assert waits == [0.5, 1.0]
    calls.clear()
    with pytest.raises(ConnectionResetError):
        call_with_retries(flaky, retries=1, backoff=0.5, transient=classify, sleep=waits.append)
    assert len(calls) == 2


def test_a_permanent_error_is_not_retried():
    calls = []

    def broken():
        calls.append(1)
        raise ValueError("no")

    with pytest.raises(ValueError):
        call_with_retries(
            broken, retries=5, backoff=1, transient=lambda e: None, sleep=lambda s: None
        )
    assert calls == [1]


def _http_error(status, headers=()):
    """yt-dlp's own HTTPError, wrapped the way extract_info raises it."""
    import io

    from yt_dlp.networking import Response
    from yt_dlp.networking.exceptions import HTTPError
    from yt_dlp.utils import DownloadError, ExtractorError

    response = Response(io.BytesIO(b""), "http://127.0.0.1/x", dict(headers), status=status)
    error = HTTPError(response)
    try:
        try:
            raise ExtractorError("Unable to download webpage", cause=error)
        except ExtractorError as inner:
            raise DownloadError(
                "ERROR: Unable to download webpage", (HTTPError, error, None)
            ) from inner
    except DownloadError as outer:
        return outer


@pytest.mark.parametrize(
    ("status", "headers", "transient"),
    [
        (503, (), Transient("HTTP 503")),
        (500, (), Transient("HTTP 500")),
        (429, (("Retry-After", "7"),), Transient("HTTP 429", 7.0)),
        (404, (), None),
        (403, (), None),
    ],
)
def test_classifying_yt_dlp_errors(status, headers, transient):
    assert transient_error(_http_error(status, headers)) == transient


def test_a_broken_connection_is_transient():
    from yt_dlp.networking.exceptions import TransportError
    from yt_dlp.utils import ContentTooShortError

    assert transient_error(TransportError("reset")) == Transient("TransportError")
    assert transient_error(ContentTooShortError(10, 20)) == Transient("ContentTooShortError")


def test_an_unreachable_host_is_tried_once_more_only():
    calls, waits, told = [], [], []

    def refused():
        calls.append(1)
        raise ConnectionRefusedError(111, "Connection refused")

    with pytest.raises(ConnectionRefusedError):
        call_with_retries(
            refused,
            retries=10,
            backoff=0.5,
            transient=transient_error,
            on_retry=lambda attempt, why, wait, limit: told.append((attempt, why, wait, limit)),
            sleep=waits.append,
        )
    assert len(calls) == 2 and waits == [0.5]
    assert told == [(1, Transient("connection refused", unreachable=True), 0.5, 1)]
    assert unreachable(ConnectionRefusedError()) == "connection refused"
    assert unreachable(TimeoutError("timed out")) is None  # a read timeout: a slow server
