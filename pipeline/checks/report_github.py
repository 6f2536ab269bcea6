"""GitHub Actions workflow commands: one annotation per finding on the pull request's files."""

from __future__ import annotations

import re

from pipeline.checks.model import Finding
from pipeline.checks.report_lines import summary_line
from pipeline.checks.runner import CheckReport

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


# Control characters, and the bidi controls that would reorder what the log shows.
_CONTROL = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions toolkit does (`%`, CR, LF); other control
    characters cannot be in a log line at all."""
    text = _CONTROL.sub("\ufffd", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property (file, title): also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """`::error file=…,line=…,title=…::message` for one finding."""
    props = [f"file={escape_property(finding.path)}"]
    if finding.line is not None:
        props.append(f"line={finding.line}")
    where = f" cue {finding.cue}" if finding.cue is not None else ""
    title = f"{finding.check} ({finding.lang}{where})" if finding.lang else finding.check
    props.append(f"title={escape_property(title)}")
    return f"::{_COMMANDS[finding.severity]} {','.join(props)}::{escape_data(finding.message)}"


def render_github(report: CheckReport) -> str:
    """Annotations for unaccepted findings (accepted ones are decisions, not news), then a
    plain summary line for the log."""
    lines = [annotation(f) for f in report.findings.items if not f.accepted]
    lines.append(f"msm check: {summary_line(report)}")
    return "\n".join(lines) + "\n"
