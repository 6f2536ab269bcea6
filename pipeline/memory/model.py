"""Translation units, their origins, and the word tokens near matches are scored on."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# Punctuation and symbols become words of their own: "procurement." and "procurement" share
# the word, and a changed mark costs one word, not the whole one it stuck to.
_SPLIT = str.maketrans(
    {chr(c): f" {chr(c)} " for c in range(0x21, 0x3000) if unicodedata.category(chr(c))[0] in "PS"}
)
MARKS = "".join(sorted(map(chr, _SPLIT)))  # the characters that are words of their own


def tokens(text: str) -> list[str]:
    """The words and marks of `text`, case-folded (line breaks and spacing do not count)."""
    return text.casefold().translate(_SPLIT).split()


@dataclass
class Unit:
    """One translation in the memory: a source text, its translation, where it was found.

    `origins` lists every place holding the same pair (`video/pl.po`, `glossary/memory/pl.tmx`),
    in the order found: the first is shown, the count ranks competing translations.
    """

    source: str
    target: str
    lang: str
    origins: list[str] = field(default_factory=list)
    note: str = ""  # a TMX note or the tool it came from (kept through export and import)

    @property
    def origin(self) -> str:
        """Where the pair was first found."""
        return self.origins[0] if self.origins else ""


@dataclass(frozen=True)
class Match:
    """A unit found for a text: exact (same source text) or near, with its score (0-100)."""

    unit: Unit
    score: float
    exact: bool

    def describe(self) -> str:
        """`video/pl.po` or `video/pl.po (82%)`, for comments and reports."""
        more = len(self.unit.origins) - 1
        where = self.unit.origin + (f" (+{more} more)" if more > 0 else "")
        return where if self.exact else f"{where} ({self.score:.0f}%)"
