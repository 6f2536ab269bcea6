"""Everything that talks to yt-dlp: list the videos at a URL, fetch one video and its tracks.

yt_dlp is imported inside the functions (≈125 ms), never at module level. Errors come back as
our own `FetchError` carrying yt-dlp's message, so the caller can report one video or one track
as failed and carry on with the others; `Unreachable` when the host cannot be reached at all,
which stops the whole pull. yt-dlp's own retries are off: retry.py is the one retry policy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import MsmError
from pipeline.fetch.progress import Reporter
from pipeline.fetch.retry import Transient, call_with_retries, transient_error, unreachable
from pipeline.fetch.state import ArchiveView

MAX_DEPTH = 3  # a channel lists tabs, a tab lists videos: deeper than this is not ours

# yt-dlp warnings that say nothing to a maintainer.
_NOISE = (
    "Falling back on generic information extractor",
    "Forcing generic information extractor",
)


class FetchError(MsmError):
    """yt-dlp could not fetch something (after the retries); the message says what."""


class Unreachable(MsmError):
    """The host cannot be reached at all (the network is down): the pull stops."""


@dataclass(frozen=True)
class Entry:
    """A video found at a URL: enough to tell whether it needs fetching."""

    video_id: str
    archive_id: str
    title: str
    url: str  # where to fetch it again
    info: dict[str, Any] | None  # its full metadata when the listing already had it
    ie_key: str | None = None


@dataclass
class Log:
    """yt-dlp's messages: warnings are kept for the report, the chatter is dropped."""

    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def debug(self, message: str) -> None:
        """yt-dlp's screen output: not shown (we draw our own progress)."""

    def info(self, message: str) -> None:
        """Not shown."""

    def warning(self, message: str) -> None:
        """Kept, unless it is noise."""
        text = _clean(message)
        if not any(noise in text for noise in _NOISE):
            self.warnings.append(text)

    def error(self, message: str) -> None:
        """Kept (yt-dlp also raises, and the exception is what we act on)."""
        self.errors.append(_clean(message))

    def take(self) -> list[str]:
        """The warnings since the last call."""
        taken, self.warnings = self.warnings, []
        self.errors.clear()
        return taken


def _clean(message: str) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", message).strip()
    text = re.sub(r"^(ERROR|WARNING):\s*", "", text)
    return re.sub(r"^\[download\]\s*(Got error:\s*)?", "", text)


def unexpected(exc: Exception) -> str:
    """The message for an error yt-dlp should not raise: it fails one video, not the run."""
    return f"yt-dlp failed unexpectedly: {type(exc).__name__}: {error_text(exc)}"


def is_info_json(url: str) -> bool:
    """Whether `url` names a local yt-dlp info JSON file rather than a web address."""
    return not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE) and url.endswith(".json")


def error_text(exc: BaseException) -> str:
    """A one-line message for a yt-dlp exception: its first non-empty line, else the first
    such line of what caused it, else its class name (never an empty string)."""
    from pipeline.fetch.retry import _chain

    for cause in _chain(exc):
        for line in str(cause).splitlines():
            text = _clean(line)
            if text:
                return text
    return type(exc).__name__


def _media_url(info: Mapping[str, Any]) -> str:
    """Where a video's file comes from (its own URL, a format's, else its page)."""
    urls = [info.get("url")] + [f.get("url") for f in info.get("formats") or [] if f]
    return str(next((u for u in urls if u), None) or info.get("webpage_url") or "")


def host_of(url: str) -> str:
    """`www.youtube.com` (or `127.0.0.1:8000`) from a URL; the URL itself if it has none."""
    from urllib.parse import urlsplit

    return urlsplit(url).netloc or url


@dataclass
class Session:
    """One YoutubeDL for a whole run, with our options, logger, progress and retry policy."""

    media: Path
    archive: ArchiveView | None  # None: look at everything again (--refresh, --list)
    retries: int
    backoff: float
    reporter: Reporter
    machine_tracks: bool  # ask YouTube for its machine translations too (slow to list)
    timeout: float = 10.0  # seconds to wait for a connection, and for each answer
    log: Log = field(default_factory=Log)
    archived: int = 0  # URLs the download archive answered without a request
    _ydl: Any = None

    def __post_init__(self) -> None:
        import yt_dlp  # heavy (≈125 ms): only when a pull really runs

        folder = str(self.media).replace("%", "%%")  # outtmpl is a %-template
        params: dict[str, Any] = {
            "logger": self.log,
            "quiet": True,
            "noprogress": True,  # we draw our own bars from the hooks
            "progress_hooks": [self._hook],
            "color": {"stdout": "no_color", "stderr": "no_color"},
            "extract_flat": "in_playlist",  # list a channel without opening every video
            # The video file of each video goes to media/<slug>/<slug>.<ext>.
            "outtmpl": {"default": f"{folder}/%(msm_slug)s/%(msm_slug)s.%(ext)s"},
            "continuedl": True,  # resume a .part left by an interrupted run (or attempt)
            "nopart": False,
            # No retries inside yt-dlp: its loops ran silently inside ours (ten minutes of
            # nothing on a terminal when offline). Ours retry, announce and resume (.part).
            "retries": 0,
            "fragment_retries": 0,
            "extractor_retries": 0,
            "file_access_retries": 3,  # local files (a locked .part), not the network
            "socket_timeout": self.timeout,
            "ignoreerrors": False,  # we catch per video and per track, and report
            "writesubtitles": False,  # tracks are fetched one by one by download_track
            # YouTube only lists its machine translations when asked for automatic captions.
            "writeautomaticsub": self.machine_tracks,
            "cachedir": str(self.media / ".cache"),
        }
        if self.archive is not None:
            params["download_archive"] = self.archive
        self._ydl = yt_dlp.YoutubeDL(params)

    def close(self) -> None:
        """Release yt-dlp's connections."""
        if self._ydl is not None:
            self._ydl.close()
            self._ydl = None

    def _hook(self, status: Mapping[str, Any]) -> None:
        name = Path(str(status.get("filename") or "")).name
        if status.get("status") == "downloading":
            total = status.get("total_bytes") or status.get("total_bytes_estimate")
            self.reporter.progress(
                name, int(status.get("downloaded_bytes") or 0), int(total) if total else None
            )
        elif status.get("status") == "finished":
            self.reporter.finished(name)

    def _retrying(self, action: Callable[[], Any], url: str) -> Any:
        """`action` under msm's retry policy; `Unreachable` when `url`'s host cannot be reached."""
        host = host_of(url)
        attempts = 1

        def told(attempt: int, why: Transient, wait: float, limit: int) -> None:
            nonlocal attempts
            attempts += 1
            self.reporter.note(f"{host}: {why.reason}; retry {attempt}/{limit} in {wait:.1f} s")

        try:
            return call_with_retries(
                action,
                retries=self.retries,
                backoff=self.backoff,
                transient=transient_error,
                on_retry=told,
            )
        except Exception as exc:
            why = unreachable(exc)
            if why is None:
                raise
            tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
            raise Unreachable(
                f"cannot reach {host}: {why} ({tries}, {self.timeout:g} s timeout); "
                "is the network up? A re-run continues where this one stopped"
            ) from None

    def archive_id(self, info: Mapping[str, Any]) -> str | None:
        """yt-dlp's archive key of a video (`youtube dQw4w9WgXcQ`), None if it has no id."""
        # yt-dlp's own rule (extractor key, lower case, and the id), so our archive files work
        # with `yt-dlp --download-archive` too.
        found: str | None = self._ydl._make_archive_id(dict(info))
        return found

    def entries(self, url: str) -> Iterator[Entry]:
        """The videos at `url` (a video, a playlist or a channel), without opening each one.

        `url` may also be a yt-dlp info JSON file (`yt-dlp -J URL > video.info.json`): its
        videos are fetched from the URLs inside, with no request for the listing.
        """
        from yt_dlp.utils import YoutubeDLError

        try:
            if is_info_json(url):
                yield from self._expand(self._load_info(Path(url)), 0, url)
            else:
                yield from self._entries(url, None, 0, url)
        except (YoutubeDLError, OSError) as exc:
            # A channel's listing is fetched page by page while we walk it.
            raise FetchError(f"{url}: {error_text(exc)}") from None

    def _load_info(self, path: Path) -> dict[str, Any]:
        from pipeline.fsutil import MAX_INFO_JSON_BYTES, read_bytes

        try:
            data = json.loads(read_bytes(path, MAX_INFO_JSON_BYTES).decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise FetchError(f"{path}: cannot read the info JSON: {exc}") from None
        if not isinstance(data, dict):
            raise FetchError(f"{path}: an info JSON holds one object (a video or a playlist)")
        # As `yt-dlp --load-info-json` does, minus its fallback to the web page on failure.
        info: dict[str, Any] = self._ydl.sanitize_info(data, True)
        return info

    def _extract(self, url: str, ie_key: str | None) -> dict[str, Any] | None:
        from yt_dlp.utils import YoutubeDLError

        def action() -> Any:
            return self._ydl.extract_info(url, download=False, process=False, ie_key=ie_key)

        try:
            info = self._retrying(action, url)
        except (YoutubeDLError, OSError) as exc:
            raise FetchError(f"{url}: {error_text(exc)}") from None
        except Unreachable:
            raise
        except Exception as exc:
            raise FetchError(f"{url}: {unexpected(exc)}") from None
        return dict(info) if info is not None else None

    def _entries(self, url: str, ie_key: str | None, depth: int, page: str) -> Iterator[Entry]:
        info = self._extract(url, ie_key)
        if info is None:  # yt-dlp found it in the archive from the URL alone: no request made
            self.archived += 1
            return
        yield from self._expand(info, depth, page)

    def _expand(self, info: dict[str, Any], depth: int, page: str) -> Iterator[Entry]:
        kind = info.get("_type", "video")
        if kind in ("playlist", "multi_video"):
            if depth >= MAX_DEPTH:
                return
            for item in info.get("entries") or []:
                if item:
                    yield from self._expand(dict(item), depth + 1, info.get("webpage_url") or page)
            return
        if kind in ("url", "url_transparent"):
            entry = self._flat_entry(info, page)
            if entry is not None:
                yield entry  # a video we can skip without opening it
                return
            if depth >= MAX_DEPTH:
                return
            yield from self._entries(str(info["url"]), info.get("ie_key"), depth + 1, page)
            return
        video_id = str(info.get("id") or "")
        archive_id = self.archive_id(info)
        if not video_id or archive_id is None:
            raise FetchError(f"{page}: a video without an id; cannot track it")
        candidates = (info.get("webpage_url"), info.get("original_url"), page)
        # The catalogue keeps web addresses only (an info JSON file is no address).
        url = next((str(u) for u in candidates if u and re.match(r"^https?://", str(u))), "")
        title = str(info.get("title") or video_id)
        yield Entry(video_id, archive_id, title, url, info, info.get("extractor_key"))

    def _flat_entry(self, info: dict[str, Any], page: str) -> Entry | None:
        """A listed video (YouTube lists ids, titles and URLs) we know without opening it."""
        ie_key = info.get("ie_key")
        video_id = info.get("id")
        if not ie_key or not video_id or "Tab" in str(ie_key) or "Playlist" in str(ie_key):
            return None
        archive_id = self.archive_id({"id": video_id, "ie_key": ie_key})
        if archive_id is None:
            return None
        title = str(info.get("title") or video_id)
        return Entry(str(video_id), archive_id, title, str(info["url"]), None, str(ie_key))

    def resolve(self, entry: Entry) -> dict[str, Any]:
        """The video's full metadata (formats, tracks), fetched if the listing did not have it."""
        if entry.info is not None:
            return entry.info
        info = self._extract(entry.url, entry.ie_key)
        if info is None:
            raise FetchError(f"{entry.url}: already in the download archive")
        if info.get("_type", "video") != "video":
            raise FetchError(f"{entry.url}: expected a video, found a {info.get('_type')}")
        return info

    def download_video(self, info: Mapping[str, Any], slug: str) -> Path:
        """Download the video file to media/<slug>/<slug>.<ext> (resuming a .part)."""
        from yt_dlp.utils import YoutubeDLError

        video = {k: v for k, v in info.items() if k not in ("subtitles", "automatic_captions")}
        video["msm_slug"] = slug

        def action() -> Any:
            return self._ydl.process_ie_result(dict(video), download=True)

        try:
            result = self._retrying(action, _media_url(info))
        except (YoutubeDLError, OSError) as exc:
            raise FetchError(error_text(exc)) from None
        except Unreachable:
            raise
        except Exception as exc:
            raise FetchError(unexpected(exc)) from None
        for download in (result or {}).get("requested_downloads") or []:
            path = download.get("filepath") or download.get("_filename")
            if path and Path(path).is_file():
                return Path(path)
        folder = self.media / slug
        found = [
            p
            for p in sorted(folder.glob(f"{slug}.*"))
            if p.suffix not in (".part", ".ytdl", ".json") and p.is_file()
        ]
        if not found:
            raise FetchError("yt-dlp reported no file (is the video in the archive?)")
        return found[0]

    def download_track(
        self, fmt: Mapping[str, Any], dest: Path, headers: Mapping[str, str] | None
    ) -> None:
        """Download one caption track to `dest`, replacing what was there."""
        from yt_dlp.utils import YoutubeDLError

        dest.parent.mkdir(parents=True, exist_ok=True)
        if fmt.get("data") is not None:
            from pipeline.fsutil import atomic_write_text

            atomic_write_text(dest, str(fmt["data"]))
            return
        track = dict(fmt)
        if headers and not track.get("http_headers"):
            track["http_headers"] = dict(headers)
        dest.unlink(missing_ok=True)

        def action() -> Any:
            return self._ydl.dl(str(dest), dict(track), subtitle=True)

        try:
            self._retrying(action, str(track.get("url") or ""))
        except (YoutubeDLError, OSError) as exc:
            # A 4xx on a subtitle comes as yt-dlp's bare HTTPError, not a DownloadError.
            raise FetchError(error_text(exc)) from None
        except Unreachable:
            raise
        except Exception as exc:
            raise FetchError(unexpected(exc)) from None
        if not dest.is_file():
            raise FetchError("yt-dlp wrote no file")
