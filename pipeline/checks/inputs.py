"""Which files `msm check` and `msm fix` look at: PATH arguments resolved to videos and files.

A PATH is the project (the default), a video folder, any folder (searched for video folders
and loose files), or single `.po`/`.srt`/`.vtt` files anywhere. A folder holding the source
track (`en.srt`) is a video folder, in the catalogue or not; its `<lang>.po` files are its
catalogues and its `<lang>.srt`/`.vtt` the tracks built from them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pipeline import languages
from pipeline.confine import confine, confine_links
from pipeline.errors import ProjectError, UsageError
from pipeline.project import Project, Video

TRACK_SUFFIXES = (".srt", ".vtt")
SUFFIXES = (".po", *TRACK_SUFFIXES)


# Plain classes, not dataclasses: making a dataclass (its methods compiled and run from
# source) cost ~0.5 ms a class at start-up, and nothing compares, hashes or prints these.
class VideoInput:
    """A video folder: its source track and the catalogues (and built files) to check."""

    def __init__(
        self,
        folder: Path,
        video: Video,  # the catalogue entry, or one made up from the folder name
        langs: list[str] | None = None,  # catalogues to check, `<lang>.po`
        source: bool = False,  # check the source track itself
        whole: bool = False,  # every language: report missing catalogues
        in_catalogue: bool = False,
        # The folder's files and which of them are symbolic links, as its listing gave them
        # (None: not listed); the runner then needs no system call to ask.
        files: frozenset[str] | None = None,
        links: frozenset[str] = frozenset(),
    ) -> None:
        self.folder = folder
        self.video = video
        self.langs: list[str] = langs if langs is not None else []
        self.source = source
        self.whole = whole
        self.in_catalogue = in_catalogue
        self.files = files
        self.links = links


class FileInput:
    """A single file checked on its own (a translator's SRT, a PO sent by e-mail)."""

    def __init__(
        self,
        path: Path,
        kind: Literal["po", "track"],
        lang: str | None,  # from --lang or the file name; a PO's `Language:` header wins
        source_track: Path | None = None,  # a source track next to it, for the timing check
    ) -> None:
        self.path = path
        self.kind = kind
        self.lang = lang
        self.source_track = source_track


class Inputs:
    """Everything to check, each file once."""

    def __init__(
        self,
        videos: list[VideoInput] | None = None,
        files: list[FileInput] | None = None,
        languages: tuple[str, ...] = (),  # the --lang filter (empty: every language)
    ) -> None:
        self.videos: list[VideoInput] = videos if videos is not None else []
        self.files: list[FileInput] = files if files is not None else []
        self.languages = languages

    def wants(self, lang: str) -> bool:
        """Whether the --lang filter keeps `lang`."""
        return not self.languages or lang in self.languages


def lang_from_name(path: Path) -> str | None:
    """The language a file name states: `pl.srt`, `talk.pl.srt`, `nl_BE.po`, or None."""
    return _lang_of(path.name)


@lru_cache(maxsize=4096)  # every video folder holds the same few names
def _lang_of(name: str) -> str | None:
    """`lang_from_name` of a file name."""
    suffix = _suffix(name)  # lowered, but as long as the name's own
    stem = name[: -len(suffix)] if suffix else name
    for candidate in (stem.rsplit(".", 1)[-1], stem):
        lang = languages.find(candidate)
        if lang is not None:
            return lang.code
    return None


def source_language(project: Project | None) -> str:
    """The project's source language (English outside a project)."""
    return project.settings.source_language if project is not None else languages.SOURCE


def resolve(paths: Sequence[Path], project: Project | None, langs: Iterable[str] = ()) -> Inputs:
    """Resolve PATH arguments (none: the whole project) into videos and single files."""
    wanted = tuple(dict.fromkeys(languages.get(code).code for code in langs))
    if project is not None and not any(p.is_file() for p in paths):
        known = {project.settings.source_language, *project.settings.target_languages}
        stray = [code for code in wanted if code not in known]
        if stray:
            raise UsageError(f"{stray[0]!r} is not a language of this project")
    inputs = Inputs(languages=wanted)
    resolver = _Resolver(project, inputs)
    if not paths:
        if project is None:
            raise ProjectError("no project here; pass the files to check or --project DIR")
        resolver.project()
    for path in paths:
        resolver.path(path)
    inputs.videos = list(resolver.videos.values())
    return inputs


class _Resolver:
    def __init__(self, project: Project | None, inputs: Inputs) -> None:
        self.project_ = project
        self.inputs = inputs
        self.source = source_language(project)
        self.videos: dict[Path, VideoInput] = {}
        self.catalogue: dict[str, Video] = (
            {v.slug: v for v in project.settings.videos} if project else {}
        )
        self.subtitles = project.subtitles.resolve() if project else None
        self.root = project.root.resolve() if project else None
        self.seen: set[Path] = set()

    def project(self) -> None:
        assert self.project_ is not None and self.subtitles is not None
        confine(self.project_.subtitles, self.project_.root, "subtitles folder")
        for video in self.project_.settings.videos:
            self.whole_video(self.subtitles / video.slug)

    def path(self, path: Path) -> None:
        real = path.resolve()
        if real.is_dir():
            if self.project_ is not None and real in (
                self.project_.root.resolve(),
                self.subtitles,
            ):
                self.project()
            elif self._is_video_folder(real):
                self.whole_video(real)
            else:
                self.walk(path)
            return
        self.file(path)

    def _inside(self, folder: Path) -> bool:
        """Whether `folder`, as reached (links not followed), lies in the project tree."""
        assert self.root is not None and self.project_ is not None
        here = Path(os.path.abspath(folder))  # noqa: PTH100 - must not follow links
        return here.is_relative_to(self.root) or here.is_relative_to(self.project_.root.absolute())

    def _is_video_folder(self, folder: Path) -> bool:
        return (folder / f"{self.source}.srt").is_file() or self._in_catalogue(folder)

    def _in_catalogue(self, folder: Path) -> bool:
        return folder.parent == self.subtitles and folder.name in self.catalogue

    def _video(self, folder: Path) -> VideoInput:
        real = folder.resolve()
        entry = self.videos.get(real)
        if entry is None:
            in_catalogue = self._in_catalogue(real)
            video = self.catalogue[real.name] if in_catalogue else Video(real.name, real.name)
            entry = self.videos[real] = VideoInput(real, video, in_catalogue=in_catalogue)
        return entry

    def whole_video(self, folder: Path) -> None:
        entry = self._video(folder)
        entry.whole = True
        entry.source = entry.source or self.inputs.wants(self.source)
        names, links = _file_names(entry.folder)
        entry.files, entry.links = frozenset(names), frozenset(links)
        if self.root is not None and self._inside(folder):  # found in the project tree
            if not entry.folder.is_relative_to(self.root):  # resolved already
                confine(folder, self.root, "video folder")
            confine_links(entry.folder, self.root, entry.links)
        if entry.in_catalogue and self.project_ is not None:
            targets = list(self.project_.settings.target_languages)
        else:
            targets = sorted(
                {code for n in _listing(names, ".po") if (code := _lang_of(n))} - {self.source}
            )
        for lang in targets:
            if self.inputs.wants(lang) and lang not in entry.langs:
                entry.langs.append(lang)
        # Translation tracks with no catalogue next to them are checked on their own.
        for name in _listing(names, *TRACK_SUFFIXES):
            named = _lang_of(name)
            if named is None or named == self.source or not self.inputs.wants(named):
                continue
            if f"{named}.po" not in names:
                source = entry.folder / f"{self.source}.srt"
                self._add_file(FileInput(entry.folder / name, "track", named, source))

    def walk(self, folder: Path) -> None:
        found = False
        for here, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            base = Path(here)
            if f"{self.source}.srt" in names:
                self.whole_video(base)
                dirs[:] = []
                found = True
                continue
            for name in sorted(names):
                if name.endswith(SUFFIXES):
                    if self.root is not None and self._inside(base):  # found in the project
                        confine(base / name, self.root, "project file")
                    self.file(base / name)
                    found = True
        if not found:
            raise UsageError(f"{folder}: no subtitle files (.po, .srt, .vtt) to check")

    def file(self, path: Path) -> None:
        suffix = path.suffix.lower()
        if suffix == ".pot":
            raise UsageError(
                f"{path}: a template holds no translations; check the source track or a .po"
            )
        if suffix not in SUFFIXES:
            raise UsageError(f"{path}: cannot check this file; expected .po, .srt or .vtt")
        folder = path.resolve().parent
        named = lang_from_name(path)
        video_folder = self._is_video_folder(folder)
        if video_folder and named is not None and path.stem == languages.get(named).code:
            entry = self._video(folder)
            if suffix == ".po" and named != self.source:
                if named not in entry.langs:
                    entry.langs.append(named)
                return
            if suffix == ".srt" and named == self.source:
                entry.source = True
                return
        lang = self._explicit_lang() or named
        sibling = folder / f"{self.source}.srt"
        self._add_file(
            FileInput(
                path,
                "po" if suffix == ".po" else "track",
                lang,
                sibling if sibling.is_file() and sibling != path.resolve() else None,
            )
        )

    def _explicit_lang(self) -> str | None:
        wanted = self.inputs.languages
        return wanted[0] if len(wanted) == 1 else None

    def _add_file(self, item: FileInput) -> None:
        real = item.path.resolve()
        if real in self.seen:
            return
        self.seen.add(real)
        self.inputs.files.append(item)


def _file_names(folder: Path) -> tuple[set[str], set[str]]:
    """The names of a folder's files, and those of them that are symbolic links (scandir
    knows each entry's type without a stat call)."""
    files: set[str] = set()
    links: set[str] = set()
    try:
        with os.scandir(folder) as entries:
            for e in entries:
                if e.is_file():
                    files.add(e.name)
                    if e.is_symlink():
                        links.add(e.name)
    except OSError:
        pass
    return files, links


def _listing(names: set[str], *suffixes: str) -> list[str]:
    """The names among `names` with one of these suffixes, in name order."""
    return [n for n in sorted(names) if _suffix(n) in suffixes]


def _suffix(name: str) -> str:
    """`Path(name).suffix.lower()`, without making a Path per file of a big project."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def display(path: Path, root: Path | None) -> str:
    """A path for reports: relative to the project root when inside it, else as given."""
    if root is not None:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()
