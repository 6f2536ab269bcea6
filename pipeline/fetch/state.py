"""What `msm pull` remembers between runs, in the git-ignored media folder.

`media/archive.txt` and its siblings are yt-dlp download archives (one `extractor id` line per
video, the format of `yt-dlp --download-archive`): a video listed in every archive a run needs is
skipped without a request. There is one archive per part of a video, so that a run with
`--no-video` does not stop a later run from fetching the video, and a track that failed is
fetched again next time:

    archive.txt           the video file is downloaded
    archive.captions.txt  every human track in our languages is downloaded
    archive.auto.txt      every machine track in our languages is downloaded

`media/<slug>/pull.json` remembers, per track, the file downloaded and the text last imported,
so an unchanged remote track is never imported twice and a conflict is reported once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pipeline.errors import ProjectError
from pipeline.fsutil import atomic_write_text, read_bytes

Part = Literal["video", "captions", "auto"]
ARCHIVES: dict[Part, str] = {
    "video": "archive.txt",
    "captions": "archive.captions.txt",
    "auto": "archive.auto.txt",
}
MANIFEST = "pull.json"


def digest(text: str) -> str:
    """A short fingerprint of a track's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Archive:
    """The download archives of a media folder; `needs(...)` gives yt-dlp its view of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done: dict[Part, set[str]] = {}
        for part, name in ARCHIVES.items():
            path = folder / name
            try:
                lines = read_bytes(path).decode("utf-8").splitlines()
            except FileNotFoundError:
                lines = []
            except (OSError, UnicodeDecodeError) as exc:
                raise ProjectError(f"{path}: cannot read the download archive: {exc}") from None
            self.done[part] = {line.strip() for line in lines if line.strip()}

    def has(self, part: Part, archive_id: str) -> bool:
        """Whether `part` of the video is already fetched."""
        return archive_id in self.done[part]

    def record(self, part: Part, archive_id: str) -> None:
        """Note that `part` of the video is fetched, on disk at once (a crash keeps it)."""
        if archive_id in self.done[part]:
            return
        self.done[part].add(archive_id)
        path = self.folder / ARCHIVES[part]
        atomic_write_text(path, "".join(f"{line}\n" for line in sorted(self.done[part])))

    def forget(self, part: Part, archive_id: str) -> None:
        """Fetch `part` again next time (a track failed, or the file is gone)."""
        if archive_id not in self.done[part]:
            return
        self.done[part].discard(archive_id)
        path = self.folder / ARCHIVES[part]
        atomic_write_text(path, "".join(f"{line}\n" for line in sorted(self.done[part])))

    def needs(self, parts: Iterable[Part]) -> ArchiveView:
        """The container yt-dlp consults (its `download_archive` option) for this run."""
        return ArchiveView(self, tuple(parts))


@dataclass(frozen=True)
class ArchiveView:
    """yt-dlp's `download_archive` as a set-like object: an id is "in" the archive when every
    part this run needs is fetched. yt-dlp's own `add()` is ignored: we record each part
    ourselves, only once it really succeeded (yt-dlp would record a video whose subtitles
    failed with `ignoreerrors`)."""

    archive: Archive
    parts: tuple[Part, ...]

    def __contains__(self, archive_id: object) -> bool:
        return isinstance(archive_id, str) and all(
            self.archive.has(part, archive_id) for part in self.parts
        )

    def __len__(self) -> int:
        # yt-dlp skips the archive check entirely when the container is empty (falsy).
        return max(len(ids) for ids in self.archive.done.values())

    def add(self, archive_id: str) -> None:
        """Ignored on purpose: see the class docstring."""


@dataclass
class TrackRecord:
    """A track as last downloaded and imported."""

    key: str  # the site's key ('fr', 'eu-en')
    kind: str  # human, speech, machine
    lang: str  # our code
    role: str  # source, translation, draft
    file: str  # the raw download, relative to the video's media folder
    srt: str  # the same converted to SRT, relative to the video's media folder
    fetched: str = ""  # digest of the SRT text downloaded last
    imported: str = ""  # digest of the last download dealt with (imported, or a conflict)
    base: str = ""  # digest of the last download the local file was made equal to


@dataclass
class VideoRecord:
    """What the media folder holds for one video."""

    archive_id: str
    video_id: str
    slug: str
    title: str
    url: str
    video_file: str = ""  # relative to the video's media folder
    tracks: dict[str, TrackRecord] = field(default_factory=dict)  # by role:lang

    def to_json(self) -> str:
        """The manifest text."""
        return json.dumps(asdict(self), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def load_record(path: Path) -> VideoRecord | None:
    """The manifest at `path`, or None when there is none (or it is unreadable: we refetch)."""
    try:
        data: dict[str, Any] = json.loads(read_bytes(path).decode("utf-8"))
        tracks = {k: TrackRecord(**v) for k, v in data.pop("tracks", {}).items()}
        return VideoRecord(**data, tracks=tracks)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError):
        return None  # a damaged manifest costs one refetch, never a crash


def save_record(path: Path, record: VideoRecord) -> None:
    """Write the manifest atomically."""
    atomic_write_text(path, record.to_json())
