"""The lines every reporter shares: a finding's text made safe for one line, the summary."""

from __future__ import annotations

from pipeline.checks.runner import CheckReport
from pipeline.terminal import printable


def one_line(text: str) -> str:
    """Text safe for a terminal or a log line: line breaks shown as ` / `, control and bidi
    characters (an escape sequence hidden in a subtitle file) escaped (`\\x1b`)."""
    if text.isprintable():  # no line break, no control character (most messages): as it is
        return text
    return printable(text.replace("\r\n", "\n").replace("\n", " / "), lines=False)


def notes(report: CheckReport) -> list[str]:
    """What the run could not check (a language without a spelling dictionary), one line each."""
    return list(report.context.notes) if report.context is not None else []


def summary_line(report: CheckReport) -> str:
    """`2 errors, 1 warning, 1 accepted in 10 files` (or `no problems in 10 files`); inputs
    that could not be read come first: `1 unreadable input; no problems in 9 other files`."""
    found = report.findings
    notes = sum(1 for f in found.items if f.severity == "info" and not f.accepted)
    parts = [
        _count(found.errors, "error"),
        _count(found.warnings, "warning"),
        _count(notes, "note"),
        f"{found.accepted} accepted" if found.accepted else "",
    ]
    said = ", ".join(p for p in parts if p) or "no problems"
    files = len(found.files)
    if not report.errors:
        return f"{said} in {files} file{'' if files == 1 else 's'}"
    # `1 unreadable input; no problems in 0 other files`: never a count that ends the line.
    other = f"{files} other file{'' if files == 1 else 's'}"
    return f"{_count(len(report.errors), 'unreadable input')}; {said} in {other}"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}" if n else ""
