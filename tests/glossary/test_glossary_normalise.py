"""Folding text for matching: what folds, and the map back to the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.glossary.normalise import fold, fold_term, skeleton


@pytest.mark.parametrize(
    ("text", "lang", "folded"),
    [
        ("Σύμβαση ΣΥΜΒΆΣΕΩΣ", "el", "συμβαση συμβασεωσ"),  # accents, final sigma, caps
        ("ΐ ϋ ᾶ", "el", "ι υ α"),  # dialytika and polytonic
        ("\u00b5ικρές", "el", "μικρεσ"),  # micro sign
        ("Autorităţile şi", "ro", "autoritățile și"),  # cedillas → comma below
        ("AUTORITĂŢII", "ro", "autorității"),
        ("critères d’attribution", "fr", "critères d'attribution"),
        ("pouvoir\u00a0adjudicateur\u202f!", "fr", "pouvoir adjudicateur !"),
        ("accord\u2011cadre – x", "fr", "accord-cadre - x"),
        ("line\nbreak\r\nhere", "en", "line break  here"),
        ("İstanbul", "en", "istanbul"),
        ("Hμερομηνία", "el", "ημερομηνια"),  # Latin H in a Greek word
        ("Οι MME", "el", "οι μμε"),  # Latin capitals that look Greek, in Greek text
        ("MME", "en", "mme"),  # ... but only in Greek text
        ("zamówieniа", "pl", "zamówienia"),  # Cyrillic а in a Polish word
        ("Оferta", "pl", "oferta"),
        ("<i>lot</i> {\\an8}x", "en", "   lot" + " " * 11 + "x"),  # subtitle markup blanked
    ],
)
def test_fold(text: str, lang: str, folded: str):
    assert fold(text, lang).text == folded


def test_soft_hyphen_and_zero_width_characters_vanish():
    text = "adju\u00adcateur\u200b!"
    folded = fold(text, "fr")
    assert folded.text == "adjucateur!"
    assert folded.span(0, 10) == (0, 11)


def test_decomposed_text_composes_and_maps_back():
    text = unicodedata.normalize("NFD", "Umów ΑΡΧΉ")
    folded = fold(text, "pl")
    assert folded.text == "umów αρχη"
    start, end = folded.span(5, 9)
    assert unicodedata.normalize("NFC", text[start:end]) == "ΑΡΧΉ"


def test_skeleton_drops_latin_diacritics_only():
    assert skeleton("umów zamawiającą ł") == "umow zamawiajaca l"
    assert skeleton("licitación autorității") == "licitacion autoritatii"
    assert skeleton("αρχη") == "αρχη"


def test_terms_split_at_hyphens_apostrophes_and_spaces():
    assert fold_term("Lizitazio-iragarkia", "eu") == ("lizitazio", "iragarkia")
    assert fold_term("critères d’attribution", "fr") == ("critères", "d", "attribution")
    assert fold_term("kmo’s", "nl-BE") == ("kmo", "s")


@given(st.text(max_size=60))
def test_spans_always_lie_inside_the_original(text: str):
    folded = fold(text, "el")
    for i in range(len(folded.text)):
        start, end = folded.span(i, i + 1)
        assert 0 <= start < end <= len(text)
    assert folded.span(0, len(folded.text))[1] <= len(text)


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "Zs"]), max_size=40))
def test_folding_is_idempotent(text: str):
    once = fold(text, "pl").text
    assert fold(once, "pl").text == once
