"""Add pulled videos to `subtitles/catalog.toml`: stable slugs, comments and layout kept.

The catalogue is hand-edited, so it is changed as text, line by line (comments, order and
spacing kept byte for byte, whatever TOML library is installed), and only ever by inserting a
`[[videos]]` table or setting `youtube_id` on one; tomllib checks the result. The same video id
always maps to the same slug: the id is stored, and found again on the next run.
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
    """The catalogue text with the edits made, everything else byte for byte as it was.

    The text is edited line by line, never re-rendered by a TOML library (where a library puts
    a new key changes between its versions): a new video is a `[[videos]]` table inserted after
    the last video (and its sub-tables), an id is a `youtube_id` line right after the last key
    of the video's own table. The result is read back with tomllib and must hold exactly the
    data before plus the edits, or nothing is written.
    """
    import tomllib

    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProjectError(f"{where}: not valid TOML: {exc}") from None
    videos = before.get("videos")
    if videos is not None and not (
        isinstance(videos, list) and all(isinstance(v, dict) for v in videos)
    ):
        raise ProjectError(f"{where}: [videos] must be an array of tables")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    headers = _headers(lines)
    tables = [h for h in headers if h.name == "videos" and h.array]
    expected: list[dict[str, Any]] = [dict(v) for v in videos or []]
    if expected and len(tables) != len(expected):
        raise ProjectError(
            f"{where}: the videos are not written as [[videos]] tables; msm pull adds and "
            "edits only [[videos]] tables: write each video as one, then pull again"
        )
    if videos == [] and not tables:  # `videos = []`: replaced by [[videos]] tables
        _drop_empty_videos_array(lines, headers, where)
        headers = _headers(lines)
    inserts: list[tuple[int, list[str]]] = []  # (line index, lines to insert before it)
    added: list[str] = []
    for edit in edits:
        if edit.new:
            added.append(_new_table(edit))
            expected.append(_new_entry(edit))
            continue
        for number, entry in enumerate(expected):
            if entry.get("slug") == edit.slug and number < len(tables):
                entry["youtube_id"] = edit.youtube_id
                inserts.extend(_set_id(lines, headers, tables[number], edit.youtube_id))
                break
        else:
            raise ProjectError(f"{where}: no video {edit.slug!r} to give an id to")
    if added:
        inserts.append((_after_last_video(lines, headers), ["".join(added)]))
    # From the end, so earlier indexes stay right; at one index, in the order they were made.
    for _, index, new_lines in sorted(
        ((order, index, new) for order, (index, new) in enumerate(inserts)),
        key=lambda insert: (insert[1], insert[0]),
        reverse=True,
    ):
        lines[index:index] = new_lines
    result = "".join(lines)
    after = tomllib.loads(result)
    wanted = dict(before)
    wanted.pop("videos", None)
    if expected:
        wanted["videos"] = expected
    if after != wanted:  # a layout the line editor misread: refuse rather than guess
        raise ProjectError(
            f"{where}: cannot add the pulled videos without changing other settings "
            "(an unusual layout of [[videos]]); add them by hand: "
            + "; ".join(f"{e.slug}: youtube_id = {_toml_string(e.youtube_id)}" for e in edits)
        )
    return result


@dataclass(frozen=True)
class _Header:
    """A table header line of the catalogue: `[name]` or `[[name]]` at line `index`."""

    name: str
    array: bool
    index: int


_HEADER_LINE = re.compile(r"[ \t]*\[(\[?)([^\[\]#]*)\](\]?)[ \t]*(?:#.*)?\n?")


def _headers(lines: Sequence[str]) -> list[_Header]:
    """Every table header, skipping lines inside multi-line strings and arrays."""
    headers: list[_Header] = []
    string, depth = "", 0
    for index, line in enumerate(lines):
        if not string and depth == 0:
            m = _HEADER_LINE.fullmatch(line)
            if m and bool(m.group(1)) == bool(m.group(3)):
                name = ".".join(part.strip().strip("\"'") for part in m.group(2).split("."))
                headers.append(_Header(name, bool(m.group(1)), index))
                continue
        string, depth = _scan(line, string, depth)
    return headers


def _scan(line: str, string: str, depth: int) -> tuple[str, int]:
    """The multi-line string still open and the bracket depth after `line` (a tiny TOML lexer)."""
    i, n = 0, len(line)
    while i < n:
        if string:
            if string == '"""' and line[i] == "\\":
                i += 2
            elif line.startswith(string, i):
                i += 3
                while i < n and line[i] == string[0]:  # up to two quotes end the content
                    i += 1
                string = ""
            else:
                i += 1
            continue
        char = line[i]
        if char == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            string, i = line[i : i + 3], i + 3
        elif char in "\"'":
            i += 1
            while i < n and line[i] != char:
                i += 2 if char == '"' and line[i] == "\\" else 1
            i += 1
        else:
            depth += (char in "[{") - (char in "]}")
            i += 1
    return string, depth


def _is_key_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _section_end(lines: Sequence[str], headers: Sequence[_Header], header: _Header) -> int:
    """The index of the line that ends `header`'s own keys: the next header's, or the end."""
    later = [h.index for h in headers if h.index > header.index]
    return later[0] if later else len(lines)


def _set_id(
    lines: list[str], headers: Sequence[_Header], header: _Header, video_id: str
) -> list[tuple[int, list[str]]]:
    """Set `youtube_id` in a video's table: its line replaced, or a line after the last key."""
    end = _section_end(lines, headers, header)
    new_line = f"youtube_id = {_toml_string(video_id)}\n"
    last = header.index
    for index in range(header.index + 1, end):
        if re.match(r"[ \t]*youtube_id[ \t]*=", lines[index]):
            lines[index] = new_line
            return []
        if _is_key_line(lines[index]):
            last = index
    return [(last + 1, [new_line])]


def _after_last_video(lines: Sequence[str], headers: Sequence[_Header]) -> int:
    """Where new [[videos]] tables go: after the last video and its sub-tables and comments.

    A comment block right above the next table's header stays with that table.
    """
    last = None
    for number, header in enumerate(headers):
        if header.name == "videos" and header.array:
            last = number
    if last is None:
        return len(lines)
    end = len(lines)
    for header in headers[last + 1 :]:
        if header.name != "videos" and not header.name.startswith("videos."):
            end = header.index
            while end > 0 and lines[end - 1].lstrip().startswith("#"):
                end -= 1
            break
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    return end


def _drop_empty_videos_array(lines: list[str], headers: Sequence[_Header], where: str) -> None:
    """Remove a root-level `videos = []` line (the videos become [[videos]] tables)."""
    first = headers[0].index if headers else len(lines)
    for index in range(first):
        if re.fullmatch(r"[ \t]*videos[ \t]*=[ \t]*\[[ \t]*\][ \t]*(?:#.*)?\n?", lines[index]):
            del lines[index]
            return
    raise ProjectError(f"{where}: write `videos = []` on one line, or remove it, to add videos")


def _new_table(edit: CatalogEdit) -> str:
    """A [[videos]] table for a new video, after a blank line."""
    keys = "".join(f"{key} = {_toml_string(value)}\n" for key, value in _new_entry(edit).items())
    return f"\n[[videos]]\n{keys}"


def _new_entry(edit: CatalogEdit) -> dict[str, Any]:
    entry = {"slug": edit.slug, "title": edit.title}
    if edit.url:
        entry["url"] = edit.url
    entry["youtube_id"] = edit.youtube_id
    return entry


_TOML_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def _toml_string(value: str) -> str:
    """`value` as a TOML basic string (quotes, backslashes and control characters escaped)."""
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
