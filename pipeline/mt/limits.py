"""Pacing requests: a rate ceiling, exponential back-off, and `Retry-After` parsing.

Time is injected (`clock`, `sleep`) so the pacing is tested exactly, without waiting.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

Clock = Callable[[], float]
Sleep = Callable[[float], None]


@dataclass
class RateLimiter:
    """At most `per_second` requests a second: waits until the next slot is free."""

    per_second: float
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    _next: float | None = field(default=None, repr=False)

    def wait(self) -> float:
        """Block until a request may go; return how long it waited."""
        now = self.clock()
        waited = 0.0
        if self._next is not None and now < self._next:
            waited = self._next - now
            self.sleep(waited)
            now = self._next
        self._next = now + 1.0 / self.per_second
        return waited

    def push_back(self, seconds: float) -> None:
        """Keep the next request at least `seconds` from now (after a 429)."""
        self._next = max(self._next or 0.0, self.clock() + seconds)


def backoff(attempt: int, base: float, ceiling: float) -> float:
    """The wait before retry number `attempt` (1, 2, …): base, 2×base, 4×base… up to ceiling."""
    return float(min(ceiling, base * 2.0 ** (attempt - 1)))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    now = now or datetime.now(tz=UTC)
    return max(0.0, (moment - now).total_seconds())
