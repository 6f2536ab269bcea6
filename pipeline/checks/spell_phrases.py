"""Words right with their neighbours: a Latin phrase, an English name, English sung or said.

- Every language here writes Latin phrases as they are (in vitro, per capita, ex parte,
  status quo; the sayings films quote: carpe diem, veni, vidi, vici), and no dictionary
  lists their words alone (vitro, capita, parte in English): a word is right where it
  stands in one with its neighbours.
- A text may name something in English (a title: "Royal Society of Chemistry"). An English
  word that is one slip of a word of the language is reported alone (French demand for
  demande); beside a capitalised English word inside the sentence that the language's
  dictionary does not know, with one space between, it is part of an English name. Not
  beside any English word: a long line left in English in a French track stays reported
  (a short one is English speech, below).
Found on the treebank sentences (tests/data/spelling/real) and the eForms SDK's labels.
- A song is often left in the language it is sung in: a line marked as sung (♪, ♫, or a #
  and a space before it, or a * before its first word, as older subtitles write) whose words
  are mostly English ones the language's dictionary lacks is English, and its English words
  are right (real Basque subtitles of OpenSubtitles 2018: “♪ Get out and don't come back”;
  Dutch “*Shame on you, shame on me”). A typo in it is no English word and stays reported.
- A character says a few words in English in a film of another language (“Thank you.”,
  “All right!”, “How are you?” in real French subtitles): a line of two to five words,
  every one an English word, more than half of them words the language lacks, is English
  speech. Half is not enough: a slip often makes an English word, and short words of the
  language are often English too (Spanish “Ya bast.”, “Mi made.” for basta, madre; Dutch
  “Over and out.” stays reported). A longer unmarked line all in English is a translation
  left undone (the Morevna Project's synfig-13, whose French file holds the English text),
  and stays reported; so does a line with one word English lacks (its typo).
- The same holds for English words in quotation marks inside a line: a term quoted as English
  names it (Dutch subtitles of 3b1b/captions: het wordt "endemic" genoemd, het "effective
  reproductive number"): one to six words, every one English, more than half of them words
  the language lacks (not "contact tracing", whose contact is Dutch).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise

from pipeline.checks.spell_names import neighbours, opens_sentence

# The Latin phrases of legal, scholarly and everyday use that the languages here write as
# Latin (lowercase; Spanish adapts per capita with an accent).
_LATIN = frozenset(
    {
        "a fortiori",
        "a posteriori",
        "a priori",
        "ad hoc",
        "ad honorem",
        "ad infinitum",
        "ad interim",
        "ad libitum",
        "ad nauseam",
        "alter ego",
        "bona fide",
        "casus belli",
        "curriculum vitae",
        "de facto",
        "de minimis",
        "de iure",
        "de jure",
        "ex aequo",
        "ex ante",
        "ex officio",
        "ex parte",
        "ex post",
        "grosso modo",
        "habeas corpus",
        "honoris causa",
        "in extremis",
        "in memoriam",
        "in situ",
        "in vitro",
        "in vivo",
        "ipso facto",
        "lato sensu",
        "manu militari",
        "modus operandi",
        "modus vivendi",
        "motu proprio",
        "mutatis mutandis",
        "ora pro nobis",
        "per capita",
        "per cápita",
        "post mortem",
        "post scriptum",
        "pro bono",
        "pro forma",
        "quid pro quo",
        "sine die",
        "sine qua non",
        "statu quo",
        "status quo",
        "stricto sensu",
        "sui generis",
        "vice versa",
    }
) | frozenset(
    # and those films and series say, as their subtitles write them: the words of these
    # counted among OpenSubtitles' 30,000 commonest of a language (orgtre/
    # top-open-subtitles-sentences, bld/top_words: cetera, mater, diem, mori, dominus,
    # semper, dei, mortis, nomine, laude, grata, culpa) and the sayings beside them
    {
        "ad astra",
        "ad hominem",
        "agnus dei",
        "alea iacta est",
        "alea jacta est",
        "alma mater",
        "carpe diem",
        "corpus delicti",
        "cum laude",
        "deus ex machina",
        "dominus vobiscum",
        "et cetera",
        "habemus papam",
        "in absentia",
        "in dubio pro reo",
        "in nomine patris",
        "in vino veritas",
        "magna cum laude",
        "magnum opus",
        "mea culpa",
        "memento mori",
        "non sequitur",
        "pater noster",
        "pax vobiscum",
        "persona non grata",
        "requiescat in pace",
        "rigor mortis",
        "semper fi",
        "semper fidelis",
        "sic transit gloria mundi",
        "summa cum laude",
        "tabula rasa",
        "terra incognita",
        "urbi et orbi",
        "veni vidi vici",
        "vox dei",
        "vox populi",
    }
)
_LONGEST = 4  # words of the longest phrase


def in_phrase(
    at: int,
    tokens: Sequence[tuple[str, int, int]],
    text: str,
    own: Callable[[str], bool],
    english: Callable[[str], bool] | None,
) -> bool:
    """Whether `tokens[at]`, which the language's dictionary (`own`) lacks, is right with its
    neighbours: part of a Latin phrase, or an English word (`english`) beside a capitalised
    one inside the sentence that only English knows."""
    for size in range(2, _LONGEST + 1):
        for first in range(max(at - size + 1, 0), min(at, len(tokens) - size) + 1):
            run = tokens[first : first + size]
            if _spaced(run, text) and " ".join(w.lower() for w, _, _ in run) in _LATIN:
                return True
    if english is None or not english(tokens[at][0]):
        return False
    return any(
        near[:1].isupper() and not opens_sentence(text, start) and english(near) and not own(near)
        for near, start, _ in neighbours(tokens, at, text)
    )


def _spaced(run: Sequence[tuple[str, int, int]], text: str) -> bool:
    """Whether the words of `run` stand one space apart, or a comma and a space (Veni,
    vidi, vici; vox populi, vox dei)."""
    return all(text[a[2] : b[1]] in (" ", ", ") for a, b in pairwise(run))


# The marks subtitles put around a sung line (♪ … ♪); older files write # or * for ♪.
_SUNG = ("♪", "♫", "♬", "♩")
# Words of a line of English speech in another language's track (Thank you., How are you?).
_SAID = (2, 5)
# A quotation inside a line, in the marks the languages here use, and its longest in words.
# Single quotation marks ('…', ‘…’) open where no letter stands before them and close where
# none follows, not before a word of one letter (Dutch 't, 's); inside, the same mark
# between two letters is an apostrophe (don't, l’Union).
_QUOTED = re.compile(
    r'"([^"\n]+)"|“([^”\n]+)”|„([^”“"\n]+)[”“"]|«([^»\n]+)»'
    r"|(?<!\w)'(?=\S)(?!\w\b)((?:[^'\n]|(?<=\w)'(?=\w))+)(?<=\S)'(?!\w)"
    r"|‘(?=\S)((?:[^’\n]|(?<=\w)’(?=\w))+)(?<=\S)’(?!\w)"
)
_QUOTED_WORDS = 6


def english_words(
    tokens: Sequence[tuple[str, int, int]],
    text: str,
    own: Callable[[str], bool],
    english: Callable[[str], bool],
) -> frozenset[int]:
    """The positions in `tokens` of the words that stand in English in `text`: all of them
    in a song sung in English (`sung_in_english`), else those of each line of English speech
    (two to five words, all of them English, more than half of them words the language's
    dictionary, `own`, lacks) or in quotation marks inside a line (one to six such words). A
    long line left in English is a translation left undone."""
    if sung_in_english(tokens, text, own, english):
        return frozenset(range(len(tokens)))
    lines: dict[int, list[int]] = {}
    line = read = 0  # the line of the last word, the text read up to it
    for at, (_, start, _) in enumerate(tokens):
        line, read = line + text.count("\n", read, start), start
        lines.setdefault(line, []).append(at)
    found: set[int] = set()
    for places in lines.values():
        words = [tokens[at][0] for at in places]
        if _SAID[0] <= len(words) <= _SAID[1] and _in_english(words, own, english):
            found.update(places)
    starts = [start for _, start, _ in tokens]
    for quote in _QUOTED.finditer(text):
        first, last = bisect_right(starts, quote.start()), bisect_left(starts, quote.end())
        words = [word for word, _, _ in tokens[first:last]]
        if 0 < len(words) <= _QUOTED_WORDS and _in_english(words, own, english):
            found.update(range(first, last))
    return frozenset(found)


def _in_english(
    words: list[str], own: Callable[[str], bool], english: Callable[[str], bool]
) -> bool:
    """Whether a few words are English said or quoted: every one an English word, more than
    half of them words the language (`own`) lacks."""
    return all(map(english, words)) and 2 * sum(1 for word in words if not own(word)) > len(words)


def with_clipped(
    english: Callable[[str], bool], tokens: Sequence[tuple[str, int, int]], text: str
) -> Callable[[str], bool]:
    """English's verdict on the words of `text`, its speech clipped at a word's end taken
    in: a word written with an apostrophe for its dropped g (“♪ Talkin' 'bout my
    generation” in real Basque subtitles) is English where English has it whole."""
    from pipeline.checks.spell_rules import clipped

    said = {word for word, _, end in tokens if clipped(word, text[end : end + 1], "en", english)}
    if not said:
        return english
    return lambda word: word in said or english(word)


def sung_in_english(
    tokens: Sequence[tuple[str, int, int]],
    text: str,
    own: Callable[[str], bool],
    english: Callable[[str], bool],
) -> bool:
    """Whether `text` is a line sung in English: marked as sung, and two of its words or
    more, half of them at least, are words English knows and the language's dictionary
    (`own`) does not. A dialogue line left in English is no song (`english_words`)."""
    opening = text.lstrip()[:2]
    marked = opening == "# " or (opening[:1] == "*" and opening[1:].isalpha())
    if not (marked or any(mark in text for mark in _SUNG)):
        return False
    foreign = sum(1 for word, _, _ in tokens if english(word) and not own(word))
    return foreign >= 2 and 2 * foreign >= len(tokens)
