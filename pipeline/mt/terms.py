"""The seam between drafting and the glossary: a function `(source, target, lang) -> problems`.

Drafting only needs that callable; the real one reviews each draft with `pipeline.glossary`
(the same inflection-aware matcher as `msm check`). Without a term base, drafts are written
without the glossary check and the run says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.errors import MsmError

GlossaryCheck = Callable[[str, str, str], list[str]]

COMMENT_PREFIX = "glossary: "


def glossary_comments(check: GlossaryCheck, source: str, target: str, lang: str) -> list[str]:
    """Translator-comment lines for each glossary problem of one draft."""
    return [COMMENT_PREFIX + " ".join(problem.split()) for problem in check(source, target, lang)]


def project_glossary(root: Path, configured: str | None = None) -> tuple[GlossaryCheck | None, str]:
    """The project's glossary check (`[glossary] path`, else glossary/procurement.csv), or
    None and a note saying why drafts are written without it."""
    from pipeline.glossary import Matcher, load_termbase, review
    from pipeline.glossary.files import project_termbase_path

    path = project_termbase_path(root, configured)
    if not path.is_file():
        return None, f"glossary check skipped: no term base at {path}"
    try:
        matcher = Matcher(load_termbase(path))
    except MsmError as exc:
        return None, f"glossary check skipped: {exc}"

    def check(source: str, target: str, lang: str) -> list[str]:
        return [issue.message for issue in review(matcher, source, target, lang)]

    return check, ""
