"""Glossary checks: the translation must use the approved terms and never a forbidden one.

Both checks share one review per entry (cached in the run's context) and one matcher per run:
the term base is loaded and indexed once, from `--glossary FILE` (ctx.glossary_path), else the
`[glossary] path` setting, else the project's `glossary/procurement.csv`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import CheckContext, Problem, entry_text, register
from pipeline.languages import SOURCE

if TYPE_CHECKING:  # the glossary package loads on first use: a run may need none of it
    from pipeline.glossary import GlossaryIssue, Matcher
    from pipeline.glossary.review import IssueKind

_MATCHER = "glossary.matcher"
CACHE_DIR = ".msm-cache"  # the project's git-ignored cache folder
_REVIEW = "glossary.reviews"
_REVIEW_FUNCTION = "glossary.review"
_REVIEWS_KEPT = 4_096  # more than a file's texts: the second check finds the first's review


def glossary_settings(ctx: CheckContext) -> dict[str, str | None]:
    """The `[glossary]` section of the project settings (empty without a project)."""
    raw = ctx.settings.raw.get("glossary") if ctx.settings is not None else None
    return dict(raw) if isinstance(raw, dict) else {}


def glossary_path(ctx: CheckContext) -> tuple[Path | None, bool]:
    """The term base to use, and whether the user named it (then it must exist)."""
    if ctx.glossary_path is not None:
        return ctx.glossary_path, True
    if ctx.root is None:
        return None, False
    from pipeline.glossary_paths import project_termbase_path

    configured = glossary_settings(ctx).get("path")
    return project_termbase_path(ctx.root, configured), bool(configured)


def matcher_for(ctx: CheckContext) -> Matcher | None:
    """The run's matcher, built on first use; None when there is no glossary to check against.

    An unreadable or invalid glossary raises InputError once; the run goes on without the
    glossary checks (and exits 2), instead of failing every catalogue again. Inside a
    project the compiled glossary is kept in `.msm-cache/` for the next run.
    """
    if _MATCHER in ctx.cache:
        cached: Matcher | None = ctx.cache[_MATCHER]
        return cached
    ctx.cache[_MATCHER] = None  # stays None if loading fails: the error is reported once
    path, named = glossary_path(ctx)
    if path is None or not (named or path.is_file()):
        return None
    from pipeline.glossary.compiled import load_matcher

    cache_dir = ctx.root / CACHE_DIR if ctx.root is not None else None
    matcher = ctx.cache[_MATCHER] = load_matcher(path, cache_dir)
    return matcher


def prepare(ctx: CheckContext) -> None:
    """Load the glossary before the run (once, and before parallel workers start)."""
    matcher_for(ctx)


def _source_language(ctx: CheckContext) -> str:
    return ctx.settings.source_language if ctx.settings is not None else SOURCE


def _review_function(
    ctx: CheckContext,
) -> Callable[[Matcher, str, str, str, str], list[GlossaryIssue]]:
    """`pipeline.glossary.review`, imported on first use and kept in the run's context: an
    import statement in a compiled function looks the module up under the import lock on
    every call (measured: 6 % of a one-process `msm check` of the bench corpus). From its
    own module: compiled, `pipeline.glossary.review` is the module of that name."""
    known: Callable[[Matcher, str, str, str, str], list[GlossaryIssue]] | None
    known = ctx.cache.get(_REVIEW_FUNCTION)
    if known is None:
        from pipeline.glossary.review import review

        known = ctx.cache[_REVIEW_FUNCTION] = review
    return known


def _issues(unit: EntryUnit, ctx: CheckContext) -> list[GlossaryIssue]:
    if unit.obsolete:
        return []
    target = unit.target
    # Both checks ask about the same texts, one check after the other over a file's new
    # texts (the runner remembers their problems per distinct text): the reviews of the
    # last few thousand texts are all there is to keep.
    key = (unit.lang, "" if unit.fuzzy else unit.source, target)
    reviews: dict[tuple[str, str, str], list[GlossaryIssue]] | None = ctx.cache.get(_REVIEW)
    if reviews is None:
        reviews = ctx.cache[_REVIEW] = {}
    else:
        found = reviews.get(key)
        if found is not None:
            return found
    source_lang = _source_language(ctx)
    matcher = matcher_for(ctx)
    if matcher is None or not target.strip() or unit.lang == source_lang:
        found = []
    else:
        # A fuzzy translation was made for an older source text: only its own words count.
        found = _review_function(ctx)(matcher, key[1], target, unit.lang, source_lang)
    if len(reviews) >= _REVIEWS_KEPT:
        reviews.clear()
    reviews[key] = found
    return found


def _problems(unit: EntryUnit, ctx: CheckContext, kind: IssueKind) -> Iterable[Problem]:
    """The review's issues of one kind, as problems (one review serves both checks)."""
    issues = _issues(unit, ctx)
    if not issues:
        return ()
    return [Problem(i.message, concept=i.concept) for i in issues if i.kind == kind]


@register(
    "glossary-missing",
    "entry",
    "warning",
    "The source mentions a glossary concept; the translation uses none of its approved terms.",
    memo=entry_text,
    prepare=prepare,
)
def glossary_missing(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Concepts of the source that the translation leaves out (in any inflected form)."""
    return _problems(unit, ctx, "missing")


@register(
    "glossary-forbidden",
    "entry",
    "warning",
    "The translation uses a forbidden (deprecated) glossary term, in any inflected form.",
    memo=entry_text,
    prepare=prepare,
)
def glossary_forbidden(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Forbidden terms in the translation."""
    return _problems(unit, ctx, "forbidden")
