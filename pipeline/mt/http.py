"""See the HTTP exchanges deep-translator makes: status, Retry-After, count; add a timeout.

deep-translator calls `requests.get/post` itself and turns responses into exceptions that
drop the response: a 429's `Retry-After` is lost, Libre reports a 429 as a generic
ServerException, and no request carries a timeout (a stalled server would hang the run).
While a call runs inside `observe()`, `requests.Session.send` is wrapped to record each
response and to supply our timeout; the original is restored on exit. msm is
single-threaded; nested or concurrent use is refused rather than mis-recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

_LOCK = threading.Lock()


@dataclass
class Exchange:
    """What the requests inside one `observe()` block did."""

    requests: int = 0  # requests handed to the transport (refused connections included)
    status: int | None = None  # status of the last response received
    retry_after: str | None = None  # its Retry-After header, verbatim

    @property
    def responded(self) -> bool:
        """Whether any response came back (False for refused or dropped connections)."""
        return self.status is not None


@contextmanager
def observe(timeout: float) -> Iterator[Exchange]:
    """Record every request made in the block, giving each one `timeout` seconds."""
    import requests  # heavy: only when a provider is really called

    if not _LOCK.acquire(blocking=False):
        raise RuntimeError("observe() is not re-entrant")
    record = Exchange()
    original = requests.Session.send

    def send(session: Any, request: Any, **kwargs: Any) -> Any:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = timeout
        record.requests += 1
        response = original(session, request, **kwargs)
        record.status = int(response.status_code)
        record.retry_after = response.headers.get("Retry-After")
        return response

    # Patching the class is the only way in: deep-translator makes its own sessions.
    requests.Session.send = send  # type: ignore[method-assign, assignment]
    try:
        yield record
    finally:
        requests.Session.send = original  # type: ignore[method-assign]
        _LOCK.release()
