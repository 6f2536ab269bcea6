"""The derivation of the common-word lists (benchmarks/subtitle_words.py) on words as the
OpenSubtitles 2018 frequency lists give them, with the real dictionaries."""

from __future__ import annotations

import gzip

import pytest

from benchmarks.subtitle_words import common, packed
from pipeline.checks import spell_dict


def _speller(lang: str) -> spell_dict.Speller:
    found = spell_dict.speller(lang)
    if found is None:
        pytest.skip(f"no {lang} dictionary")
    return found


def test_the_dictionary_s_words_are_kept_small_and_sorted():
    words = [
        "que",
        "Contesta",  # first in a line: kept small
        "contesta",
        "José",  # a name the dictionary lists: kept small
        "Creasy",  # a name the dictionary lacks: not kept
        "gatito",  # a word the dictionary lacks
        "u2",  # not letters only
        "l'amour",
    ]
    assert common(words, _speller("es").right) == ["contesta", "josé", "que"]


def test_the_packed_list_is_the_same_bytes_every_time():
    first = packed(["contesta", "que"])
    assert first == packed(["contesta", "que"])
    assert gzip.decompress(first) == b"contesta\nque\n"
