"""The lists of the words real subtitles write most (pipeline/checks/common/<lang>.txt.gz)."""

from __future__ import annotations

import gzip

import pytest

from pipeline.checks.spell_common import _FOLDER, common_word

LANGS = ("en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es")


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_a_sorted_list_of_small_words(lang):
    listed = gzip.decompress((_FOLDER / f"{lang}.txt.gz").read_bytes()).decode("utf-8").split()
    assert 15_000 < len(listed) <= 30_000  # the dictionary's words among 30,000
    assert listed == sorted(set(listed))
    assert all(w == w.lower() and w.isalpha() for w in listed)


@pytest.mark.parametrize(
    ("word", "lang", "listed"),
    [
        ("contesta", "es", True),  # a word people say: a slip of it is a typo
        ("Contesta", "es", True),  # any case
        ("josé", "es", True),  # a name the dictionary lists, kept small
        ("micaela", "es", False),  # rare: Mikaela is one slip from it, and a name
        ("serpigo", "es", False),
        ("κλαρίνα", "el", False),
        ("demande", "fr", True),
        ("contesta", "xx", False),  # a language with no list
    ],
)
def test_common_word(word, lang, listed):
    assert common_word(word, lang) is listed
