"""The names lists the spelling check ships (pipeline/checks/names/<lang>.txt)."""

from __future__ import annotations

import pytest

from pipeline.checks.spell_subnames import _FOLDER, subtitle_name

LANGS = ("en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es")


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_a_list_of_capitalised_words(lang):
    listed = (_FOLDER / f"{lang}.txt").read_text(encoding="utf-8").split()
    assert len(listed) > 500
    assert listed == sorted(set(listed))
    assert all(w[0].isupper() and w[1:].islower() and w.isalpha() and len(w) >= 3 for w in listed)


@pytest.mark.parametrize(
    ("word", "lang", "listed"),
    [
        ("Brody", "en", True),
        ("Τζέικ", "el", True),
        ("Σαμ", "el", True),  # three letters (Γεια σου, Σαμ.)
        ("Jin", "es", True),
        ("Lok", "en", False),  # look less a letter: left to the slip test
        ("Viv", "es", False),  # vivo less a letter
        ("brody", "en", False),  # listed capitalised only
        ("Brody", "xx", False),  # a language with no list
    ],
)
def test_subtitle_name(word, lang, listed):
    assert subtitle_name(word, lang) is listed
