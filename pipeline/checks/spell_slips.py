"""Slips of the hand: two letters swapped, one doubled, a key beside the right one, one left
out."""

from __future__ import annotations

import unicodedata

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# The Greek keyboard puts each letter on a Latin key (ς on w, θ on u, ψ on c, ω on v).
_GREEK_KEYS = dict(zip("ςερτυθιοπασδφγηξκλζχψωβνμ", "wertyuiopasdfghjklzxcvbnm", strict=True))


def _base(letter: str) -> str:
    """The letter without its accents (ą → a, ά → α, ł → l)."""
    return "l" if letter == "ł" else unicodedata.normalize("NFD", letter)[0]


def _key(letter: str) -> str:
    """The Latin key a letter is typed on (without its accent)."""
    plain = _base(letter)
    return _GREEK_KEYS.get(plain, plain)


def _adjacent(a: str, b: str) -> bool:
    """Whether two letters are typed on keys side by side in one row (accents aside)."""
    x, y = _key(a), _key(b)
    return any(x in row and y in row and abs(row.index(x) - row.index(y)) == 1 for row in _ROWS)


def _beside(letter: str) -> str:
    """The letters (of `letter`'s alphabet) on the keys beside its key, in its row."""
    key = _key(letter)
    keys = ""
    for row in _ROWS:
        at = row.find(key)
        if at >= 0:
            keys = row[max(at - 1, 0) : at] + row[at + 1 : at + 2]
    if _base(letter) in _GREEK_KEYS:
        return "".join(g for g, k in _GREEK_KEYS.items() if k in keys and g != "ς")
    return keys


def typing_slip(word: str, near: str) -> bool:
    """Whether `word` is `near` typed with a slip of the fingers: two letters swapped, an
    accent dropped or changed, a letter doubled, a key beside the right one (case aside)."""
    a, b = word.lower(), near.lower()
    if len(a) == len(b) + 1:
        return any(a[at] == a[at + 1] and a[:at] + a[at + 1 :] == b for at in range(len(b)))
    if len(a) != len(b):
        return False
    diff = [at for at in range(len(a)) if a[at] != b[at]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        return a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if len(diff) != 1:
        return False
    x, y = a[diff[0]], b[diff[0]]
    return _base(x) == _base(y) or _adjacent(x, y)


def undone(word: str) -> list[str]:
    """The words `word` would be without a slip of the fingers: two letters swapped back, a
    doubled letter written once, a key beside the right one put right (a few per letter;
    the case of the first letter kept)."""
    lower, size = word.lower(), len(word)
    found = [lower[:at] + lower[at + 1] + lower[at] + lower[at + 2 :] for at in range(size - 1)]
    found += [lower[:at] + lower[at + 1 :] for at in range(1, size) if lower[at] == lower[at - 1]]
    found += [lower[:at] + c + lower[at + 1 :] for at in range(size) for c in _beside(lower[at])]
    title = word[:1].isupper()
    return [w.capitalize() if title else w for w in dict.fromkeys(found) if w != lower]


# The marks a letter of the nine languages may carry (acute, grave, circumflex, tilde,
# diaeresis, breve, dot above, caron, comma below, cedilla, ogonek)
_MARKS = "\u0301\u0300\u0302\u0303\u0308\u0306\u0307\u030c\u0326\u0327\u0328"


def remarked(word: str) -> list[str]:
    """The words `word` would be with one letter given a mark, or another mark, than it
    has: Știu for Stiu, Όχι for Οχι (an accent left off or changed)."""
    found = []
    for at, letter in enumerate(word):
        base = _base(letter)
        for mark in _MARKS:
            other = unicodedata.normalize("NFC", base + mark)
            if len(other) == 1 and other != letter:
                found.append(word[:at] + other + word[at + 1 :])
    return found


def left_out(word: str, near: str) -> bool:
    """Whether `word` is `near` with one letter left out (case aside): Bosonu for Bostonu."""
    a, b = word.lower(), near.lower()
    return len(b) == len(a) + 1 and any(b[:at] + b[at + 1 :] == a for at in range(len(b)))


def hand_slip(word: str, near: str) -> bool:
    """Whether `word` is `near` with a slip of the hand: one of the fingers (`typing_slip`)
    or a letter left out. Not a letter added that doubles none beside it, nor a letter put
    for one whose key is not beside it: a change of sound (Basque gustoko for gustuko), not
    of the fingers."""
    return typing_slip(word, near) or left_out(word, near)
