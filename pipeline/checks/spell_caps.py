"""Words in capitals where a whole line is written in capitals: a title card, a sign, a
sound described in brackets (“[DOOR CLOSES]”, “C'EST DANGEREUX !”, “CIĄG DALSZY NASTĄPI”).

Elsewhere a word in capitals is an acronym and is not looked up (spell_words.skip); in such
a line it is a word like any other, and a typo in it is as plain to see. Names and acronyms
are written in capitals there too (NETFLIX, NCIS), so a word is reported only when it is a
slip on a word the dictionary knows, looked up in small letters: a slip of the hand
(spell_slips.hand_slip: “CLOSSES”, closes), or any one slip on one of the words the
language's subtitles write most (spell_common: “I IOVE YOU”); not “NYPD”. Greek capitals
drop their accents (ΕΠΙΚΙΝΔΥΝΟ), which Hunspell's Greek dictionary does not put back: a
word is looked up with its accent put on each vowel in turn, and reported when a slip
undone makes one of those a dictionary word (spell_greek_caps: ΕΙΜΙΑ, είμαι).

A word of two capitals then small letters, in any line, is an acronym with an ending (CDs,
EBko) or a slip of the shift key: held a letter too long (THe, WHat) or a capital typed
before the word (TWait, NQuero). `shift_slip` tells them apart by the word the slip would
come from, which must be one the language's subtitles write most (spell_common).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.checks.spell_words import blank

_SHORTEST = 4  # letters of the shortest word looked up (not NBE, EST) ...
_ALONE = 5  # ... and of a word alone in its line, which may be an acronym called (“LAPD!”)
_LETTERS = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")  # letters, joined: DIDN'T, WALL-E


def caps_words(text: str) -> list[tuple[str, int, int]]:
    """The words of four letters or more (five when alone in the line), with their
    offsets, of each line of `text` that has capital letters and no small one (markup and
    addresses left out, spell_words.blank). Letters joined by an apostrophe or a hyphen are
    one word, looked up as one (DIDN'T, C'EST, AJUDÁ-LO), its letters counted. Measured in
    tests/data/spelling/subtitles/README.md (`--capitals`)."""
    found: list[tuple[str, int, int]] = []
    offset = 0
    for line in blank(text).split("\n"):
        if line.isupper():  # a cased letter, and no small one
            runs = list(_LETTERS.finditer(line))
            shortest = _ALONE if len(runs) == 1 else _SHORTEST
            found += [
                (match.group(), offset + match.start(), offset + match.end())
                for match in runs
                if sum(map(str.isalpha, match.group())) >= shortest
            ]
        offset += len(line) + 1
    return found


def shift_slip(word: str, right: Callable[[str], bool], common: Callable[[str], bool]) -> bool:
    """Whether a word of two capitals then small letters is a slip of the shift key on a
    word the language's subtitles write most (`common`) and its dictionary knows (`right`):
    the second capital made small (THe: The; WHat: What), or the first letter left out of
    four or more (TWait: Wait; HUnknown: Unknown). Not an acronym with an ending: CDs, IDs
    (Ids is no common word), EBko, TVs (Vs is too short to tell). Measured on 3,000 real
    subtitle lines in each of nine languages: recall of planted typos 0.957–0.984 →
    0.968–0.994 (a capital typed before the word was never caught), no new false alarm
    there nor on the treebank, Tatoeba and subtitle sets.
    A word of a small letter then a capital is a slip when its first two letters swapped
    make a dictionary word (hTis: This; mAerica: America) or it is a common word with the
    shift pressed late (tHere: there); not eSender, iPhone, eBay (names so written)."""
    if right(word):
        return False
    nears = [word[0] + word[1:].lower()]
    if word[0].islower():
        return (common(nears[0]) and right(nears[0])) or right(word[1] + word[0] + word[2:])
    if len(word) >= 4:
        nears.append(word[1:])
    return any(common(near) and right(near) for near in nears)
