"""Read YouTube's timed-text XML (srv1, srv2, srv3) into cues.

YouTube serves captions in its own XML besides WebVTT: srv1 (`<transcript><text start="1.2"
dur="2.5">`, seconds), srv2 (`<timedtext><text t="1200" d="2500">`, milliseconds) and srv3
(`<timedtext format="3"><body><p t="1200" d="2500">`, milliseconds, words in `<s>` spans).
Automatic srv3 tracks also carry empty `<p>` elements that only keep a line on screen and, like
the WebVTT version, draw each line twice while it rolls up: we keep each line once.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from pipeline.errors import Diagnostic, InputError
from pipeline.tracks.decode import read_text
from pipeline.tracks.model import Cue, ReadResult

FORMATS = ("srv1", "srv2", "srv3")
_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def parse_srv(text: str, path: str = "<string>") -> ReadResult:
    """Parse srv1/srv2/srv3 XML into cues; a document we cannot read raises InputError."""
    if _DOCTYPE.search(text):
        # Entity declarations are how XML bombs work; YouTube never sends them.
        raise InputError(f"{path}: timed-text XML with a DOCTYPE or ENTITY is not accepted")
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(
            f"{path}: not valid timed-text XML",
            [Diagnostic(path, line, "error", str(exc), "srv-xml")],
        ) from None
    if root.tag == "transcript":
        raw = [_srv1(el) for el in root.iter("text")]
    elif root.tag == "timedtext":
        body = root.find("body")
        raw = (
            [_srv3(el) for el in body.iter("p")]
            if body is not None
            else [_srv2(el) for el in root.iter("text")]
        )
    else:
        raise InputError(f"{path}: unknown timed-text document <{root.tag}>")
    diagnostics: list[Diagnostic] = []
    cues: list[Cue] = []
    previous: list[str] = []
    for start, duration, lines in raw:
        if start is None or duration is None:
            diagnostics.append(
                Diagnostic(path, None, "warning", "a caption without timing; skipped", "srv")
            )
            continue
        if not lines:
            continue  # srv3 keeps lines on screen with empty paragraphs
        shown = _repeated(previous, lines)
        previous = lines
        new = lines[shown:]
        if not new or duration <= 0:
            continue
        cues.append(Cue(start, start + duration, "\n".join(new), len(cues) + 1))
    cues = _trim_overlaps(cues)
    if not cues:
        raise InputError(
            f"{path}: no captions",
            [*diagnostics, Diagnostic(path, None, "error", "no captions found", "srv-empty")],
        )
    return ReadResult(cues, "utf-8", diagnostics)


def read_srv(path: Path) -> ReadResult:
    """Read a timed-text XML file."""
    decoded = read_text(path)
    return parse_srv(decoded.text, str(path)).with_decoding(decoded.encoding, decoded.diagnostics)


def _text(el: ET.Element, escaped_twice: bool = False) -> list[str]:
    """The lines of an element's text (spans included), entities decoded, tags dropped."""
    joined = "".join(el.itertext())
    if escaped_twice:
        joined = html.unescape(joined)  # srv1: `&amp;#39;` is an apostrophe
    return [line.strip() for line in joined.replace("\r", "").split("\n") if line.strip()]


def _seconds(value: str | None) -> int | None:
    try:
        return round(float(value) * 1000) if value is not None else None
    except ValueError:
        return None


def _millis(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _srv1(el: ET.Element) -> tuple[int | None, int | None, list[str]]:
    return _seconds(el.get("start")), _seconds(el.get("dur")), _text(el, escaped_twice=True)


def _srv2(el: ET.Element) -> tuple[int | None, int | None, list[str]]:
    return _millis(el.get("t")), _millis(el.get("d")), _text(el)


def _srv3(el: ET.Element) -> tuple[int | None, int | None, list[str]]:
    return _millis(el.get("t")), _millis(el.get("d")), _text(el)


def _repeated(previous: list[str], lines: list[str]) -> int:
    """How many leading `lines` repeat the last lines of `previous` (rolling captions)."""
    for size in range(min(len(previous), len(lines)), 0, -1):
        if previous[-size:] == lines[:size]:
            return size
    return 0


def _trim_overlaps(cues: list[Cue]) -> list[Cue]:
    """End each cue when the next begins: rolling captions overlap, subtitles must not."""
    out: list[Cue] = []
    for i, cue in enumerate(cues):
        end = cue.end
        if i + 1 < len(cues) and cues[i + 1].start < end:
            end = max(cues[i + 1].start, cue.start + 1)
        out.append(Cue(cue.start, end, cue.text, i + 1))
    return out
