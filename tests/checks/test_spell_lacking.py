"""The lists of words real subtitles write that the dictionaries lack
(pipeline/checks/lacking/<lang>.txt, read by spell_spoken)."""

from __future__ import annotations

import pytest

from pipeline.checks import spell_dict
from pipeline.checks.spell_spoken import _LACKING, near_listed, spoken
from pipeline.checks.spell_words import message

LISTED = ("en", "nl-BE", "fr", "pt-PT", "ro", "es", "eu")
RANKS = 30_000  # the commonest words the lists were judged from


def rows(lang: str) -> list[list[str]]:
    text = (_LACKING / f"{lang}.txt").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]


@pytest.mark.parametrize("lang", LISTED)
def test_each_row_is_a_word_its_rank_its_count_and_why(lang):
    found = rows(lang)
    assert found
    words = [row[0] for row in found]
    assert words == sorted(set(words))
    for word, rank, count, why in found:
        assert word == word.lower() and len(word) >= 4, word
        assert 1 <= int(rank) <= RANKS and int(count) > 0, word
        assert why.strip(), word


@pytest.mark.parametrize("lang", LISTED)
def test_no_listed_word_is_one_the_dictionary_knows(lang):
    """A word the dictionary knows needs no row: a row is a word it lacks."""
    if spell_dict.find(lang) is None:
        pytest.skip(spell_dict.missing_note(lang))
    speller = spell_dict.speller(lang)
    known = [row[0] for row in rows(lang) if speller.right(row[0])]
    assert known == []


@pytest.mark.parametrize(
    ("word", "lang", "right"),
    [
        ("pingüinos", "es", True),
        ("Pingüinos", "es", True),  # first in its sentence
        ("pingüinso", "es", False),
        ("meds", "en", True),
        ("meds", "es", False),  # each language its own list
        ("klotezooi", "nl-BE", True),
        ("marado", "pt-PT", True),
        ("geacă", "ro", True),
        ("kartzelaratu", "eu", True),
        ("alemanieraz", "eu", True),  # Basque: with a case ending it writes on the word
        ("Untzian", "eu", True),
        ("untziaa", "eu", False),  # the ending's vowel doubled where it joins: a slip
        ("alemanierazz", "eu", False),
        ("pingüinos", "pl", False),  # a language with no list
    ],
)
def test_spoken_takes_a_listed_word_in_its_language(word, lang, right):
    assert spoken(word, lang) is right


@pytest.mark.parametrize(
    ("word", "lang", "near"),
    [
        ("pingüinso", "es", ["pingüinos"]),  # two letters swapped
        ("pingünos", "es", ["pingüinos"]),  # one left out
        ("Mdes", "en", ["Meds"]),  # capitalised as the word is
        ("ahhold", "en", ["ahold"]),  # one put in
        ("pingüinos", "es", []),  # the word itself is no slip of itself
        ("casa", "es", []),
        ("pingüinso", "pl", []),
        ("kartzelaratuu", "eu", ["kartzelaratu"]),
    ],
)
def test_near_listed_finds_the_listed_word_a_slip_comes_from(word, lang, near):
    assert near_listed(word, lang) == near


def test_the_message_suggests_the_listed_word_first():
    if spell_dict.find("es") is None:
        pytest.skip(spell_dict.missing_note("es"))
    said = message("pingüinso", spell_dict.speller("es"), "es")
    assert said.startswith('"pingüinso" is not in the es_ES dictionary; did you mean: pingüinos')
