"""Read WebVTT (including YouTube's rolling auto-captions) and write plain WebVTT.

YouTube's automatic captions draw each line twice: a cue types the new line word by word with
inline `<00:00:01.230><c>` tags under the previous line, then a 10 ms cue freezes both. Read
naively that doubles every line. We strip the inline tags and keep each line once, at the time
it first appears.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable
from pathlib import Path

from pipeline.errors import Diagnostic, InputError
from pipeline.fsutil import atomic_write_text
from pipeline.tracks.decode import read_text
from pipeline.tracks.model import Cue, ReadResult, timing_line

_TS = r"(?:(\d+):)?(\d{2}):(\d{2})([.,])(\d{3})"
_TIMING = re.compile(rf"^\s*{_TS}\s+-->\s+{_TS}(?:\s+.*)?$")
_INLINE_TIME = re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")
FROZEN_MS = 50  # YouTube shows the finished lines for 10 ms between rolling cues
_KEEP_TAG = re.compile(r"</?[ibu]>")
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ASS_TAG = re.compile(r"\{\\[^}]*\}")


def parse_vtt(text: str, path: str = "<string>") -> ReadResult:
    """Parse WebVTT into cues: inline tags removed, entities decoded, rolling lines once."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?(?:\n|$)", text):
        raise InputError(
            f"{path}: not WebVTT",
            [Diagnostic(path, 1, "error", "the first line must be 'WEBVTT'", "vtt-header")],
        )
    diagnostics: list[Diagnostic] = []
    raw: list[tuple[int, int, list[str], int]] = []
    rolling = _INLINE_TIME.search(text) is not None
    for line_no, lines in _blocks(text)[1:]:  # the first block is the header
        head = lines[0].strip()
        if not head or head.startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in lines[0] else 1
        if timing_at >= len(lines) or "-->" not in lines[timing_at]:
            diagnostics.append(
                Diagnostic(
                    path, line_no, "error", "a cue block without a timing line", "vtt-timing"
                )
            )
            continue
        m = _TIMING.match(lines[timing_at])
        if not m:
            diagnostics.append(
                Diagnostic(
                    path,
                    line_no + timing_at,
                    "error",
                    f"malformed timing line {lines[timing_at].strip()!r}",
                    "vtt-timing",
                )
            )
            continue
        start, end = _ms(m.groups()[:5]), _ms(m.groups()[5:])
        if "," in (m.group(4), m.group(9)):
            diagnostics.append(
                Diagnostic(path, line_no + timing_at, "warning", "',' in a WebVTT timestamp", "vtt")
            )
        if end <= start:
            diagnostics.append(
                Diagnostic(path, line_no + timing_at, "error", "cue ends before it starts", "vtt")
            )
            continue
        cleaned = [_clean(t) for t in lines[timing_at + 1 :]]
        raw.append((start, end, [t for t in cleaned if t], line_no + timing_at))
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise InputError(f"{path}: {len(errors)} error(s) in the WebVTT file", diagnostics)
    if not rolling:
        rolling = _looks_rolling(raw)
    cues = (
        _dedupe(raw)
        if rolling
        else [Cue(s, e, "\n".join(t), i, ln) for i, (s, e, t, ln) in enumerate(raw, 1) if t]
    )
    if rolling:
        diagnostics.append(
            Diagnostic(
                path,
                None,
                "info",
                f"rolling auto-caption style: {len(raw)} cues folded into {len(cues)}",
                "vtt-rolling",
            )
        )
    if not cues:
        raise InputError(
            f"{path}: no cues",
            [*diagnostics, Diagnostic(path, None, "error", "no cues found", "vtt-empty")],
        )
    return ReadResult(cues, "utf-8", diagnostics)


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Split into blocks separated by empty lines, each with the number of its first line.

    Only a truly empty line ends a cue (as the WebVTT spec says): YouTube puts lines holding a
    single space inside its cues.
    """
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line:
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def read_vtt(path: Path, lang: str | None = None) -> ReadResult:
    """Read a WebVTT file (any encoding we can detect)."""
    decoded = read_text(path, lang)
    return parse_vtt(decoded.text, str(path)).with_decoding(decoded.encoding, decoded.diagnostics)


def _ms(parts: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, _sep, millis = parts
    assert minutes is not None and seconds is not None and millis is not None
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def _clean(line: str) -> str:
    """Remove inline timing and styling tags (keeping <i>, <b>, <u>) and decode entities."""
    line = _INLINE_TIME.sub("", line)
    line = _ANY_TAG.sub(lambda m: m.group(0) if _KEEP_TAG.fullmatch(m.group(0)) else "", line)
    return html.unescape(line).strip()


def _looks_rolling(raw: list[tuple[int, int, list[str], int]]) -> bool:
    """YouTube's rolling style after its inline tags were stripped by another tool: short
    "frozen" cues repeating the lines just typed, and two-line cues starting with the previous
    cue's last line. Both signs must be there; a repeated line alone is ordinary dialogue."""
    frozen = rolled = multiline = 0
    for before, after in itertools.pairwise(raw):
        if not before[2] or not after[2]:
            continue
        if after[1] - after[0] <= FROZEN_MS and after[2] == before[2][-len(after[2]) :]:
            frozen += 1
        if len(after[2]) > 1:
            multiline += 1
            rolled += after[2][0] == before[2][-1]
    return frozen >= 2 and rolled >= 2 and rolled * 2 >= multiline


def _dedupe(raw: list[tuple[int, int, list[str], int]]) -> list[Cue]:
    cues: list[Cue] = []
    previous: list[str] = []
    for start, end, lines, line_no in raw:
        shown = _shared_prefix(previous, lines)
        previous = lines
        new = lines[shown:]
        if new:
            cues.append(Cue(start, end, "\n".join(new), len(cues) + 1, line_no))
    return cues


def _shared_prefix(previous: list[str], lines: list[str]) -> int:
    """How many leading `lines` repeat the last lines of `previous`."""
    for size in range(min(len(previous), len(lines)), 0, -1):
        if previous[-size:] == lines[:size]:
            return size
    return 0


def _escape(text: str) -> str:
    if "<" not in text and ">" not in text and "&" not in text and "{" not in text:
        return text  # nothing to remove or escape (nearly every subtitle)
    text = _ASS_TAG.sub("", text)
    text = _ANY_TAG.sub(lambda m: m.group(0) if _KEEP_TAG.fullmatch(m.group(0)) else "", text)
    parts = re.split(r"(</?[ibu]>)", text)
    out = []
    for part in parts:
        if _KEEP_TAG.fullmatch(part):
            out.append(part)
        else:
            out.append(part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return "".join(out)


def compose_vtt(cues: Iterable[Cue]) -> str:
    """Plain WebVTT: a header, numbered cues, `HH:MM:SS.mmm`, text escaped for WebVTT."""
    # Built cue by cue in one join: `msm check` composes every built track to compare it
    # with the file on disk.
    body = "".join(
        [
            f"\n{n}\n{timing_line(cue.start, cue.end, '.')}\n{_escape(cue.text)}\n"
            for n, cue in enumerate(cues, 1)
        ]
    )
    return "WEBVTT\n" + body


def write_vtt(path: Path, cues: Iterable[Cue]) -> None:
    """Write cues as UTF-8 WebVTT, atomically."""
    atomic_write_text(path, compose_vtt(cues))
