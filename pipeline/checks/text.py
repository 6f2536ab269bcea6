"""Text helpers shared by the checks: markup, visible characters, line lengths."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache


# HTML-like tags (`<i>`, `</font>`) and ASS override blocks (`{\an8}`); a lone `<` is text.
@cache
def tag() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"</?[a-zA-Z][^<>\n]*>|\{\\[^{}\n]*\}")


def visible(text: str) -> str:
    """The text as the viewer sees it: markup removed."""
    return tag().sub("", text) if ("<" in text or "{" in text) else text


# Combining marks left after NFC take no room of their own (blocks of combining diacritics).
# the blocks of combining marks (a regular expression's class, without its brackets)
COMBINING_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING = re.compile(f"[{COMBINING_MARKS}]")


def composed(text: str) -> str:
    """A text in NFC: letters written decomposed (é as e and U+0301, as macOS tools and
    some editors write them) composed, as dictionaries and readers count them."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def composed_at(text: str) -> tuple[str, list[int]] | None:
    """`text` in NFC and, for each of its characters and its end, the index in `text` it
    came from, so a place found in the composed text can be shown in the text as written;
    None when NFC joins characters across letters (Hangul jamo), which no map can follow."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    pieces: list[str] = []
    at: list[int] = []
    start = 0
    for end in range(1, len(text) + 1):
        if end < len(text) and unicodedata.combining(text[end]):
            continue  # a mark belongs with the letter before it
        piece = unicodedata.normalize("NFC", text[start:end])
        pieces.append(piece)
        at.extend([start] * len(piece))
        start = end
    nfc = "".join(pieces)
    if nfc != unicodedata.normalize("NFC", text):
        return None
    return nfc, [*at, len(text)]


def width(line: str) -> int:
    """How many characters a line shows: combining marks do not count (decomposed ș is 1)."""
    if line.isascii():
        return len(line)
    line = composed(line)
    return len(line) - len(_COMBINING.findall(line))


def line_widths(text: str) -> tuple[int, ...]:
    """How many characters each line of a subtitle shows (markup not counted)."""
    shown = visible(text)
    if not shown.isascii():
        # NFC works line by line (a line break composes with nothing): normalise once.
        shown = composed(shown)
        if _COMBINING.search(shown):
            return tuple(len(line) - len(_COMBINING.findall(line)) for line in shown.split("\n"))
    return tuple(map(len, shown.split("\n")))


def plain(texts: Sequence[str]) -> bool:
    """Whether each line of these texts shows as many characters as it holds (no markup, and
    no combining mark once in NFC): then `line_widths` gives each line's length. One test
    for all of a track's texts (NFC works text by text: the separator composes with
    nothing), where `line_widths` tests each text."""
    joined = "\x00".join(texts)
    if "<" in joined or "{" in joined:
        return False
    if joined.isascii():
        return True
    return unicodedata.is_normalized("NFC", joined) and _COMBINING.search(joined) is None


def reading_chars(text: str) -> int:
    """Characters for reading speed: markup stripped, spaces and punctuation counted, line
    breaks not (subtitle-standards.md, as Netflix and Subtitle Edit count)."""
    shown = visible(text)
    # The sum of `line_widths`: the widths add up over the lines, line breaks counted out.
    return width(shown) - shown.count("\n")


def shorten(text: str, size: int = 40) -> str:
    """One-line excerpt of a text for messages."""
    flat = text.replace("\n", " / ")
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def excerpt(text: str, start: int, end: int, around: int = 12) -> str:
    """The text around [start, end), on one line, with markers for clarity in messages."""
    left = max(0, start - around)
    right = min(len(text), end + around)
    before = ("…" if left else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return (before + text[start:end] + after).replace("\n", " / ").replace("\u00a0", "⍽")
