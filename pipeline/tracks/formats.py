"""Pick the reader or writer for a subtitle file by its suffix (or, for input, its content)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import Diagnostic, InputError, UsageError
from pipeline.tracks.decode import read_text
from pipeline.tracks.model import Cue, ReadResult
from pipeline.tracks.srt_io import compose_srt, parse_srt
from pipeline.tracks.vtt_io import compose_vtt, parse_vtt

FORMATS = ("srt", "vtt")


def format_of(path: Path) -> str | None:
    """'srt' or 'vtt' from the suffix, None otherwise."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def read_track(path: Path, lang: str | None = None) -> ReadResult:
    """Read an SRT or WebVTT file, whichever it is (content wins over a wrong suffix)."""
    decoded = read_text(path, lang)
    text = decoded.text.lstrip("\ufeff")
    if text.startswith("WEBVTT") or format_of(path) != "vtt":
        parse = parse_vtt if text.startswith("WEBVTT") else parse_srt
        return parse(text, str(path)).with_decoding(decoded.encoding, decoded.diagnostics)
    try:  # a .vtt without the WEBVTT line: SRT under the wrong name, or broken WebVTT
        result = parse_srt(text, str(path))
    except InputError:
        result = parse_vtt(text, str(path))  # raises: says what a WebVTT file lacks
    result.diagnostics.insert(
        0, Diagnostic(str(path), 1, "warning", "a .vtt file holding SRT; read as SRT", "format")
    )
    return result.with_decoding(decoded.encoding, decoded.diagnostics)


def compose(cues: Iterable[Cue], fmt: str) -> str:
    """The text of `cues` as 'srt' or 'vtt'."""
    if fmt == "srt":
        return compose_srt(cues)
    if fmt == "vtt":
        return compose_vtt(cues)
    raise UsageError(f"unknown subtitle format {fmt!r}; use one of {', '.join(FORMATS)}")
