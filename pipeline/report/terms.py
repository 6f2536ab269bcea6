"""The seam between the report and the glossary: a function `(text, lang) -> [TermMark]`.

The report only needs that callable, so it is tested with any simple function. The real one
wraps `pipeline.glossary.Matcher.find`, which gives each occurrence of a term (in any
inflected form) with its concept, status and character offsets in the original text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import MsmError

APPROVED = ("preferred", "admitted")


@dataclass(frozen=True)
class TermMark:
    """A glossary term found in a text: text[start:end] stands for `concept`."""

    start: int
    end: int
    concept: str
    term: str  # the term base's form of the term (the text may hold an inflected form)
    status: str  # preferred, admitted or forbidden
    how: str  # exact, variant or stem

    @property
    def forbidden(self) -> bool:
        """A term the glossary says not to use."""
        return self.status not in APPROVED


TermFinder = Callable[[str, str], Sequence[TermMark]]


def from_matcher(matcher: Any) -> TermFinder:
    """Adapt a `pipeline.glossary.Matcher` (`find(text, lang) -> [Match]`) to the seam."""

    def find(text: str, lang: str) -> list[TermMark]:
        return [
            TermMark(m.start, m.end, m.concept, m.term.text, str(m.status), str(m.how))
            for m in matcher.find(text, lang)
            if 0 <= m.start < m.end <= len(text)
        ]

    return find


def project_terms(root: Path) -> tuple[TermFinder | None, str]:
    """The project's glossary as a term finder, or None and a note saying why there is none."""
    try:
        glossary = importlib.import_module("pipeline.glossary")
    except ModuleNotFoundError as exc:
        if exc.name != "pipeline.glossary":
            raise
        return None, "glossary terms not marked: the glossary package is not installed"
    path = glossary.default_termbase_path(root)
    if not Path(path).is_file():
        return None, f"glossary terms not marked: no term base at {path}"
    try:
        termbase = glossary.load_termbase(path)
    except MsmError as exc:
        return None, f"glossary terms not marked: {exc}"
    return from_matcher(glossary.Matcher(termbase)), ""
