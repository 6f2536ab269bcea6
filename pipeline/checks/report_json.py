"""The JSON report: the output contract of `msm check --format json`."""

from __future__ import annotations

from json.encoder import encode_basestring  # the C string encoder json.dumps uses

from pipeline.checks.model import Finding
from pipeline.checks.report import notes
from pipeline.checks.runner import CheckReport

_FIELDS = ("path", "line", "context", "cue", "lang", "check", "severity", "message", "concept")


def render_json(report: CheckReport) -> str:
    """`{"findings": [...], "summary": {"errors", "warnings", "files", "accepted"}}`, and
    `"notes": [...]` when the run could not check something (a missing spelling dictionary).

    Written finding by finding, exactly as `json.dumps(..., indent=2)` writes it: with an
    indent, json falls back to its pure-Python encoder, five times slower on a big run.
    """
    found = report.findings
    summary = {
        "errors": found.errors,
        "warnings": found.warnings,
        "files": len(found.files),
        "accepted": found.accepted,
    }
    findings = ",\n".join(_finding(f) for f in found.items)
    body = f"[\n{findings}\n  ]" if findings else "[]"
    counts = ",\n".join(f'    "{name}": {value}' for name, value in summary.items())
    said = notes(report)
    noted = ""
    if said:
        listed = ",\n".join(f"    {encode_basestring(n)}" for n in said)
        noted = f',\n  "notes": [\n{listed}\n  ]'
    return f'{{\n  "findings": {body},\n  "summary": {{\n{counts}\n  }}{noted}\n}}\n'


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
