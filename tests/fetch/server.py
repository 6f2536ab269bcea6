"""A scriptable HTTP server on 127.0.0.1 for exercising yt-dlp for real, offline.

Each path serves a body; a queue of one-shot behaviours (an error status, a connection dropped
part-way through the body) is consumed request by request before the body is served normally.
Every request is logged, so tests can count what a run asked for.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Status:
    """Answer with this HTTP status (and headers) instead of the body."""

    code: int
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Drop:
    """Announce the whole body, send only the first `sent` bytes, then close the socket."""

    sent: int


Behaviour = Status | Drop


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    method: str
    path: str
    range: str | None


@dataclass
class Route:
    body: bytes
    content_type: str
    queue: deque[Behaviour] = field(default_factory=deque)


class Site:
    """The routes and the request log, shared with the handler threads."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def add(self, path: str, body: bytes | str, content_type: str = "text/html") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes["/" + path.lstrip("/")] = Route(data, content_type)

    def remove(self, path: str) -> None:
        del self.routes["/" + path.lstrip("/")]

    def then(self, path: str, *behaviours: Behaviour) -> None:
        """Queue one-shot behaviours for the next requests to `path`."""
        self.routes["/" + path.lstrip("/")].queue.extend(behaviours)

    def paths(self) -> list[str]:
        with self.lock:
            return [hit.path for hit in self.hits]

    def count(self, path: str) -> int:
        return self.paths().count("/" + path.lstrip("/"))

    def reset_log(self) -> None:
        with self.lock:
            self.hits.clear()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with site.lock:
                site.hits.append(Hit("GET", path, self.headers.get("Range")))
                route = site.routes.get(path)
                behaviour = route.queue.popleft() if route and route.queue else None
            if route is None:
                self._status(404)
                return
            if isinstance(behaviour, Status):
                self._status(behaviour.code, behaviour.headers)
                return
            body, code, extra = route.body, 200, []
            wanted = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range") or "")
            if wanted:
                start = int(wanted.group(1))
                end = int(wanted.group(2)) if wanted.group(2) else len(body) - 1
                if start >= len(body):
                    self._status(416, (("Content-Range", f"bytes */{len(body)}"),))
                    return
                code = 206
                extra = [("Content-Range", f"bytes {start}-{end}/{len(body)}")]
                body = body[start : end + 1]
            self.send_response(code)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Accept-Ranges", "bytes")
            for name, value in extra:
                self.send_header(name, value)
            self.end_headers()
            if isinstance(behaviour, Drop):
                self.wfile.write(body[: behaviour.sent])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)  # the socket dies mid-body, as on a flaky network
                return
            self.wfile.write(body)

        def _status(self, code: int, headers: tuple[tuple[str, str], ...] = ()) -> None:
            body = f"status {code}\n".encode()
            self.send_response(code)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


def start(site: Site) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.server = server
    # A short poll interval: shutdown() waits for the next poll.
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    return server
