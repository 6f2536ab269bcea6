"""The procurement glossary: term base (CSV/TBX), normaliser, inflection-aware matcher.

Public API for other parts of msm:

    termbase = load_termbase(default_termbase_path(project_root))
    matcher = Matcher(termbase)           # build once per run (checks keep it in ctx.cache)
    matcher.find("instytucji zamawiającej", "pl")        # -> [Match(...)]
    review(matcher, source_en, target, "pl")             # -> [GlossaryIssue(...)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.glossary.files import default_termbase_path, load_termbase
    from pipeline.glossary.matcher import Match, Matcher
    from pipeline.glossary.model import Concept, Status, Term, TermBase
    from pipeline.glossary.review import GlossaryIssue, review

# Each name loads its module on first use: `msm check` needs the matcher only when a text
# is checked against the glossary, and a re-check the result cache answers needs none.
_HOME = {
    "default_termbase_path": "files",
    "load_termbase": "files",
    "Match": "matcher",
    "Matcher": "matcher",
    "Concept": "model",
    "Status": "model",
    "Term": "model",
    "TermBase": "model",
    "GlossaryIssue": "review",
    "review": "review",
}


def __getattr__(name: str) -> Any:
    """The public name `name`, from the module that defines it (PEP 562)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


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
