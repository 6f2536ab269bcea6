"""Turn a check run into output: pick the reporter for a format; list the checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from pipeline.checks.registry import CheckSpec, load_all
from pipeline.checks.report_lines import one_line, summary_line
from pipeline.checks.runner import CheckReport
from pipeline.errors import UsageError

__all__ = ["FORMATS", "list_checks", "one_line", "render", "summary_line"]

FORMATS = ("text", "json", "junit", "github")


def render(report: CheckReport, fmt: str, color: bool = False) -> str:
    """The report in `fmt` (text, json, junit, github); colour applies to text only."""
    if fmt == "text":
        from pipeline.checks.report_text import render_text

        return render_text(report, color)
    renderers: dict[str, Callable[[CheckReport], str]] = {}
    if fmt == "json":
        from pipeline.checks.report_json import render_json

        renderers[fmt] = render_json
    elif fmt == "junit":
        from pipeline.checks.report_junit import render_junit

        renderers[fmt] = render_junit
    elif fmt == "github":
        from pipeline.checks.report_github import render_github

        renderers[fmt] = render_github
    if fmt not in renderers:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return renderers[fmt](report)


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.5 ms of
# start-up (its methods compiled from source), and nothing compares, hashes or prints it.
class CheckInfo:
    """What `msm check --list` and docs/reviewers.md say about one check."""

    def __init__(
        self,
        id: str,
        severity: str,
        applies: str,
        summary: str,
        fixable: bool,
    ) -> None:
        self.id: Final = id
        self.severity: Final = severity
        self.applies: Final = applies
        self.summary: Final = summary
        self.fixable: Final = fixable


def applies_to(spec: CheckSpec) -> str:
    """Which tracks or files a check looks at, in words."""
    if spec.scope == "project":
        return "project"
    if spec.langs is not None:
        return ", ".join(sorted(spec.langs))
    return "all, source too" if spec.source else "translations"


def catalogue() -> list[CheckInfo]:
    """Every registered check, sorted by id."""
    from pipeline.checks.typography import FIXABLE

    return [
        CheckInfo(spec.id, spec.severity, applies_to(spec), spec.summary, spec.id in FIXABLE)
        for spec in sorted(load_all().values(), key=lambda s: s.id)
    ]


def list_checks(fmt: str = "text") -> str:
    """`msm check --list`: every check id with its default severity and summary."""
    rows = catalogue()
    if fmt == "json":
        import json  # not for a text report

        return json.dumps([vars(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    width = max(len(r.id) for r in rows)
    lines = [
        f"{r.id:<{width}}  {r.severity:<7}  {r.summary} [{r.applies}]"
        + (" (msm fix)" if r.fixable else "")
        for r in rows
    ]
    return "\n".join(lines) + "\n"
