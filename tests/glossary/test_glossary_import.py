"""`msm glossary import` merges term by term and never loses what the file does not mention."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage.tbx import tbxfile

from pipeline.cli import cli
from pipeline.glossary import Matcher, load_termbase

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "subtitles").mkdir()
    shutil.copy(ROOT / "subtitles" / "catalog.toml", tmp_path / "subtitles" / "catalog.toml")
    (tmp_path / "glossary").mkdir()
    shutil.copy(ROOT / "glossary" / "procurement.csv", tmp_path / "glossary" / "procurement.csv")
    return tmp_path


def msm(project: Path, *args: str):
    return CliRunner().invoke(cli, ["-C", str(project), "glossary", *args])


def toolkit_tbx(pairs: list[tuple[str, str]], target: str = "nl") -> bytes:
    """A two-language TBX written with translate-toolkit's own TBX API, as other tools do."""
    store = tbxfile(sourcelanguage="en", targetlanguage=target)
    for source, translation in pairs:
        unit = store.addsourceunit(source)
        unit.target = translation
    return bytes(store)


def test_reproduction_two_language_tbx_keeps_forbidden_terms_notes_and_exclusions(
    project: Path, tmp_path: Path
):
    glossary = project / "glossary/procurement.csv"
    before = glossary.read_text("utf-8")
    theirs = tmp_path / "en-nl.tbx"
    theirs.write_bytes(
        toolkit_tbx([("contracting authority", "aanbestedende overheid"), ("lot", "perceel")])
    )
    result = msm(project, "import", str(theirs), "--lang-map", "nl=nl-BE")
    assert result.exit_code == 0, result.output
    assert "0 term(s) added, 0 updated, 0 removed, 4 unchanged" in result.stderr
    assert "the glossary is unchanged" in result.stderr
    assert glossary.read_text("utf-8") == before
    tb = load_termbase(glossary)
    authority = tb.concept("contracting_authority")
    assert [(t.text, t.status) for t in authority.terms_in("nl-BE")] == [
        ("aanbestedende overheid", "preferred"),
        ("aanbestedende dienst", "forbidden"),
    ]
    assert authority.terms_in("nl-BE")[1].note.startswith("EU Dutch (eForms, Netherlands law)")
    [lot] = tb.concept("lot").terms_in("en")
    assert lot.exclude == ("a lot", "lots of", "lots more")
    found = Matcher(tb).find("We buy a lot of paper.", "en")
    assert [m.concept for m in found] == []
    assert [m.concept for m in Matcher(tb).find("Each lot is awarded.", "en")] == ["lot"]
    assert msm(project, "validate").exit_code == 0
