"""`msm glossary`: list, show, lookup, validate, export, import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.glossary import load_termbase
from pipeline.glossary.tbx import read_tbx, write_tbx

ROOT = Path(__file__).resolve().parents[1]
TBX = ROOT / "tests" / "data" / "glossary" / "tbx"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "subtitles").mkdir()
    shutil.copy(ROOT / "subtitles" / "catalog.toml", tmp_path / "subtitles" / "catalog.toml")
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "procurement.csv", tmp_path / "glossary" / "procurement.csv")
    return tmp_path


def msm(project: Path, *args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["-C", str(project), "glossary", *args], input=stdin)


def test_every_command_has_help_with_an_example():
    for command in ("list", "show", "lookup", "validate", "export", "import"):
        result = CliRunner().invoke(cli, ["glossary", command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout and "msm glossary " in result.stdout


def test_list(project: Path):
    result = msm(project, "list", "--lang", "nl-BE")
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("contracting_authority "))
    assert '"aanbestedende overheid"; "aanbestedende dienst" (forbidden)' in line
    assert "(9 languages, 1 forbidden, 1 to review)" in line
    assert "102 concepts" in result.stderr


def test_show(project: Path):
    result = msm(project, "show", "tender")
    assert result.exit_code == 0
    assert "  nl-BE  inschrijving  (forbidden) — EU Dutch for a tender" in result.stdout
    assert "  eu     eskaintza  (preferred; needs review)" in result.stdout
    bad = msm(project, "show", "tendr")
    assert bad.exit_code == 2
    assert "no concept 'tendr' in the glossary (did you mean 'tender'?)" in bad.stderr


def test_lookup(project: Path):
    result = msm(project, "lookup", "Ofertę składa się instytucji\nzamawiającej.", "--lang", "pl")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        'tender  "Ofertę" → oferta (preferred, inflected form) at 0-6',
        'contracting_authority  "instytucji / zamawiającej" → instytucja zamawiająca '
        "(preferred, inflected form) at 18-41",
    ]
    piped = msm(project, "lookup", "-", "--lang", "en", stdin="A contract notice.")
    assert 'contract_notice  "contract notice" → contract notice (preferred, exact)' in piped.stdout
    none = msm(project, "lookup", "nothing here", "-l", "fr")
    assert none.exit_code == 0 and "no glossary term found (fr)" in none.stderr
    assert msm(project, "lookup", "x", "--lang", "klingon").exit_code == 2


def test_validate(project: Path, tmp_path: Path):
    result = msm(project, "validate")
    assert result.exit_code == 0
    assert "0 error(s)" in result.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("concept,lang,term\na,en,tender\nb,en,Tender\n", encoding="utf-8")
    failed = msm(project, "validate", "--glossary", str(bad))
    assert failed.exit_code == 1
    assert f'{bad}:3: error: b: "Tender" (en) is also a term of a ("tender")' in failed.stdout


def test_validate_without_a_project(tmp_path: Path):
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,lang,term\na,en,tender\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["glossary", "validate", "--glossary", str(glossary)])
    assert result.exit_code == 0, result.output


def test_export(project: Path, tmp_path: Path):
    tb = load_termbase(project / "glossary/procurement.csv")
    three = msm(project, "export")
    assert three.exit_code == 0 and read_tbx(three.stdout.encode()) == tb
    out = tmp_path / "g.tbx"
    two = msm(project, "export", "--format", "tbx2", "-o", str(out))
    assert two.exit_code == 0 and "<martif " in out.read_text("utf-8")
    assert read_tbx(out.read_bytes()) == tb
    csv = msm(project, "export", "--format", "csv")
    assert csv.stdout == (project / "glossary/procurement.csv").read_text("utf-8")
    assert msm(project, "export", "--format", "xlsx").exit_code == 2


def test_import_round_trip_changes_nothing(project: Path, tmp_path: Path):
    exported = tmp_path / "g.tbx"
    termbase = load_termbase(project / "glossary/procurement.csv")
    exported.write_text(write_tbx(termbase), "utf-8")
    result = msm(project, "import", str(exported))
    assert result.exit_code == 0
    terms = len(list(termbase.terms()))  # every term of the project glossary
    assert f"0 term(s) added, 0 updated, 0 removed, {terms} unchanged" in result.stderr
    assert "the glossary is unchanged" in result.stderr


def test_import_dry_run_then_apply(project: Path):
    glossary = project / "glossary/procurement.csv"
    before = glossary.read_text("utf-8")
    dry = msm(project, "import", str(TBX / "tbx2-basic-tig.tbx"), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "matched eid-0001 to contracting_authority by its English term" in dry.stderr
    assert 'add: tenderer fr "offrant" (forbidden)' in dry.stderr
    assert "1 term(s) added, 3 updated, 0 removed, 6 unchanged" in dry.stderr
    assert "+tenderer,fr,offrant,forbidden,,,," in dry.stdout  # the diff
    assert glossary.read_text("utf-8") == before
    applied = msm(project, "import", str(TBX / "tbx2-basic-tig.tbx"))
    assert applied.exit_code == 0
    assert "update: glossary/procurement.csv (glossary)" in applied.stdout
    tenderer = load_termbase(glossary).concept("tenderer")
    assert [t.text for t in tenderer.terms_in("fr")] == ["soumissionnaire", "offrant"]
    assert [t.text for t in tenderer.terms_in("pl")] == ["oferent"]  # untouched languages stay
    assert not list(glossary.parent.glob(".*.tmp"))  # atomic write left nothing behind


def test_import_creates_a_missing_glossary(project: Path):
    (project / "glossary/procurement.csv").unlink()
    result = msm(project, "import", str(TBX / "tbx3-dca.tbx"))
    assert result.exit_code == 0, result.output
    assert "create: glossary/procurement.csv" in result.stdout
    assert [c.id for c in load_termbase(project / "glossary/procurement.csv")] == ["c-lot", "c-sme"]


def test_import_never_writes_a_broken_glossary(project: Path, tmp_path: Path):
    glossary = project / "glossary/procurement.csv"
    before = glossary.read_text("utf-8")
    theirs = tmp_path / "dup.tbx"
    theirs.write_text(
        "<martif><text><body><termEntry id='offer'><langSet xml:lang='en'><tig><term>offer</term>"
        "</tig></langSet><langSet xml:lang='pl'><tig><term>oferta</term></tig></langSet>"
        "</termEntry></body></text></martif>",
        "utf-8",
    )
    result = msm(project, "import", str(theirs))
    assert result.exit_code == 1
    assert '"oferta" (pl) is also a term of tender' in result.stderr
    assert "glossary/procurement.csv not written" in result.stderr
    assert glossary.read_text("utf-8") == before
    assert msm(project, "import", str(theirs), "--dry-run").exit_code == 0


def test_import_language_map(project: Path, tmp_path: Path):
    theirs = tmp_path / "nl.tbx"
    theirs.write_text(
        "<martif><text><body><termEntry id='tender'><langSet xml:lang='nl'><tig>"
        "<term>offerte</term></tig></langSet></termEntry></body></text></martif>",
        "utf-8",
    )
    refused = msm(project, "import", str(theirs))
    assert (
        refused.exit_code == 2 and "unknown language 'nl' (did you mean 'nl-BE'?)" in refused.stderr
    )
    mapped = msm(project, "import", str(theirs), "--lang-map", "nl=nl-BE", "--dry-run")
    assert mapped.exit_code == 0, mapped.output
    # Read as Flemish, "offerte" is a term of ours already: nothing else of nl-BE is dropped.
    assert "0 term(s) added, 0 updated, 0 removed, 1 unchanged" in mapped.stderr
    assert "the glossary is unchanged" in mapped.stderr
    assert msm(project, "import", str(theirs), "--lang-map", "nl").exit_code == 2


def test_import_refuses_malicious_xml(project: Path):
    result = msm(project, "import", str(TBX / "billion-laughs.tbx"))
    assert result.exit_code == 2
    assert "declares an entity ('lol'); refused" in result.stderr
    assert "Traceback" not in result.output


def test_msm_help_does_not_load_the_glossary_libraries():
    code = (
        "import sys, pipeline.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('snowballstemmer', 'defusedxml') or m.startswith('pipeline.glossary')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_import_keeps_a_spreadsheets_windows_line_ends(project: Path, tmp_path: Path):
    """A glossary saved by a spreadsheet has CRLF line ends; an import of two new terms
    rewrote every line of it in LF, and re-importing the same terms 'changed' it again."""
    csv = project / "glossary" / "procurement.csv"
    csv.write_bytes(csv.read_bytes().replace(b"\n", b"\r\n"))
    before = csv.read_bytes().split(b"\r\n")
    new = tmp_path / "new.csv"
    new.write_text(
        "concept,lang,term,status,needs_review,variants,exclude,note\n"
        "widget,en,widget,preferred,,,,\nwidget,pl,widżet,preferred,,,,\n",
        encoding="utf-8",
    )
    result = msm(project, "import", str(new))
    assert result.exit_code == 0, result.output
    after = csv.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")
    assert len(set(after.split(b"\r\n")) - set(before)) == 2  # the two new terms' rows
    again = msm(project, "import", str(new))
    assert "the glossary is unchanged" in again.output
    assert csv.read_bytes() == after
