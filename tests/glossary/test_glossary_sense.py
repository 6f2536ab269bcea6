"""Sense, not just form: the English source's words in another sense, and translations whose
terms are split, reordered, nested or written as two variants at once.

Source rows are (English text, the concepts it mentions); translation rows are (English
source, translation, language, the findings expected). Real phrases from the eForms SDK and
ESPD where there are some (CPV names, field identifiers, ESPD messages), the rest plain.
"""

from __future__ import annotations

import pytest

from pipeline.glossary import Matcher, Term, TermBase, review
from pipeline.glossary.model import Concept
from pipeline.glossary.sense import fits, in_identifier

SOURCES: list[tuple[str, list[str]]] = [
    # Other senses of "lot" and "tender": CPV names (eForms code|name|cpv.*), idioms.
    ("Parking lot construction work", []),  # cpv.45223300
    ("Parking-lot-surface painting work", []),  # cpv.45233270
    ("Water-tender vehicles", []),  # cpv.34144212
    ("Locomotive tenders", []),  # cpv.34612100
    ("We learned a lot.", []),
    ("Lots of firms took part.", []),
    ("Bid rigging is a crime.", []),
    ("It is legal tender.", []),
    # ...and the forcing context: a number after "a lot of" makes it a procurement lot.
    ("A lot of €200,000 requires a lower accreditation class.", ["lot"]),
    ("Each lot is awarded separately.", ["lot"]),
    # An identifier names a field, not the concept (eForms expression|name|234).
    ("'Description' (BT-540-Lot) is not filled in", []),
    ("OPT-300-Tenderer is the tenderer's identifier.", ["tenderer"]),
    # The verb: to tender = submit a tender (tender_verb), never the noun.
    (
        "Where applicable, indication of the lot(s) for which the economic operator "
        "wishes to tender:",
        ["lot", "economic_operator", "tender_verb"],
    ),  # ESPD createeo_lots_concerned
    ("SMEs often find it hard to bid.", ["sme_abbr"]),
    ("Firms will tender next month.", []),
    ("We tender for the works.", ["tender_verb"]),
    ("A tender for the works was late.", ["tender"]),
    ("Each bid for the lot is opened.", ["tender", "lot"]),
    ("Submit your bid by Friday.", ["tender"]),
    ("A regularly re-tendered municipal service.", []),  # eForms BT-94
    # Not every word after "to" is a verb.
    ("Questions go to tenderers and answers to tenders.", ["tenderer", "tender"]),
    ("This applies to lot 2.", ["lot"]),
    # A set phrase naming the call (Bizkaia procurement pages), not the field of procurement.
    (
        "Bids required to take part in public procurements calls to tender.",
        ["tender"],
    ),
    ("Public procurement rules apply.", ["public_procurement"]),
]


@pytest.mark.parametrize(("text", "concepts"), SOURCES, ids=[t[:40] for t, _ in SOURCES])
def test_source_senses(project_matcher: Matcher, text: str, concepts: list[str]):
    assert sorted({m.concept for m in project_matcher.find(text, "en")}) == sorted(concepts)


TRANSLATIONS: list[tuple[str, str, str, list[str]]] = [
    # An inserted word inside a multi-word term (eForms BT-94 ro: "sistem unic de calificare").
    (
        "This does not include contracts within a single qualification system.",
        "Aceasta nu include contractele din cadrul unui sistem unic de calificare.",
        "ro",
        [],
    ),
    # Articles and prepositions added or dropped inside terms.
    (
        "The procurement documents are online.",
        "Os documentos de concurso estão em linha.",
        "pt-PT",
        [],
    ),
    (
        "The procurement documents are online.",
        "Los documentos de contratación están en línea.",
        "es",
        [],
    ),
    ("The contract notice is out.", "L'avis du marché est publié.", "fr", []),
    (
        "The name of the procurement procedure or lot.",
        "Η ονομασία της διαδικασίας σύναψης της σύμβασης ή του τμήματος.",
        "el",
        [],
    ),  # eForms BT-21
    # ...but not a different preposition in place of the term's own.
    (
        "An innovation partnership helps.",
        "Un partenariat pour l’innovation aide.",
        "fr",
        ["missing:innovation_partnership"],
    ),
    # The other order of a two-word noun-adjective term.
    ("The estimated value is high.", "Wartość szacunkowa jest wysoka.", "pl", []),
    ("The estimated value is high.", "Szacunkowa wartość jest wysoka.", "pl", []),
    # A coordination sharing the head (ESPD crit_eu_text_involvement, pt).
    (
        "It advised the contracting authority.",
        "Aconselhou a autoridade ou entidade contratante.",
        "pt-PT",
        [],
    ),
    # Nested: the word for tenders inside the term for call for competition counts as tender.
    (
        "The call for competition invites tenders.",
        "Η πρόσκληση υποβολής προσφορών δημοσιεύεται.",
        "el",
        [],
    ),
    # Two source terms sharing a word, one phrase in the translation (ESPD, el).
    (
        "For this public procurement procedure.",
        "Για την παρούσα διαδικασία σύναψης δημόσιας σύμβασης.",
        "el",
        [],
    ),
    # A forbidden term inside a longer forbidden term is reported once, as the longer one.
    (
        "The most economically advantageous tender wins.",
        "De economisch meest voordelige inschrijving wint.",
        "nl-BE",
        ["forbidden:meat"],
    ),
    # A Dutch compound whose first part is the term (eForms notice|name|14, nl).
    (
        "Prior information notice used as a call for competition – concessions directive",
        "Vooraankondiging gebruikt als oproep tot mededinging – concessierichtlijn",
        "nl-BE",
        [],
    ),
    # ...but the word must go on past the term, and a forbidden term's compound is no use.
    ("The concession is signed.", "De richtlijn is ondertekend.", "nl-BE", ["missing:concession"]),
    (
        "The tenders arrived.",
        "De inschrijvingsformulieren zijn binnen.",
        "nl-BE",
        ["missing:tender"],
    ),
    # A term two concepts share, admitted for the second (eForms notice|name|14, pt).
    (
        "Prior information notice used as a call for competition",
        "Anúncio de pré-informação utilizado como anúncio de concurso",
        "pt-PT",
        [],
    ),
    ("The contract notice is out.", "O anúncio de concurso foi publicado.", "pt-PT", []),
    # Belgian usage (Wet overheidsopdrachten; FPS Economy, BOSA pages).
    ("Candidates ask questions.", "Kandidaten stellen vragen.", "nl-BE", []),
    ("Checklists for buyers.", "Checklists voor aankopers.", "nl-BE", []),
    # Still found missing when the translation really leaves the concept out.
    ("The estimated value is high.", "Cena jest wysoka.", "pl", ["missing:estimated_value"]),
    (
        "Each tenderer submits one tender.",
        "Κάθε εταιρεία υποβάλλει μία προσφορά.",
        "el",
        ["missing:tenderer"],
    ),
]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"), TRANSLATIONS, ids=[t[1][:40] for t in TRANSLATIONS]
)
def test_translations(
    project_matcher: Matcher, source: str, target: str, lang: str, expected: list[str]
):
    found = review(project_matcher, source, target, lang)
    assert sorted(f"{i.kind}:{i.concept}" for i in found) == sorted(expected)


def test_a_slash_writes_two_variants_at_once():
    """'entidade/autoridade' with an inserted word too: the slash's other half is free, so
    the one inserted word a term may hold is still there for 'nova'."""
    matcher = Matcher(TermBase((Concept("c", (Term("entidade adjudicante", "pt-PT"),)),)))
    text = "A entidade/autoridade nova adjudicante."
    assert [m.text for m in matcher.matches(text, "pt-PT", translation=True)] == [
        "entidade/autoridade nova adjudicante"
    ]
    two_gaps = "A entidade velha nova adjudicante."
    assert matcher.matches(two_gaps, "pt-PT", translation=True) == ()
    # A source text's terms stay whole: no inserted words there.
    assert matcher.find("A entidade nova adjudicante.", "pt-PT") == []


def test_a_reviewer_adds_an_exclusion_and_a_forcing_context_without_code():
    """The CSV's exclude and require cells are all it takes."""
    plain = Term("lot", "en", pos="noun")
    curated = Term("lot", "en", pos="noun", exclude=("a lot",), require=("a lot of #",))
    for term, expected in ((plain, [True, True]), (curated, [False, True])):
        matcher = Matcher(TermBase((Concept("lot", (term,)),)))
        found = [bool(matcher.find(text, "en")) for text in ("We learned a lot.", "A lot of 5 m.")]
        assert found == expected


def test_part_of_speech_cue():
    assert fits("noun", "the", "en") and not fits("noun", "to", "en")
    assert fits("verb", "to", "en") and not fits("verb", "a", "en")
    assert fits("noun", None, "en") and fits("", "to", "en") and fits("noun", "to", "fr")
    assert fits("noun", "to", "en", "tenders") and not fits("noun", "to", "en", "tender")


def test_identifiers():
    text = "'Description' (BT-540-Lot) and OPT-300-Tenderer, lot-based, e-tendering"
    assert in_identifier(text, text.index("Lot"), text.index("Lot") + 3)
    assert in_identifier(text, text.index("OPT"), text.index("OPT") + 3)
    at = text.index("lot-based")
    assert not in_identifier(text, at, at + 3)
