"""Table tests for the fidelity checks: numbers, links, brackets, end punctuation."""

from __future__ import annotations

import pytest
from check_helpers import context, entry, run

from pipeline.checks.registry import load_all

NB = "\u00a0"
NNB = "\u202f"

# (check, lang, source, translation, problems expected)
CASES = [
    # numbers: separators may change, digits may not
    ("number-mismatch", "pl", "It costs €250,000.", f"Kosztuje 250{NB}000 €.", 0),
    ("number-mismatch", "fr", "It costs €250,000.", f"Il coûte 250{NNB}000 €.", 0),
    ("number-mismatch", "es", "It costs €250,000.", "Cuesta 250.000 €.", 0),
    ("number-mismatch", "es", "It costs €250,000.", "Cuesta 25.000 €.", 1),
    ("number-mismatch", "pt-PT", "a rise of 2.5%", "um aumento de 2,5 %", 0),
    ("number-mismatch", "pt-PT", "a rise of 2.5%", "um aumento de 3,5 %", 1),
    ("number-mismatch", "el", "Directive 2014/24/EU", "Οδηγία 2014/24/ΕΕ", 0),
    ("number-mismatch", "el", "Directive 2014/24/EU", "Οδηγία 2014/25/ΕΕ", 1),
    ("number-mismatch", "ro", "in 2014", "în 2015", 1),
    ("number-mismatch", "ro", "in 2014", "în anul respectiv", 1),  # the year dropped
    ("number-mismatch", "eu", "Three offers came in.", "3 eskaintza jaso ziren.", 0),
    ("number-mismatch", "pl", "3 offers came in.", "Wpłynęły trzy oferty.", 0),  # spelled out
    ("number-mismatch", "pl", "12 offers came in.", "Wpłynęło dwanaście ofert.", 1),
    ("number-mismatch", "es", "On 7 May 2026", "El 7 de mayo de 2026", 0),
    ("number-mismatch", "nl-BE", "14 cities and 30 towns", "30 gemeenten en 14 steden", 0),
    # the same digits, broken over two lines differently: a phone number
    ("number-mismatch", "pl", "Call +32 6 946 53 89", "Zadzwoń: +32 6\n946 53 89", 0),
    ("number-mismatch", "en", "no numbers here", "none here either", 0),
    # links and e-mail addresses
    ("link-mismatch", "fr", "See www.example.eu.", "Voir www.example.eu.", 0),
    ("link-mismatch", "fr", "See https://example.eu/toolkit", "Voir https://example.eu/toolkit", 0),
    ("link-mismatch", "fr", "See https://example.eu/toolkit", "Voir https://exemple.eu/toolkit", 1),
    ("link-mismatch", "es", "Write to info@preston.gov.uk!", "¡Escriba a info@preston.gov.uk!", 0),
    ("link-mismatch", "es", "Write to info@preston.gov.uk", "Escriba a info@preston.gob.uk", 1),
    ("link-mismatch", "pl", "Visit WWW.EXAMPLE.EU", "Odwiedź www.example.eu", 0),  # case only
    ("link-mismatch", "pl", "See the website.", "Zobacz stronę.", 0),
    ("link-mismatch", "pl", "See the website.", "Zobacz www.strona.pl.", 1),  # added
    ("link-mismatch", "pl", "See a.eu and b.eu@x.eu", "Zobacz c.eu@x.eu", 1),  # one finding
    # brackets
    ("bracket-mismatch", "fr", "small firms (SMEs)", "petites entreprises (PME)", 0),
    ("bracket-mismatch", "fr", "small firms (SMEs)", "petites entreprises (PME", 1),
    ("bracket-mismatch", "fr", "small firms — SMEs —", "petites entreprises (PME)", 0),  # style
    ("bracket-mismatch", "el", "small firms (SMEs)", "μικρές επιχειρήσεις — ΜμΕ —", 0),
    ("bracket-mismatch", "es", "[music]", "[música]", 0),
    ("bracket-mismatch", "es", "[music]", "música", 1),  # a sound label keeps its brackets
    ("bracket-mismatch", "es", "[music] Welcome", "[música] Bienvenidos)", 1),
    # end punctuation
    ("end-punctuation", "es", "What is a lot?", "¿Qué es un lote?", 0),
    ("end-punctuation", "fr", "What is a lot?", f"Qu'est-ce qu'un lot{NB}?", 0),
    ("end-punctuation", "el", "What is a lot?", "Τι είναι μια παρτίδα;", 0),  # Greek asks with ;
    ("end-punctuation", "el", "What is a lot?", "Τι είναι μια παρτίδα\u037e", 0),
    ("end-punctuation", "el", "What is a lot?", "Τι είναι μια παρτίδα.", 1),
    ("end-punctuation", "pl", "What is a lot?", "Czym jest część zamówienia.", 1),
    ("end-punctuation", "pl", "A lot is a part.", "Czym jest część?", 1),
    ("end-punctuation", "pl", "What is a lot?", "Czym jest część?!", 0),
    ("end-punctuation", "ro", "What is a lot?", "Ce este un lot?...", 0),
    ("end-punctuation", "pt-PT", 'He said "yes."', "Ele disse «sim».", 0),  # closers skipped
    ("end-punctuation", "pt-PT", "Let's go.", "Vamos!", 0),  # an exclamation is style
    ("end-punctuation", "nl-BE", "Each lot is a contract", "Elk perceel is een contract.", 1),
    ("end-punctuation", "nl-BE", "Each lot is a contract.", "Elk perceel is een contract", 1),
    ("end-punctuation", "nl-BE", "Each lot is a contract", "Elk perceel is een contract", 0),
    ("end-punctuation", "nl-BE", "Each lot is a contract", "Elk perceel is een contract…", 0),
    ("end-punctuation", "eu", "The steps are:", "Hauek dira urratsak:", 0),
    ("end-punctuation", "eu", "<i>Why?</i>", "<i>Zergatik?</i>", 0),  # markup is not text
]


@pytest.mark.parametrize(("check", "lang", "source", "target", "expected"), CASES)
def test_fidelity(check, lang, source, target, expected):
    problems = run(check, entry(lang, target, source=source))
    assert len(problems) == expected, [p.message for p in problems]


def test_every_fidelity_check_has_cases():
    covered = {c for c, *_ in CASES}
    ours = {i for i, s in load_all().items() if s.func.__module__ == "pipeline.checks.fidelity"}
    assert ours == covered


@pytest.mark.parametrize("check", sorted({c for c, *_ in CASES}))
@pytest.mark.parametrize(
    "flags",
    [
        {"fuzzy": True},  # translated from an older source text
        {"from_po": False, "source": ""},  # a lone translated SRT: no source to compare
        {"target": ""},  # untranslated: the untranslated check says so
        {"obsolete": True},
    ],
)
def test_nothing_to_compare_means_no_finding(check, flags):
    fields = {"lang": "pl", "source": "What is 2014/24 (see www.a.eu)?", "target": "Nic", **flags}
    lang = fields.pop("lang")
    target = fields.pop("target")
    assert run(check, entry(lang, target, **fields)) == []


def test_number_messages_name_the_numbers_as_written():
    [problem] = run("number-mismatch", entry("es", "Cuesta 25.000 € en 2015", "€250,000 in 2015"))
    assert problem.message == (
        "numbers differ from the source: the source's 250,000 missing; 25.000 not in the source"
    )


def test_end_punctuation_reads_the_source_language_from_the_settings():
    # A project whose source is Greek: its ; is a question, so a Polish ? answers it.
    ctx = context('source_language = "el"\ntarget_languages = ["pl"]')
    problems = run("end-punctuation", entry("pl", "Czym jest część?", source="Τι είναι;"), ctx)
    assert problems == []


def test_fidelity_checks_are_not_run_on_the_source_track():
    for check in {c for c, *_ in CASES}:
        assert not load_all()[check].source


@pytest.mark.parametrize(
    ("check", "source", "kept", "changed"),
    [
        ("number-mismatch", "It costs €250,000.", "Kosztuje 250 000 €.", "Kosztuje 25 000 €."),
        ("link-mismatch", "See www.example.eu.", "Zob. www.example.eu.", "Zob. www.exemple.eu."),
        ("end-punctuation", "Is it open?", "Czy jest otwarty?", "Jest otwarty."),
    ],
)
def test_one_source_judged_against_each_translation_on_its_own(check, source, kept, changed):
    # What is read from a source text is remembered for its other languages' translations:
    # the translation must still decide, in either order.
    for first, second in ((kept, changed), (changed, kept)):
        found = [len(run(check, entry("pl", target, source))) for target in (first, second)]
        assert found == [int(first is changed), int(second is changed)]
