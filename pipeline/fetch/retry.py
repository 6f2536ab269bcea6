"""Retry with exponential back-off, for the requests yt-dlp itself does not retry.

yt-dlp retries a download on 5xx answers and dropped connections (its `retries` option) but not
on 429 Too Many Requests, and not the page or API request that lists a video's formats and
tracks. Those go through `call_with_retries` here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

MAX_DELAY = 60.0  # seconds: never wait longer than this between two attempts


@dataclass(frozen=True)
class Transient:
    """Why an error is worth another attempt, and how long the server asked us to wait."""

    reason: str
    retry_after: float | None = None


def delay(attempt: int, backoff: float, retry_after: float | None = None) -> float:
    """Seconds to wait before retry number `attempt` (1-based): backoff, 2×, 4×... capped;
    at least what the server asked for in Retry-After (capped too)."""
    wait = min(backoff * 2.0 ** (attempt - 1), MAX_DELAY)
    if retry_after is not None:
        wait = max(wait, min(retry_after, MAX_DELAY))
    return wait


def call_with_retries(
    action: Callable[[], T],
    *,
    retries: int,
    backoff: float,
    transient: Callable[[BaseException], Transient | None],
    on_retry: Callable[[int, Transient, float], None] = lambda attempt, why, wait: None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `action`; when it fails for a transient reason, wait and try again, up to `retries`
    more times. The last error is raised as it is."""
    attempt = 0
    while True:
        try:
            return action()
        except Exception as exc:
            why = transient(exc)
            if why is None or attempt >= retries:
                raise
            attempt += 1
            wait = delay(attempt, backoff, why.retry_after)
            on_retry(attempt, why, wait)
            sleep(wait)


def http_status(exc: BaseException) -> tuple[int | None, float | None]:
    """The HTTP status behind a yt-dlp error (and the Retry-After seconds), if there is one."""
    from yt_dlp.networking.exceptions import HTTPError

    for cause in _chain(exc):
        if isinstance(cause, HTTPError):
            return cause.status, _retry_after(cause)
    return None, None


def transient_error(exc: BaseException) -> Transient | None:
    """Server errors (5xx), 429 and broken connections are transient; the rest is not."""
    from yt_dlp.networking.exceptions import HTTPError, TransportError
    from yt_dlp.utils import ContentTooShortError

    for cause in _chain(exc):
        if isinstance(cause, HTTPError):
            if cause.status == 429 or 500 <= cause.status < 600:
                return Transient(f"HTTP {cause.status}", _retry_after(cause))
            return None  # 404, 403...: asking again will not help
        if isinstance(cause, TransportError | ContentTooShortError | ConnectionError):
            return Transient(type(cause).__name__)
    return None


def too_many_requests(exc: BaseException) -> Transient | None:
    """Only 429: for downloads, where yt-dlp already retries 5xx and broken connections."""
    status, retry_after = http_status(exc)
    return Transient("HTTP 429", retry_after) if status == 429 else None


def _chain(exc: BaseException) -> list[BaseException]:
    """The error and everything behind it: yt-dlp's `exc_info` and `cause`, Python's chain."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or any(current is s for s in seen) or len(seen) > 20:
            continue
        seen.append(current)
        info = getattr(current, "exc_info", None)
        if isinstance(info, tuple) and len(info) > 1 and isinstance(info[1], BaseException):
            todo.append(info[1])
        cause = getattr(current, "cause", None)
        if isinstance(cause, BaseException):
            todo.append(cause)
        todo.extend([current.__cause__, current.__context__])
    return seen


def _retry_after(error: object) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None  # an HTTP date: our own back-off applies
