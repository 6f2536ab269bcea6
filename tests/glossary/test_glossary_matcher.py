"""The matcher: stem-collision guards, offsets into the original text, overlaps, speed."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.glossary import Matcher, Term, TermBase
from pipeline.glossary.model import Concept
from pipeline.glossary.morphology import inflection, snowball_guard


def termbase(*rows: tuple[str, str, str]) -> TermBase:
    """A term base from (concept, lang, term) rows."""
    concepts: dict[str, list[Term]] = {}
    for concept, lang, text in rows:
        concepts.setdefault(concept, []).append(Term(text, lang))
    return TermBase(tuple(Concept(c, tuple(ts)) for c, ts in concepts.items()))


# Single-word terms: for these words only Snowball relates them, and it over-stems.
COLLISIONS = [
    ("es", "licitación", "licitador", "licitaciones"),
    ("es", "licitador", "licitación", "licitadoras"),
    ("eu", "lizitazioa", "lizitatzaileak", "lizitazioan"),
    ("eu", "lizitatzailea", "lizitazioaren", "lizitatzaileek"),
    ("eu", "kontratazioa", "kontratua", "kontratazioko"),
    ("eu", "kontratazioa", "kontuak", "kontratazioak"),
    ("ro", "contractantă", "contractul", "contractante"),
    ("pt-PT", "autoridade", "autor", "autoridades"),
    ("pt-PT", "autoridade", "autores", "autoridades"),
    ("en", "authority", "authors", "authorities"),
    ("en", "contracting", "contraction", "contracting"),
    ("en", "tender", "tendering", "tenders"),
    ("nl-BE", "overheid", "over", "overheden"),
    ("pl", "zamawiający", "zamawiają", "zamawiającego"),
    ("ro", "publică", "publicate", "publice"),
    ("es", "pública", "publicarse", "públicas"),
    ("fr", "offre", "offrir", "offres"),
]


@pytest.mark.parametrize(("lang", "term", "trap", "inflected"), COLLISIONS)
def test_stem_collisions_are_refused(lang: str, term: str, trap: str, inflected: str):
    matcher = Matcher(termbase(("c", lang, term)))
    assert matcher.find(f"… {trap} …", lang) == []
    assert [m.text for m in matcher.find(f"… {inflected} …", lang)] == [inflected]


def test_two_terms_with_one_snowball_stem_stay_apart():
    matcher = Matcher(termbase(("tender", "es", "licitación"), ("tenderer", "es", "licitador")))
    found = matcher.find("licitadores y licitaciones", "es")
    assert [(m.concept, m.text) for m in found] == [
        ("tenderer", "licitadores"),
        ("tender", "licitaciones"),
    ]


@pytest.mark.parametrize(
    ("lang", "text", "term", "expected"),
    [
        ("ro", "ofertelor", "oferta", True),
        ("ro", "publicate", "publica", False),
        ("pl", "zamawiaja", "zamawiajacy", False),
        ("en", "contraction", "contracting", False),
        ("es", "licitador", "licitacion", False),
        ("el", "προσφορων", "προσφορα", True),
        ("pl", "umowami", "umowa", True),
        ("pt-PT", "autor", "autoridade", False),
    ],
)
def test_snowball_guard(lang: str, text: str, term: str, expected: bool):
    assert (snowball_guard(text, term, inflection(lang)) is not None) is expected


def test_offsets_point_into_the_original_text():
    matcher = Matcher(termbase(("ca", "fr", "pouvoir adjudicateur")))
    text = "Le <i>POUVOIR</i>\u00a0adju\u00adDICATEURS décident."
    [match] = matcher.find(text, "fr")
    assert text[match.start : match.end] == match.text == "POUVOIR</i>\u00a0adju\u00adDICATEURS"
    assert match.how == "stem"


def test_offsets_in_decomposed_greek():
    matcher = Matcher(termbase(("ca", "el", "αναθέτουσα αρχή")))
    text = unicodedata.normalize("NFD", "Η ΑΝΑΘΈΤΟΥΣΑ ΑΡΧΉ.")
    [match] = matcher.find(text, "el")
    assert match.text == text[match.start : match.end]
    assert unicodedata.normalize("NFC", match.text) == "ΑΝΑΘΈΤΟΥΣΑ ΑΡΧΉ"


def test_how_it_matched():
    tb = TermBase((Concept("ac", (Term("award criteria", "en", variants=("award criterion",)),)),))
    matcher = Matcher(tb)
    hows = [
        (m.text, m.how)
        for m in matcher.find("Award criteria, award criterion, award criterions", "en")
    ]
    assert hows == [
        ("Award criteria", "exact"),
        ("award criterion", "variant"),
        ("award criterions", "stem"),
    ]


def test_nested_terms_give_way_and_partial_overlaps_stay():
    matcher = Matcher(
        termbase(
            ("meat", "en", "most economically advantageous tender"),
            ("tender", "en", "tender"),
            ("pp", "en", "public procurement"),
            ("docs", "en", "procurement documents"),
        )
    )
    found = matcher.find(
        "the most economically advantageous tender; public procurement documents", "en"
    )
    assert [m.concept for m in found] == ["meat", "pp", "docs"]


def test_one_word_form_can_belong_to_two_concepts():
    # French says "marchés publics" both for public contracts and for public procurement.
    matcher = Matcher(termbase(("pp", "fr", "marchés publics"), ("pc", "fr", "marché public")))
    found = matcher.find("Les marchés publics", "fr")
    assert sorted((m.concept, m.how) for m in found) == [("pc", "stem"), ("pp", "exact")]


def test_exclusions():
    tb = TermBase((Concept("lot", (Term("lot", "en", exclude=("a lot", "lots of")),)),))
    matcher = Matcher(tb)
    assert matcher.find("We learned a lot. Lots of bidders.", "en") == []
    assert [m.text for m in matcher.find("Bid for each lot, or for lots 1-3.", "en")] == [
        "lot",
        "lots",
    ]


def test_unknown_language_and_empty_text():
    matcher = Matcher(termbase(("ca", "en", "contracting authority")))
    assert matcher.find("contracting authority", "de") == []
    assert matcher.find("", "en") == []


WORDS = st.sampled_from(["the", "Le", "de", "über", "αρχή", "x", "12", "—", "…", ",", "<b>", "&"])
SPACES = st.sampled_from([" ", "\n", "\u00a0", "\u202f", " - ", "\t"])


@settings(max_examples=200, deadline=None)
@given(
    before=st.lists(WORDS, max_size=5),
    after=st.lists(WORDS, max_size=5),
    space=SPACES,
    upper=st.booleans(),
    plural=st.booleans(),
)
def test_a_term_is_found_wherever_it_stands(before, after, space, upper, plural):
    matcher = Matcher(termbase(("ca", "en", "contracting authority")))
    term = "contracting" + space + ("authorities" if plural else "authority")
    if upper:
        term = term.upper()
    text = " ".join([*before, term, *after])
    found = [m for m in matcher.find(text, "en") if m.concept == "ca"]
    assert len(found) == 1
    assert found[0].text == term
    assert text[found[0].start : found[0].end] == term
