"""Words one edit from a dictionary word that are right all the same.

A typo is a slip of the hand (spell_slips.hand_slip: two letters swapped, one doubled, the
key beside the right one, an accent changed, a letter left out) or, planted at random, any
letter put for one or added. So a word one edit from a dictionary word is right only where
the language's own variation explains the edit, and no slip of the hand does: Basque
dialects and colloquial speech change sounds Batua (and Xuxen) keeps apart, the pairs
Xuxen's own REP table lists: o and u (gustoko, gustora for gustuko, gustura), voiced and
voiceless stops (disdiratsu for distiratsu), the sibilants s, z, x (`sound_change`, for a
lowercase word). A change a slip of the hand makes too stays a finding (altzatzen: z, the
key beside x, in altxatzen; kontus: kontua), as does any other edit (xarmangarria, an n
added; Filmea, Filmera with its r left out). Tried and dropped: any Basque word that only
edits no hand makes explain (Xuxen's endings put nearly any string one edit from a form):
subtitle-like false alarms 1.26 per 200, but recall on typos planted at random 0.743.

Though a slip of the hand explains it, a word is right when it is

- capitalised, a name other languages' dictionaries list (capitalised only) and none
  writes lowercase (Polish Aoi: French lists Aoi, though Soi is the key beside), with a
  Basque case ending too (Aoik): names cross languages in subtitles; not a name the
  language writes with an accent, the accent left off (Spanish Bogota: Bogotá);
- Basque, lowercase, a borrowing two other languages' dictionaries know with the forms
  the slips make of it (donut, donuts): Basque, an isolate, shares no inherited words with
  them, so a typo seldom makes one of theirs (Spanish and Portuguese share thousands);
- a word with no letter of the language's script nor a Latin one (a quotation in another
  script: French ドードー, Иван; Greek שלום): no slip of the hand makes one;
- Basque with x for the s of a dictionary word (expressive palatalisation, common in
  dialogue: xagua for sagua, izerdi patxetan for patsetan), where no slip of the hand that
  explains the word touches that x (berexia: z, the key beside, makes berezia).

Each rule takes a typo now and then (a name some dictionary lists: Joann for Joan); measured
on both sets of real lines, with keyboard and random typos, in
tests/data/spelling/subtitle-like/README.md.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from pipeline.checks.spell_rules import CASES_ON_NAMES, fits_stem
from pipeline.checks.spell_slips import hand_slip, undone

if TYPE_CHECKING:
    from pipeline.checks.spell_dict import Speller

_SCANNED = 18  # letters of the longest word whose scan tries every slip (spelling._SCANNED)
# Sound changes of the language's dialects and colloquial speech, as (written, standard):
# Basque, from Xuxen's REP table, less the pairs a slip of the hand makes (z x, v b, h).
_SOUNDS = {
    "eu": (
        *(("o", "u"), ("u", "o"), ("b", "p"), ("p", "b"), ("d", "t"), ("t", "d")),
        *(("g", "k"), ("k", "g"), ("j", "x"), ("x", "j"), ("g", "j"), ("j", "g")),
        *(("s", "z"), ("z", "s"), ("s", "x"), ("x", "s"), ("ll", "il"), ("il", "ll")),
        *(("ñ", "in"), ("in", "ñ"), ("nb", "mb"), ("np", "mp")),
    )
}
# Languages whose dictionaries are searched for names: Latin script, names listed. Not
# Basque (Xuxen takes nearly any capitalised word with an ending: Aiok) nor Greek (script).
_NAME_SOURCES = ("en", "fr", "nl-BE", "pl", "pt-PT", "ro", "es")
_NAME_STEM = 3  # letters of a name a Basque ending follows
# Languages that share no inherited words with the others (Basque, an isolate): a word two
# other languages know is a borrowing there, where in French a Spanish word may be a typo.
_ISOLATE = {"eu"}
_LENDERS = 2  # dictionaries of other languages that must know a borrowing
# Expressive palatalisation: Basque dialects and colloquial speech write x (tx) for the s
# (ts) of the standard word: xagu for sagu, izerdi patxetan for patsetan.
_PALATAL = {"eu": ("x", "s")}


def right_anyway(word: str, lang: str, speller: Speller) -> bool:
    """Whether a word the dictionary lacks, that the slip scan found one edit from
    dictionary words, is right all the same (a name, a dialect's form, a borrowing)."""
    if word.isalpha() and not any(_latin(letter) or _own(letter, lang) for letter in word):
        return True  # a word in another script (ドードー): no slip makes one of the language's
    if not word.isalpha() or len(word) > _SCANNED:
        return False
    title = word[:1].isupper() and word[1:].islower()
    if not (title or word.islower()):
        return False
    if not (title or lang in _SOUNDS or lang in _PALATAL or lang in _ISOLATE):
        return False  # no rule here takes a lowercase word of this language: spare the look-ups
    slips = explained(word, speller)
    if not slips and not title and sound_change(word, lang, speller.right):
        return True
    if dialect(word, lang, speller.right, slips):
        return True
    if title:  # a name with its accent left off is the language's name mistyped: Bogota
        return not any(_bare(near) == _bare(word) for near in slips) and listed_name(word, lang)
    return lang in _ISOLATE and borrowed(word, slips, lang)


def explained(word: str, speller: Speller) -> list[str]:
    """The dictionary words a slip of the hand makes `word` of (the scan's suggestions that
    are such slips, and the slips of the fingers put right)."""
    found = [near for near in speller.suggestions(word) if hand_slip(word, near)]
    return found + [near for near in undone(word) if near not in found and speller.right(near)]


def sound_change(word: str, lang: str, right: Callable[[str], bool]) -> bool:
    """Whether one of the language's dialect sound changes, put back, makes `word` a
    dictionary word (gustoko: gustuko)."""
    for sound, standard in _SOUNDS.get(lang, ()):
        at = word.find(sound)
        while at >= 0:
            if right(word[:at] + standard + word[at + len(sound) :]):
                return True
            at = word.find(sound, at + 1)
    return False


def dialect(word: str, lang: str, right: Callable[[str], bool], slips: list[str]) -> bool:
    """Whether the language's palatalised letter (Basque x) stands for the standard one in
    `word` (s: a dictionary word), where no slip of the hand that explains the word
    (`slips`: berexia, the key beside z of berezia) touches that letter."""
    found = _PALATAL.get(lang)
    if found is None:
        return False
    palatal, plain = found
    at = word.find(palatal)
    while at >= 0:
        near = word[:at] + plain + word[at + 1 :]
        if right(near) and not any(_touches(word, other, at) for other in slips):
            return True
        at = word.find(palatal, at + 1)
    return False


def _touches(word: str, near: str, at: int) -> bool:
    """Whether `near` differs from `word` at the letter `at`, or puts a letter left out
    just before it (exe, etxe)."""
    start = 0
    while start < min(len(word), len(near)) and word[start] == near[start]:
        start += 1
    end = 0
    while end < min(len(word), len(near)) - start and word[-1 - end] == near[-1 - end]:
        end += 1
    return start <= at < max(len(word) - end, start + 1)


def _latin(letter: str) -> bool:
    """Whether a letter is of the Latin script (a, ñ, ł, ș)."""
    return letter.isascii() or "LATIN" in unicodedata.name(letter, "")


def _own(letter: str, lang: str) -> bool:
    """Whether a letter is of the language's own script when that is not Latin (Greek α)."""
    return lang == "el" and "GREEK" in unicodedata.name(letter, "")


def _bare(word: str) -> str:
    """The word in lowercase without its accents (Bogotá: bogota)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if c.isalpha())


def listed_name(word: str, lang: str) -> bool:
    """Whether a capitalised word is a name other languages' dictionaries list (capitalised
    only) and none of them writes lowercase (a typo often makes a word of some language:
    Ata for Atea is Spanish ata; Nok, Dutch nok), alone or with a Basque case ending
    (Aoik)."""
    if not all(_latin(letter) for letter in word):
        return False
    stems = [word]
    if lang == "eu":
        for at in range(_NAME_STEM, len(word)):
            stem, tail = word[:at], word[at:]
            if tail in CASES_ON_NAMES and fits_stem(stem, tail):
                stems.append(stem)
    listed = common = False
    for other in _name_sources(lang):
        for stem in stems:
            if other.right(stem.lower()):
                common = True
            elif other.right(stem):
                listed = True
        other.flush()
    return listed and not common


def borrowed(word: str, slips: list[str], lang: str) -> bool:
    """Whether a lowercase word is a borrowing: two dictionaries of other languages or more
    know it, and the words a slip of the hand makes it of (`slips`) too (Basque donut, which
    French and Dutch know with donuts, the form Xuxen lists)."""
    knowing = 0
    for source in _NAME_SOURCES:
        spellers = _spellers(source) if source != lang else []
        if any(o.right(word) and all(o.right(near) for near in slips) for o in spellers):
            knowing += 1
        for other in spellers:
            other.flush()
        if knowing >= _LENDERS:
            return True
    return False


def _name_sources(lang: str) -> list[Speller]:
    return [s for other in _NAME_SOURCES if other != lang for s in _spellers(other)]


_OPENED: dict[tuple[str, str, str], list[Speller]] = {}


def _spellers(lang: str) -> list[Speller]:
    """Every installed dictionary of a language (opened once per cache folder; each loaded
    on its first look-up, which its cache of verdicts spares later runs)."""
    from pipeline.checks import spell_dict, spell_paths

    key = (lang, os.environ.get(spell_dict.CACHE_ENV, ""), os.environ.get("XDG_CACHE_HOME", ""))
    found = _OPENED.get(key)
    if found is None:
        bases = spell_paths.find_all(lang)
        found = _OPENED[key] = [spell_dict.Speller.open(lang, base) for base in bases]
    return found
