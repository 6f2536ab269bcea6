"""The seam between the report and the glossary: a function `(text, lang) -> [TermMark]`.

The report only needs that callable, so it is tested with any simple function. The real one
wraps `pipeline.glossary.Matcher.find` (the matcher the glossary checks built in the same run),
which gives each occurrence of a term, in any inflected form, with its concept, status and
character offsets in the original text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.checks.registry import CheckContext
from pipeline.checks.runner import CheckReport
from pipeline.errors import MsmError
from pipeline.project import Project

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


def run_terms(checks: CheckReport, project: Project) -> tuple[TermFinder | None, str]:
    """The glossary the check run used (the same matcher: the term base is read once), or
    None and a note saying why terms are not marked."""
    from pipeline.checks.glossary_checks import glossary_path, matcher_for

    ctx = checks.context or CheckContext(settings=project.settings, root=project.root)
    try:
        matcher = matcher_for(ctx)
    except MsmError as exc:
        return None, f"glossary terms not marked: {exc}"
    if matcher is None:
        path, _ = glossary_path(ctx)
        where = f" at {path}" if path is not None else ""
        return None, f"glossary terms not marked: no term base{where}"
    return from_matcher(matcher), ""
