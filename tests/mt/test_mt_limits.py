"""Pacing with an injected clock: the rate ceiling, back-off growth, Retry-After parsing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.mt.limits import RateLimiter, backoff, parse_retry_after


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_rate_limiter_spaces_requests():
    t = FakeTime()
    limiter = RateLimiter(4.0, t.clock, t.sleep)
    for _ in range(5):
        limiter.wait()
    assert t.sleeps == pytest.approx([0.25, 0.25, 0.25, 0.25])


def test_rate_limiter_does_not_wait_when_time_passed():
    t = FakeTime()
    limiter = RateLimiter(2.0, t.clock, t.sleep)
    limiter.wait()
    t.now += 10
    assert limiter.wait() == 0.0
    assert t.sleeps == []


def test_push_back_delays_the_next_request():
    t = FakeTime()
    limiter = RateLimiter(100.0, t.clock, t.sleep)
    limiter.wait()
    limiter.push_back(3.0)
    limiter.wait()
    assert t.sleeps == pytest.approx([3.0])


def test_backoff_doubles_up_to_the_ceiling():
    assert [backoff(n, 1.0, 5.0) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]


RETRY_AFTER = [
    ("7", 7.0),
    (" 0 ", 0.0),
    ("Wed, 25 Nov 2026 12:00:30 GMT", 30.0),
    ("Wed, 25 Nov 2026 11:59:00 GMT", 0.0),  # in the past: go now
    ("soon", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("value", "seconds"), RETRY_AFTER)
def test_parse_retry_after(value, seconds):
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after(value, now) == seconds
