"""Names of two words: a capitalised word beside a name no dictionary lists is part of it."""

from __future__ import annotations

from collections.abc import Callable

_SENTENCE_END = ".!?…:"
_OPENING = " \t\n\"'“”„«»‘’¡¿-–—([*#♪"


def starts_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` is the first of its sentence (or of the text)."""
    before = text[:start].rstrip(_OPENING)
    return not before or before[-1] in _SENTENCE_END


def _title(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


def in_full_name(
    at: int, tokens: list[tuple[str, int, int]], text: str, unlisted_name: Callable[[str], bool]
) -> bool:
    """Whether the capitalised word `tokens[at]` stands beside a name (one space between)
    that no dictionary lists and the check took for one (`unlisted_name`): two words of one
    full name (Ryck Vernaut, Quintilius Varus, Toki Pona), the word a slip of some name only
    by chance. Not the first word of a sentence, which its place capitalises (Ieeri Betty:
    a slip of Ieri)."""
    word, start, end = tokens[at]
    if not _title(word) or starts_sentence(text, start):
        return False
    for other in (at - 1, at + 1):
        if not 0 <= other < len(tokens):
            continue
        name, name_start, name_end = tokens[other]
        a, b = (name_end, start) if other < at else (end, name_start)
        if text[a:b] == " " and _title(name) and unlisted_name(name):
            return True
    return False
