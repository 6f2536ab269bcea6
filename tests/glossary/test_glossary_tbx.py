"""TBX import and export: round trips, files written by other tools, malicious XML."""

from __future__ import annotations

import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.glossary import Term, TermBase, load_termbase
from pipeline.glossary.model import STATUSES, Concept, sort_terms, text_problem
from pipeline.glossary.tbx import read_tbx, write_tbx

TBX = DATA / "tbx"


@pytest.mark.parametrize("version", [2, 3])
def test_project_glossary_round_trips(project_termbase: TermBase, version: int):
    text = write_tbx(project_termbase, version)  # type: ignore[arg-type]
    assert read_tbx(text.encode("utf-8")) == project_termbase


def test_export_is_tbx_basic_of_each_version(project_termbase: TermBase):
    three = write_tbx(project_termbase, 3)
    assert '<tbx type="TBX-Basic" style="dca"' in three
    assert 'xmlns="urn:iso:std:iso:30042:ed-2"' in three
    assert '<conceptEntry id="contracting_authority">' in three
    assert '<langSec xml:lang="nl-BE">' in three
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in three
    two = write_tbx(project_termbase, 2)
    assert two.count("<termEntry ") == len(project_termbase)
    assert "<langSet xml:lang=" in two and "<tig>" in two and "<martif " in two


# Text that survives XML and our canonical form: no control characters, no '|', not blank.
TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=["Cc", "Cs", "Co", "Cn"], exclude_characters="|"
    ),
    min_size=1,
    max_size=25,
).filter(lambda s: s.split() and text_problem(s) is None)  # no bidi control, not too long
IDS = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,12}", fullmatch=True)
LANGS = st.sampled_from(["en", "eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es"])


@st.composite
def terms(draw: st.DrawFn) -> Term:
    return Term(
        draw(TEXT),
        draw(LANGS),
        draw(st.sampled_from(STATUSES)),
        tuple(draw(st.lists(TEXT, max_size=2))),
        tuple(draw(st.lists(TEXT, max_size=2))),
        draw(st.one_of(st.just(""), TEXT)),
        draw(st.booleans()),
    )


@st.composite
def termbases(draw: st.DrawFn) -> TermBase:
    ids = draw(st.lists(IDS, unique=True, max_size=5))
    concepts = []
    for concept_id in ids:
        raw = draw(st.lists(terms(), max_size=5))
        unique: dict[tuple[str, str], Term] = {}
        for term in raw:  # one term text per language and concept, as the CSV requires
            unique.setdefault((term.lang, term.text.casefold()), term)
        concepts.append(
            Concept(concept_id, sort_terms(unique.values()), draw(st.one_of(st.just(""), TEXT)))
        )
    return TermBase(tuple(concepts))


@settings(max_examples=75, deadline=None)
@given(tb=termbases(), version=st.sampled_from([2, 3]))
def test_any_term_base_round_trips(tb: TermBase, version: int):
    assert read_tbx(write_tbx(tb, version).encode("utf-8")) == tb  # type: ignore[arg-type]


def test_tbx2_basic_with_tig_from_another_tool():
    tb = load_termbase(TBX / "tbx2-basic-tig.tbx")
    authority = tb.concept("eid-0001")
    assert authority.note == (
        "definition: A state, regional or local authority buying under the Directive."
        " / subjectField: public procurement"
    )
    assert [(t.lang, t.text, t.status) for t in authority.terms] == [
        ("en", "contracting authority", "preferred"),  # en-GB is ours "en"
        ("pl", "instytucja zamawiająca", "preferred"),
        ("pl", "zamawiający", "admitted"),
        ("nl-BE", "aanbestedende overheid", "preferred"),
        ("nl-BE", "aanbestedende dienst", "forbidden"),  # supersededTerm-admn-sts
    ]
    assert authority.terms[1].note == "eForms BT-10"
    tenderer = tb.concept("eid-0002")
    assert [(t.lang, t.text, t.status) for t in tenderer.terms] == [
        ("en", "tenderer", "preferred"),  # no status given: an ordinary approved term
        ("fr", "soumissionnaire", "preferred"),
        ("fr", "offrant", "forbidden"),
        ("pt-PT", "proponente", "preferred"),  # xml:lang="pt"
    ]


def test_tbx2_ntig_and_normative_authorization():
    [concept] = load_termbase(TBX / "tbx2-ntig.tbx").concepts
    assert concept.id == "T17" and concept.note == "Framework agreements under art. 33"
    assert [(t.lang, t.text, t.status, t.needs_review, t.note) for t in concept.terms] == [
        # its <descrip type="context"> was dropped without a word
        (
            "en",
            "framework agreement",
            "preferred",
            False,
            "context: A framework agreement may last four years.",
        ),
        ("ro", "acord-cadru", "preferred", False, ""),
        ("ro", "contract-cadru", "forbidden", False, "older usage"),
        ("el", "συμφωνία-πλαίσιο", "preferred", True, ""),
    ]


def test_tbx3_dca():
    tb = load_termbase(TBX / "tbx3-dca.tbx")
    lot = tb.concept("c-lot")
    assert lot.note == "definition: A part of a contract that can be awarded separately."
    assert [(t.lang, t.text, t.status, t.note) for t in lot.terms] == [
        ("en", "lot", "preferred", ""),
        ("es", "lote", "preferred", ""),
        ("es", "parcela", "forbidden", ""),  # notRecommended
        ("pt-PT", "lote", "admitted", ""),  # inside a termNoteGrp
        ("pt-PT", "parte", "forbidden", "too vague"),  # obsolete
    ]
    sme = tb.concept("c-sme")
    assert [(t.lang, t.text, t.needs_review) for t in sme.terms] == [
        ("en", "SME", False),
        ("eu", "ETE", True),
    ]


def test_tbx3_dct_namespaced_data_categories():
    [concept] = load_termbase(TBX / "tbx3-dct.tbx").concepts
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("en", "award criteria", "preferred"),
        ("es", "criterios de adjudicación", "preferred"),
        ("es", "criterios de concesión", "admitted"),
        ("es", "criterios de otorgamiento", "forbidden"),
    ]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("billion-laughs.tbx", "declares an entity ('lol')"),
        ("external-entity.tbx", "declares an external entity ('secret')"),
        ("parameter-entity.tbx", "declares an external entity ('remote')"),
    ],
)
def test_malicious_xml_is_refused(name: str, says: str):
    with pytest.raises(InputError) as caught:
        load_termbase(TBX / name)
    message = str(caught.value)
    assert says in message and "refused" in message
    assert "root:" not in message  # nothing of /etc/passwd


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<martif><text><body><termEntry>", "not well-formed XML"),
        (b"<tmx version='1.4'/>", "root element is <tmx>"),
        (
            b"<martif><text><body><termEntry id='a'><langSet xml:lang='nl'><tig><term>x</term>"
            b"</tig></langSet></termEntry></body></text></martif>",
            "unknown language 'nl' (did you mean 'nl-BE'?)",
        ),
        (
            b"<martif><text><body><termEntry id='a'><langSet xml:lang='en'><tig><term>x</term>"
            b"<termNote type='administrativeStatus'>maybeTerm</termNote></tig></langSet>"
            b"</termEntry></body></text></martif>",
            "unknown administrativeStatus 'maybeTerm'",
        ),
        (
            b"<martif><text><body><termEntry id='a'/><termEntry id='a'/></body></text></martif>",
            "concept id 'a' appears twice",
        ),
    ],
)
def test_bad_tbx_is_reported(data: bytes, says: str):
    with pytest.raises(InputError) as caught:
        read_tbx(data, "their.tbx")
    assert says in str(caught.value)
    assert "their.tbx" in str(caught.value)


def test_language_map_for_foreign_codes():
    data = (
        b"<martif><text><body><termEntry id='a'><langSet xml:lang='nl'><tig><term>offerte</term>"
        b"</tig></langSet></termEntry></body></text></martif>"
    )
    tb = read_tbx(data, lang_map=lambda code: "nl-BE" if code == "nl" else None)
    assert [(t.lang, t.text) for t in tb.concepts[0].terms] == [("nl-BE", "offerte")]


def test_every_concept_description_is_kept_in_the_note():
    """Weblate's extended-metadata TBX: the `Usage note` and `Translation needed` of a
    concept were dropped without a word; only `definition` reached the note."""
    tb = load_termbase(TBX / "weblate-fr-extended-metadata.tbx")
    bus = tb.concept("e001")
    assert bus.note == (
        "definition: Superseded but still found in older manuals. / Translation needed: Yes"
        " / Usage note: Avoid using this term in any documentation."
    )
    assert [(t.lang, t.text, t.status) for t in bus.terms] == [
        ("en", "data bus", "forbidden"),
        ("fr", "bus de données", "forbidden"),
    ]
    code = tb.concept("e002")
    assert code.note.endswith("Translation needed: No")
    assert code.terms[0].note == "Do not translate error codes."
