"""The words of a subtitle the spelling check looks up, and the words it must never flag.

A cue's text loses its markup, web and e-mail addresses, hashtags (#MakingSpendMatter) and
@handles (each replaced by spaces, so offsets still point into the original text); what is
left is cut into words of letters, joined by inner apostrophes and hyphens. Words with a
digit (2026ko, COVID-19), acronyms (two capitals first: NBE, EBko, PYMEs; but a line all in
capitals has its words looked up by spell_caps) and names
with a capital inside (McClane, DiNozzo: a small letter, then a capital) are not looked
up, nor names in code: joined by underscores (coa_tools), with a plus after them
(magick++), numbered after a hyphen (bg-forest-1, Mi-8). Words that are right but in no
dictionary: the project's word list (`glossary/words/<lang>.txt`, with the inflected forms
the glossary's ending tables make of its words), the glossary's terms (where the glossary
matcher finds them), and the names the source text writes, unchanged or with an ending
added (Koszalin → Koszalinie).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, partial
from itertools import pairwise
from typing import TYPE_CHECKING

from pipeline.checks.spell_scripts import fixes, mixes_scripts, stray_letters
from pipeline.checks.text import COMBINING_MARKS, tag

if TYPE_CHECKING:
    from pipeline.checks import spell_dict


@cache
def _marked() -> re.Pattern[str]:
    """What lies between spaces, when it holds a mark an address, a hashtag or a handle
    needs (every other piece is left as it is): from a piece's start only (linear: one
    pass). Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"(?<!\S)\S*?(?:[/@#]|www\.)\S*")


# A word: letters (and digits, to skip it whole), joined by single apostrophes or hyphens;
# invisible characters inside it (a soft hyphen: fun\u00adciona) are the `invisible-character`
# check's business: they stay in the word's span and are left out of what is looked up.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_MARKED = re.compile(f".[{COMBINING_MARKS}]+")  # one letter with marks over it
# Combining marks no letter composes with (d and U+0301, a mark typed twice): part of the
# word they stand in, which is looked up with them (tend́er is no word), not cut in two
# words the dictionary knows (tend, er).
# (runs of letters, or of invisible characters, rather than one letter at a time: the same
# matches, a fifth faster)
_LETTERS = f"(?:[^\\W_]+|[{_INVISIBLE}]+)(?:[^\\W_]+|[{_INVISIBLE}]+|[{COMBINING_MARKS}]+)*"
# (one group, the whole word: re.split gives the words and what is between them)
WORD = re.compile(f"({_LETTERS}(?:['’\\-]{_LETTERS})*)")
_DROP_INVISIBLE = str.maketrans("", "", _INVISIBLE)
APOSTROPHES = "'’"


@cache
def _entity() -> re.Pattern[str]:
    """An HTML character reference left in a subtitle (&lt; &amp; &#39;): markup, not a
    word. Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{1,6}|#[xX][0-9a-fA-F]{1,6});")


_UNIT_MAX = 3  # letters of a unit written after a number (130 mp, 1 dm, 101 min)
_ABBREVIATION_MAX = 3  # letters of a word a period closes that is taken for an abbreviation
_NAME_TAIL = 4  # letters an inflected name may add to the name the source writes
_NAME_MIN = 4  # shortest name of the source that an inflected form is recognised from
_PREFIXED_NAME = 3  # letters of a name with one small letter first, more than (eBay, iPad)


def blank(text: str) -> str:
    """The text with markup, character references (&lt;), addresses, hashtags and handles
    replaced by spaces (same length)."""
    if "<" in text or "{" in text:
        text = tag().sub(lambda m: " " * len(m.group()), text)
    if "&" in text:
        text = _entity().sub(lambda m: " " * len(m.group()), text)
    if "/" in text or "@" in text or "#" in text or "www." in text:
        text = _marked().sub(_blank_piece, text)
    return text


def _blank_piece(match: re.Match[str]) -> str:
    """A piece of text between spaces, with its address, hashtag or handle blanked: a web or
    e-mail address is the whole piece; a hashtag or handle runs from its # or @ on."""
    piece = match.group()
    if "://" in piece or piece.startswith("www.") or ("@" in piece and piece[0] != "@"):
        return " " * len(piece)
    for mark in "#@":
        at = piece.find(mark)
        if at >= 0 and at + 1 < len(piece) and piece[at + 1].isalnum():
            return piece[:at] + " " * (len(piece) - at)
    return piece


def skip(word: str) -> bool:
    """Words never looked up: one letter (with marks over it too: a vector v̅, x̂ in a
    formula), with a digit, an acronym (two capitals first, but not one capital typed
    twice), or a name with a capital inside (McClane). (`words` hands a word of one small
    letter on a capitalised name, eSender, hTis, over to the shift-slip test.)"""
    if not word:
        return True
    if len(word) < 2 or any(c.isdigit() for c in word):
        return True
    if not word[1].isalpha() and _MARKED.fullmatch(word):  # a mark is no letter
        return True
    if not word[0].isupper():
        return False
    # a capital typed twice (DDans, OOhiko) is a slip, not an acronym
    slip = word[0] == word[1] and word[2:3].islower()
    return (word[1].isupper() and not slip) or _camel(word)


def words(
    text: str, shifted: list[tuple[str, int, int]] | None = None
) -> list[tuple[str, int, int]]:
    """The words of a text to look up, with their offsets in it. Not looked up: a word right
    after a period (E.B.ren, a file name), a short word after a number (a unit: 130 mp,
    101 min), a short word a period closes (an abbreviation: sáb., Th., dvs.). A word of
    two capitals then small letters (CDs, EBko; THe, TWait) is an acronym with an ending
    or a slip of the shift key, and one of a small letter then a capitalised name of four
    letters or more (eSender, iPhone; tHere) a name so written or such a slip: it goes to
    `shifted`, when given, for spell_caps.shift_slip to tell which."""
    shown = blank(text)
    found: list[tuple[str, int, int]] = []
    # the text cut into [between, word, between, word, …, between]: the words and their
    # offsets without a match object each (two words always have something between them)
    pieces = WORD.split(shown)
    coded = "_" in shown or "+" in shown  # a name in code may stand in it (coa_tools)
    end = 0
    for at in range(1, len(pieces), 2):
        before = pieces[at - 1]
        start = end + len(before)
        word = pieces[at]
        size = len(word)
        end = start + size
        if before[-1:] == ".":
            continue  # after a period with no space: an abbreviation (E.B.ren), a file name
        if coded and _code_name(shown, start, end):
            continue  # a name in code: coa_tools, magick++, Notepad++
        if size <= _UNIT_MAX and (
            _after_number(shown, start) or (pieces[at + 1][:1] == "." and _abbreviated(shown, end))
        ):
            continue
        if word.isalpha():  # most words: letters only, so no digit, no hyphen (skip's fast path)
            if size < 2:
                continue
            first, second = word[0], word[1]
            if (
                first.isupper()
                and second.isupper()
                and (first != second or not word[2:3].islower())
            ):
                if shifted is not None and size > 2 and word[2:].islower():
                    shifted.append((word, start, end))
                continue  # an acronym (NBE, EBko), not a capital typed twice (DDans)
            if first.isupper() and _camel(word):
                continue  # a name in two capitals (McClane, DiNozzo), a credit's handle
            if second.isupper() and _small_first(word):
                if shifted is not None:  # a name (eSender, iPhone, eBay) or a slip (tHere)?
                    shifted.append((word, start, end))
                continue
            found.append((word, start, end))
            continue
        word = word.translate(_DROP_INVISIBLE) if not word.isalnum() else word
        if "-" in word and word.rpartition("-")[2].isdigit() and not mixes_scripts(word):
            continue  # numbered: a file (bg-forest-1), a model (Mi-8, F-16); not сharacter-2
        if not skip(word) or ("-" in word and not all(map(skip, word.split("-")))):
            found.append((word, start, end))  # 236th-leveel, WK-kwalificatie: its parts
    return found


def _code_name(text: str, start: int, end: int) -> bool:
    """Whether the word at `text[start:end]` is part of a name in code: joined to another by
    an underscore (coa_tools, bg_forest), or with a plus right after it (magick++, Notepad++,
    Disney+). A slip of the fingers makes neither; an underscore with no word across it
    (_emphasis_) is no join."""
    after = text[end : end + 2]
    if after[:1] == "+":
        return True
    if after[:1] == "_" and after[1:].isalnum():
        return True
    return start >= 2 and text[start - 1] == "_" and text[start - 2].isalnum()


def _small_first(word: str) -> bool:
    """Whether a word is one small letter on a capitalised name of four letters or more:
    the EU's eSender, eFacturación, a brand's iPhone (or the shift pressed late: tHere)."""
    return (
        len(word) > _PREFIXED_NAME
        and word[0].islower()
        and word[1].isupper()
        and word[2:].islower()
    )


def _camel(word: str) -> bool:
    """Whether a capital follows a small letter inside a word (McClane, DiNozzo,
    LeapinLar): a name or a handle, written so on purpose; a slip of the hand does not
    change a letter's case (a capital typed twice, DDans, is one)."""
    return any(small.islower() and capital.isupper() for small, capital in pairwise(word))


def _abbreviated(text: str, end: int) -> bool:
    """Whether a period closes the word and the sentence goes on (sáb., e dom.; dvs. Smith):
    a comma, or a space and a small letter or digit, comes next."""
    if text[end : end + 1] != ".":
        return False
    after = text[end + 1 : end + 3]
    return after[:1] == "," or (after[:1] == " " and (after[1:].islower() or after[1:].isdigit()))


def _after_number(text: str, start: int) -> bool:
    """Whether a number, then a space, comes right before `start` (130 mp, 7,5 mmol)."""
    return start >= 2 and text[start - 1] in " \u00a0\u202f" and text[start - 2].isdigit()


def _key(word: str, lang: str) -> str:
    """How a listed word is compared: folded (case, accents of Greek, ş → ș) to a skeleton."""
    from pipeline.glossary.normalise import fold, skeleton  # loaded on the first word

    return skeleton(fold(word, lang).text)


class WordList:  # a plain class: a dataclass cost ~0.5 ms of start-up
    """The words a language accepts beyond its dictionary, with their inflected forms."""

    def __init__(self, lang: str, keys: set[str] | None = None) -> None:
        self.lang = lang
        self.keys: set[str] = keys if keys is not None else set()

    @classmethod
    def of(cls, lang: str, listed: Iterable[str]) -> WordList:
        """The list for `lang` from its words (a multi-word name gives each of its words)."""
        found = cls(lang)
        for entry in listed:
            for word, _, _ in words(entry):
                found.keys.add(_key(word, lang))
        return found

    def __contains__(self, word: str) -> bool:
        """Whether `word` is listed, or an inflected form of a listed word (the glossary's
        ending tables: swapping one ending of a class for another rebuilds a listed word)."""
        if not self.keys:
            return False
        key = _key(word, self.lang)
        if key in self.keys:
            return True
        from pipeline.glossary.morphology import inflection

        for stem, endings in inflection(self.lang).swaps(key):
            if any(stem + ending in self.keys for ending in endings):
                return True
        return False


def source_names(source: str) -> tuple[set[str], list[str]]:
    """The words of the source text (to accept unchanged in a translation), and its names
    (capitalised words, to accept with an ending added)."""
    written: set[str] = set()
    names: list[str] = []
    for match in WORD.finditer(blank(source)):
        word = match.group()
        written.add(word)
        for part in word.split("-"):
            written.add(part)
            if len(part) >= _NAME_MIN and part[0].isupper():
                names.append(part)
    return written, names


def from_source(word: str, written: set[str], names: list[str]) -> bool:
    """Whether a translation's word is the source's own word, or one of its names inflected
    (Koszalinie for Koszalin, Prestonen for Preston)."""
    if word in written:
        return True
    for name in names:
        if word.startswith(name) and len(word) - len(name) <= _NAME_TAIL:
            tail = word[len(name) :]
            if tail.isalpha() and tail.islower():
                return True
    return False


def message(word: str, speller: spell_dict.Speller, lang: str) -> str:
    """`"kotratazio" is not in the eu_ES dictionary; did you mean: kontratazio, …?`"""
    where = f"{speller.base.name} dictionary"
    suggestions = speller.suggestions(word)
    if lang == "el" and word.isupper():  # a line in capitals, which drop the accents
        from pipeline.checks.spell_common import common_word
        from pipeline.checks.spell_greek_caps import greek_slip

        common = partial(common_word, lang=lang)
        suggestions = greek_slip(word.lower(), speller.right_or_title, speller.suggestions, common)
    elif lang == "el":
        from pipeline.checks.spell_rules import accented_capital, variants

        if not suggestions:  # Έλγεξέ (το): the word without its enclitic accent
            others = variants(word, lang)
            suggestions = [near for other in others for near in speller.suggestions(other)]
        accented = accented_capital(word)  # Οχι: Όχι, which Hunspell does not suggest
        if accented is not None and accented not in suggestions and speller.right(accented):
            suggestions = [accented, *suggestions]
    from pipeline.checks.spell_spoken import near_listed

    listed = near_listed(word, lang)  # pingüinso: pingüinos, which Hunspell lacks
    suggestions = listed + [near for near in suggestions if near not in listed]
    stray = stray_letters(word, lang)
    if stray is not None:  # Mέτρα with a Latin M: looks right, so say what is wrong
        fixed = fixes(word, lang, speller.right)
        suggestions = fixed + [near for near in suggestions if near not in fixed]
        letters, script = stray
        what = f"is not a {script} letter" if len(letters) == 1 else f"are not {script} letters"
        where = f"{where}: {', '.join(letters)} {what}"
    if suggestions:
        return f'"{word}" is not in the {where}; did you mean: {", ".join(suggestions)}?'
    return (
        f'"{word}" is not in the {where} (no suggestion; if it is right: '
        f"msm spelling add {word} --lang {lang})"
    )
