"""Greek words in capitals, which drop their accents (ΕΠΙΚΙΝΔΥΝΟ, ΕΙΜΑΙ): the forms a word
may stand for, its accent put back on each vowel in turn, and the words a slip on one of
them explains. Hunspell's Greek dictionary does not put the accent back, and suggests
nothing two edits away (an accent and a slip), so the accent is put back first."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# letters of the longest Greek word given an accent on each vowel in turn (the dictionary's
# longest are about 25: αντισυνταγματικότατα has 20)
_LONGEST = 30


def accented(word: str) -> list[str]:
    """A Greek word of a line in capitals, in small letters, as it is and with the accent on
    each of its vowels in turn (ειμαι: είμαι, ειμάι, …): one of them is how it is written."""
    from pipeline.checks.spell_rules import ACCENT_ON, GREEK_ACCENTED

    if len(word) > _LONGEST or any(letter in GREEK_ACCENTED for letter in word):
        return [word]
    return [word] + [
        word[:at] + ACCENT_ON[letter] + word[at + 1 :]
        for at, letter in enumerate(word)
        if letter in ACCENT_ON
    ]


def greek_slip(
    word: str,
    right: Callable[[str], bool],
    suggest: Callable[[str], list[str]],
    common: Callable[[str], bool],
) -> list[str]:
    """The words a Greek word of a line in capitals, in small letters, is a slip on: with
    its accent put back on a vowel (`accented`), a slip of the fingers undone
    (spell_slips.undone) makes a dictionary word or a name (`right`: ειμια, είμαι; αθηννα,
    Αθήνα), or the dictionary suggests a word that one slip of the hand explains, or a word
    the subtitles write most (`common`) that any one slip explains (`suggest`: πρόσφρα,
    πρόσφορα). Written in capitals as the line is (ΕΙΜΑΙ); none when no slip."""
    from pipeline.checks.spell_slips import hand_slip, undone

    if len(word) > _LONGEST:
        return []  # no word: a run of letters (hostile input) would cost its length cubed
    # a slip moves the last letter (ΠΟΙΣΟ, ΠΟΙΟΣΣ): σ, undone, is ς there
    slips = [_final_sigma(slip) for slip in undone(word.replace("ς", "σ"))]
    found = [near for slip in slips for near in accented(slip) if right(near)]
    if not found:
        found = [
            near
            for form in accented(word)
            for near in suggest(form)
            if hand_slip(form, near) or common(near)
        ]
    return list(dict.fromkeys(capitals(near) for near in found))


def _final_sigma(word: str) -> str:
    """A Greek word in small letters with its last σ written ς."""
    return word[:-1] + "ς" if word.endswith("σ") else word


def capitals(text: str) -> str:
    """A Greek text in capitals, which drop the accent and keep the diaeresis (ΠΡΩΪΝΟ)."""
    bare = unicodedata.normalize("NFD", text.upper()).replace("\u0301", "")
    return unicodedata.normalize("NFC", bare)
