"""Get one text translated: cache first, then the provider, paced, with retries and back-off.

Outcomes: a translation (cached or fresh, stored at once), `EntryFailed` (this text could not
be translated; the run goes on), or `ProviderStopped` (no further request can succeed now:
refused credentials, spent quota, a server that stays unreachable or keeps answering 429).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pipeline.mt.cache import TranslationCache
from pipeline.mt.codes import Pair
from pipeline.mt.limits import Clock, RateLimiter, Sleep, backoff
from pipeline.mt.providers import Provider, ProviderError


class EntryFailed(Exception):
    """This text could not be translated (after retries where they make sense)."""


class ProviderStopped(Exception):
    """The provider cannot serve any more requests in this run."""


@dataclass
class EngineStats:
    """What the engine did, for the summary."""

    cached: int = 0  # texts answered from the cache
    fresh: int = 0  # texts translated by the provider
    chars_sent: int = 0  # characters of the texts sent (retries counted once)
    waited: float = 0.0  # seconds spent pacing and backing off
    retries: int = 0


@dataclass
class Engine:
    """Translates texts through one provider with a cache, pacing and retries."""

    provider: Provider
    cache: TranslationCache
    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    stats: EngineStats = field(default_factory=EngineStats)
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        per_second = self.provider.options.requests_per_second
        self.limiter = RateLimiter(per_second, self.clock, self._pause)

    def cached(self, text: str, pair: Pair) -> str | None:
        """The cached translation of `text`, without sending anything."""
        return self.cache.get(pair.provider, pair.source_code, pair.target_code, text)

    def translate(self, text: str, pair: Pair) -> str:
        """The translation of `text`: from the cache, or fetched and cached at once."""
        hit = self.cached(text, pair)
        if hit is not None:
            self.stats.cached += 1
            return hit
        result = self._fetch(text, pair)
        self.cache.put(pair.provider, pair.source_code, pair.target_code, text, result)
        self.stats.fresh += 1
        self.stats.chars_sent += len(text)
        return result

    def _pause(self, seconds: float) -> None:
        self.stats.waited += seconds
        self.sleep(seconds)

    def _fetch(self, text: str, pair: Pair) -> str:
        options = self.provider.options
        attempts = options.retries + 1
        for attempt in range(1, attempts + 1):
            self.limiter.wait()
            try:
                return self.provider.translate(text, pair)
            except ProviderError as error:
                last = error
                if error.fatal:
                    raise ProviderStopped(error.message) from None
                if not error.retryable:
                    raise EntryFailed(error.message) from None
                if attempt == attempts:
                    break
                delay = backoff(attempt, options.backoff_seconds, options.max_wait_seconds)
                if error.kind == "rate" and error.retry_after is not None:
                    if error.retry_after > options.max_wait_seconds:
                        raise ProviderStopped(
                            f"{error.message}: the server asks to wait "
                            f"{error.retry_after:g} s, more than max_wait_seconds "
                            f"({options.max_wait_seconds:g}); try again later"
                        ) from None
                    delay = error.retry_after
                self.stats.retries += 1
                if error.kind == "rate":
                    self.limiter.push_back(delay)  # the limiter sleeps it before the next try
                else:
                    self._pause(delay)
        tries = f"after {attempts} attempt{'s' if attempts > 1 else ''}"
        if last.kind in ("connection", "rate"):
            # A server that stays unreachable or keeps refusing will not serve the next text.
            raise ProviderStopped(f"{last.message} {tries}")
        raise EntryFailed(f"{last.message} {tries}")
