"""Our TBX exports as the peers read them: translate-toolkit's `tbxfile` (Weblate's reader)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage.tbx import tbxfile

from pipeline.cli import cli
from pipeline.glossary import TermBase, load_termbase
from pipeline.glossary.merge import merge
from pipeline.glossary.tbx import read_tbx, write_tbx, write_tbx_language

ROOT = Path(__file__).resolve().parents[2]
# How Weblate reads a TBX status (docs/formats/tbx.rst: "forbidden or obsolete
# administrative status" becomes its forbidden flag); deprecatedTerm-admn-sts marks a term
# deprecated for translate-toolkit (TBXTerm.deprecated).
WEBLATE_FORBIDDEN = {"forbidden", "obsolete"}


def ours(termbase: TermBase, lang: str | None = None) -> set[tuple[str, str, str]]:
    """Every (language, written form, status) of the term base, variants included."""
    return {
        (t.lang, form, t.status)
        for _, t in termbase.terms()
        for form in (t.text, *t.variants)
        if lang is None or t.lang == lang
    }


def toolkit_status(value: str | None, deprecated: bool) -> str:
    if deprecated or (value or "").lower() in WEBLATE_FORBIDDEN:
        return "forbidden"
    return "admitted" if (value or "").startswith("admitted") else "preferred"


def test_translate_toolkit_fails_on_tbx3_so_the_default_is_the_2008_form(
    project_termbase: TermBase,
):
    with pytest.raises(AssertionError):  # tbxfile expects <martif>: what failed before
        tbxfile.parsestring(write_tbx(project_termbase, 3).encode("utf-8"))
    result = CliRunner().invoke(
        cli, ["glossary", "export", "-g", str(ROOT / "glossary/procurement.csv")]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<martif ')
    assert tbxfile.parsestring(result.stdout.encode("utf-8")).units


def test_translate_toolkit_finds_every_term_of_the_default_export(project_termbase: TermBase):
    store = tbxfile.parsestring(write_tbx(project_termbase).encode("utf-8"))
    assert [u.getid() for u in store.units] == [c.id for c in project_termbase]
    found = set()
    for unit, concept in zip(store.units, project_termbase, strict=True):
        assert not unit.isobsolete()  # an obsolete unit is one Weblate would skip
        for lang in concept.languages:
            for term in unit.get_target_terms(lang):
                found.add(
                    (lang, term.text, toolkit_status(term.administrative_status, term.deprecated))
                )
    assert found == ours(project_termbase)


@pytest.mark.parametrize("lang", ["nl-BE", "pl", "el", "eu", "fr", "pt-PT", "ro", "es"])
def test_per_language_file_as_weblate_reads_it(project_termbase: TermBase, lang: str):
    """One entry per term; source terms in English; forbidden with Weblate's own status."""
    store = tbxfile.parsestring(
        write_tbx_language(project_termbase, lang).encode("utf-8"),
        sourcelanguage="en",
        targetlanguage=lang,
    )
    found = set()
    for unit in store.units:
        assert not unit.isobsolete()
        concept = project_termbase.get(unit.getid().split(".")[0])
        assert concept is not None
        assert unit.source == concept.headword()  # what an older Weblate shows as the source
        assert {t.text for t in unit.get_source_terms()} <= {
            form for t in concept.approved_in("en") for form in (t.text, *t.variants)
        }
        targets = unit.get_target_terms()
        assert unit.target == targets[0].text
        for term in targets:
            found.add((lang, term.text, toolkit_status(term.administrative_status, False)))
    assert found == ours(project_termbase, lang)
    assert len({u.getid() for u in store.units}) == len(store.units)  # Weblate's context


def test_forbidden_flemish_term_is_forbidden_in_the_weblate_file(project_termbase: TermBase):
    store = tbxfile.parsestring(
        write_tbx_language(project_termbase, "nl-BE").encode("utf-8"), "en", "nl-BE"
    )
    [unit] = [u for u in store.units if u.target == "aanbestedende dienst"]
    assert unit.source == "contracting authority"
    [term] = unit.get_target_terms()
    assert term.administrative_status == "forbidden"
    assert "not the Belgian legal term" in unit.getnotes()


def test_importing_every_per_language_file_changes_nothing(project_termbase: TermBase):
    for lang in project_termbase.languages:
        if lang == "en":
            continue
        theirs = read_tbx(write_tbx_language(project_termbase, lang).encode("utf-8"))
        report = merge(project_termbase, theirs)
        assert report.termbase == project_termbase, lang
        assert report.changes == [] and report.added_concepts == []


def test_export_per_language_command(tmp_path: Path):
    project = tmp_path / "p"
    (project / "subtitles").mkdir(parents=True)
    shutil.copy(ROOT / "subtitles/catalog.toml", project / "subtitles/catalog.toml")
    (project / "glossary").mkdir()
    shutil.copy(ROOT / "glossary/procurement.csv", project / "glossary/procurement.csv")
    out = tmp_path / "weblate"
    result = CliRunner().invoke(
        cli, ["-C", str(project), "glossary", "export", "--per-language", str(out)]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"{lang}.tbx" for lang in ("eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es")
    )
    assert "wrote 8 files" in result.stderr
    tb = load_termbase(project / "glossary/procurement.csv")
    assert (out / "pl.tbx").read_text("utf-8") == write_tbx_language(tb, "pl")
    both = CliRunner().invoke(
        cli, ["-C", str(project), "glossary", "export", "--per-language", str(out), "-o", "x.tbx"]
    )
    assert both.exit_code == 2 and "--per-language" in both.stderr
    three = CliRunner().invoke(cli, ["-C", str(project), "glossary", "export", "--format", "tbx3"])
    assert three.exit_code == 0 and 'xmlns="urn:iso:std:iso:30042:ed-2"' in three.stdout
    assert read_tbx(three.stdout.encode("utf-8")) == tb


def test_an_explanation_added_in_weblate_comes_back_as_a_note(project_termbase: TermBase):
    """Weblate stores a translator's explanation as a note of the language (translate-
    toolkit's set_common_note): importing the file adds it to that term's note."""
    store = tbxfile.parsestring(
        write_tbx_language(project_termbase, "nl-BE").encode("utf-8"), "en", "nl-BE"
    )
    [unit] = [u for u in store.units if u.target == "aanbestedende overheid"]
    unit.set_common_note("Also in Brussels usage")
    report = merge(project_termbase, read_tbx(bytes(store)))
    assert [str(c) for c in report.changes] == [
        'update: contracting_authority nl-BE "aanbestedende overheid": note '
        '"Belgian law, Wet 17 juni 2016 [BE1][BE2]" → '
        '"Belgian law, Wet 17 juni 2016 [BE1][BE2] / Also in Brussels usage"'
    ]
