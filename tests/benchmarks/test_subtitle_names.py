"""The derivation of the names lists (benchmarks/subtitle_names.py) and of the common-word
lists (benchmarks/subtitle_words.py) on words as the OpenSubtitles 2018 frequency lists give
them, with the real dictionaries."""

from __future__ import annotations

import gzip

import pytest

from benchmarks.subtitle_names import names
from benchmarks.subtitle_words import common, packed
from pipeline.checks import spell_dict


def _speller(lang: str) -> spell_dict.Speller:
    found = spell_dict.speller(lang)
    if found is None:
        pytest.skip(f"no {lang} dictionary")
    return found


def test_names_are_capitalised_unknown_words_not_written_small():
    rows = [
        ("look", 9000),  # a common word the dictionary knows, written small
        ("Brody", 500),  # a name, one slip from broody: kept
        ("Sookie", 25),
        ("Zach", 400),
        ("Iike", 300),  # OCR's I for l (like)
        ("Mark", 100),  # the dictionary knows it
        ("Jax", 500),  # three letters: kept
        ("Lok", 300),  # three letters, look with a letter left out: a typo as often
        ("Bo", 500),  # two letters
        ("Rare", 19),  # written fewer than twenty times
        ("Nemo", 900),  # written small too often (nemo, 100): not only a name
        ("nemo", 100),
    ]
    assert names(rows, _speller("en")) == ["Brody", "Jax", "Sookie", "Zach"]


def test_a_short_name_is_kept_unless_a_common_word_less_a_letter_makes_it():
    # Greek film subtitles transliterate short English names (Sam, Zack); Όλι is όλοι with
    # a letter left out, and όλοι is among the commonest words: left to the slip test
    rows = [("όλοι", 9000), ("Σαμ", 900), ("Ζακ", 400), ("Όλι", 300)]
    assert names(rows, _speller("el")) == ["Ζακ", "Σαμ"]
    # a common word counts written small only: Τζακ (Jack) is a name, Ζακ another
    rows = [("Τζακ", 9000), ("Ζακ", 400)]
    assert names(rows, _speller("el")) == ["Ζακ"]


@pytest.mark.parametrize(
    ("lang", "rows", "kept"),
    [
        # the subtitles' own slips: a capital's accent left off (Όχι), no diacritics (Ești)
        ("el", [("Οχι", 900), ("Ελα", 700), ("Τζέικ", 800)], ["Τζέικ"]),
        ("ro", [("Esti", 900), ("Ezra", 800)], ["Ezra"]),
    ],
)
def test_known_words_without_their_accents_are_no_names(lang, rows, kept):
    assert names(rows, _speller(lang)) == kept


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
