"""The glossary seam: comments from any check function, and the adapter to pipeline.glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.mt.terms import glossary_comments, project_glossary


def test_comments_are_one_line_each():
    def check(source, target, lang):
        return ["missing approved term\n'lot' → 'partie'", "forbidden term 'bid'"]

    assert glossary_comments(check, "a lot", "un lot", "fr") == [
        "glossary: missing approved term 'lot' → 'partie'",
        "glossary: forbidden term 'bid'",
    ]
    assert glossary_comments(lambda s, t, lang: [], "a", "b", "fr") == []


ROOT = Path(__file__).resolve().parents[2]


def with_glossary(root: Path) -> Path:
    (root / "glossary").mkdir(parents=True)
    shutil.copy(ROOT / "glossary" / "procurement.csv", root / "glossary" / "procurement.csv")
    return root


def test_the_real_glossary_reviews_drafts_with_inflection(tmp_path):
    check, note = project_glossary(with_glossary(tmp_path))
    assert check is not None and note == ""
    (problem,) = check("The contracting authority decides.", "[pl] Decyduje urząd.", "pl")
    assert "instytucja zamawiająca" in problem
    # Inflected forms of the approved term are fine: no problem reported.
    assert (
        check("The contracting authority decides.", "Decyzja instytucji zamawiającej.", "pl") == []
    )
    (forbidden,) = check(
        "Companies send a tender.", "Bedrijven dienen een inschrijving in.", "nl-BE"
    )
    assert "inschrijving" in forbidden


def test_the_settings_path_is_used(tmp_path):
    with_glossary(tmp_path)
    moved = tmp_path / "terms" / "mine.csv"
    moved.parent.mkdir()
    shutil.move(tmp_path / "glossary" / "procurement.csv", moved)
    assert project_glossary(tmp_path)[0] is None
    check, note = project_glossary(tmp_path, "terms/mine.csv")
    assert check is not None and note == ""


def test_no_term_base_is_a_note_not_a_failure(tmp_path):
    check, note = project_glossary(tmp_path)
    assert check is None and "glossary check skipped: no term base at" in note


def test_a_broken_term_base_is_a_note_naming_the_problem(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "procurement.csv").write_text("not,a\nglossary", encoding="utf-8")
    check, note = project_glossary(tmp_path)
    assert check is None and "glossary check skipped" in note and "procurement.csv" in note
