"""Words that mix scripts: a Latin letter in a Greek word, a Cyrillic one in a Latin word.

Such a word looks right and is not: `Mέτρα` with a Latin M (the eForms SDK's own Greek
labels write Mέτρα, Lίστα, Aκύρωση, Hμερομηνία), `сharacter` with a Cyrillic с. A reviewer
told only that "Mέτρα" is not in the dictionary, with Μέτρα suggested, sees two identical
words; the message names the stray letters and puts first the word they were meant to make:
each stray letter put back as the letter it looks like (Latin M: Greek Μ), or, for a Greek
word, as the letter of its key on a Greek keyboard (Latin L: Λ, typed before the layout
was switched).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import product

# Letters of another script that look like a Latin or Greek one (capitals and small).
_LOOKS_GREEK = dict(zip("ABEHIKMNOPTXYZaiokuvxp", "ΑΒΕΗΙΚΜΝΟΡΤΧΥΖαιοκυνχρ", strict=True))
_LOOKS_LATIN = dict(
    zip(
        "АВЕКМНОРСТХаеорсхуіјѕΑΒΕΗΙΚΜΝΟΡΤΧΥΖαοινκ",
        "ABEKMHOPCTXaeopcxyijsABEHIKMNOPTXYZaoivk",
        strict=True,
    )
)
# The Greek letter on each Latin key of the Greek keyboard.
_GREEK_KEYS = dict(zip("abcdefghijklmnoprstuvxyz", "αβψδεφγηιξκλμνοπρστθωχυζ", strict=True))
_MOST = 4  # stray letters a word may have for its fixes to be tried (2 ways each)
JOINS = re.compile("[-'’]")  # what joins the parts of a word (Bourg-Achard, d'Inari)
# The scripts whose letters look alike (not º, µ, ª: signs, of no script to mix).
_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})


def _script(letter: str) -> str:
    """A letter's script, by its Unicode name: LATIN, GREEK, CYRILLIC, …"""
    return unicodedata.name(letter, "?").split()[0]


def _own(lang: str) -> str:
    """The script a language is written in."""
    return "GREEK" if lang == "el" else "LATIN"


def mixes_scripts(word: str) -> bool:
    """Whether a word, or a part of it between hyphens or apostrophes, has letters of two of
    the scripts Latin, Greek and Cyrillic (Mέτρα, сharacter-2, and maths' sinθ, Δx; not
    α-helix)."""
    if word.isascii():
        return False
    return any(
        len({_script(letter) for letter in part if letter.isalpha()} & _SCRIPTS) > 1
        for part in JOINS.split(word)
    )


def stray_letters(word: str, lang: str) -> tuple[str, str] | None:
    """The letters of `word` that are not of its language's script, and that script's name
    (`("M", "Greek")` for Mέτρα in Greek), or None when the word is of one script."""
    if not mixes_scripts(word):
        return None
    own = _own(lang)
    letters = [letter for letter in word if letter.isalpha()]
    if not any(_script(letter) == own for letter in letters):
        return None  # Greek and Cyrillic in a French line: no letter of its own to go by
    stray = "".join(letter for letter in letters if _script(letter) in _SCRIPTS - {own})
    return stray, own.capitalize()


def fixes(word: str, lang: str, right: Callable[[str], bool]) -> list[str]:
    """The words of the dictionary (`right`) that `word` makes with its stray letters put
    back in its language's script: as the letters they look like, or (Greek) as the
    letters of their keys."""
    own = _own(lang)
    places = [at for at, letter in enumerate(word) if _script(letter) in _SCRIPTS - {own}]
    if not places or len(places) > _MOST:
        return []
    ways: list[list[str]] = []
    for at in places:
        letter = word[at]
        if own == "GREEK":
            key = _GREEK_KEYS.get(letter.lower(), "")
            choices = [_LOOKS_GREEK.get(letter, ""), key.upper() if letter.isupper() else key]
        else:
            choices = [_LOOKS_LATIN.get(letter, "")]
        ways.append(list(dict.fromkeys(choice for choice in choices if choice)))
    found: list[str] = []
    for chosen in product(*ways):
        letters = list(word)
        for at, letter in zip(places, chosen, strict=True):
            letters[at] = letter
        fixed = "".join(letters)
        if fixed not in found and right(fixed):
            found.append(fixed)
    return found
