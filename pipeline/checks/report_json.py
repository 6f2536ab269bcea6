"""The JSON report: the output contract of `msm check --format json`."""

from __future__ import annotations

import re
from json.encoder import encode_basestring  # the C string encoder json.dumps uses

from pipeline.checks.model import Finding
from pipeline.checks.runner import CheckReport
from pipeline.errors import InputError, MsmError

_WHERE = re.compile(r"(?P<path>[^\n]+?)(?::(?P<line>[0-9]+))?: ")
_FIELDS = ("path", "line", "context", "cue", "lang", "check", "severity", "message", "concept")


def render_json(report: CheckReport) -> str:
    """`{"findings": [...], "unreadable": [...], "summary": {"errors", "warnings", "files",
    "accepted", "unreadable"}}`; each unreadable input is `{"path", "line", "message"}`.

    Written finding by finding, exactly as `json.dumps(..., indent=2)` writes it: with an
    indent, json falls back to its pure-Python encoder, five times slower on a big run.
    """
    found = report.findings
    summary = {
        "errors": found.errors,
        "warnings": found.warnings,
        "files": len(found.files),
        "accepted": found.accepted,
        "unreadable": len(report.errors),
    }
    findings = ",\n".join(_finding(f) for f in found.items)
    body = f"[\n{findings}\n  ]" if findings else "[]"
    failed = ",\n".join(_unreadable(e) for e in report.errors)
    unread = f"[\n{failed}\n  ]" if failed else "[]"
    counts = ",\n".join(f'    "{name}": {value}' for name, value in summary.items())
    return (
        f'{{\n  "findings": {body},\n  "unreadable": {unread},\n'
        f'  "summary": {{\n{counts}\n  }}\n}}\n'
    )


def _unreadable(error: MsmError) -> str:
    """One input the run could not read: where (its first error diagnostic) and why."""
    path: str | None = None
    line: int | None = None
    if isinstance(error, InputError):
        diagnostics = [d for d in error.diagnostics if d.severity == "error"] or error.diagnostics
        if diagnostics:
            path, line = diagnostics[0].path, diagnostics[0].line
    if path is None:  # `path:line: why` or `path: why`, as every core error starts
        found = _WHERE.match(error.message)
        if found:
            path = found["path"]
            line = int(found["line"]) if found["line"] else None
    fields = {"path": path, "line": line, "message": str(error)}
    inner = ",\n".join(f'      "{name}": {_value(value)}' for name, value in fields.items())
    return f"    {{\n{inner}\n    }}"


def _value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return encode_basestring(str(value))


def _finding(finding: Finding) -> str:
    fields = finding.as_json()
    inner = ",\n".join(f'      "{name}": {_value(fields[name])}' for name in (*_FIELDS, "accepted"))
    return f"    {{\n{inner}\n    }}"
