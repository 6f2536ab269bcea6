"""The Snowball stemmer the matcher uses: libstemmer in C (PyStemmer), stemming exactly as the
pure-Python stemmers of snowballstemmer do."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import snowballstemmer
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import languages
from pipeline.glossary.morphology import stemmer
from pipeline.glossary.normalise import fold_word

# Each language's algorithm and the letters its words are made of (with some of the others').
ALPHABETS = {
    "en": "abcdefghijklmnopqrstuvwxyz'",
    "eu": "abcdefghijklmnñoprstuxyz",
    "nl-BE": "abcdefghijklmnopqrstuvwxyzäëïöüéèij",
    "fr": "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
    "el": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
    "pl": "aąbcćdeęfghijklłmnńoóprsśtuwyzźż",
    "pt-PT": "abcdefghijlmnopqrstuvxzáâãàçéêíóôõú",
    "ro": "abcdefghijklmnopqrstuvwxyzăâîșțşţ",
    "es": "abcdefghijklmnñopqrstuvwxyzáéíóúü",
}


def _pure_python(algorithm: str):
    """snowballstemmer's own stemmer class for an algorithm (what it falls back to)."""
    module = importlib.import_module(f"snowballstemmer.{algorithm}_stemmer")
    name = "".join(part.capitalize() for part in algorithm.split("_")) + "Stemmer"
    return getattr(module, name)()


def test_the_c_stemmer_is_installed_and_used():
    stemmer_module = importlib.import_module("Stemmer")
    assert snowballstemmer.stemmer is stemmer_module.Stemmer


@pytest.mark.parametrize("code", sorted(ALPHABETS))
def test_every_language_has_its_stemmer(code: str):
    assert stemmer(code) is not None
    assert set(ALPHABETS) == {lang.code for lang in languages.LANGUAGES.values()}


@settings(max_examples=300)
@given(st.sampled_from(sorted(ALPHABETS)), st.data())
def test_the_c_stemmer_stems_as_the_pure_python_one(code: str, data: st.DataObject):
    word = data.draw(st.text(alphabet=ALPHABETS[code], min_size=1, max_size=18))
    algorithm = languages.get(code).stemmer
    fast = stemmer(code)
    assert fast is not None
    pure = _pure_python(algorithm)
    for form in (word, fold_word(word, code)):
        assert fast(form) == pure.stemWord(form), (code, form)


@pytest.mark.parametrize("code", sorted(ALPHABETS))
def test_real_words_stem_alike(code: str):
    """Every word of the example video's track and of the glossary, in each language."""
    root = Path(__file__).parents[2]
    texts = [p.read_text("utf-8") for p in (root / "subtitles").glob(f"*/{code}.srt")]
    texts.append((root / "glossary" / "procurement.csv").read_text("utf-8"))
    words = {w.lower() for text in texts for w in re.findall(r"[^\W\d_]+", text)}
    assert len(words) > 300
    fast, pure = stemmer(code), _pure_python(languages.get(code).stemmer)
    assert fast is not None
    assert [w for w in sorted(words) if fast(w) != pure.stemWord(w)] == []
