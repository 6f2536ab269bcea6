"""Which sense a term's word has in a source text: a light part-of-speech guess, identifiers.

A term of the glossary may say which part of speech it means (`pos` in the CSV: `noun` or
`verb`). English marks a verb by what comes before it far more often than by its form: *to
tender*, *will tender*, *we tender*; a noun by its determiner: *a tender*, *each lot*. So the
guess looks at the one word before the match, nothing else (no tagger, no model): cheap, and
wrong only where English itself is ambiguous without more context, which a forcing context
(`require`) or an exclusion settles per concept.

Independently of the part of speech, a term word inside a code identifier (`BT-540-Lot`,
`OPT-300-Tenderer`) names a field, not the concept.
"""

from __future__ import annotations

import re
from functools import cache

# Words after which an English noun term is a verb ("wishes to tender", "will bid").
_EN_VERB_BEFORE = (
    "to", "will", "would", "shall", "should", "may", "might", "can", "could", "must",
    "cannot", "not", "we", "i", "you", "they", "who", "please", "did", "do", "does",
)  # fmt: skip
# Words after which an English verb term is a noun ("a tender for", "each bid for").
_EN_NOUN_BEFORE = (
    "a", "an", "the", "each", "every", "one", "this", "that", "these", "those", "any",
    "no", "its", "their", "our", "your", "his", "her", "whose", "which", "all", "some",
    "several", "of", "per", "first", "second", "final", "initial", "new", "best",
)  # fmt: skip
_VERB_BEFORE: dict[str, frozenset[str]] = {"en": frozenset(_EN_VERB_BEFORE)}
_NOUN_BEFORE: dict[str, frozenset[str]] = {"en": frozenset(_EN_NOUN_BEFORE)}
_DIGIT = re.compile(r"\d")


@cache
def _word_before() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"(\w+)-\Z")


@cache
def _word_after() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"-(\w+)")


def fits(pos: str, previous: str | None, lang: str, word: str = "") -> bool:
    """Whether a match of a term meaning `pos`, whose first word is `word`, can be that part
    of speech after the word `previous` (both lowercased; None at the start of the text).
    Only a base form is a verb after "to" or "will": "to tender", but "to tenders"."""
    if not pos or previous is None:
        return True
    if pos == "noun":
        return word.endswith("s") or previous not in _VERB_BEFORE.get(lang, frozenset())
    if pos == "verb":
        return previous not in _NOUN_BEFORE.get(lang, frozenset())
    return True


def in_identifier(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is glued by a hyphen to a word holding a digit (`BT-540-Lot`)."""
    before = _word_before().search(text, max(0, start - 40), start)
    if before is not None and _DIGIT.search(before.group(1)):
        return True
    after = _word_after().match(text, end)
    return after is not None and _DIGIT.search(after.group(1)) is not None
