"""Names real subtitles write, language by language (pipeline/checks/names/<lang>.txt).

A film's subtitles call its characters by name (“Brody.”, “Τζέικ!”, “Dziękuję, Claire.”),
and such a name is often one slip from a dictionary word (Brody: broody), so the slip
test that tells a name from a typo (spelling._is_name) takes it for a typo. The lists hold
the capitalised words of three letters or more that the 30,000 commonest words of each
language's OpenSubtitles 2018 write as names; benchmarks/subtitle_names.py derives them
and its docstring says how (the source and licence: names/README.md). A name of three
letters that a letter left out of one of the 3,000 commonest words makes is left out (Lok:
look; Viv: vivo): with those in, the list hid planted typos on 3,000 real subtitle lines a
language (Lok at her., Hud je bek.) and on the treebank and Tatoeba sets (Ako, Viv); with
them out, it hides none on the treebank, Tatoeba and subtitle sets (keyboard and blind
typos), one on the 27,000 lines (Kat! for Kate, itself a name), and takes 14 false alarms
away from them (Σαμ, Ζακ, Μακ, Jin, Jax, Ari). Four-letter names hide two planted typos on
the treebank and Tatoeba sets (Mari, Maru).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_FOLDER = Path(__file__).with_name("names")


@cache
def _names(lang: str) -> frozenset[str]:
    """One language's list, read on the first capitalised word its dictionary lacks."""
    path = _FOLDER / f"{lang}.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(path.read_text(encoding="utf-8").split())


def subtitle_name(word: str, lang: str) -> bool:
    """Whether a word is a name the language's subtitles write (as listed: capitalised)."""
    return word[:1].isupper() and word in _names(lang)
