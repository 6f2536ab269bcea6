"""Local stand-ins for the translation services, spoken to over real HTTP on 127.0.0.1.

`FakeService("libre")` answers LibreTranslate's `POST /translate` (deep-translator's
LibreTranslator reaches it with `custom_url=`). `FakeService("mymemory")` answers MyMemory's
`GET http://api.mymemory.translated.net/get` as an HTTP proxy would see it (deep-translator's
MyMemoryTranslator reaches it through `proxies=`, the request line carrying the full URL).
Every request is recorded and counted; a script makes chosen requests fail.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

MYMEMORY_HOST = "api.mymemory.translated.net"


def fake_translation(text: str, target: str) -> str:
    """A recognisable 'translation' that keeps placeholders and words: `[pl] text`."""
    return f"[{target}] {text}"


@dataclass
class Reply:
    """A scripted answer: an HTTP status with headers and body, or a connection cut."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None  # None: the normal translation
    drop: bool = False  # close the connection without answering
    die: bool = False  # stop listening (later connections are refused), then drop
    hold: threading.Event | None = None  # wait for this event before answering


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    host: str
    path: str
    params: dict[str, str]


class FakeService:
    """A threaded HTTP server speaking one provider's API, with request counting."""

    def __init__(
        self,
        api: str,
        *,
        translate: Callable[[str, str], str] = fake_translation,
        key: str | None = None,
    ) -> None:
        assert api in ("libre", "mymemory")
        self.api = api
        self.translate = translate
        self.key = key  # libre: the api_key the server expects (403 otherwise)
        self.script: dict[int, Reply] = {}  # 1-based request number -> reply
        self.die_after: int | None = None  # answer this many, then die on the next
        self.on_request: Callable[[int, Seen], None] | None = None
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        self._alive = True

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """Base URL (LibreTranslate custom_url, or the proxy URL for MyMemory)."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.seen)

    def texts(self) -> list[str]:
        """The `q` of every request received, in order."""
        with self._lock:
            return [s.params.get("q", "") for s in self.seen]

    def stop(self) -> None:
        if self._alive:
            self._alive = False
            self._server.shutdown()
            self._server.server_close()

    def _die(self) -> None:
        if self._alive:
            self._alive = False
            threading.Thread(target=self._server.shutdown, daemon=True).start()
            self._server.socket.close()  # refuse from now on

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                return

            def do_GET(self) -> None:
                self._serve("GET")

            def do_CONNECT(self) -> None:
                # An HTTPS request through a proxy starts with CONNECT host:443. We record
                # where it was going and refuse the tunnel (no TLS here): the client sees a
                # ProxyError, a kind of ConnectionError.
                host = self.path.rsplit(":", 1)[0]
                with service._lock:
                    service.seen.append(Seen("CONNECT", host, "", {}))
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                self._serve("POST")

            def _serve(self, method: str) -> None:
                parts = urlsplit(self.path)
                host = parts.hostname or self.headers.get("Host", "")
                params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                seen = Seen(method, host, parts.path, params)
                with service._lock:
                    service.seen.append(seen)
                    number = len(service.seen)
                if service.on_request is not None:
                    service.on_request(number, seen)
                reply = service.script.get(number, Reply())
                if service.die_after is not None and number > service.die_after:
                    reply = Reply(die=True)
                if reply.hold is not None:
                    reply.hold.wait(30)
                if reply.die:
                    service._die()
                if reply.drop or reply.die:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                status, body = reply.status, reply.body
                if body is None:
                    status, body = service._answer(method, seen, status)
                self._send(status, body, reply.headers)

            def _send(self, status: int, body: str, headers: dict[str, str]) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _answer(self, method: str, seen: Seen, status: int) -> tuple[int, str]:
        q = seen.params.get("q", "")
        if self.api == "libre":
            if method != "POST" or seen.path != "/translate":
                return 404, json.dumps({"error": "Not Found"})
            if self.key is not None and seen.params.get("api_key") != self.key:
                return 403, json.dumps({"error": "Invalid API key"})
            if status != 200:
                return status, json.dumps({"error": f"scripted {status}"})
            text = self.translate(q, seen.params.get("target", ""))
            return 200, json.dumps({"translatedText": text})
        if seen.host != MYMEMORY_HOST or seen.path != "/get":
            return 404, json.dumps({"error": f"not MyMemory: {seen.host}{seen.path}"})
        if status != 200:
            return status, json.dumps({"responseStatus": status})
        target = seen.params.get("langpair", "|").split("|")[1]
        text = self.translate(q, target)
        return 200, json.dumps(
            {
                "responseData": {"translatedText": text, "match": 0.85},
                "responseStatus": 200,
                "matches": [{"translation": text, "quality": "74"}],
            }
        )


def refused_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
