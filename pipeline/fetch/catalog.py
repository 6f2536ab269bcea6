"""Add pulled videos to `subtitles/catalog.toml`: stable slugs, comments and layout kept.

The catalogue is hand-edited, so it is changed with tomlkit (which keeps comments, order and
spacing) and only ever by appending a `[[videos]]` table or setting `youtube_id` on one. The
same video id always maps to the same slug: the id is stored, and found again on the next run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.errors import ProjectError
from pipeline.project import Settings, Video, check_slug

MAX_SLUG = 60  # leaves room under the 80-character limit for a `-2` suffix

# Latin letters that Unicode does not decompose into a base letter plus accents.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)
_YOUTUBE_ID_IN_URL = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/|v/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})"
)


def slugify(title: str) -> str:
    """An ASCII slug from a title (accents folded, words joined by '-'); '' if nothing is left."""
    folded = unicodedata.normalize("NFKD", title.translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:MAX_SLUG]
    return slug


def new_slug(title: str, video_id: str, taken: Iterable[str]) -> str:
    """A slug for a new video: from its title, else from its id; `-2`, `-3`... when taken."""
    used = set(taken)
    base = slugify(title) or slugify(f"video {video_id}") or "video"
    slug, number = base, 1
    while slug in used or check_slug(slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def youtube_id_in(url: str) -> str | None:
    """The YouTube video id in a watch/share/embed URL, or None."""
    m = _YOUTUBE_ID_IN_URL.search(url)
    return m.group(1) if m else None


def find_video(settings: Settings, video_id: str, urls: Sequence[str]) -> Video | None:
    """The catalogue entry for a pulled video: by its stored id, else by its URL.

    A video someone added by hand (a URL, no id yet) is recognised by the URL, or by the
    YouTube id inside it, so it is not added a second time.
    """
    for video in settings.videos:
        if video.youtube_id and video.youtube_id == video_id:
            return video
    wanted = {u.rstrip("/") for u in urls if u}
    for video in settings.videos:
        if video.youtube_id or not video.url:
            continue
        if video.url.rstrip("/") in wanted or youtube_id_in(video.url) == video_id:
            return video
    return None


@dataclass(frozen=True)
class CatalogEdit:
    """One change to the catalogue: a new video, or an id for a video already listed."""

    slug: str
    youtube_id: str
    title: str = ""
    url: str = ""
    new: bool = True


def apply_edits(text: str, edits: Sequence[CatalogEdit], where: str = "catalog.toml") -> str:
    """The catalogue text with the edits made, everything else byte for byte as it was."""
    import tomlkit  # ≈20 ms: only when the catalogue changes
    from tomlkit.exceptions import TOMLKitError

    try:
        doc = tomlkit.parse(text)
    except TOMLKitError as exc:
        raise ProjectError(f"{where}: not valid TOML: {exc}") from None
    videos: Any = doc.get("videos")
    if isinstance(videos, list) and not videos and not isinstance(videos, tomlkit.items.AoT):
        del doc["videos"]  # `videos = []`: replaced by [[videos]] tables
        videos = None
    if videos is not None and not isinstance(videos, list):
        raise ProjectError(f"{where}: [videos] must be an array of tables")
    added: list[Any] = []
    for edit in edits:
        if not edit.new:
            for table in videos or []:
                if table.get("slug") == edit.slug:
                    _set_after_last_key(table, "youtube_id", edit.youtube_id)
                    break
            else:
                raise ProjectError(f"{where}: no video {edit.slug!r} to give an id to")
            continue
        inline = isinstance(videos, tomlkit.items.Array)
        entry: Any = tomlkit.inline_table() if inline else tomlkit.table()
        entry.update({"slug": edit.slug, "title": edit.title})
        if edit.url:
            entry["url"] = edit.url
        entry["youtube_id"] = edit.youtube_id
        added.append(entry)
    if videos is None and added:
        # Filled before it joins the document, so tomlkit puts a blank line before each table.
        fresh = tomlkit.aot()
        for entry in added:
            fresh.append(entry)
        doc.append("videos", fresh)
    elif videos is not None:
        for entry in added:
            if isinstance(entry, tomlkit.items.Table):
                entry.trivia.indent = "\n"  # a blank line between [[videos]] tables, as by hand
            videos.append(entry)
    return tomlkit.dumps(doc)


def _set_after_last_key(table: Any, key: str, value: str) -> None:
    """Set `key` right after the table's last key, before any comment that follows it.

    A plain `table[key] = value` would land after a trailing comment (tomlkit counts it as
    part of the table), e.g. under "# Videos below are added by msm pull.".
    """
    keys = [k for k in table if k != key]
    if key not in table and keys:
        try:
            table.value._insert_after(keys[-1], key, value)  # tomlkit has no public insert
            return
        except (AttributeError, TypeError, KeyError):
            pass  # a tomlkit without it: the key still lands in the right table
    table[key] = value
