"""Translation units, their origins, and the word tokens near matches are scored on."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Punctuation and symbols become words of their own: "procurement." and "procurement" share
# the word, and a changed mark costs one word, not the whole one it stuck to.
_MARKS = "".join(chr(c) for c in range(0x21, 0x3000) if unicodedata.category(chr(c))[0] in "PS")
_SPLIT = str.maketrans({mark: f" {mark} " for mark in _MARKS})
# The same tokens, found in one pass of C for many texts at once: a mark, a NUL (that
# separates the texts), or a run of anything else but white space (str.split's).
_ESCAPED = re.escape(_MARKS)
_TOKEN = re.compile(rf"[{_ESCAPED}]|\x00|[^\s\x00{_ESCAPED}]+")


def tokens(text: str) -> list[str]:
    """The words and marks of `text`, case-folded (line breaks and spacing do not count)."""
    return text.casefold().translate(_SPLIT).split()


def token_stream(texts: list[str]) -> list[str]:
    """The tokens of every text, each text's followed by a NUL: all found in one pass of C
    (a memory's 40,000 sources cost a tenth of what they cost one by one)."""
    together = "\x00".join(texts) + "\x00"
    if together.count("\x00") != len(texts):  # a text holds a NUL: one by one
        stream: list[str] = []
        for text in texts:
            stream += tokens(text)
            stream.append("\x00")
        return stream
    return _TOKEN.findall(together.casefold()) if texts else []


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
