"""Ending tables from paradigms: every form of a term, by declension class, is that term.

One row per term class: the term as the glossary writes it and the forms a declension or a
case system makes of it (nouns by declension class in pl/el/ro, Basque case suffixes on the
indefinite and definite forms, stacked up to three deep, Flemish plurals and diminutives,
Portuguese/Spanish/French plurals and contractions inside multi-word terms). Each form must
be found as the term, alone and inside a sentence, with nothing else of the sentence.
"""

from __future__ import annotations

import pytest

from pipeline.glossary import Matcher, Term, TermBase
from pipeline.glossary.model import Concept

PARADIGMS: list[tuple[str, str, list[str]]] = [
    # Greek: neuters in -μα (3rd declension), -ο (2nd), feminines in -α/-η (1st), masculine
    # participle and noun in -ων/-ος/-ας/-έας.
    ("el", "τμήμα", ["τμήματος", "τμήματα", "τμημάτων"]),
    ("el", "σύστημα", ["συστήματος", "συστήματα", "συστημάτων"]),
    ("el", "δυναμικό σύστημα αγορών", ["δυναμικού συστήματος αγορών", "δυναμικά συστήματα αγορών"]),
    ("el", "έγγραφο", ["εγγράφου", "έγγραφα", "εγγράφων"]),
    ("el", "αναθέτουσα αρχή", ["αναθέτουσας αρχής", "αναθέτουσες αρχές", "αναθετουσών αρχών"]),
    ("el", "οικονομικός φορέας", ["οικονομικού φορέα", "οικονομικοί φορείς", "οικονομικών φορέων"]),
    ("el", "προσφέρων", ["προσφέροντος", "προσφέροντα", "προσφέροντες", "προσφερόντων"]),
    # Polish: feminine -a (with the t/c alternation), masculine hard stem (t/ci, t/cie),
    # neuter -ie, masculine in -ek (mobile e).
    ("pl", "oferta", ["oferty", "ofercie", "ofertę", "ofertą", "ofert", "ofertom", "ofertami"]),
    ("pl", "konflikt interesów", ["konfliktu interesów", "konflikcie interesów"]),
    ("pl", "oferent", ["oferenta", "oferentowi", "oferentem", "oferenci", "oferentów"]),
    ("pl", "zamówienie", ["zamówienia", "zamówieniu", "zamówieniem", "zamówień"]),
    ("pl", "instytucja zamawiająca", ["instytucji zamawiającej", "instytucję zamawiającą"]),
    ("pl", "rachunek", ["rachunku", "rachunkiem", "rachunki", "rachunków"]),
    # Romanian: feminine -ă, neuter, masculine, feminine -e; definite and oblique forms.
    ("ro", "ofertă", ["oferta", "oferte", "ofertele", "ofertei", "ofertelor"]),
    ("ro", "contract", ["contractul", "contracte", "contractele", "contractului", "contractelor"]),
    (
        "ro",
        "operator economic",
        ["operatorul economic", "operatorii economici", "operatorilor economici"],
    ),
    ("ro", "autoritate contractantă", ["autoritatea contractantă", "autorității contractante"]),
    # Basque: case suffixes on the indefinite and definite forms, stacked up to three deep.
    (
        "eu",
        "lizitatzailea",
        [
            "lizitatzaileak",
            "lizitatzaileari",
            "lizitatzailearen",
            "lizitatzaileek",
            "lizitatzaileei",
            "lizitatzaileen",
            "lizitatzaileentzat",
        ],
    ),
    (
        "eu",
        "eskaintza",
        ["eskaintzen", "eskaintzetan", "eskaintzarako", "eskaintzaren", "eskaintzekin"],
    ),
    ("eu", "lote", ["loteetan", "lotearen", "loteak", "loteko", "loteetako"]),
    (
        "eu",
        "lizitazio",
        ["lizitazioetako", "lizitazioetakoak", "lizitazioetakoekin", "lizitazioetarakoak"],
    ),
    ("eu", "ETE", ["ETEentzat", "ETEek", "ETEei"]),
    # Flemish: plurals in -en/-s with spelling changes, diminutives.
    ("nl-BE", "perceel", ["percelen", "perceeltje", "perceeltjes"]),
    ("nl-BE", "offerte", ["offertes"]),
    ("nl-BE", "inschrijver", ["inschrijvers"]),
    ("nl-BE", "raamovereenkomst", ["raamovereenkomsten"]),
    ("nl-BE", "aanbestedende overheid", ["aanbestedende overheden"]),
    # Portuguese, Spanish, French: plurals (in every word of the term) and contractions of a
    # preposition with an article inside the term.
    ("pt-PT", "autoridade adjudicante", ["autoridades adjudicantes"]),
    ("pt-PT", "acordo-quadro", ["acordos-quadro"]),
    ("pt-PT", "critério de adjudicação", ["critérios de adjudicação", "critérios da adjudicação"]),
    ("pt-PT", "documentos do concurso", ["documentos de concurso", "documento do concurso"]),
    ("es", "poder adjudicador", ["poderes adjudicadores"]),
    ("es", "licitador", ["licitadores"]),
    (
        "es",
        "documentos de la contratación",
        ["documentos de contratación", "documento de la contratación"],
    ),
    ("es", "valor estimado", ["valores estimados"]),
    ("fr", "pouvoir adjudicateur", ["pouvoirs adjudicateurs"]),
    ("fr", "accord-cadre", ["accords-cadres"]),
    ("fr", "avis de marché", ["avis du marché", "avis de marchés"]),
    ("fr", "critère d'attribution", ["critères d’attribution", "critères d'attribution"]),
]
CASES = [(lang, term, form) for lang, term, forms in PARADIGMS for form in forms]


@pytest.mark.parametrize(("lang", "term", "form"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_every_form_of_a_paradigm_is_the_term(lang: str, term: str, form: str):
    matcher = Matcher(TermBase((Concept("c", (Term(term, lang),)),)))
    assert [m.text for m in matcher.matches(form, lang, translation=True)] == [form]
    sentence = f"Word {form} word."
    assert [m.text for m in matcher.matches(sentence, lang, translation=True)] == [form]


def test_every_language_has_paradigms():
    langs = {lang for lang, _, _ in PARADIGMS}
    assert langs == {"eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"}
