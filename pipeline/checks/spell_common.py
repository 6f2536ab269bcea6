"""The words real subtitles write most, language by language (common/<lang>.txt.gz).

A word that opens its sentence, or stands alone in its line, is capitalised whatever it is,
so its capital cannot tell a name from a typo: “Creasy.”, “¡Mikaela!”, “Jovan, mon fils !”
are names one slip from a word (creas, Micaela, Joan), “Contestwa.” is a typo of contesta.
What tells them apart is the word the slip would come from: people type, and slip on, the
words they say, and a name is mostly one slip from a rare word. The lists hold the words
the language's dictionary knows among the 30,000 commonest words of its OpenSubtitles 2018
(about 20,000–28,000 each); benchmarks/subtitle_words.py derives them and its docstring
says how (the source and licence: common/README.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_FOLDER = Path(__file__).with_name("common")


@cache
def _common(lang: str) -> frozenset[str]:
    """One language's list, read on the first capitalised word that opens a sentence, is no
    slip of the hand and that its dictionary lacks."""
    path = _FOLDER / f"{lang}.txt.gz"
    if not path.is_file():
        return frozenset()
    import gzip

    return frozenset(gzip.decompress(path.read_bytes()).decode("utf-8").split())


def common_word(word: str, lang: str) -> bool:
    """Whether a word (any case) is among the words the language's subtitles write most."""
    return word.lower() in _common(lang)
