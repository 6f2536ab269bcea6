"""The held-out acceptance set: recall and precision of the glossary checks, and of an
exact-match check as the peers do it (Weblate, Okapi CheckMate, pofilter).

The cases in tests/data/glossary/acceptance/ were written before the matcher (see the README
there). A finding counts as right when its kind and concept are expected for that line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from conftest import DATA, with_overlay

from pipeline.glossary import Matcher, TermBase, load_termbase, review
from pipeline.glossary.matcher import resolve

ACCEPTANCE = DATA / "acceptance"
LANGS = ("eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es")


@dataclass
class Score:
    """True positives, false positives and false negatives over the whole set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, got: set[str], expected: set[str]) -> None:
        self.tp += len(got & expected)
        self.fp += len(got - expected)
        self.fn += len(expected - got)

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f} "
            f"(true/false positives, false negatives: {self.tp}/{self.fp}/{self.fn})"
        )


def cases() -> list[tuple[str, str, str, set[str]]]:
    out = []
    for lang in LANGS:
        for case in json.loads((ACCEPTANCE / f"{lang}.json").read_text("utf-8")):
            out.append((lang, case["source"], case["target"], set(case["expect"])))
    return out


class ExactMatch:
    """The peers' glossary check: a term (or listed variant) counts only when its exact
    text stands in the sentence as whole words, ignoring case."""

    def __init__(self, termbase: TermBase) -> None:
        self.termbase = termbase

    @staticmethod
    def _has(text: str, phrase: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None

    def review(self, source: str, target: str, lang: str) -> set[str]:
        code = resolve(lang)
        found: set[str] = set()
        for concept in self.termbase:
            used = {
                t.status != "forbidden"
                for t in concept.terms_in(code)
                for form in (t.text, *t.variants)
                if self._has(target, form)
            }
            if False in used:
                found.add(f"forbidden:{concept.id}")
            mentioned = any(
                self._has(source, form)
                for t in concept.terms_in("en")
                for form in (t.text, *t.variants)
            )
            if mentioned and concept.approved_in(code) and True not in used and False not in used:
                found.add(f"missing:{concept.id}")
        return found


@pytest.fixture(scope="module")
def acceptance_termbase(project_termbase: TermBase) -> TermBase:
    return with_overlay(project_termbase, load_termbase(ACCEPTANCE / "overlay.csv"))


def test_the_set_is_big_enough():
    all_cases = cases()
    assert len(all_cases) >= 200
    kinds = [e.split(":")[0] for *_, expected in all_cases for e in expected]
    assert kinds.count("missing") >= 40 and kinds.count("forbidden") >= 15
    assert {lang for lang, *_ in all_cases} == set(LANGS)


def test_recall_and_precision(acceptance_termbase: TermBase, capsys: pytest.CaptureFixture[str]):
    matcher = Matcher(acceptance_termbase)
    peers = ExactMatch(acceptance_termbase)
    ours, baseline = Score(), Score()
    misses = []
    for lang, source, target, expected in cases():
        got = {f"{i.kind}:{i.concept}" for i in review(matcher, source, target, lang)}
        ours.add(got, expected)
        baseline.add(peers.review(source, target, lang), expected)
        if got != expected:
            misses.append(f"{lang}: {target!r}: got {sorted(got)}, expected {sorted(expected)}")
    with capsys.disabled():
        print(f"\nglossary checks: {ours}\nexact-match baseline: {baseline}")
    assert ours.recall >= 0.95, misses
    assert ours.precision >= 0.95, misses
    # The peers' way is far behind. It flags "missing" on nearly every inflected line, so it
    # also hits most real omissions (its recall looks fine) at the price of its precision;
    # and it misses inflected mentions in the source and inflected forbidden terms.
    assert baseline.recall < ours.recall
    assert baseline.precision <= ours.precision - 0.3
    assert baseline.f1 <= ours.f1 - 0.25
