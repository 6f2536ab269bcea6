"""The procurement glossary: term base (CSV/TBX), normaliser, inflection-aware matcher.

Public API for other parts of msm:

    termbase = load_termbase(default_termbase_path(project_root))
    matcher = Matcher(termbase)           # build once per run (checks keep it in ctx.cache)
    matcher.find("instytucji zamawiającej", "pl")        # -> [Match(...)]
    review(matcher, source_en, target, "pl")             # -> [GlossaryIssue(...)]
"""

from pipeline.glossary.files import default_termbase_path, load_termbase
from pipeline.glossary.matcher import Match, Matcher
from pipeline.glossary.model import Concept, Status, Term, TermBase
from pipeline.glossary.review import GlossaryIssue, review

__all__ = [
    "Concept",
    "GlossaryIssue",
    "Match",
    "Matcher",
    "Status",
    "Term",
    "TermBase",
    "default_termbase_path",
    "load_termbase",
    "review",
]
