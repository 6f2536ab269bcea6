"""Words right where they stand: elided or clipped before an apostrophe, or a compound's part.

Greek drops a vowel where words meet and writes an apostrophe for it (spell_rules.elided);
English and Spanish subtitles write speech that clips a word's end with an apostrophe in
its place (goin', pa': spell_rules.clipped).
Dutch, German, Polish and English write two compounds that share their last part once,
leaving a hyphen where it would be on the first (overheids- of bedrijfsinstellingen, in- en
uitvoer, dwu- i trzyletnie). The first part alone may be in no dictionary; put together
with a last part of the compound that follows, it is a word of the language
(overheidsinstellingen). Found on real subtitles: the Dutch (nl_BE) subtitles of the Tor
Project's animation. A typo in the part still makes no word with any part of the other
(overheisd- of bedrijfsinstellingen). (The other way round, bedrijfsinstellingen en
-organisaties, leaves a part that is a word on its own.)
Greek written with the accent of a first capital as an apostrophe before it ('Οχι: Όχι;
spell_rules.tonos_before).
Speech cut off and started again: a word broken off before an ellipsis or a dash and said
whole right after it (“Wha... What the?”: Morevna Project subtitles, OpenSubtitles lines).
An ending written as an option right after its word, as EU texts write a plural or a case
that may or may not apply (modificação(ões), opatrzonej(-ych), αγοραστή/-ές, της/των
τροποποίησης/-εων: the eForms SDK's own labels): the word with that ending is a word of
the language; a slip in the ending makes none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pipeline.checks.spell_rules import (
    TONOS,
    accent_moved,
    clipped,
    compound,
    elided,
    tonos_before,
)

_NEAR = 3  # words between the part and the compound that completes it (of, en, i, and, a comma)
_SHARED = 3  # letters of the shared part, at least
_SPACES = (" ", "\u00a0", "\u202f")


def in_place(
    tokens: Sequence[tuple[str, int, int]],
    at: int,
    text: str,
    lang: str,
    right: Callable[[str], bool],
) -> bool:
    """Whether `tokens[at]`, which the dictionary (`right`) lacks, is right where it stands:
    a vowel elided before or after it, its end clipped before an apostrophe, an abbreviation
    the dictionary lists with the period after it, or a part sharing a compound's other
    part."""
    word, start, end = tokens[at]
    before, after = text[start - 1 : start] if start else "", text[end : end + 1]
    if elided(word, before, after, lang, right) or clipped(word, after, lang, right):
        return True
    if tonos_before(word, before, lang, right):  # 'Οχι: Όχι
        return True
    if after == "." and right(word + "."):  # an abbreviation the dictionary lists (dhr.)
        return True
    if _cut_off(tokens, at, text) or _optional_ending(tokens, at, text, right):
        return True
    if after != "-" or text[end + 1 : end + 2] not in (*_SPACES, ","):
        return False
    return _shared(tokens, at, lambda w: right(w) or compound(w, lang, right))


# What follows a word cut off in speech before the speaker starts it again: an ellipsis or
# a dash, then a space (“Wha... What the?”, “Th- That's it.”).
_CUT = re.compile(r"(?:\.{2,}|…|-{1,2}|–|—)\s*")


def _cut_off(tokens: Sequence[tuple[str, int, int]], at: int, text: str) -> bool:
    """Whether `tokens[at]` is a word cut off and said again whole right after it: the next
    word starts with it (Wha... What). A slip in the cut word makes it no start of the word
    said (Whq... What); the word said whole is checked on its own."""
    if at + 1 >= len(tokens):
        return False
    word, _, end = tokens[at]
    following, start, _ = tokens[at + 1]
    cut = _CUT.fullmatch(text, end, start)
    return (
        cut is not None
        and len(following) > len(word)
        and following.lower().startswith(word.lower())
    )


# What joins an optional ending to its word, and how long such an ending is at most.
_OPTION_MARKS = ("(", "(-", "/-")
_OPTION_LONGEST = 6
_OPTION_CUT = 3  # letters of the word's own ending it may take the place of (ção: ções)


def _optional_ending(
    tokens: Sequence[tuple[str, int, int]], at: int, text: str, right: Callable[[str], bool]
) -> bool:
    """Whether `tokens[at]` is an ending written as an option right after the word before
    it (modificação(ões), αγοραστή/-ές): put in place of none to three of that word's last
    letters, it makes a dictionary word (`right`), with a Greek accent moved where the
    ending takes it (τροποποίησης/-εων: τροποποιήσεων)."""
    if at == 0:
        return False
    ending, start, end = tokens[at]
    word, _, word_end = tokens[at - 1]
    mark = text[word_end:start]
    if mark not in _OPTION_MARKS or len(ending) > _OPTION_LONGEST or not ending.islower():
        return False
    if mark[0] == "(" and text[end : end + 1] != ")":
        return False
    for cut in range(min(_OPTION_CUT, len(word) - 1) + 1):
        whole = word[: len(word) - cut] + ending
        if right(whole):
            return True
        if any(letter in TONOS for letter in whole) and accent_moved(whole, right):
            return True
    return False


def _shared(tokens: Sequence[tuple[str, int, int]], at: int, right: Callable[[str], bool]) -> bool:
    """Whether `tokens[at]`, written with a hyphen after it, and the last part of a compound
    near it (overheids- of bedrijfsinstellingen) together are a word (`right`)."""
    word = tokens[at][0]
    for other, _, _ in tokens[at + 1 : at + 1 + _NEAR]:
        tails = (other[cut:] for cut in range(1, len(other) - _SHARED + 1))
        if any(right(word + tail) for tail in tails):
            return True
    return False
