"""Project settings and the video catalogue: find, read and validate `subtitles/catalog.toml`.

Long: one schema for all of catalog.toml (its own sections and the ones other layers
define), validated in one place so an unknown key is refused with a suggestion.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from pipeline import languages
from pipeline.checks.config import CHECKS_SCHEMA
from pipeline.errors import ProjectError, UsageError
from pipeline.fsutil import MAX_CATALOG_BYTES, read_bytes
from pipeline.memory.settings import MEMORY
from pipeline.mt.config import TRANSLATE
from pipeline.schema import ArrayOf, MapOf, Table, Validator, Value
from pipeline.settings_cache import CACHE_DIR, parse_toml

CATALOG = Path("subtitles") / "catalog.toml"
ENV_PROJECT = "MSM_PROJECT"

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


def check_slug(slug: str) -> str | None:
    """Return why `slug` is not a safe folder name, or None when it is."""
    if not SLUG_RE.match(slug):
        return (
            f"slug {slug!r} must be 1-80 characters of a-z, 0-9 and '-', "
            "starting and ending with a letter or digit"
        )
    return None


def _check_targets(codes: list[Any]) -> str | None:
    for code in codes:
        if not isinstance(code, str):
            return f"languages are strings, got {code!r}"
        problem = languages.problem(code)
        if problem:
            return problem
    if len(set(codes)) != len(codes):
        return "a language is listed twice"
    return None


def _check_positive(value: float) -> str | None:
    return None if value > 0 else "must be greater than 0"


def _check_url(value: str) -> str | None:
    if value and not re.match(r"^https?://", value):
        return f"expected an http(s) URL, got {value!r}"
    return None


def _check_youtube_id(value: str) -> str | None:
    # YouTube's ids are 11 characters of [A-Za-z0-9_-]; other sites' ids (from yt-dlp) vary,
    # so only what cannot be an id is refused.
    if value and not re.fullmatch(r"[^\s\x00-\x1f]{1,128}", value):
        return f"expected a video id such as 'dQw4w9WgXcQ' (no spaces), got {value!r}"
    return None


def _check_media(value: str) -> str | None:
    path = Path(value)
    if not value or path.is_absolute() or ".." in path.parts:
        return f"expected a folder inside the project, such as 'media', got {value!r}"
    return None


def _check_not_negative(value: int) -> str | None:
    return None if value >= 0 else "must be 0 or more"


def _check_relative(value: str) -> str | None:
    return None if value and not Path(value).is_absolute() else "expected a path inside the project"


def _check_context_key(key: str) -> str | None:
    # At most 9 digits: int() refuses 4,300 and more, and no video has a billion cues.
    ok = key.isascii() and key.isdigit() and len(key) <= 9 and int(key) > 0
    return None if ok else "expected a cue number (1, 2, ...)"


def _check_verify(value: str) -> str | None:
    return None if value in ("download", "status") else "expected 'download' or 'status'"


def _check_language_key(key: str) -> str | None:
    return languages.problem(key)


PUBLISH = Table(
    {
        "daily_quota": Value(
            (int,),
            default=10000,
            check=_check_positive,
            doc="YouTube Data API units msm may spend per Pacific day (the project's quota)",
        ),
        "client_secrets": Value(
            (str,),
            default="",
            doc="the OAuth client secrets JSON (keep it outside the repository; "
            "$MSM_YOUTUBE_CLIENT_SECRETS wins)",
        ),
        "verify": Value(
            (str,),
            default="download",
            check=_check_verify,
            doc="download: read each upload back and compare; status: wait for 'serving' only",
        ),
        "retries": Value(
            (int,), default=3, check=_check_not_negative, doc="retries of an upload or download"
        ),
        "poll_seconds": Value(
            (int, float), default=5, check=_check_positive, doc="between status polls"
        ),
        "poll_attempts": Value(
            (int,), default=12, check=_check_positive, doc="status polls before giving up"
        ),
        "languages": MapOf(
            Table(
                {
                    "code": Value((str,), doc="YouTube's language code for the track"),
                    "name": Value((str,), doc="the track name msm owns"),
                }
            ),
            key_check=_check_language_key,
            doc="per language: the YouTube code and track name (default: languages.py)",
        ),
    },
    doc="`msm publish`: quota budget, credentials, verification, YouTube codes",
)

VIDEO = Table(
    {
        "slug": Value((str,), required=True, check=check_slug, doc="folder name under subtitles/"),
        "title": Value((str,), required=True, doc="the video's title"),
        "description": Value(
            (str,),
            default="",
            doc="the video's YouTube description in English (translated in meta/<lang>.po)",
        ),
        "url": Value((str,), default="", check=_check_url, doc="the video's YouTube URL"),
        "step": Value((int, str), default="", doc="the toolkit step the video belongs to"),
        "example": Value((bool,), default=False, doc="example content, not a toolkit video"),
        "youtube_id": Value(
            (str,), default="", check=_check_youtube_id, doc="the video's id, set by `msm pull`"
        ),
        "contexts": MapOf(
            Value((str,)),
            key_check=_check_context_key,
            doc="msgctxt per source cue number, where one text needs two translations",
        ),
    }
)

SCHEMA = Table(
    {
        "project": Table(
            {
                "name": Value((str,), default="Making Spend Matter"),
                "source_language": Value((str,), default=languages.SOURCE, check=languages.problem),
                "target_languages": Value(
                    (list,), default=list(languages.TARGETS), check=_check_targets
                ),
                "channel": Value((str,), default="", check=_check_url),
                "frame_rate": Value(
                    (int, float), default=25, check=_check_positive, bounds=(1, 1000)
                ),
            }
        ),
        "pull": Table(
            {
                "media": Value(
                    (str,), default="media", check=_check_media, doc="git-ignored download folder"
                ),
                "retries": Value(
                    (int,),
                    default=10,
                    check=_check_not_negative,
                    doc="retries per request",
                    bounds=(0, 100),
                ),
                "backoff": Value(
                    (int, float),
                    default=1.0,
                    check=_check_positive,
                    doc="seconds before the first retry; doubled each time, at most 60",
                    bounds=(0.001, 60),
                ),
                "timeout": Value(
                    (int, float),
                    default=10,
                    check=_check_positive,
                    doc="seconds to wait for a connection, and for each answer",
                ),
            },
            doc="`msm pull`: where downloads go and how hard to retry",
        ),
        "videos": ArrayOf(VIDEO),
        "publish": PUBLISH,
        "translate": TRANSLATE,
        "memory": MEMORY,
        "checks": CHECKS_SCHEMA,
        "glossary": Table(
            {
                "path": Value(
                    (str,),
                    check=_check_relative,
                    doc="the term base, relative to the project (default glossary/procurement.csv)",
                ),
            }
        ),
    }
)


# Video, PullSettings, Settings and Project are plain classes, immutable by their Final
# attributes: a frozen dataclass cost ~0.5 ms of start-up a class (its methods compiled from
# source), and nothing compares, hashes or prints them.
class Video:
    """One video of the catalogue."""

    def __init__(
        self,
        slug: str,
        title: str,
        url: str = "",
        step: int | str = "",
        example: bool = False,
        contexts: dict[int, str] | None = None,
        youtube_id: str = "",  # the id `msm pull` knows the video by (YouTube's, or the site's)
        description: str = "",  # the English YouTube description (`msm publish` localises it)
    ) -> None:
        self.slug: Final = slug
        self.title: Final = title
        self.url: Final = url
        self.step: Final = step
        self.example: Final = example
        self.contexts: Final[dict[int, str]] = contexts if contexts is not None else {}
        self.youtube_id: Final = youtube_id
        self.description: Final = description


class PullSettings:
    """How `msm pull` downloads: the git-ignored media folder and the retry policy."""

    def __init__(
        self, media: str = "media", retries: int = 10, backoff: float = 1.0, timeout: float = 10.0
    ) -> None:
        self.media: Final = media
        self.retries: Final = retries
        self.backoff: Final = backoff
        self.timeout: Final = timeout


class Settings:
    """The validated project settings."""

    def __init__(
        self,
        name: str,
        source_language: str,
        target_languages: tuple[str, ...],
        channel: str,
        frame_rate: float,
        videos: tuple[Video, ...],
        raw: dict[str, Any] | None = None,
        pull: PullSettings | None = None,
    ) -> None:
        self.name: Final = name
        self.source_language: Final = source_language
        self.target_languages: Final = target_languages
        self.channel: Final = channel
        self.frame_rate: Final = frame_rate
        self.videos: Final = videos
        self.raw: Final[dict[str, Any]] = raw if raw is not None else {}
        self.pull: Final = pull if pull is not None else PullSettings()


def parse_settings(text: str, where: str = "catalog.toml", cache: Path | None = None) -> Settings:
    """Parse and validate the settings text; every problem is reported at once. With `cache`
    (the project's cache folder) the TOML of a text parsed before is not parsed again."""
    data = parse_toml(text, where, cache)
    validator = Validator(text=text)
    clean = validator.validate(SCHEMA, data)
    problems = [
        f"{where}:{e.line}: [{e.where}] {e.message}"
        if e.line
        else f"{where}: [{e.where}] {e.message}"
        for e in validator.errors
    ]
    project = clean["project"]
    if project["source_language"] in project["target_languages"]:
        problems.append(f"{where}: [project] the source language is also a target language")
    seen: set[str] = set()
    ids: set[str] = set()
    videos: list[Video] = []
    for item in clean["videos"]:
        slug = item["slug"]
        if slug is None or check_slug(slug):
            continue  # already reported
        if slug in seen:
            problems.append(f"{where}: [videos] slug {slug!r} is listed twice")
        seen.add(slug)
        if item["youtube_id"] and item["youtube_id"] in ids:
            problems.append(f"{where}: [videos] youtube_id {item['youtube_id']!r} is listed twice")
        ids.add(item["youtube_id"])
        contexts = {int(k): v for k, v in item["contexts"].items()}
        videos.append(
            Video(
                slug,
                item["title"] or slug,
                item["url"],
                item["step"],
                item["example"],
                contexts,
                youtube_id=item["youtube_id"],
                description=item["description"],
            )
        )
    if problems:
        raise ProjectError("invalid project settings", details=problems)
    return Settings(
        name=project["name"],
        source_language=project["source_language"],
        target_languages=tuple(project["target_languages"]),
        channel=project["channel"],
        frame_rate=float(project["frame_rate"]),
        videos=tuple(videos),
        raw=clean,
        pull=PullSettings(
            media=clean["pull"]["media"],
            retries=clean["pull"]["retries"],
            backoff=float(clean["pull"]["backoff"]),
            timeout=float(clean["pull"]["timeout"]),
        ),
    )


def find_root(start: Path, explicit: Path | None = None) -> Path:
    """Find the project root: `explicit`, $MSM_PROJECT, or the nearest folder above `start`
    that holds `subtitles/catalog.toml` (as git finds its repository)."""
    given = explicit or (Path(os.environ[ENV_PROJECT]) if os.environ.get(ENV_PROJECT) else None)
    if given is not None:
        for candidate in (given, given.parent):
            if (candidate / CATALOG).is_file():
                return candidate.resolve()
        raise ProjectError(f"{given}: no {CATALOG} here; is this an msm project?")
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / CATALOG).is_file():
            return folder
    raise ProjectError(
        f"no {CATALOG} in {here} or any folder above it; "
        "run msm inside the project or pass --project DIR"
    )


class Project:
    """A project on disk: its root folder and its validated settings."""

    def __init__(self, root: Path, settings: Settings) -> None:
        self.root: Final = root
        self.settings: Final = settings

    @classmethod
    def load(cls, start: Path, explicit: Path | None = None) -> Project:
        """Find and load the project from `start` (usually the current directory)."""
        root = find_root(start, explicit)
        path = root / CATALOG
        try:
            # "utf-8-sig" without its codec module (0.2 ms of start-up): the same text, errors
            text = read_bytes(path, MAX_CATALOG_BYTES).removeprefix(b"\xef\xbb\xbf").decode()
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise ProjectError(f"{path}: cannot read: {why}") from None
        return cls(root, parse_settings(text, str(path), root / CACHE_DIR))

    @property
    def subtitles(self) -> Path:
        """The folder holding the catalogue and one folder per video."""
        return self.root / CATALOG.parent

    @property
    def media(self) -> Path:
        """The git-ignored folder `msm pull` downloads videos and raw caption tracks into."""
        return self.root / self.settings.pull.media

    @property
    def glossary(self) -> Path:
        """The folder of the procurement term base."""
        return self.root / "glossary"

    def video(self, slug: str) -> Video:
        """Return the catalogue entry for `slug`, suggesting the nearest slug on a typo."""
        for video in self.settings.videos:
            if video.slug == slug:
                return video
        slugs = [v.slug for v in self.settings.videos]
        import difflib  # only when a name is wrong: not on the start-up path

        close = difflib.get_close_matches(slug, slugs, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UsageError(f"no video {slug!r} in the catalogue{hint}")

    def select(self, slugs: Iterable[str]) -> list[Video]:
        """The videos named (all of them when none is named), in catalogue order."""
        wanted = list(slugs)
        if not wanted:
            return list(self.settings.videos)
        chosen = {self.video(s).slug for s in wanted}
        return [v for v in self.settings.videos if v.slug in chosen]

    def languages(self, only: Iterable[str] = ()) -> list[str]:
        """The target languages named (all of them when none is named), validated."""
        wanted = [languages.get(code).code for code in only]
        targets = self.settings.target_languages
        for code in wanted:
            if code not in targets:
                raise UsageError(f"{code!r} is not a target language of this project")
        return [c for c in targets if c in wanted] if wanted else list(targets)
