"""Realistic typing slips planted in real lines, the way a fair held-out set is built.

    plant(line, lang, seed, is_word) -> Planted | None

One slip per line, in one word of at least four letters that the dictionary knows (a word it
does not know, a name, is no fair place for a typo it is asked to find): two adjacent letters
swapped, a letter dropped, a letter doubled, a letter replaced by its neighbour on the
keyboard, or an accent dropped or changed (ș → s, ą → a, é → è, ά → α). A slip whose result is
itself a word of the dictionary (`is_word`) is not a typo a spelling check can see, so it is
not planted; the next candidate is tried. Everything is decided by a random generator seeded
with (seed, lang, line), so the same lines give the same typos on every machine.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MIN_LETTERS = 4
_WORD = re.compile(r"[^\W\d_]+")  # runs of letters: the words a slip may go into
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# The Greek keyboard puts each letter on a Latin key (ς on w, θ on u, ψ on c, ω on v).
_GREEK_KEYS = dict(zip("ςερτυθιοπασδφγηξκλζχψωβνμ", "wertyuiopasdfghjklzxcvbnm", strict=True))
_LATIN_GREEK = {v: k for k, v in _GREEK_KEYS.items() if k != "ς"}
# Letters with an accent each language writes, to change one accent for another.
ACCENTED = {
    "en": "",
    "eu": "ñ",
    "nl-BE": "éëèïöüá",
    "fr": "éèêëàâîïôûùüçœ",
    "el": "άέήίόύώϊϋΐΰ",
    "pl": "ąćęłńóśźż",
    "pt-PT": "áàâãçéêíóôõú",
    "ro": "ăâîșț",
    "es": "áéíóúñü",
}
KINDS = ("swap", "drop", "double", "neighbour", "accent")
# Slips no keyboard explains, for a harsher set (`--kinds`): any letter of the language put
# for one, or added anywhere (a held-out set may plant typos at random, not by the keyboard).
BLIND_KINDS = ("replace", "insert")
_GREEK = "αβγδεζηθικλμνξοπρστυφχψω"


@dataclass(frozen=True)
class Planted:
    """A line with one slip: the new line, the word as written and as it was, and the kind."""

    line: str
    typo: str
    word: str
    kind: str


def base(letter: str) -> str:
    """The letter without its accents (ș → s, ł → l, ά → α)."""
    if letter in "łŁ":
        return "l" if letter == "ł" else "L"
    decomposed = unicodedata.normalize("NFD", letter)
    return decomposed[0]


def _neighbours(letter: str) -> str:
    """The letters on the keys next to `letter` on its row (QWERTY; Greek on Latin keys)."""
    lower = letter.lower()
    greek = lower in _GREEK_KEYS
    key = _GREEK_KEYS.get(lower, base(lower))
    found = ""
    for row in _ROWS:
        at = row.find(key)
        if at >= 0:
            found = row[max(at - 1, 0) : at] + row[at + 1 : at + 2]
    if greek:
        found = "".join(_LATIN_GREEK.get(k, "") for k in found)
    return found.upper() if letter.isupper() else found


def alphabet(lang: str) -> str:
    """The lowercase letters a blind slip may put in a word of the language."""
    if lang == "el":
        return _GREEK + ACCENTED["el"]
    return "abcdefghijklmnopqrstuvwxyz" + ACCENTED.get(lang, "")


def _blind(word: str, kind: str, lang: str) -> Iterator[str]:
    """Every blind slip of one kind: a letter replaced by any other, or any letter added."""
    for at in range(len(word) + (kind == "insert")):
        for letter in alphabet(lang):
            if at < len(word) and word[at].isupper():
                letter = letter.upper()
            if kind == "insert":
                yield word[:at] + letter + word[at:]
            elif letter != word[at]:
                yield word[:at] + letter + word[at + 1 :]


def _slips(word: str, kind: str, lang: str) -> Iterator[str]:
    """Every slip of one kind in a word, in order of position."""
    if kind in BLIND_KINDS:
        yield from _blind(word, kind, lang)
        return
    size = len(word)
    if kind == "swap":
        for at in range(size - 1):
            if word[at] != word[at + 1]:
                yield word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == "drop":
        for at in range(size):
            yield word[:at] + word[at + 1 :]
    elif kind == "double":
        for at in range(size):
            yield word[:at] + word[at] + word[at:]
    elif kind == "neighbour":
        for at in range(size):
            for letter in _neighbours(word[at]):
                yield word[:at] + letter + word[at + 1 :]
    elif kind == "accent":
        accented = ACCENTED.get(lang, "")
        for at in range(size):
            letter = word[at]
            lower = letter.lower()
            if base(lower) == lower:
                continue  # no accent to drop or change
            others = [base(lower)] + [c for c in accented if base(c) == base(lower) and c != lower]
            for other in others:
                yield word[:at] + (other.upper() if letter.isupper() else other) + word[at + 1 :]


def plant(
    line: str,
    lang: str,
    seed: int,
    is_word: Callable[[str], bool],
    kinds: tuple[str, ...] = KINDS,
) -> Planted | None:
    """The line with one realistic slip in one known word (of one of `kinds`), or None when
    no slip fits."""
    rng = random.Random(f"{seed}|{lang}|{line}")
    spans = [m for m in _WORD.finditer(line) if len(m.group()) >= MIN_LETTERS]
    rng.shuffle(spans)
    for match in spans:
        word = match.group()
        if not is_word(word):
            continue
        order = list(kinds)
        rng.shuffle(order)
        for kind in order:
            options = sorted(set(_slips(word, kind, lang)) - {word})
            rng.shuffle(options)
            for typo in options:
                if not is_word(typo):
                    new = line[: match.start()] + typo + line[match.end() :]
                    return Planted(new, typo, word, kind)
    return None
