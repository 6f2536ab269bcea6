"""Read WebVTT (including YouTube's rolling auto-captions) and write plain WebVTT.

YouTube's automatic captions draw each line twice: a cue types the new line word by word with
inline `<00:00:01.230><c>` tags under the previous line, then a 10 ms cue freezes both. Read
naively that doubles every line. We strip the inline tags and keep each line once, at the time
it first appears.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pipeline.errors import Diagnostic, InputError
from pipeline.fsutil import atomic_write_text
from pipeline.tracks.decode import read_text
from pipeline.tracks.model import Cue, ReadResult, timing_line


@cache
def _inline_time() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>")


FROZEN_MS = 50  # YouTube shows the finished lines for 10 ms between rolling cues


def _kept_tags_only(text: str) -> str:
    """`text` without tags but <i>, <b>, <u> (`re` compiles the two on a first tag)."""
    if "<" not in text:
        return text
    return re.sub(
        r"</?[a-zA-Z][^>]*>", lambda m: m[0] if re.fullmatch(r"</?[ibu]>", m[0]) else "", text
    )


def parse_vtt(text: str, path: str = "<string>") -> ReadResult:
    """Parse WebVTT into cues: inline tags removed, entities decoded, rolling lines once.

    Blocks are collected as the W3C WebVTT parser does (https://www.w3.org/TR/webvtt1/
    #file-parsing): a block ends at an empty line, or at a line holding `-->` that is not its
    first line (nor its second after an identifier), which then starts the next block, as in
    browsers. A block is a cue when such a line opens it; `NOTE` blocks (the word alone or
    followed by a space or tab) are comments, `STYLE` and `REGION` blocks are style sheets and
    regions before the first cue. Where a browser silently drops a block (a broken timing
    line, text without one), we refuse with its line: its text would be lost.
    """
    diagnostics: list[Diagnostic] = []
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        diagnostics.append(
            Diagnostic(path, line, "warning", "CRLF or CR line ends; read as LF", "line-ends")
        )
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff").replace("\x00", "\ufffd")  # as the WebVTT parser does
    lines = text.split("\n")
    if not _is_signature(lines[0]):
        raise InputError(
            f"{path}: not WebVTT",
            [Diagnostic(path, 1, "error", "the first line must be 'WEBVTT'", "vtt-header")],
        )
    raw: list[tuple[int, int, list[str], int]] = []
    at = _skip_header(lines)
    seen_cue = False
    while at < len(lines):
        if not lines[at]:
            at += 1
            continue
        first, timing, at = _collect_block(lines, at)
        if timing < 0:
            _no_cue(lines[first], first + 1, seen_cue, path, diagnostics)
            continue
        seen_cue = True
        glued = at < len(lines) and lines[at] != ""  # ended by the next cue's timing line
        cue = _cue(lines, timing, at, glued, path, diagnostics)
        if cue is not None:
            raw.append(cue)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise InputError(f"{path}: {len(errors)} error(s) in the WebVTT file", diagnostics)
    rolling = _inline_time().search(text) is not None or _looks_rolling(raw)
    cues = (
        _dedupe(raw)
        if rolling
        else [Cue(s, e, "\n".join(t), i, ln) for i, (s, e, t, ln) in enumerate(raw, 1)]
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
            [*diagnostics, Diagnostic(path, 1, "error", "no cues found", "vtt-empty")],
        )
    return ReadResult(cues, "utf-8", diagnostics)


def _is_signature(line: str) -> bool:
    """`WEBVTT`, alone or followed by a space or a tab and anything."""
    return line == "WEBVTT" or (line.startswith("WEBVTT") and line[6] in " \t")


def _skip_header(lines: list[str]) -> int:
    """The index after the header: the signature line and the lines up to an empty line or
    a line holding `-->` (which starts the first cue)."""
    at = 1
    while at < len(lines) and lines[at] and "-->" not in lines[at]:
        at += 1
    return at


def _collect_block(lines: list[str], at: int) -> tuple[int, int, int]:
    """One block from `at` (a non-empty line): (its first line, its timing line or -1, the
    index after it). `-->` in the first line, or in the second after an identifier, makes
    the block a cue; `-->` in any later line ends the block and starts the next one."""
    first = at
    timing = -1
    while at < len(lines) and lines[at]:
        if "-->" in lines[at]:
            if at == first or (at == first + 1 and timing < 0):
                timing = at
            else:
                break
        at += 1
    return first, timing, at


def _is_keyword(line: str, word: str) -> bool:
    """`NOTE`, `STYLE` or `REGION` as a whole word: alone, or followed by a space or a tab."""
    return line == word or (line.startswith(word) and line[len(word)] in " \t")


def _no_cue(
    line: str, number: int, seen_cue: bool, path: str, diagnostics: list[Diagnostic]
) -> None:
    """A block without a timing line: a comment, a style sheet or region, or lost text."""
    if _is_keyword(line, "NOTE"):
        return
    keyword = ""
    for word in ("STYLE", "REGION"):
        if line.rstrip(" \t\f") == word:  # the parser wants the word alone on its line
            keyword = word
    if keyword and not seen_cue:
        return
    if keyword:
        diagnostics.append(
            Diagnostic(
                path,
                number,
                "warning",
                f"a {keyword} block after the first cue is ignored (WebVTT allows it only "
                "before the cues)",
                "vtt-block",
            )
        )
        return
    diagnostics.append(
        Diagnostic(
            path,
            number,
            "error",
            "a block without a timing line (its text would be lost; a comment starts with 'NOTE ')",
            "vtt-timing",
        )
    )


def _cue(
    lines: list[str],
    timing: int,
    end: int,
    glued: bool,
    path: str,
    diagnostics: list[Diagnostic],
) -> tuple[int, int, list[str], int] | None:
    """The cue of a block whose timing line is `lines[timing]` (None when it is refused).

    `glued`: the block ended at the next cue's timing line, not at a blank line. A number
    just above that line is then the next cue's identifier that lost its blank line (browsers
    would show it as this cue's last line): repaired with a warning, as the SRT reader does.
    """
    number = timing + 1
    parsed = _timings(lines[timing])
    if parsed is None:
        diagnostics.append(
            Diagnostic(
                path,
                number,
                "error",
                f"malformed timing line {lines[timing].strip()!r}",
                "vtt-timing",
            )
        )
        return None
    start, stop, comma = parsed
    if comma:
        diagnostics.append(Diagnostic(path, number, "warning", "',' in a WebVTT timestamp", "vtt"))
    if stop <= start:
        message = "cue ends before it starts" if stop < start else "cue lasts 0 ms"
        diagnostics.append(Diagnostic(path, number, "error", message, "vtt"))
        return None
    body = lines[timing + 1 : end]
    last = body[-1].strip() if body else ""
    if glued and last.isascii() and last.isdigit():
        if not any(_clean(t) for t in body[:-1]):
            diagnostics.append(
                Diagnostic(
                    path,
                    end,
                    "error",
                    "cannot tell whether this number is the cue's text or the next cue's "
                    "identifier; add a blank line",
                    "vtt-ambiguous",
                )
            )
            return None
        body = body[:-1]
        diagnostics.append(
            Diagnostic(
                path,
                end,
                "warning",
                "no blank line between two cues; the number is read as the next cue's identifier",
                "vtt-missing-blank",
            )
        )
    cleaned = [_clean(t) for t in body]
    text = [t for t in cleaned if t]
    if not text:
        # The SRT reader's warning, and code: the empty-cue check reports it.
        diagnostics.append(
            Diagnostic(path, number, "warning", "empty cue (no text); removed", "srt-empty")
        )
        return None
    return start, stop, text, number


_SPACE = " \t\f"


def _timings(line: str) -> tuple[int, int, bool] | None:
    """Start, end and whether a ',' stood for the '.', by the WebVTT timestamp rules (hours
    optional and of any length, minutes and seconds of two digits below 60, milliseconds of
    three); None when the line is not a timing line. Cue settings after it are ignored."""
    at = _skip_space(line, 0)
    start = _timestamp(line, at)
    if start is None:
        return None
    begin, at, comma1 = start
    at = _skip_space(line, at)
    if not line.startswith("-->", at):
        return None
    at = _skip_space(line, at + 3)
    end = _timestamp(line, at)
    if end is None:
        return None
    finish, at, comma2 = end
    if at < len(line) and line[at] not in _SPACE:
        return None  # settings must be separated by white space
    return begin, finish, comma1 or comma2


def _skip_space(line: str, at: int) -> int:
    while at < len(line) and line[at] in _SPACE:
        at += 1
    return at


def _digits(line: str, at: int) -> int:
    """The index after the ASCII digits starting at `at`."""
    end = at
    while end < len(line) and "0" <= line[end] <= "9":
        end += 1
    return end


def _timestamp(line: str, at: int) -> tuple[int, int, bool] | None:
    """(milliseconds, index after it, ',' used) for the WebVTT timestamp at `at`, or None."""
    end = _digits(line, at)
    if end == at or end >= len(line) or line[end] != ":":
        return None
    first = line[at:end]
    hours_first = len(first) != 2 or int(first) > 59
    at = end + 1
    end = _digits(line, at)
    if end - at != 2:
        return None
    second = line[at:end]
    at = end
    if hours_first or (at < len(line) and line[at] == ":"):
        if at >= len(line) or line[at] != ":":
            return None
        end = _digits(line, at + 1)
        if end - at - 1 != 2:
            return None
        hours, minutes, seconds = int(first), int(second), int(line[at + 1 : end])
        at = end
    else:
        hours, minutes, seconds = 0, int(first), int(second)
    if at >= len(line) or line[at] not in ".,":
        return None
    comma = line[at] == ","
    end = _digits(line, at + 1)
    if end - at - 1 != 3:
        return None
    if minutes > 59 or seconds > 59:
        return None
    millis = int(line[at + 1 : end])
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis, end, comma


def read_vtt(path: Path, lang: str | None = None) -> ReadResult:
    """Read a WebVTT file (any encoding we can detect)."""
    decoded = read_text(path, lang)
    return parse_vtt(decoded.text, str(path)).with_decoding(decoded.encoding, decoded.diagnostics)


def _clean(line: str) -> str:
    """Remove inline timing and styling tags (keeping <i>, <b>, <u>) and decode entities."""
    line = _inline_time().sub("", line)
    line = _kept_tags_only(line)
    if "&" not in line:
        return line.strip()  # nothing to decode (what html.unescape returns too)
    import html  # html.entities' table, ~1.5 ms: only for a line with an entity

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
    parts = re.split(r"(</?[ibu]>)", _kept_tags_only(re.sub(r"\{\\[^}]*\}", "", text)))
    return "".join(  # the kept tags are the odd parts, as they are; the text is escaped
        part if odd % 2 else part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for odd, part in enumerate(parts)
    )


def compose_vtt(cues: Iterable[Cue]) -> str:
    """Plain WebVTT: a header, numbered cues, `HH:MM:SS.mmm`, text escaped for WebVTT."""
    # one join: `msm check` composes every built track to compare it with the file on disk
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
