"""Validating a term base, and merging an imported one into ours."""

from __future__ import annotations

from pipeline.glossary import Term, TermBase
from pipeline.glossary.csv_io import read_csv
from pipeline.glossary.merge import merge
from pipeline.glossary.model import Concept
from pipeline.glossary.validate import validate
from pipeline.languages import TARGETS

HEADER = "concept,lang,term,status,needs_review,variants,exclude,note\n"


def problems(text: str, targets: tuple[str, ...] = ("pl", "fr")) -> list[str]:
    return [
        f"{d.severity}:{d.code}:{d.line}"
        for d in validate(read_csv(HEADER + text), "g.csv", targets)
    ]


def test_the_project_glossary_has_no_errors(project_termbase: TermBase):
    found = validate(project_termbase, "glossary/procurement.csv", TARGETS)
    assert [str(d) for d in found if d.severity == "error"] == []
    codes = {d.code for d in found}
    assert codes == {"glossary-missing-language", "glossary-unverified"}
    unverified = [d.message for d in found if d.code == "glossary-unverified"]
    assert unverified[0].startswith("24 eu term(s) need review")


def test_duplicates_across_concepts_are_errors():
    found = problems(
        "a,en,tender,,,,,\na,pl,oferta,,,,,\na,fr,offre,,,,,\n"
        "b,en,bid,,,,,\nb,pl,Oferta,,,,,\nb,fr,enchère,,,offre,,\n"
    )
    assert found.count("error:glossary-duplicate:6") == 1  # "Oferta" folds to "oferta"
    assert found.count("error:glossary-duplicate:7") == 1  # a variant counts too


def test_a_translation_term_admitted_for_a_second_concept_is_shared():
    # pt "anúncio de concurso": contract notice, and in eForms the call for competition.
    shared = "a,en,tender,,,,,\na,pl,oferta,,,,,\nb,en,bid,,,,,\nb,pl,oferta,admitted,,,,\n"
    assert not [p for p in problems(shared) if p.startswith("error")]
    for text, line in (
        ("a,en,tender,,,,,\na,pl,oferta,,,,,\nb,en,bid,,,,,\nb,pl,oferta,,,,,\n", 5),  # preferred
        ("a,en,tender,,,,,\na,pl,oferta,,,,,\nb,en,bid,,,,,\nb,pl,oferta,forbidden,,,,\n", 5),
        ("a,en,tender,,,,,\na,pl,oferta,,,,,\nb,en,tender,admitted,,,,\nb,pl,x,,,,,\n", 4),  # en
    ):
        assert f"error:glossary-duplicate:{line}" in problems(text), text


def test_a_form_listed_twice_in_one_concept():
    assert "error:glossary-duplicate:2" in problems(
        "a,en,SME,,,sme,,\na,pl,MŚP,,,,,\na,fr,PME,,,,,\n"
    )


def test_missing_source_term_and_languages():
    found = problems("a,pl,oferta,,,,,\nb,en,bid,,,,,\nb,pl,x,forbidden,,,,\n")
    assert "error:glossary-no-source:2" in found
    assert found.count("warning:glossary-missing-language:2") == 1  # no fr
    assert found.count("warning:glossary-missing-language:3") == 1  # only a forbidden pl term


def test_unverified_terms_exclusions_and_foreign_languages():
    found = problems(
        "a,en,lot,,,,a plot|lots of,\na,pl,część zamówienia,,yes,,,\n"
        "a,fr,lot,,,,,\na,es,lote,,,,,\n"
    )
    assert found.count("warning:glossary-exclusion:2") == 1  # "a plot"; "lots of" is fine
    assert "warning:glossary-unverified:None" in found
    assert "warning:glossary-language:None" in found
    assert not any(p.startswith("error") for p in found)


def test_errors_come_first():
    found = problems("a,pl,x,,,,,\n")
    assert found[0].startswith("error")


def test_merge_by_id_and_language():
    ours = read_csv(
        HEADER
        + "ca,en,contracting authority,,,,,\nca,pl,instytucja zamawiająca,,,,,\n"
        + "ca,fr,pouvoir adjudicateur,,,,,\n"
    )
    theirs = TermBase(
        (
            Concept(
                "ca",
                (
                    Term("autorité contractante", "fr", "forbidden"),
                    Term("pouvoir adjudicateur", "fr"),
                ),
            ),
        )
    )
    report = merge(ours, theirs)
    [concept] = report.termbase.concepts
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("en", "contracting authority", "preferred"),  # languages not in their file stay
        ("fr", "pouvoir adjudicateur", "preferred"),
        ("fr", "autorité contractante", "forbidden"),
        ("pl", "instytucja zamawiająca", "preferred"),
    ]
    assert [str(c) for c in report.changes] == ['add: ca fr "autorité contractante" (forbidden)']
    assert report.added_concepts == [] and report.unchanged == 1 and report.kept == 2


def test_merge_matches_foreign_ids_by_english_term_and_adds_new_concepts():
    ours = read_csv(HEADER + "ca,en,contracting authority,,,,,\n")
    theirs = TermBase(
        (
            Concept("c-1", (Term("Contracting authority", "en"), Term("poder adjudicador", "es"))),
            Concept("c-2", (Term("lot", "en"),)),
        )
    )
    report = merge(ours, theirs)
    assert report.matched == [("c-1", "ca")]
    assert report.added_concepts == ["c-2"]
    assert [c.id for c in report.termbase] == ["ca", "c-2"]
    assert [t.text for t in report.termbase.concepts[0].terms] == [
        "contracting authority",  # the same term (any case): our spelling stays
        "poder adjudicador",
    ]


def test_merge_of_the_same_term_base_changes_nothing(project_termbase: TermBase):
    report = merge(project_termbase, project_termbase)
    assert report.termbase == project_termbase
    assert report.changes == [] and report.added_concepts == []
    assert report.unchanged == sum(len(c.terms) for c in project_termbase)


def test_a_forbidden_term_without_a_note_is_reported():
    rows = "a,en,tender,,,,,\na,pl,oferta,,,,,\na,pl,przetarg,forbidden,,,,{note}\n"
    assert "warning:glossary-forbidden-reason:4" in problems(rows.format(note=""))
    assert not any("forbidden-reason" in p for p in problems(rows.format(note="EU usage [PL1]")))


def test_uncited_terms_are_listed_per_language():
    text = (
        "concept,lang,term,status,needs_review,variants,exclude,require,pos,note,source\n"
        "a,en,lot,,,,,,noun,,eForms field_en.xml BT-137-Lot\n"
        "a,pl,część zamówienia,,,,,,,,eForms field_pl.xml BT-137-Lot\n"
        "a,fr,lot,,,,,,,,\n"
    )
    found = [
        d for d in validate(read_csv(text), "g.csv", ("pl", "fr")) if d.code == "glossary-uncited"
    ]
    assert [d.message for d in found] == [
        "1 fr term(s) cite no source (the `source` column): lot (a)"
    ]
