"""Where in a cue's text a finding applies, for the checks that can say so.

Typography checks are finders that return the exact places (the same functions the checks and
`msm fix` use, so the report can never disagree with them); line length knows its lines; style
tags and glossary concepts are found the way their checks find them. Other findings (reading
speed, translation state, timing) concern the whole cue: None.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.checks.profiles import Profile
from pipeline.checks.text import tag, visible, width
from pipeline.checks.typography import FINDERS, typography_of
from pipeline.report.terms import TermMark

Span = tuple[int, int]  # [start, end) in the text; start == end marks a place to insert


def finding_spans(
    check: str,
    concept: str | None,
    text: str,
    lang: str,
    profile: Profile,
    terms: Sequence[TermMark] = (),
) -> list[Span] | None:
    """The places in `text` a finding of `check` points at, or None for the whole cue."""
    if not text:
        return None
    finder = FINDERS.get(check)
    if finder is not None:
        # An empty edit with no replacement (the dialogue-dash rule) means the whole line or
        # cue; an empty edit with a replacement is a place where something must be inserted.
        edits = finder(text, typography_of(lang))
        found = [(e.start, e.end) for e in edits if e.end > e.start or e.replacement is not None]
        return found or None
    if check == "line-length":
        return _long_lines(text, profile.max_chars_per_line) or None
    if check == "style-tags":
        return [(m.start(), m.end()) for m in tag().finditer(text)] or None
    if check == "spelling" and concept is not None:
        # The finding's concept is the misspelt word: underline where the check saw it.
        # It read the text composed (NFC): found there, shown where the word is written.
        from pipeline.checks.spell_words import words
        from pipeline.checks.text import composed_at

        mapped = composed_at(text)
        if mapped is None:
            return None
        nfc, at = mapped
        return [(at[a], at[b]) for word, a, b in words(nfc) if word == concept] or None
    if concept is not None:
        return [(t.start, t.end) for t in terms if t.concept == concept] or None
    return None


def _long_lines(text: str, limit: int) -> list[Span]:
    """The characters past the limit on each long line (the whole line when it has markup)."""
    spans: list[Span] = []
    offset = 0
    for line in text.split("\n"):
        shown = visible(line)
        if width(shown) > limit:
            start = offset + _cut(line, limit) if shown == line else offset
            spans.append((start, offset + len(line)))
        offset += len(line) + 1
    return spans


def _cut(line: str, limit: int) -> int:
    """The index in `line` of the first character beyond `limit` visible characters.

    The width of a prefix grows with its length, so a binary search finds the shortest prefix
    wider than the limit (combining marks take no room, as in the check).
    """
    lo, hi = 0, len(line)
    while lo < hi:
        mid = (lo + hi) // 2
        if width(line[: mid + 1]) > limit:
            hi = mid
        else:
            lo = mid + 1
    return lo
