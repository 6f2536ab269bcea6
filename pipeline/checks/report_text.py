"""The human report: findings grouped by file, coloured when asked (a terminal, no NO_COLOR)."""

from __future__ import annotations

from itertools import groupby

from pipeline.checks.model import Finding
from pipeline.checks.report_lines import notes, one_line, summary_line
from pipeline.checks.runner import CheckReport

_RESET = "\033[0m"
_STYLES = {
    "error": "\033[31m",  # red
    "warning": "\033[33m",  # yellow
    "info": "\033[36m",  # cyan
    "accepted": "\033[2m",  # dim
    "file": "\033[1m",  # bold
    "bad": "\033[1;31m",
    "good": "\033[1;32m",
}
_LABELS = {"error": "error", "warning": "warning", "info": "note"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color else text


def _label(finding: Finding) -> str:
    return "accepted" if finding.accepted else _LABELS[finding.severity]


def render_text(report: CheckReport, color: bool = False) -> str:
    """One block per file: `line  severity  check  message`, then a summary line."""
    out: list[str] = []
    for path, group in groupby(report.findings.items, key=lambda f: f.path):
        items = list(group)
        out.append(_paint(one_line(path), "file", color))
        line_width = max(len(str(f.line or "")) for f in items)
        check_width = max(len(f.check) for f in items)
        for f in items:  # a line per finding: tens of thousands for a channel
            where = str(f.line or "").rjust(line_width)
            label = f"{_label(f):<8}"
            if color:
                label = _paint(label, "accepted" if f.accepted else f.severity, color)
            text = f.message
            if f.cue is not None:
                text = f"cue {f.cue}: {text}"
            if f.context:
                text = f"{text} [context {f.context!r}]"
            if f.concept:
                text = f"{text} [{f.concept}]"
            out.append(f"  {where}  {label} {f.check:<{check_width}}  {one_line(text)}")
        out.append("")
    for note in notes(report):
        out.append(_paint(f"note: {one_line(note)}", "info", color))
    bad = report.findings.errors > 0 or bool(report.errors)
    out.append(_paint(summary_line(report), "bad" if bad else "good", color))
    return "\n".join(out) + "\n"
