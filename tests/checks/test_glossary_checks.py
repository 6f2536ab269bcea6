"""glossary-missing and glossary-forbidden over PO entries, as the `msm check` runner calls them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import CHECK_MODULES, CheckContext, load_all
from pipeline.errors import InputError, ProjectError
from pipeline.glossary import Matcher
from pipeline.project import parse_settings

ROOT = Path(__file__).resolve().parents[2]
CATALOG = """
[project]
target_languages = ["pl", "nl-BE", "fr"]
{extra}
[[videos]]
slug = "demo"
title = "Demo"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "procurement.csv", tmp_path / "glossary" / "procurement.csv")
    return tmp_path


def context(root: Path | None, extra: str = "", glossary: Path | None = None) -> CheckContext:
    settings = parse_settings(CATALOG.format(extra=extra)) if root is not None else None
    return CheckContext(settings=settings, root=root, glossary_path=glossary)


def unit(lang: str, source: str, target: str, **kw: object) -> EntryUnit:
    return EntryUnit(
        path=f"subtitles/demo/{lang}.po", line=12, lang=lang, source=source, target=target, **kw
    )  # type: ignore[arg-type]


def run(check: str, entry: EntryUnit, ctx: CheckContext) -> list[tuple[str | None, str]]:
    spec = load_all()[check]
    return [(p.concept, p.message) for p in spec.func(entry, ctx)]


def test_registered_in_the_registry():
    assert "pipeline.checks.glossary_checks" in CHECK_MODULES
    registry = load_all()
    for check in ("glossary-missing", "glossary-forbidden"):
        spec = registry[check]
        assert (spec.scope, spec.severity, spec.langs, spec.source) == (
            "entry",
            "warning",
            None,
            False,
        )


def test_missing(project: Path):
    ctx = context(project)
    found = run(
        "glossary-missing", unit("pl", "The contracting authority decides.", "Decyduje urząd."), ctx
    )
    assert [c for c, _ in found] == ["contracting_authority"]
    assert '"instytucja zamawiająca" or "zamawiający" (admitted)' in found[0][1]
    ok = unit("pl", "The contracting authority decides.", "Decyduje instytucja zamawiająca.")
    assert run("glossary-missing", ok, ctx) == []


def test_forbidden(project: Path):
    ctx = context(project)
    entry = unit(
        "nl-BE", "The contracting authorities decide.", "De aanbestedende diensten beslissen."
    )
    [(concept, message)] = run("glossary-forbidden", entry, ctx)
    assert concept == "contracting_authority"
    assert message.startswith(
        '"aanbestedende diensten" (a form of "aanbestedende dienst") is a forbidden term'
    )
    assert 'use "aanbestedende overheid"' in message
    assert run("glossary-missing", entry, ctx) == []  # reported once, as forbidden


@pytest.mark.parametrize(
    ("kw", "missing", "forbidden"),
    [
        ({"obsolete": True}, 0, 0),
        ({"fuzzy": True}, 0, 1),  # a fuzzy translation belongs to an older source
        ({}, 1, 1),
    ],
)
def test_obsolete_and_fuzzy(project: Path, kw: dict[str, bool], missing: int, forbidden: int):
    ctx = context(project)
    entry = unit("nl-BE", "The tender and the buyer.", "De inschrijving.", **kw)
    assert len(run("glossary-missing", entry, ctx)) == missing
    assert len(run("glossary-forbidden", entry, ctx)) == forbidden


def test_untranslated_and_source_entries_are_skipped(project: Path):
    ctx = context(project)
    assert run("glossary-missing", unit("pl", "The contracting authority.", ""), ctx) == []
    source_track = unit("en", "The contracting authority.", "The contracting authority.")
    assert run("glossary-missing", source_track, ctx) == []
    lone_srt = unit("nl-BE", "", "De aanbestedende dienst.", from_po=False)
    assert run("glossary-missing", lone_srt, ctx) == []
    assert len(run("glossary-forbidden", lone_srt, ctx)) == 1


def test_no_approved_term_in_the_language_means_no_missing(project: Path):
    # public_contract has no Spanish term in the glossary (no source found).
    ctx = context(project)
    assert run("glossary-missing", unit("es", "A public contract.", "Un contrato."), ctx) == []


def test_severity_comes_from_the_checks_settings(project: Path):
    """One mechanism for every check: `[checks.severity]`, applied by the runner."""
    from pipeline.checks.runner import check_paths
    from pipeline.project import Project

    example = ROOT / "subtitles"
    shutil.copytree(example, project / "subtitles")
    po = project / "subtitles" / "what-is-public-procurement" / "pl.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("instytucje zamawiające", "urzędy", 1), encoding="utf-8")

    def glossary(items):  # the edit also makes pl.srt stale: only glossary findings matter here
        return {(f.check, f.severity) for f in items if f.check.startswith("glossary")}

    findings = check_paths([po], Project.load(project)).findings.items
    assert glossary(findings) == {("glossary-missing", "warning")}
    catalog = project / "subtitles" / "catalog.toml"
    catalog.write_text(catalog.read_text() + '\n[checks.severity]\nglossary-missing = "error"\n')
    report = check_paths([po], Project.load(project))
    assert glossary(report.findings.items) == {("glossary-missing", "error")}
    assert report.exit_code == 1


def test_settings_are_validated():
    with pytest.raises(ProjectError, match="unknown key 'severity'"):
        parse_settings(CATALOG.format(extra='[glossary]\nseverity = "error"\n'))
    with pytest.raises(ProjectError, match="did you mean 'path'"):
        parse_settings(CATALOG.format(extra='[glossary]\npth = "x.csv"\n'))


def test_glossary_path_from_the_settings_and_from_the_command_line(project: Path, tmp_path: Path):
    other = tmp_path / "other.csv"
    other.write_text("concept,lang,term\nx,en,tender\nx,pl,przetarg\n", encoding="utf-8")
    entry = unit("pl", "The tender.", "Oferta.")
    assert run("glossary-missing", entry, context(project)) == []
    assert [c for c, _ in run("glossary-missing", entry, context(project, glossary=other))] == ["x"]
    ctx = context(project, '[glossary]\npath = "other.csv"\n')
    assert [c for c, _ in run("glossary-missing", entry, ctx)] == ["x"]


def test_a_tbx_glossary_works_too(project: Path, tmp_path: Path):
    from pipeline.glossary import load_termbase
    from pipeline.glossary.tbx import write_tbx

    tbx = tmp_path / "g.tbx"
    tbx.write_text(write_tbx(load_termbase(project / "glossary/procurement.csv")), encoding="utf-8")
    entry = unit("pl", "The contracting authority decides.", "Decyduje urząd.")
    assert [c for c, _ in run("glossary-missing", entry, context(None, glossary=tbx))] == [
        "contracting_authority"
    ]


def test_the_matcher_is_built_once_per_run(project: Path, monkeypatch: pytest.MonkeyPatch):
    loads: list[Path] = []
    from pipeline.glossary import compiled

    real = compiled.load_matcher  # glossary_checks imports it on first use, from there

    def counting(path: Path, cache_dir: Path | None = None):  # type: ignore[no-untyped-def]
        loads.append(path)
        return real(path, cache_dir)

    monkeypatch.setattr(compiled, "load_matcher", counting)
    ctx = context(project)
    for text in ("Oferta.", "Oferty.", "Dokument."):
        run("glossary-missing", unit("pl", "The tender.", text), ctx)
        run("glossary-forbidden", unit("pl", "The tender.", text), ctx)
    assert len(loads) == 1
    assert isinstance(ctx.cache["glossary.matcher"], Matcher)


def test_projects_without_a_glossary_and_missing_named_files(tmp_path: Path):
    entry = unit("pl", "The tender.", "Dokument.")
    assert run("glossary-missing", entry, context(tmp_path)) == []
    with pytest.raises(InputError, match="cannot read the glossary"):
        run("glossary-missing", entry, context(tmp_path, glossary=tmp_path / "nope.csv"))
