"""The glossary seam: comments from any check function, and the adapter to pipeline.glossary."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError
from pipeline.mt.terms import glossary_comments, project_glossary


def test_comments_are_one_line_each():
    def check(source, target, lang):
        return ["missing approved term\n'lot' → 'partie'", "forbidden term 'bid'"]

    assert glossary_comments(check, "a lot", "un lot", "fr") == [
        "glossary: missing approved term 'lot' → 'partie'",
        "glossary: forbidden term 'bid'",
    ]
    assert glossary_comments(lambda s, t, lang: [], "a", "b", "fr") == []


@dataclass
class Issue:
    kind: str
    concept: str
    message: str


def announced_api(calls: list, fail: bool = False) -> types.ModuleType:
    """A module with the API the glossary branch announced (a contract, not the real thing)."""
    module = types.ModuleType("pipeline.glossary")

    def default_termbase_path(root: Path) -> Path:
        return root / "glossary" / "terms.csv"

    def load_termbase(path: Path) -> str:
        if fail:
            raise InputError(f"{path}: no term base")
        calls.append(("load", path))
        return "termbase"

    class Matcher:
        def __init__(self, termbase: str) -> None:
            calls.append(("matcher", termbase))

    def review(matcher, source, target, lang):
        calls.append(("review", source, target, lang))
        if "authority" in source and "zamawiaj" not in target:
            return [Issue("missing", "contracting-authority", "missing 'instytucja zamawiająca'")]
        return []

    module.default_termbase_path = default_termbase_path
    module.load_termbase = load_termbase
    module.Matcher = Matcher
    module.review = review
    return module


def test_adapter_calls_the_announced_api(monkeypatch, tmp_path):
    calls: list = []
    monkeypatch.setitem(sys.modules, "pipeline.glossary", announced_api(calls))
    check, note = project_glossary(tmp_path)
    assert check is not None and note == ""
    assert check("The authority.", "[pl] The authority.", "pl") == [
        "missing 'instytucja zamawiająca'"
    ]
    assert check("The authority.", "Instytucja zamawiająca.", "pl") == []
    assert calls[0] == ("load", tmp_path / "glossary" / "terms.csv")
    assert ("review", "The authority.", "[pl] The authority.", "pl") in calls


def test_adapter_skips_with_a_note_when_the_term_base_cannot_load(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pipeline.glossary", announced_api([], fail=True))
    check, note = project_glossary(tmp_path)
    assert check is None and "glossary check skipped" in note and "no term base" in note


def test_adapter_skips_when_the_api_is_incomplete(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pipeline.glossary", types.ModuleType("pipeline.glossary"))
    check, note = project_glossary(tmp_path)
    assert check is None and "lacks load_termbase" in note
