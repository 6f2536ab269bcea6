"""Gates: which texts of a file an entry check needs to look at, found in one pass.

Most entry checks find nothing in most texts, and say so at once (no "..." in the text, no
bracket, no "<"): the call costs more than the test. A check may declare a `Gate`, literals
one of which every text it could report on holds, or a pattern every such text matches; the
runner joins a file's new texts with a separator and looks for each literal once in the
whole (`str.find`, which skips through text far faster than a Python call per text), or
runs the pattern once over the whole, and calls the check only on the texts holding one.
No literal holds the separator, so none is found across two texts; a pattern match that
takes in a separator lets every text through. Each gated check has a property test that no
text it reports on escapes its gate, and each pattern one that it finds in the joined texts
exactly the texts it finds one by one (tests/checks/test_check_gates.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from pipeline.checks.model import EntryUnit

SEPARATOR = "\x00"  # between the joined texts (kept out of every gate)


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.5 ms of
# start-up (its methods compiled from source), and nothing compares, hashes or prints gates.
class Gate:
    """Literals one of which every text an entry check could report on holds; or a pattern
    every such text matches."""

    def __init__(
        self,
        literals: tuple[str, ...],
        source: bool = False,  # look in the source text too (checks comparing it with the target)
        # Searched for in the joined texts: it must judge a text's start and end as it judges
        # the separator (no look-around telling them apart; \b is fine), and never match it.
        pattern: re.Pattern[str] | None = None,
    ) -> None:
        if pattern is not None:
            if literals or pattern.search(SEPARATOR):
                raise ValueError(f"a pattern gate needs no literals and no {SEPARATOR!r}")
        elif not literals or any(not lit or SEPARATOR in lit for lit in literals):
            raise ValueError(f"a gate needs literals without {SEPARATOR!r}: {literals!r}")
        self.literals: Final = literals
        self.source: Final = source
        self.pattern: Final = pattern

    @classmethod
    def of(cls, literals: Iterable[str] | re.Pattern[str], source: bool = False) -> Gate:
        """A gate from literals (a string stands for each of its characters) or a pattern."""
        if isinstance(literals, re.Pattern):
            return cls((), source, literals)
        return cls(tuple(dict.fromkeys(literals)), source)


class Texts:
    """The target (and source) texts of some units, each joined once for every gate."""

    def __init__(self, units: Sequence[EntryUnit]) -> None:
        self.units = units
        self._joined: dict[bool, str | None] = {}

    def holding(self, gate: Gate) -> set[int]:
        """The positions (in `units`) of the units whose texts hold one of the literals
        (all of them, should a text hold the separator itself)."""
        search = _holding if gate.pattern is None else _matching
        found: set[int] = set()
        for source in (False, True) if gate.source else (False,):
            joined = self._texts(source)
            some = None if joined is None else search(gate, joined)
            if some is None:
                return set(range(len(self.units)))
            found |= some
        return found

    def _texts(self, source: bool) -> str | None:
        """The texts joined, or None when one holds the separator (then a text's position
        is not the number of separators before it)."""
        if source not in self._joined:
            texts = [u.source if source else u.target for u in self.units]
            joined = SEPARATOR.join(texts)
            whole = joined.count(SEPARATOR) == len(texts) - 1
            self._joined[source] = joined if whole else None
        return self._joined[source]


def _holding(gate: Gate, joined: str) -> set[int]:
    """The texts holding a literal: one search per such text, from the start of the next.
    A text's position is the number of separators before it (counted only on a find: most
    literals are in no text of a file)."""
    found: set[int] = set()
    for literal in gate.literals:
        text, counted = 0, 0  # separators up to `counted`
        at = joined.find(literal)
        while at >= 0:
            text += joined.count(SEPARATOR, counted, at)
            found.add(text)
            end = joined.find(SEPARATOR, at)
            if end < 0:
                break
            text, counted = text + 1, end + 1
            at = joined.find(literal, counted)
    return found


def _matching(gate: Gate, joined: str) -> set[int] | None:
    """The texts in which the gate's pattern matches, from one scan of the joined texts;
    None (every text) should a match take in a separator."""
    assert gate.pattern is not None
    found: set[int] = set()
    text, counted = 0, 0  # separators up to `counted`
    for match in gate.pattern.finditer(joined):
        at, end = match.span()
        if joined.find(SEPARATOR, at, end) >= 0:
            return None
        text += joined.count(SEPARATOR, counted, at)
        counted = at
        found.add(text)
    return found
