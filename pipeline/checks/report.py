"""Turn a check run into output: pick the reporter for a format; list the checks."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.checks.registry import CheckSpec, load_all
from pipeline.checks.runner import CheckReport
from pipeline.errors import UsageError

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


_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """Text safe for a terminal or a log line: line breaks shown as ` / `, control characters
    (an escape sequence hidden in a subtitle file) replaced."""
    if text.isprintable():  # no line break, no control character (most messages): as it is
        return text
    return _CONTROL.sub("\ufffd", text.replace("\r\n", "\n").replace("\n", " / "))


def notes(report: CheckReport) -> list[str]:
    """What the run could not check (a language without a spelling dictionary), one line each."""
    return list(report.context.notes) if report.context is not None else []


def summary_line(report: CheckReport) -> str:
    """`2 errors, 1 warning, 1 accepted in 10 files` (or `no problems in 10 files`)."""
    found = report.findings
    notes = sum(1 for f in found.items if f.severity == "info" and not f.accepted)
    parts = [
        _count(found.errors, "error"),
        _count(found.warnings, "warning"),
        _count(notes, "note"),
        f"{found.accepted} accepted" if found.accepted else "",
    ]
    said = ", ".join(p for p in parts if p) or "no problems"
    unreadable = f", {_count(len(report.errors), 'unreadable input')}" if report.errors else ""
    return f"{said}{unreadable} in {_count(len(found.files), 'file')}"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}" if n else ""


@dataclass(frozen=True)
class CheckInfo:
    """What `msm check --list` and the README say about one check."""

    id: str
    severity: str
    applies: str
    summary: str
    fixable: bool


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
        return json.dumps([vars(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    width = max(len(r.id) for r in rows)
    lines = [
        f"{r.id:<{width}}  {r.severity:<7}  {r.summary} [{r.applies}]"
        + (" (msm fix)" if r.fixable else "")
        for r in rows
    ]
    return "\n".join(lines) + "\n"
