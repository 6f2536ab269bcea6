"""The seam between drafting and the glossary: a function `(source, target, lang) -> problems`.

Drafting only needs that callable, so it is tested with any simple function. The real one
comes from `pipeline.glossary` (built on another branch) when that package is importable;
without it, drafts are written without the glossary check and the run says so.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import MsmError

GlossaryCheck = Callable[[str, str, str], list[str]]

COMMENT_PREFIX = "glossary: "


def glossary_comments(check: GlossaryCheck, source: str, target: str, lang: str) -> list[str]:
    """Translator-comment lines for each glossary problem of one draft."""
    return [COMMENT_PREFIX + " ".join(problem.split()) for problem in check(source, target, lang)]


def project_glossary(root: Path) -> tuple[GlossaryCheck | None, str]:
    """The project's glossary check, or None and a note saying why it is skipped.

    Written against the announced API `load_termbase, default_termbase_path, Matcher,
    review(matcher, source, target, lang) -> [GlossaryIssue(kind, concept, message)]`.
    LEAD: when merging the glossary branch, check these calls against the real signatures.
    """
    try:
        glossary = importlib.import_module("pipeline.glossary")
    except ModuleNotFoundError as exc:
        if exc.name not in ("pipeline.glossary",):
            raise
        return None, "glossary check skipped: the glossary package (pipeline.glossary) is absent"
    names = ("load_termbase", "default_termbase_path", "Matcher", "review")
    missing = [name for name in names if not hasattr(glossary, name)]
    if missing:
        return None, f"glossary check skipped: pipeline.glossary lacks {', '.join(missing)}"
    try:
        termbase = glossary.load_termbase(glossary.default_termbase_path(root))
    except MsmError as exc:
        return None, f"glossary check skipped: {exc}"
    matcher = glossary.Matcher(termbase)

    def check(source: str, target: str, lang: str) -> list[str]:
        return [str(issue.message) for issue in glossary.review(matcher, source, target, lang)]

    return check, ""
