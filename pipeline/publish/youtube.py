"""The YouTube Data API through google-api-python-client: the only module that imports
googleapiclient and google.auth (inside its functions, so `msm` starts fast).

Also the OAuth token: cached in the user's config folder (never in the project), mode 0600,
never printed or logged; `msm publish --login` makes it with the installed-app flow.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.errors import MsmError, UsageError
from pipeline.publish.plan import quota_reset

SCOPES = ["https://www.googleapis.com/auth/youtube.force-ssl"]
ENV_CONFIG = "MSM_CONFIG_DIR"
ENV_SECRETS = "MSM_YOUTUBE_CLIENT_SECRETS"
# Points the client at a local server speaking the API (the tests'); loopback only, so the
# token is never sent anywhere but Google or this machine.
ENV_ENDPOINT = "MSM_YOUTUBE_API_ENDPOINT"
TOKEN_NAME = "youtube-token.json"
LOGIN_HINT = "run `msm publish --login`"


class PublishError(MsmError):
    """A YouTube call failed; the message is one line saying what to do."""


class QuotaExceeded(PublishError):
    """YouTube's daily quota (or msm's budget) is spent: stop, resume after the reset."""


class NetworkDown(PublishError):
    """YouTube cannot be reached: stop at once; the ledger lets the next run resume."""


class AuthError(PublishError):
    """No usable token: log in again."""


def config_dir(env: dict[str, str] | os._Environ[str]) -> Path:
    """The user's config folder for msm: $MSM_CONFIG_DIR, else the platform's usual place."""
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG])
    if sys.platform == "win32":
        base = env.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "msm"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "msm"
    return Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "msm"


def token_path(env: dict[str, str] | os._Environ[str]) -> Path:
    """Where the OAuth token is cached (outside every project)."""
    return config_dir(env) / TOKEN_NAME


def write_private(path: Path, text: str) -> None:
    """Write `text` atomically to a file only its owner can read (0600, folder 0700)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def login(secrets: Path, token: Path) -> None:
    """Run Google's installed-app flow in the browser and cache the token (never shown)."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    if not secrets.is_file():
        raise UsageError(
            f"{secrets}: no OAuth client secrets file; download it from Google Cloud Console "
            f"(docs/maintainers.md, 'One-time setup') and set [publish] client_secrets or "
            f"{ENV_SECRETS}"
        )
    try:
        flow = InstalledAppFlow.from_client_secrets_file(str(secrets), scopes=SCOPES)
    except ValueError as exc:
        raise UsageError(f"{secrets}: not an OAuth client secrets file: {exc}") from None
    credentials = flow.run_local_server(port=0, open_browser=True)
    write_private(token, credentials.to_json())


def logout(token: Path) -> bool:
    """Delete the cached token; True when there was one."""
    try:
        token.unlink()
    except FileNotFoundError:
        return False
    return True


def load_credentials(token: Path) -> Any:
    """The cached credentials, refreshed when expired; AuthError when there are none."""
    from google.auth.exceptions import RefreshError, TransportError
    from google.auth.transport.requests import Request
    from google.oauth2.credentials import Credentials

    if not token.is_file():
        raise AuthError(f"not logged in to YouTube: {LOGIN_HINT}")
    try:
        info = json.loads(token.read_text(encoding="utf-8"))
        # google-auth types this classmethod loosely (no annotations on it)
        credentials = Credentials.from_authorized_user_info(info, SCOPES)  # type: ignore[no-untyped-call]
    except (ValueError, OSError):
        raise AuthError(f"{token}: the cached token cannot be read: {LOGIN_HINT}") from None
    if not credentials.valid:
        try:
            credentials.refresh(Request())
        except RefreshError as exc:
            raise AuthError(token_problem(exc)) from None
        except TransportError:
            raise NetworkDown(
                "cannot reach Google to refresh the token: nothing was sent; rerun when online"
            ) from None
        write_private(token, credentials.to_json())
    return credentials


def token_problem(exc: BaseException) -> str:
    """One line for a token Google refused (never the token itself)."""
    text = str(exc)
    if "invalid_grant" in text:
        return (
            "the YouTube token has expired or was revoked (an OAuth app left in 'Testing' "
            f"gets tokens that last 7 days): {LOGIN_HINT}"
        )
    return f"the YouTube token was refused: {LOGIN_HINT}"


def endpoint_from(env: dict[str, str] | os._Environ[str]) -> str | None:
    """$MSM_YOUTUBE_API_ENDPOINT, checked to be a loopback http(s) URL; None when unset."""
    value = env.get(ENV_ENDPOINT, "")
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or parts.hostname not in ("127.0.0.1", "::1"):
        raise UsageError(f"{ENV_ENDPOINT}: only a loopback URL such as http://127.0.0.1:8080/")
    return value if value.endswith("/") else value + "/"


def service(credentials: Any, endpoint: str | None = None, timeout: float = 60.0) -> Any:
    """A youtube v3 resource from the discovery document that ships with the client.

    With `endpoint`, the document's rootUrl is replaced: `client_options={"api_endpoint": …}`
    moves the plain calls but only the host of upload URLs (they keep `https`, measured on
    google-api-python-client 2.202), so a local http server would never see the uploads.
    """
    import google_auth_httplib2
    import httplib2
    from googleapiclient.discovery import build_from_document
    from googleapiclient.discovery_cache import get_static_doc

    # The client logs each 403 and retry as a warning; msm says it in one line of its own.
    logging.getLogger("googleapiclient").addHandler(logging.NullHandler())
    logging.getLogger("googleapiclient").propagate = False
    document = json.loads(get_static_doc("youtube", "v3"))
    if endpoint is not None:
        document["rootUrl"] = endpoint
    http = google_auth_httplib2.AuthorizedHttp(credentials, http=httplib2.Http(timeout=timeout))
    return build_from_document(document, http=http)


@dataclass
class Client:
    """The calls msm makes, each turning YouTube's errors into one PublishError line.

    `retries` applies to uploads and downloads (a 5xx, a dropped connection: the resumable
    upload picks up where it stopped); a listing is tried once, so a network that is down
    stops the run at its first call.
    """

    api: Any
    retries: int = 3
    now: Any = None  # a callable giving the time (for the quota reset in messages)
    backoff: float = 1.0  # seconds before resuming a dropped upload; doubled each time

    def list_captions(self, video_id: str) -> list[dict[str, Any]]:
        """captions.list (50 units)."""
        request = self.api.captions().list(part="snippet", videoId=video_id)
        answer = self._run(request, 0, f"video {video_id}")
        return list(answer.get("items", []))

    def insert_caption(
        self, video_id: str, language: str, name: str, data: bytes, draft: bool
    ) -> dict[str, Any]:
        """captions.insert (400 units): a resumable upload of UTF-8 SRT."""
        body = {
            "snippet": {"videoId": video_id, "language": language, "name": name, "isDraft": draft}
        }
        request = self.api.captions().insert(part="snippet", body=body, media_body=_media(data))
        return dict(self._run(request, self.retries, f"video {video_id}", upload=True))

    def update_caption(self, caption_id: str, data: bytes, draft: bool | None) -> dict[str, Any]:
        """captions.update (450 units): replace the file (and the draft flag when given)."""
        snippet: dict[str, Any] = {} if draft is None else {"isDraft": draft}
        body = {"id": caption_id, "snippet": snippet}
        request = self.api.captions().update(part="snippet", body=body, media_body=_media(data))
        return dict(self._run(request, self.retries, f"caption {caption_id}", upload=True))

    def download_caption(self, caption_id: str) -> bytes:
        """captions.download as SRT (200 units)."""
        # download_media asks for the file itself (alt=media), not a JSON resource
        request = self.api.captions().download_media(id=caption_id, tfmt="srt")
        data = self._run(request, self.retries, f"caption {caption_id}")
        return data if isinstance(data, bytes) else str(data).encode("utf-8")

    def delete_caption(self, caption_id: str) -> None:
        """captions.delete (50 units)."""
        self._run(self.api.captions().delete(id=caption_id), 0, f"caption {caption_id}")

    def get_video(self, video_id: str) -> dict[str, Any]:
        """videos.list with snippet and localizations (1 unit)."""
        request = self.api.videos().list(part="snippet,localizations", id=video_id)
        items = self._run(request, 0, f"video {video_id}").get("items", [])
        if not items:
            raise PublishError(
                f"404 video {video_id} not found: check youtube_id/url in catalog.toml"
            )
        return dict(items[0])

    def update_video(self, body: dict[str, Any]) -> dict[str, Any]:
        """videos.update of snippet and localizations (50 units)."""
        request = self.api.videos().update(part="snippet,localizations", body=body)
        return dict(self._run(request, self.retries, f"video {body.get('id')}"))

    def _run(self, request: Any, retries: int, what: str, upload: bool = False) -> Any:
        import httplib2
        from google.auth.exceptions import RefreshError, TransportError
        from googleapiclient.errors import HttpError

        try:
            if upload:
                return self._upload(request, retries)
            return request.execute(num_retries=retries)
        except HttpError as exc:
            raise self._http_error(exc, what) from None
        except RefreshError as exc:
            raise AuthError(token_problem(exc)) from None
        except (OSError, httplib2.HttpLib2Error, TransportError) as exc:
            kind = type(exc).__name__
            raise NetworkDown(
                f"cannot reach YouTube ({kind}) for {what}: stopped; every finished track is "
                "in the ledger, so rerunning `msm publish` resumes from here"
            ) from None

    def _upload(self, request: Any, retries: int) -> Any:
        """A resumable upload: a dropped connection resumes the same upload session (it asks
        YouTube what arrived and sends the rest), so a retry never makes a second track."""
        import time

        import httplib2

        failures = 0
        while True:
            try:
                _progress, answer = request.next_chunk(num_retries=retries)
            except (OSError, httplib2.HttpLib2Error):
                failures += 1
                if failures > retries:
                    raise
                time.sleep(self.backoff * 2 ** (failures - 1))
                continue
            if answer is not None:
                return answer

    def _http_error(self, exc: Any, what: str) -> PublishError:
        status = int(getattr(exc.resp, "status", 0) or 0)
        reason, message = _reason(exc.content)
        if status == 403 and reason in ("quotaExceeded", "dailyLimitExceeded"):
            when = datetime.now().astimezone() if self.now is None else self.now()
            reset = quota_reset(when)
            return QuotaExceeded(
                "quotaExceeded: YouTube's daily quota is spent; it resets at midnight "
                f"America/Los_Angeles ({reset.astimezone().strftime('%Y-%m-%d %H:%M %Z')} "
                "here): rerun `msm publish` then, it resumes from the ledger"
            )
        if status == 401:
            return AuthError(f"401 YouTube refused the token: {LOGIN_HINT}")
        if status == 403:
            return PublishError(
                f"403 {reason or 'forbidden'} on {what}: the signed-in account may not "
                "change it; it must own the channel (log in as the owner: "
                f"{LOGIN_HINT})"
            )
        if status == 404:
            return PublishError(
                f"404 {reason or 'notFound'}: {what} not found; check youtube_id/url in "
                "catalog.toml (and that the signed-in account owns the video)"
            )
        if status == 409:
            return PublishError(
                f"409 {reason or 'conflict'} on {what}: a track with this language and name "
                "already exists; rerun `msm publish` (it lists the tracks again and updates it)"
            )
        return PublishError(f"YouTube answered {status} {reason} on {what}: {message}")


def _media(data: bytes) -> Any:
    """A resumable upload of `data` as application/octet-stream (the client guesses no MIME
    type for .srt), sent as bytes rather than a stream: httplib2 silently re-sends a request
    whose connection dropped, and a stream would by then be read to its end (an empty body)."""
    from googleapiclient.http import MediaIoBaseUpload

    class BytesUpload(MediaIoBaseUpload):  # type: ignore[misc]  # the client is untyped
        def has_stream(self) -> bool:
            return False

    return BytesUpload(io.BytesIO(data), mimetype="application/octet-stream", resumable=True)


def _reason(content: bytes | str | None) -> tuple[str, str]:
    """The first error reason and the message of a Google API error body (escaped)."""
    from pipeline.checks.report import one_line

    try:
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        error = json.loads(text or "{}").get("error", {})
        reasons = error.get("errors") or [{}]
        return one_line(str(reasons[0].get("reason", "")))[:80], one_line(
            str(error.get("message", ""))
        )[:200]
    except (ValueError, AttributeError, TypeError):
        return "", ""
