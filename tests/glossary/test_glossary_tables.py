"""Per-language tables: inflected correct uses pass, omissions and forbidden forms are found.

Each row is (English source, translation, expected issues as "kind:concept"). The term base
is the project glossary plus tests/data/glossary/tables-overlay.csv, which forbids one term
in each language whose real glossary forbids none.
"""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.glossary import Matcher, review

NFD = unicodedata.normalize("NFD", "Η αναθέτουσα αρχή αποφασίζει.")
SHY = "\u00ad"

TABLES: dict[str, list[tuple[str, str, list[str]]]] = {
    "pl": [
        ("The contracting authority decides.", "Decyzję podejmuje instytucja zamawiająca.", []),
        ("Ask the contracting authority.", "Zapytaj instytucję zamawiającą.", []),
        ("It belongs to the contracting authority.", "Należy do instytucji zamawiającej.", []),
        ("Contracting authorities cooperate.", "Instytucje zamawiające współpracują.", []),
        ("With contracting authorities.", "Z instytucjami zamawiającymi.", []),
        ("The contracting authority decides.", "Decyzję podejmuje zamawiający.", []),
        (
            "The contracting authority decides.",
            "Decyzję podejmuje urząd.",
            ["missing:contracting_authority"],
        ),
        (
            "Economic operators apply.",
            "Podmioty gospodarcze składają wnioski.",
            ["forbidden:economic_operator"],
        ),
        (
            "There is no economic operator.",
            "Brak podmiotu gospodarczego.",
            ["forbidden:economic_operator"],
        ),
        ("Details are in the tender.", "Szczegóły są w ofercie.", []),
        ("The number of tenders.", "Liczba ofert.", []),
        ("Tenderers ask questions.", "Oferenci zadają pytania.", []),
        ("Tenderers ask questions.", "Oferty zadają pytania.", ["missing:tenderer"]),
        ("The tender wins.", "Oferent wygrywa.", ["missing:tender"]),
        ("Under the framework agreement.", "Na podstawie umowy\nramowej.", []),
        ("The number of framework agreements.", "Liczba umów ramowych.", []),
        ("The contracting authority decides.", "DECYZJĘ PODEJMUJE INSTYTUCJA ZAMAWIAJĄCA.", []),
        ("Based on life-cycle costing.", "Na podstawie rachunku kosztów cyklu życia.", []),
        ("SMEs benefit.", "Korzystają MŚP.", []),
        ("The tender is late.", "\u041eferta jest spóźniona.", []),  # Cyrillic О
        ("Subcontractors are named.", "Podwykonawców trzeba wskazać.", []),
    ],
    "el": [
        ("The contracting authority decides.", "Αποφασίζει η αναθέτουσα αρχή.", []),
        ("The contracting authority's decision.", "Η απόφαση της αναθέτουσας αρχής.", []),
        ("Contracting authorities cooperate.", "Οι αναθέτουσες αρχές συνεργάζονται.", []),
        ("The role of contracting authorities.", "Ο ρόλος των αναθετουσών αρχών.", []),
        ("The contracting authority decides.", "ΑΠΟΦΑΣΙΖΕΙ Η ΑΝΑΘΕΤΟΥΣΑ ΑΡΧΗ.", []),
        ("The contracting authority decides.", "Η αναθέτουσα Αpχή αποφασίζει.", []),  # Latin p
        ("The contracting authority decides.", NFD, []),
        ("The contracting authority decides.", "Η αναθέτουσα\nαρχή αποφασίζει.", []),
        (
            "The contracting authority decides.",
            "Αποφασίζει ο δήμος.",
            ["missing:contracting_authority"],
        ),
        (
            "Public procurement matters.",
            "Οι δημόσιες προμήθειες μετράνε.",
            ["forbidden:public_procurement"],
        ),
        (
            "Rules of public procurement.",
            "Κανόνες των δημοσίων προμηθειών.",
            ["forbidden:public_procurement"],
        ),
        ("We invite tenderers.", "Καλούμε τους προσφέροντες.", []),
        ("The tenderers' tenders.", "Οι προσφορές των προσφερόντων.", []),
        ("The tenderers' tenders.", "Οι προσφορές των εταιρειών.", ["missing:tenderer"]),
        ("Each tenderer submits.", "Κάθε διαγωνιζόμενος υποβάλλει.", ["forbidden:tenderer"]),
        ("Tenderers submit.", "Οι διαγωνιζόμενοι υποβάλλουν.", ["forbidden:tenderer"]),
        ("The list of subcontractors.", "Ο κατάλογος των υπεργολάβων.", []),
        ("Subcontracting is allowed.", "Οι υπεργολάβοι επιτρέπονται.", ["missing:subcontracting"]),
        ("SMEs benefit.", "Οι MME ωφελούνται.", []),  # Latin capitals
        ("The estimated value counts.", "Μετράει της εκτιμώμενης αξίας το ύψος.", []),
        ("The contracting authority decides.", "η αναθετουσα αρχη αποφασιζει", []),
    ],
    "ro": [
        ("The contracting authority decides.", "Autoritatea contractantă decide.", []),
        ("Contracting authorities decide.", "Autorităţile contractante decid.", []),  # cedilla
        ("The role of contracting authorities.", "Rolul autorităților contractante.", []),
        ("The contracting authority decides.", "Autoritatea contractanta decide.", []),
        (
            "The contracting authority signs.",
            "Contractul este semnat de primărie.",
            ["missing:contracting_authority"],
        ),
        (
            "The contracting authority decides.",
            "Autoritatea achizitoare decide.",
            ["forbidden:contracting_authority"],
        ),
        (
            "The contracting authority was asked.",
            "Autorităţii achizitoare i s-a cerut.",
            ["forbidden:contracting_authority"],
        ),
        ("Tenderers submit tenders.", "Ofertanții depun oferte.", []),
        ("Tenderers submit tenders.", "Firmele depun oferte.", ["missing:tenderer"]),
        ("Tenderers submit tenders.", "Ofertanții depun documente.", ["missing:tender"]),
        ("Exceeding the estimated value.", "Depășirea valorii estimate.", []),
        ("SMEs benefit.", "IMM-urile beneficiază.", []),
        ("Each lot is awarded.", "Loturile sunt atribuite.", []),
        ("Framework agreements are signed.", "Acordurile-cadru sunt semnate.", []),
        ("The contracting authority decides.", "Autoritatea\ncontractantă decide.", []),
        ("The contracting authority decides.", "AUTORITATEA CONTRACTANTĂ DECIDE.", []),
        ("The buyer decides.", "Achizitorul decide.", []),
        (
            "Technical specifications matter.",
            "Cerințele contează.",
            ["missing:technical_specifications"],
        ),
    ],
    "es": [
        ("The contracting authority decides.", "El poder adjudicador decide.", []),
        ("Contracting authorities decide.", "Los poderes adjudicadores deciden.", []),
        ("Tenderers must sign.", "Las licitaciones deben firmarse.", ["missing:tenderer"]),
        ("Tenderers must sign.", "Los licitadores deben firmar.", []),
        ("Contract notices are out.", "Se publicaron los anuncios de licitación.", []),
        ("Tenderers must sign.", "Los oferentes deben firmar.", ["forbidden:tenderer"]),
        ("The tender must be signed.", "La oferta debe firmarse.", []),
        ("The contracting authority decides.", "EL PODER ADJUDICADOR DECIDE.", []),
        ("The contracting authority decides.", "El poder\nadjudicador decide.", []),
        ("The contract notice is out.", "Salió el anuncio de licitacion.", []),
        ("SMEs benefit.", "Las PYMES se benefician.", []),
        (
            "A framework agreement was signed.",
            "Se firmó un convenio.",
            ["missing:framework_agreement"],
        ),
        ("Framework agreements were signed.", "Se firmaron acuerdos marco.", []),
        ("The award criterion is price.", "El criterio de adjudicación es el precio.", []),
        ("Subcontracting is allowed.", "Se admiten subcontratistas.", ["missing:subcontracting"]),
        ("The contracting authority decides.", f"El poder adjudi{SHY}cador decide.", []),
        ("Contracting entities decide.", "Las entidades adjudicadoras deciden.", []),
    ],
    "pt-PT": [
        ("The contracting authority decides.", "A autoridade adjudicante decide.", []),
        ("Contracting authorities decide.", "As autoridades adjudicantes decidem.", []),
        (
            "The authors thank the contracting authority.",
            "Os autores agradecem à autoridade adjudicante.",
            [],
        ),
        (
            "The contracting authority decides.",
            "O autor decide.",
            ["missing:contracting_authority"],
        ),
        ("The tender arrived.", "A oferta chegou.", ["forbidden:tender"]),
        ("The tenders arrived.", "As ofertas chegaram.", ["forbidden:tender"]),
        ("The tenders arrived.", "As propostas chegaram.", []),
        ("Tenderers ask.", "Os concorrentes perguntam.", []),
        ("The award criterion is price.", "O critério de adjudicação é o preço.", []),
        ("One technical specification.", "Uma especificação técnica.", []),
        ("Public procurement matters.", "CONTRATAÇÃO PÚBLICA", []),
        ("A framework agreement.", "Um acordo-\nquadro.", []),
        ("Subcontracting is allowed.", "A subempreitada é permitida.", ["missing:subcontracting"]),
        ("SMEs benefit.", "As PMEs beneficiam.", []),
        ("Economic operators apply.", "Os operadores económicos concorrem.", []),
        ("Contract notices are published.", "Os anúncios de concurso são publicados.", []),
    ],
    "fr": [
        ("The contracting authority decides.", "Le pouvoir adjudicateur décide.", []),
        ("Contracting authorities decide.", "Les pouvoirs adjudicateurs décident.", []),
        ("Contracting entities decide.", "Les entités adjudicatrices décident.", []),
        ("The tender is late.", "La soumission est en retard.", ["forbidden:tender"]),
        ("The tenders are late.", "Les soumissions sont en retard.", ["forbidden:tender"]),
        ("Tenderers are late.", "Les soumissionnaires sont en retard.", []),
        ("The award criteria matter.", "Les critères d'attribution comptent.", []),
        ("The award criterion matters.", "Le critère d’attribution compte.", []),
        ("A framework agreement.", "Un accord\u2011cadre.", []),  # non-breaking hyphen
        ("Public contracts are published.", "Les marchés publics sont publiés.", []),
        ("The buyer decides.", "L’administration décide.", ["missing:buyer"]),
        ("The contracting authority decides.", "LE POUVOIR ADJUDICATEUR DÉCIDE.", []),
        ("The contracting authority decides.", "Le pouvoir\u00a0adjudicateur décide.", []),
        ("The contracting authority decides.", "Le pouvoir\nadjudicateur décide.", []),
        (
            "Subcontracting is allowed.",
            "Les sous-traitants sont admis.",
            ["missing:subcontracting"],
        ),
        ("Competitive dialogues are rare.", "Les dialogues compétitifs sont rares.", []),
        ("The contracting authority decides.", "Le <i>pouvoir adjudicateur</i> décide.", []),
    ],
    "nl-BE": [
        ("The contracting authority decides.", "De aanbestedende overheid beslist.", []),
        ("Contracting authorities decide.", "Aanbestedende overheden beslissen.", []),
        (
            "Contracting authorities decide.",
            "Aanbestedende diensten beslissen.",
            ["forbidden:contracting_authority"],
        ),
        ("The tenders arrived.", "De offertes zijn binnen.", []),
        ("The tenders arrived.", "De inschrijvingen zijn binnen.", ["forbidden:tender"]),
        ("Tenderers ask.", "Inschrijvers stellen vragen.", []),
        ("Split it into lots.", "Verdeel het in percelen.", []),
        ("SMEs benefit.", "KMO'S hebben er baat bij.", []),
        ("SMEs benefit.", "Het mkb heeft er baat bij.", ["forbidden:sme_abbr"]),
        (
            "One procurement document is missing.",
            "Er ontbreekt één aanbestedingsstuk.",
            ["forbidden:procurement_documents"],
        ),
        ("The award criterion is price.", "Het gunningscriterium is de prijs.", []),
        ("Framework agreements run for four years.", "Raamovereenkomsten lopen vier jaar.", []),
        (
            "The most economically advantageous tender.",
            "De economisch meest voordelige inschrijving.",
            ["forbidden:meat"],
        ),
        ("The contracting authority decides.", "DE AANBESTEDENDE OVERHEID BESLIST.", []),
        ("The contracting authority decides.", "De aanbestedende\noverheid beslist.", []),
        # "verkoper" (seller) ends in the term "koper" but is another word; "aankoper" is
        # the Belgian word for the buyer (BOSA e-Procurement), admitted.
        ("The buyer decides.", "De verkoper beslist.", ["missing:buyer"]),
        ("The buyer decides.", "De aankoper beslist.", []),
        ("Public contracts are published.", "Overheidsopdrachten worden bekendgemaakt.", []),
    ],
    "eu": [
        ("The contracting authority decides.", "Botere adjudikatzaileak erabakitzen du.", []),
        ("Ask the contracting authority.", "Botere adjudikatzaileari galdetu.", []),
        ("The task of contracting authorities.", "Botere adjudikatzaileen eginkizuna.", []),
        (
            "The contracting authority decides.",
            "Udalak erabakitzen du.",
            ["missing:contracting_authority"],
        ),
        (
            "The contracting authority decides.",
            "Kontratazio-organoak erabakitzen du.",
            ["forbidden:contracting_authority"],
        ),
        (
            "Ask the contracting authority.",
            "Kontratazio organoari galdetu.",
            ["forbidden:contracting_authority"],
        ),
        ("Tenderers read it.", "Lizitazioak irakurtzen dute.", ["missing:tenderer"]),
        ("Tenderers read it.", "Lizitatzaileek irakurtzen dute.", []),
        ("It is for tenderers.", "Lizitatzaileentzat da.", []),
        ("It is for SMEs.", "ETEentzat da.", []),
        (
            "Public procurement matters.",
            "Kontratu publikoak garrantzitsuak dira.",
            ["missing:public_procurement"],
        ),
        ("Public contracts matter.", "Kontratu publikoek garrantzia dute.", []),
        ("In the lots.", "Loteetan.", []),
        ("The price of the tenders.", "Eskaintzen prezioa.", []),
        ("In the contract notices.", "Lizitazio iragarkietan.", []),
        ("The contracting authority decides.", "Botere\nadjudikatzaileak erabakitzen du.", []),
        ("The contracting authority decides.", "BOTERE ADJUDIKATZAILEAK ERABAKITZEN DU.", []),
    ],
}

CASES = [
    pytest.param(lang, source, target, expected, id=f"{lang}-{n}")
    for lang, rows in TABLES.items()
    for n, (source, target, expected) in enumerate(rows, start=1)
]


@pytest.mark.parametrize(("lang", "source", "target", "expected"), CASES)
def test_table(table_matcher: Matcher, lang: str, source: str, target: str, expected: list[str]):
    issues = review(table_matcher, source, target, lang)
    assert sorted(f"{i.kind}:{i.concept}" for i in issues) == sorted(expected)


def test_every_language_has_fifteen_cases():
    assert set(TABLES) == {"eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"}
    assert all(len(rows) >= 15 for rows in TABLES.values())
    # Each table holds passing cases, omissions and forbidden forms.
    for rows in TABLES.values():
        kinds = {e.split(":")[0] for _, _, expected in rows for e in expected}
        assert kinds == {"missing", "forbidden"}
        assert any(not expected for _, _, expected in rows)


# The English source side: which concepts a source line mentions.
ENGLISH: list[tuple[str, list[str]]] = [
    ("The contracting authority decides.", ["contracting_authority"]),
    ("Contracting Authorities decide.", ["contracting_authority"]),
    ("The contracting authority's website.", ["contracting_authority"]),
    ("The authors of the report.", []),
    ("SMEs and the SME test.", ["sme_abbr", "sme_abbr"]),
    ("It may smell.", []),
    ("Tenders arrive.", ["tender"]),
    ("Tenderers arrive.", ["tenderer"]),
    ("E-tendering is common.", []),
    ("The award criterion and the award criteria.", ["award_criteria", "award_criteria"]),
    ("We learned a lot. Lots of people came.", []),
    ("Each lot, and lots 1 and 2.", ["lot", "lot"]),
    ("Life cycle costing, lifecycle costing and life-cycle costs.", ["life_cycle_costing"] * 3),
    ("The most economically advantageous tender.", ["meat"]),
    ("The contract\nnotice.", ["contract_notice"]),
    ("Public procurement documents.", ["public_procurement", "procurement_documents"]),
    ("Small and medium sized enterprises.", ["sme_full"]),
    ("Subcontractors and subcontracting.", ["subcontractor", "subcontracting"]),
    ("Economic operators and exclusion grounds.", ["economic_operator", "exclusion_grounds"]),
]


@pytest.mark.parametrize(("text", "concepts"), ENGLISH, ids=[t for t, _ in ENGLISH])
def test_english_source(project_matcher: Matcher, text: str, concepts: list[str]):
    assert [m.concept for m in project_matcher.find(text, "en")] == concepts
