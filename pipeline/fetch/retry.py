"""msm pull's one retry policy: exponential back-off, and which errors are worth a retry.

yt-dlp's own retries are all off (ytdl.Session), so every request of a pull — the page or API
request that lists a video's formats and tracks, the video file, each caption track — is
retried here and nowhere else, and every retry is announced. Server errors (5xx), 429 Too Many
Requests, timeouts while reading and dropped connections are retried up to the `retries` of
the settings. A host that cannot be reached at all (connection refused, name not found, no
route, no answer to the connection) is tried once more only: the network is down, and the pull
stops with one line instead of waiting through every back-off.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

MAX_DELAY = 60.0  # seconds: never wait longer than this between two attempts
UNREACHABLE_RETRIES = 1  # one more try when the host cannot be reached (a blip), then stop


@dataclass(frozen=True)
class Transient:
    """Why an error is worth another attempt, and how long the server asked us to wait.

    `unreachable`: the host could not be reached at all (retried at most UNREACHABLE_RETRIES).
    """

    reason: str
    retry_after: float | None = None
    unreachable: bool = False


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
    on_retry: Callable[[int, Transient, float, int], None] = lambda attempt, why, wait, limit: None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `action`; when it fails for a transient reason, wait and try again, up to `retries`
    more times (UNREACHABLE_RETRIES when the host cannot be reached). The last error is raised
    as it is. `on_retry` gets the attempt number, the reason, the wait and the limit."""
    attempt = 0
    while True:
        try:
            return action()
        except Exception as exc:
            why = transient(exc)
            limit = min(retries, UNREACHABLE_RETRIES) if why and why.unreachable else retries
            if why is None or attempt >= limit:
                raise
            attempt += 1
            wait = delay(attempt, backoff, why.retry_after)
            on_retry(attempt, why, wait, limit)
            sleep(wait)


def http_status(exc: BaseException) -> tuple[int | None, float | None]:
    """The HTTP status behind a yt-dlp error (and the Retry-After seconds), if there is one."""
    from yt_dlp.networking.exceptions import HTTPError

    for cause in _chain(exc):
        if isinstance(cause, HTTPError):
            return cause.status, _retry_after(cause)
    return None, None


def unreachable(exc: BaseException) -> str | None:
    """Why the host could not be reached at all (no byte exchanged), or None.

    Read from the error's chain: Python's socket errors, and the names urllib3 and requests
    give a failed connection (yt-dlp wraps them in its TransportError).
    """
    import errno
    import socket

    no_route = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN)
    for cause in _chain(exc):
        name = type(cause).__name__
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, socket.gaierror) or name == "NameResolutionError":
            return "host name not found"
        if isinstance(cause, OSError) and cause.errno in no_route:
            return "no route to the host (network unreachable)"
        if name in ("ConnectTimeoutError", "ConnectTimeout"):
            return "no answer to the connection (timed out)"
    text = " ".join(str(cause) for cause in _chain(exc))
    for pattern, why in _UNREACHABLE_TEXTS:
        if pattern.search(text):
            return why
    return None


# yt-dlp's downloader reports an error its own retry loop handles (a 5xx, a broken transfer)
# as text only, `[download] Got error: HTTP Error 503: ...`, with no exception behind it: with
# its retries off, these texts are all that tells a transient failure from a final one.
_UNREACHABLE_TEXTS = (
    (re.compile(r"Connection refused"), "connection refused"),
    (
        re.compile(r"Failed to resolve|Name or service not known|name resolution"),
        "host name not found",
    ),
    (
        re.compile(r"Network is unreachable|No route to host"),
        "no route to the host (network unreachable)",
    ),
    (
        re.compile(r"Connection to \S+ timed out|connect timeout"),
        "no answer to the connection (timed out)",
    ),
)
_HTTP_STATUS_TEXT = re.compile(r"HTTP Error (\d{3})")
_RETRYABLE_TEXT = re.compile(r"\[download\] Got error: (.*)")


def transient_error(exc: BaseException) -> Transient | None:
    """Server errors (5xx), 429, timeouts and broken connections are transient; so is a host
    that cannot be reached (marked `unreachable`); the rest (404, 403...) is not."""
    from yt_dlp.networking.exceptions import HTTPError, TransportError
    from yt_dlp.utils import ContentTooShortError

    why = unreachable(exc)
    if why is not None:
        return Transient(why, unreachable=True)
    for cause in _chain(exc):
        if isinstance(cause, HTTPError):
            if cause.status == 429 or 500 <= cause.status < 600:
                return Transient(f"HTTP {cause.status}", _retry_after(cause))
            return None  # 404, 403...: asking again will not help
        if isinstance(cause, TransportError | ContentTooShortError | ConnectionError):
            return Transient(_transport_reason(cause))
    text = " ".join(str(cause) for cause in _chain(exc))
    status = _HTTP_STATUS_TEXT.search(text)
    if status:
        code = int(status.group(1))
        return Transient(f"HTTP {code}") if code == 429 or 500 <= code < 600 else None
    retryable = _RETRYABLE_TEXT.search(text)
    if retryable:  # what yt-dlp's own loop would have retried
        return Transient("timed out" if "timed out" in text else retryable.group(1)[:80])
    return None


def _transport_reason(error: BaseException) -> str:
    """A short reason for a broken transfer: `timed out`, or the error's class."""
    if any(isinstance(cause, TimeoutError) for cause in _chain(error)):
        return "timed out"
    return type(error).__name__


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
        for attribute in ("cause", "reason"):  # yt-dlp's errors; urllib's URLError
            cause = getattr(current, attribute, None)
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
