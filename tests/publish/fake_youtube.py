"""A YouTube Data API v3 server on 127.0.0.1 for the publish tests: the captions and videos
resources with their real JSON shapes, resumable uploads, quota accounting, and the failures
a maintainer meets (quotaExceeded, 409 captionExists, a 500, a dropped connection, a track
that stays syncing and then fails)."""

from __future__ import annotations

import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

COSTS = {
    "captions.list": 50,
    "captions.insert": 400,
    "captions.update": 450,
    "captions.download": 200,
    "captions.delete": 50,
    "videos.list": 1,
    "videos.update": 50,
}


@dataclass
class Caption:
    id: str
    video_id: str
    language: str
    name: str
    kind: str = "standard"
    draft: bool = False
    status: str = "serving"
    failure: str = ""
    data: bytes = b""
    lists_seen: int = 0  # captions.list calls since upload (for the syncing script)

    def resource(self) -> dict[str, Any]:
        snippet: dict[str, Any] = {
            "videoId": self.video_id,
            "lastUpdated": "2026-12-06T10:00:00.000Z",
            "trackKind": self.kind,
            "language": self.language,
            "name": self.name,
            "audioTrackType": "unknown",
            "isCC": False,
            "isLarge": False,
            "isEasyReader": False,
            "isDraft": self.draft,
            "isAutoSynced": False,
            "status": self.status,
        }
        if self.failure:
            snippet["failureReason"] = self.failure
        return {
            "kind": "youtube#caption",
            "etag": f"etag-{self.id}",
            "id": self.id,
            "snippet": snippet,
        }


@dataclass
class Session:
    method: str  # captions.insert or captions.update
    meta: dict[str, Any]
    total: int = -1
    received: bytearray = field(default_factory=bytearray)
    result: dict[str, Any] | None = None


@dataclass
class FakeYouTube:
    token: str
    videos: dict[str, dict[str, Any]] = field(default_factory=dict)
    captions: dict[str, Caption] = field(default_factory=dict)
    quota_limit: int = 10_000
    used: int = 0
    calls: list[str] = field(default_factory=list)  # API methods, in order
    fail_next: dict[str, list[int | tuple[int, str]]] = field(
        default_factory=dict
    )  # method -> statuses (and reasons)
    # method -> {n: (status, reason)}: the n-th call of that method (1-based) fails so
    fail_nth: dict[str, dict[int, tuple[int, str]]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    drop_next_upload: int = 0  # uploads whose connection is cut halfway through the body
    syncing_then_failed: set[str] = field(default_factory=set)  # languages
    mangle: set[str] = field(default_factory=set)  # languages read back altered
    sessions: dict[str, Session] = field(default_factory=dict)
    auth_seen: set[str] = field(default_factory=set)
    auth_code: str = "4/FAKE-AUTH-CODE"
    lock: threading.Lock = field(default_factory=threading.Lock)
    ids: Any = field(default_factory=lambda: itertools.count(1))

    def add_video(self, video_id: str, title: str = "A video", **snippet: Any) -> None:
        self.videos[video_id] = {
            "kind": "youtube#video",
            "etag": "v-etag",
            "id": video_id,
            "snippet": {
                "publishedAt": "2026-01-01T00:00:00Z",
                "channelId": "UC-channel",
                "title": title,
                "description": "English description",
                "thumbnails": {},
                "channelTitle": "Making Spend Matter",
                "categoryId": "27",
                "tags": ["procurement"],
                "liveBroadcastContent": "none",
                "defaultAudioLanguage": "en",
                "localized": {"title": title, "description": "English description"},
                **snippet,
            },
            "localizations": {},
        }

    def add_caption(self, video_id: str, language: str, name: str, **kw: Any) -> Caption:
        cid = f"cap{next(self.ids)}"
        caption = Caption(cid, video_id, language, name, **kw)
        self.captions[cid] = caption
        return caption

    def tracks(self, video_id: str) -> list[Caption]:
        return [c for c in self.captions.values() if c.video_id == video_id]

    def new_day(self) -> None:
        self.used = 0


def _error(
    status: int, reason: str, message: str, domain: str = "youtube.api"
) -> tuple[int, dict[str, Any]]:
    return status, {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
        }
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    # -- plumbing
    def _send(
        self,
        status: int,
        body: Any = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> None:
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        self.send_response(status)
        ctype = "application/octet-stream" if raw is not None else "application/json; charset=UTF-8"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _route(self, verb: str) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        auth = self.headers.get("Authorization", "")
        if path == "/token" and verb == "POST":  # Google's OAuth token endpoint
            form = parse_qs(self._body().decode())
            if form.get("grant_type") == ["authorization_code"] and form.get("code") == [
                fake.auth_code
            ]:
                fake.calls.append("oauth.token")
                answer = {
                    "access_token": fake.token,
                    "refresh_token": "1//LOGIN-REFRESH-never-print-me",
                    "expires_in": 3599,
                    "token_type": "Bearer",
                    "scope": "https://www.googleapis.com/auth/youtube.force-ssl",
                }
                self._send(200, answer)
                return
            refused = {
                "error": "invalid_grant",
                "error_description": "Token has been expired or revoked.",
            }
            self._send(400, refused)
            return
        if path.startswith("/upload/session/"):
            with fake.lock:
                self._session(fake, path.rsplit("/", 1)[1], verb)
            return
        if auth != f"Bearer {fake.token}":
            self._body()
            self._send(*_error(401, "authError", "Invalid Credentials", "global"))
            return
        fake.auth_seen.add(auth)
        method = self._method(verb, path)
        if method is None:
            self._body()
            self._send(*_error(404, "notFound", f"no route {verb} {path}"))
            return
        body = self._body()
        with fake.lock:
            fake.counts[method] = fake.counts.get(method, 0) + 1
            nth = fake.fail_nth.get(method, {}).get(fake.counts[method])
            if nth is not None:
                fake.fail_next.setdefault(method, []).insert(0, nth)
            fails = fake.fail_next.get(method)
            if fails:
                failure = fails.pop(0)
                status, reason = (
                    failure if isinstance(failure, tuple) else (failure, "backendError")
                )
                fake.calls.append(f"{method}!{status}")
                self._send(*_error(status, reason, "Backend Error" if status >= 500 else reason))
                return
            cost = COSTS[method]
            if fake.used + cost > fake.quota_limit:
                fake.calls.append(f"{method}!quota")
                self._send(
                    *_error(
                        403,
                        "quotaExceeded",
                        "The request cannot be completed because you have exceeded your "
                        '<a href="/youtube/v3/getting-started#quota">quota</a>.',
                        "youtube.quota",
                    )
                )
                return
            fake.used += cost
            fake.calls.append(method)
            getattr(self, "_" + method.replace(".", "_"))(fake, query, body, path)

    def _method(self, verb: str, path: str) -> str | None:
        if path == "/youtube/v3/captions":
            return {"GET": "captions.list", "DELETE": "captions.delete"}.get(verb)
        if re.fullmatch(r"/youtube/v3/captions/[^/]+", path) and verb == "GET":
            return "captions.download"
        if path == "/upload/youtube/v3/captions":
            return {"POST": "captions.insert", "PUT": "captions.update"}.get(verb)
        if path == "/youtube/v3/videos":
            return {"GET": "videos.list", "PUT": "videos.update"}.get(verb)
        return None

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_DELETE(self) -> None:
        self._route("DELETE")

    # -- the API
    def _captions_list(self, fake: FakeYouTube, q: dict[str, str], body: bytes, path: str) -> None:
        video = q.get("videoId", "")
        if video not in fake.videos:
            self._send(
                *_error(
                    404,
                    "videoNotFound",
                    "The video identified by the videoId parameter could not be found.",
                )
            )
            return
        items = []
        for cap in fake.tracks(video):
            if cap.language in fake.syncing_then_failed and cap.status == "syncing":
                cap.lists_seen += 1
                if cap.lists_seen >= 3:
                    cap.status, cap.failure = "failed", "processingFailed"
            items.append(cap.resource())
        self._send(200, {"kind": "youtube#captionListResponse", "etag": "l-etag", "items": items})

    def _start_session(self, fake: FakeYouTube, method: str, meta: dict[str, Any]) -> None:
        sid = f"s{next(fake.ids)}"
        fake.sessions[sid] = Session(method, meta)
        host = self.headers.get("Host")
        self._send(200, None, {"Location": f"http://{host}/upload/session/{sid}"})

    def _captions_insert(
        self, fake: FakeYouTube, q: dict[str, str], body: bytes, path: str
    ) -> None:
        assert q.get("uploadType") == "resumable", q
        assert self.headers.get("X-Upload-Content-Type") == "application/octet-stream"
        meta = json.loads(body)
        snippet = meta.get("snippet", {})
        video = snippet.get("videoId")
        if video not in fake.videos:
            self._send(
                *_error(404, "videoNotFound", "The video could not be found.", "youtube.caption")
            )
            return
        for cap in fake.tracks(video):
            if cap.kind != "ASR" and (cap.language, cap.name) == (
                snippet.get("language"),
                snippet.get("name"),
            ):
                self._send(
                    *_error(
                        409,
                        "captionExists",
                        "The video already has a caption track with the same language and name.",
                        "youtube.caption",
                    )
                )
                return
        self._start_session(fake, "captions.insert", meta)

    def _captions_update(
        self, fake: FakeYouTube, q: dict[str, str], body: bytes, path: str
    ) -> None:
        assert q.get("uploadType") == "resumable", q
        meta = json.loads(body)
        if meta.get("id") not in fake.captions:
            self._send(
                *_error(
                    404,
                    "captionNotFound",
                    "The caption track could not be found.",
                    "youtube.caption",
                )
            )
            return
        self._start_session(fake, "captions.update", meta)

    def _session(self, fake: FakeYouTube, sid: str, verb: str) -> None:
        session = fake.sessions.get(sid)
        if session is None or verb != "PUT":
            self._body()
            self._send(*_error(404, "notFound", "no such upload session"))
            return
        crange = self.headers.get("Content-Range", "")
        length = int(self.headers.get("Content-Length") or 0)
        if crange.startswith("bytes */"):  # where are we?
            if session.result is not None:
                self._send(200, session.result)
            elif session.received:
                self._send(308, None, {"Range": f"bytes=0-{len(session.received) - 1}"})
            else:
                self._send(308, None)
            return
        m = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", crange)
        assert m, crange
        start, total = int(m.group(1)), int(m.group(3))
        if fake.drop_next_upload and session.result is None:
            fake.drop_next_upload -= 1
            half = self.rfile.read(max(1, length // 2))
            del session.received[start:]
            session.received.extend(half)
            fake.calls.append("upload!dropped")
            self.close_connection = True
            import socket

            self.connection.shutdown(socket.SHUT_RDWR)
            return
        chunk = self.rfile.read(length)
        if session.result is not None:  # a retry of a finished upload: the same answer
            self._send(200, session.result)
            return
        del session.received[start:]
        session.received.extend(chunk)
        session.total = total
        if len(session.received) < total:
            self._send(308, None, {"Range": f"bytes=0-{len(session.received) - 1}"})
            return
        data = bytes(session.received)
        snippet = session.meta.get("snippet", {})
        if session.method == "captions.insert":
            cap = fake.add_caption(
                snippet["videoId"],
                snippet["language"],
                snippet["name"],
                draft=bool(snippet.get("isDraft", False)),
                data=data,
            )
        else:
            cap = fake.captions[session.meta["id"]]
            cap.data = data
            if "isDraft" in snippet:
                cap.draft = bool(snippet["isDraft"])
        cap.status, cap.failure, cap.lists_seen = "serving", "", 0
        if cap.language in fake.syncing_then_failed:
            cap.status = "syncing"
        session.result = cap.resource()
        self._send(200, session.result)

    def _captions_download(
        self, fake: FakeYouTube, q: dict[str, str], body: bytes, path: str
    ) -> None:
        cid = path.rsplit("/", 1)[1]
        cap = fake.captions.get(cid)
        if cap is None:
            self._send(
                *_error(
                    404,
                    "captionNotFound",
                    "The caption track could not be found.",
                    "youtube.caption",
                )
            )
            return
        assert q.get("tfmt") == "srt", q
        data = cap.data
        if cap.language in fake.mangle:
            data = data[: data.rstrip(b"\n").rfind(b"\n\n") + 1]  # the last cue lost
        self._send(200, raw=data)

    def _captions_delete(
        self, fake: FakeYouTube, q: dict[str, str], body: bytes, path: str
    ) -> None:
        if fake.captions.pop(q.get("id", ""), None) is None:
            self._send(*_error(404, "captionNotFound", "The caption track could not be found."))
            return
        self._send(204, raw=b"")

    def _videos_list(self, fake: FakeYouTube, q: dict[str, str], body: bytes, path: str) -> None:
        video = fake.videos.get(q.get("id", ""))
        items = [json.loads(json.dumps(video))] if video else []
        self._send(
            200,
            {
                "kind": "youtube#videoListResponse",
                "etag": "x",
                "items": items,
                "pageInfo": {"totalResults": len(items), "resultsPerPage": 5},
            },
        )

    def _videos_update(self, fake: FakeYouTube, q: dict[str, str], body: bytes, path: str) -> None:
        meta = json.loads(body)
        video = fake.videos.get(meta.get("id", ""))
        if video is None:
            self._send(*_error(404, "videoNotFound", "The video could not be found."))
            return
        snippet = meta.get("snippet", {})
        if not snippet.get("title") or not snippet.get("categoryId"):
            self._send(
                *_error(400, "invalidTitle", "snippet.title and snippet.categoryId are required")
            )
            return
        if meta.get("localizations") and not snippet.get("defaultLanguage"):
            self._send(
                *_error(400, "defaultLanguageNotSet", "localizations need snippet.defaultLanguage")
            )
            return
        writable = (
            "title",
            "description",
            "categoryId",
            "tags",
            "defaultLanguage",
            "defaultAudioLanguage",
        )
        for key in writable:
            if key in snippet:
                video["snippet"][key] = snippet[key]
            else:
                video["snippet"].pop(key, None)  # the API clears what an update leaves out
        video["localizations"] = meta.get("localizations", {})
        self._send(200, video)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeYouTube) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.fake = fake

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"
