"""The JSON report: the output contract of `msm check --format json`."""

from __future__ import annotations

import re
from json.encoder import encode_basestring  # the C string encoder json.dumps uses
from typing import Any

from pipeline.checks.model import Finding
from pipeline.checks.report_lines import notes
from pipeline.checks.runner import CheckReport
from pipeline.errors import InputError

_WHERE = re.compile(r"(?P<path>[^\n]+?)(?::(?P<line>[0-9]+))?: ")
_FIELDS = ("path", "line", "context", "cue", "lang", "check", "severity", "message", "concept")


def render_json(report: CheckReport) -> str:
    """`{"findings": [...], "unreadable": [...], "summary": {"errors", "warnings", "files",
    "accepted", "unreadable"}}`, and `"notes": [...]` when the run could not check something
    (a missing spelling dictionary, no grammar server).

    An input that could not be read is listed under "unreadable" (path, line, message: one
    object per problem found in it) and counted as an error and a file, so that a tool reading
    only the summary never sees a clean run. Written finding by finding, exactly as
    `json.dumps(..., indent=2)` writes it: with an indent, json falls back to its pure-Python
    encoder, five times slower on a big run.
    """
    found = report.findings
    unreadable = unreadable_inputs(report)
    paths = {u["path"] for u in unreadable if u["path"] is not None} - set(found.files)
    nameless = sum(1 for u in unreadable if u["path"] is None)
    summary = {
        "errors": found.errors + len(report.errors),
        "warnings": found.warnings,
        "files": len(found.files) + len(paths) + nameless,
        "accepted": found.accepted,
        "unreadable": len(report.errors),
    }
    findings = ",\n".join(_finding(f) for f in found.items)
    body = f"[\n{findings}\n  ]" if findings else "[]"
    failed = ",\n".join(_object(u, ("path", "line", "message")) for u in unreadable)
    unread = f"[\n{failed}\n  ]" if failed else "[]"
    counts = ",\n".join(f'    "{name}": {value}' for name, value in summary.items())
    said = notes(report)
    noted = ""
    if said:
        listed = ",\n".join(f"    {encode_basestring(n)}" for n in said)
        noted = f',\n  "notes": [\n{listed}\n  ]'
    return (
        f'{{\n  "findings": {body},\n  "unreadable": {unread},\n'
        f'  "summary": {{\n{counts}\n  }}{noted}\n}}\n'
    )


def unreadable_inputs(report: CheckReport) -> list[dict[str, Any]]:
    """Each unreadable input's problems as `{"path", "line", "message"}`: one per error
    diagnostic it carries, else one for the error itself, placed by the `path:line:` its
    message starts with (path and line null when it names no file)."""
    found: list[dict[str, Any]] = []
    for error in report.errors:
        diagnostics = error.diagnostics if isinstance(error, InputError) else []
        for d in diagnostics:
            found.append({"path": d.path, "line": d.line, "message": d.message})
        if not diagnostics:
            where = _WHERE.match(error.message)
            path = where["path"] if where else None
            line = int(where["line"]) if where and where["line"] else None
            found.append({"path": path, "line": line, "message": str(error)})
    return found


def _value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return encode_basestring(str(value))


def _finding(finding: Finding) -> str:
    return _object(finding.as_json(), (*_FIELDS, "accepted"))


def _object(fields: dict[str, Any], names: tuple[str, ...]) -> str:
    inner = ",\n".join(f'      "{name}": {_value(fields[name])}' for name in names)
    return f"    {{\n{inner}\n    }}"
