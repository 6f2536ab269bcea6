"""Derive pipeline/checks/names/<lang>.txt: the names real subtitles write in each language.

    .venv/bin/python -m benchmarks.subtitle_names TOP_WORDS_DIR

TOP_WORDS_DIR holds `<code>_top_words.csv` (columns word, count): the 30,000 commonest
words, case kept, of each language of OpenSubtitles 2018, as published by
orgtre/top-open-subtitles-sentences (`bld/top_words/`, commit 861f426). A word is kept as
a name when it is written capitalised (a capital, then small letters), has three letters
or more, is written twenty times or more, and written small at most a tenth as often (so
not a word that only starts a sentence); when the language's dictionary does not know it;
and when it is not a known word with its accents left off (Greek Οχι for Όχι, Romanian
Esti for Ești: the subtitles' own slips) nor an OCR misreading of l as I (Iike). A name of
three letters is left out when a letter left out of one of the language's 3,000 commonest
words (written small, known to the dictionary) makes it: Lok (look), Viv (vivo), Hud
(houd), Mei (meia) are typos as often as names, Σαμ, Ζακ, Jin, Jax are names. Needs the
Hunspell dictionaries.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from pipeline.checks import spell_dict

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "pipeline" / "checks" / "names"
CODES = {
    "el": "el",
    "en": "en",
    "es": "es",
    "eu": "eu",
    "fr": "fr",
    "nl": "nl-BE",
    "pl": "pl",
    "pt": "pt-PT",
    "ro": "ro",
}
SHORTEST = 3  # letters: shorter names are too often one slip from a word (measured)
SHORT = 3  # letters of a name that one letter left out of a common word must not make
COMMONEST = 3000  # the common words a short name must not be a slip of (see the docstring)
SEEN = 20  # times written, at least: Basque's corpus is small, and a name one film writes
# a few times (Gator, 6; Haru, 11) hid planted typos (etor, hau)
_GREEK_TONOS = dict(zip("αεηιουω", "άέήίόύώ", strict=True))


def _bare(word: str) -> str:
    """A word without its accents or case (Έλα, Ελα: ελα)."""
    split = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in split if not unicodedata.combining(c))


def _accent_left_off(word: str, speller: spell_dict.Speller) -> bool:
    """Whether the dictionary knows `word` with accents: among its suggestions, or, in
    Greek, with a tonos put on one vowel (Ελα: Έλα)."""
    if any(_bare(near) == _bare(word) for near in speller.suggestions(word)):
        return True
    lower = word.lower()
    for at, letter in enumerate(lower):
        accented = _GREEK_TONOS.get(letter)
        if accented is not None:
            other = lower[:at] + accented + lower[at + 1 :]
            if speller.right(other) or speller.right(other[:1].upper() + other[1:]):
                return True
    return False


def _slips_of_common(rows: list[tuple[str, int]], speller: spell_dict.Speller) -> set[str]:
    """The words one letter short of one of the language's COMMONEST words written small
    that the dictionary knows (look: ook, lok, loo…), as names are written (Lok)."""
    slips = set()
    for word, _ in rows[:COMMONEST]:
        if len(word) == SHORT + 1 and word.islower() and speller.right(word):
            for at in range(len(word)):
                slips.add((word[:at] + word[at + 1 :]).capitalize())
    return slips


def names(rows: list[tuple[str, int]], speller: spell_dict.Speller) -> list[str]:
    """The names among one language's commonest words (see the module's docstring)."""
    counts = dict(rows)
    short_slips = _slips_of_common(rows, speller)
    found = []
    for word, count in rows:
        title = word[:1].isupper() and word[1:].islower() and word.isalpha()
        if not title or len(word) < SHORTEST or count < SEEN:
            continue
        if counts.get(word.lower(), 0) * 10 > count:
            continue
        if len(word) <= SHORT and word in short_slips:
            continue
        if speller.right(word) or (word[0] == "I" and speller.right("l" + word[1:])):
            continue
        if not _accent_left_off(word, speller):
            found.append(word)
    return sorted(found)


def top_words(folder: Path, code: str) -> list[tuple[str, int]]:
    """One language's commonest words with their counts, as `<code>_top_words.csv` gives
    them."""
    with (folder / f"{code}_top_words.csv").open(encoding="utf-8", newline="") as handle:
        return [(row["word"], int(row["count"])) for row in csv.DictReader(handle)]


def derive(
    argv: list[str] | None,
    usage: str,
    write: Callable[[str, list[tuple[str, int]], spell_dict.Speller], str],
) -> int:
    """Run a derivation: `write` makes one language's list from its commonest words and
    says what it wrote; a language with no dictionary is skipped."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(usage, file=sys.stderr)
        return 2
    folder = Path(args[0])
    for code, lang in CODES.items():
        speller = spell_dict.speller(lang)
        if speller is None:
            print(f"{lang}: no dictionary, skipped", file=sys.stderr)
            continue
        print(f"{lang}: {write(lang, top_words(folder, code), speller)}")
    return 0


def _write(lang: str, rows: list[tuple[str, int]], speller: spell_dict.Speller) -> str:
    found = names(rows, speller)
    OUT.mkdir(exist_ok=True)
    (OUT / f"{lang}.txt").write_text("\n".join(found) + "\n", encoding="utf-8")
    return f"{len(found)} names"


def main(argv: list[str] | None = None) -> int:
    return derive(argv, __doc__ or "", _write)


if __name__ == "__main__":
    raise SystemExit(main())
