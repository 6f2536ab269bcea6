"""Provider codes come from the language registry, with fallbacks said and gaps refused."""

from __future__ import annotations

import pytest

from pipeline import languages
from pipeline.errors import UsageError
from pipeline.mt import PROVIDERS
from pipeline.mt.codes import providers_for, resolve

EXACT = [
    ("mymemory", "pt-PT", "pt-PT"),
    ("mymemory", "nl-BE", "nl-BE"),
    ("deepl", "pt-PT", "pt-PT"),
    ("google", "pl", "pl"),
    ("libre", "eu", "eu"),
]


@pytest.mark.parametrize(("provider", "lang", "code"), EXACT)
def test_exact_codes(provider, lang, code):
    pair = resolve(provider, "en", lang)
    assert (pair.target_code, pair.exact, pair.fallback) == (code, True, None)


FALLBACKS = [
    ("google", "pt-PT", "pt"),
    ("google", "nl-BE", "nl"),
    ("libre", "pt-PT", "pt"),
    ("deepl", "nl-BE", "nl"),
]


@pytest.mark.parametrize(("provider", "lang", "code"), FALLBACKS)
def test_missing_variant_falls_back_and_says_so(provider, lang, code):
    pair = resolve(provider, "en", lang)
    assert pair.target_code == code and not pair.exact
    assert pair.fallback is not None
    assert pair.fallback.startswith("fallback:")
    assert f"no {lang}" in pair.fallback and repr(code) in pair.fallback
    assert pair.label == f"{code}, not {lang}"


def test_missing_language_names_the_providers_that_have_it():
    with pytest.raises(UsageError) as caught:
        resolve("libre", "en", "ro")
    message = str(caught.value)
    assert "libre cannot translate Romanian (ro)" in message
    assert "google" in message and "mymemory" in message and "deepl" in message
    assert caught.value.exit_code == 2


def test_every_target_language_has_at_least_two_providers():
    for code in languages.TARGETS:
        assert len(providers_for(code)) >= 2, code


def test_every_provider_code_resolves():
    for lang in languages.LANGUAGES.values():
        for provider in lang.providers:
            assert provider in PROVIDERS
            assert resolve(provider, "en", lang.code).target_code == lang.providers[provider].code
