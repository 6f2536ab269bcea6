"""Glossary terms in the report: through the seam, and with the project's real glossary."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from pipeline.checks.runner import check_paths
from pipeline.project import Project
from pipeline.report.pages import term_marks
from pipeline.report.run import make_report
from pipeline.report.status import status_of
from pipeline.report.terms import TermMark, from_matcher, run_terms
from tests.report.copies import SLUG


class FakeMatcher:
    """Anything with `find(text, lang)` giving objects shaped like pipeline.glossary.Match."""

    def find(self, text: str, lang: str):
        term = SimpleNamespace(text="lot")
        i = text.find("lot")
        out = (
            [
                SimpleNamespace(
                    concept="lot", term=term, start=i, end=i + 3, status="preferred", how="exact"
                )
            ]
            if i >= 0
            else []
        )
        # a broken offset is dropped, never rendered at the wrong place
        out.append(
            SimpleNamespace(
                concept="x", term=term, start=5, end=999, status="preferred", how="exact"
            )
        )
        return out


def test_the_seam_adapts_a_matcher() -> None:
    find = from_matcher(FakeMatcher())
    assert find("one lot here", "en") == [TermMark(4, 7, "lot", "lot", "preferred", "exact")]


def test_approved_and_forbidden_terms_are_marked_differently() -> None:
    marks = term_marks(
        [
            TermMark(0, 3, "lot", "lot", "preferred", "exact"),
            TermMark(4, 9, "lot", "partij", "admitted", "stem"),
            TermMark(10, 14, "lot", "perceel", "forbidden", "variant"),
        ]
    )
    assert [m.kind for m in marks] == ["term", "term", "forbidden"]
    assert marks[0].title == "glossary lot: preferred term “lot”"
    assert marks[1].title.endswith("(stem match)")


def test_a_report_with_any_term_finder(example: Path) -> None:
    project = Project.load(example)
    checks = check_paths([], project, keep_units=True)
    status = status_of(project, project.select([]), checks)
    from pipeline.report.site import render_report

    def finder(text: str, lang: str) -> list[TermMark]:
        i = text.find("procurement")
        return [TermMark(i, i + 11, "pp", "procurement", "forbidden", "exact")] if i >= 0 else []

    files = render_report(project, status, terms=finder)
    page = files[f"{SLUG}/pl.html"].decode()
    assert page.count('<span class="tag tag-forbidden">forbidden</span>') >= 3
    assert 'title="glossary pp: forbidden term “procurement”"' in page


def test_the_real_glossary_marks_terms_and_forbidden_terms(broken: Path) -> None:
    made = make_report(Project.load(broken), Project.load(broken).select([]), env={})
    assert made.note == ""
    page = made.files[f"{SLUG}/nl-BE.html"].decode()
    forbidden = re.search(
        r'<span class="term term-forbidden" title="glossary contracting_authority: forbidden '
        r'term “aanbestedende dienst”">(<mark class="hl hl-warning" title="glossary-forbidden: '
        r'[^"]*">)aanbestedende dienst</mark></span><span class="tag tag-forbidden">forbidden',
        page,
    )
    assert forbidden, "the forbidden term, its finding inside it, and the visible label"
    assert 'class="term term-term" title="glossary contracting_authority: preferred term' in page
    english = made.files[f"{SLUG}/en.html"].decode()
    assert "glossary contracting_authority: preferred term “contracting authority”" in english


def test_without_a_glossary_the_report_says_so(example: Path) -> None:
    (example / "glossary" / "procurement.csv").unlink()
    project = Project.load(example)
    checks = check_paths([], project, keep_units=True)
    finder, note = run_terms(checks, project)
    assert finder is None and "no term base" in note
    made = make_report(project, project.select([]), env={})
    assert "glossary terms not marked" in made.files["index.html"].decode()
    assert 'class="term' not in made.files[f"{SLUG}/pl.html"].decode()
