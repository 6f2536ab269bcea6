"""The JSON report: the output contract of `msm check --format json`."""

from __future__ import annotations

import json

from pipeline.checks.runner import CheckReport


def render_json(report: CheckReport) -> str:
    """`{"findings": [...], "summary": {"errors", "warnings", "files", "accepted"}}`."""
    found = report.findings
    payload = {
        "findings": [f.as_json() for f in found.items],
        "summary": {
            "errors": found.errors,
            "warnings": found.warnings,
            "files": len(found.files),
            "accepted": found.accepted,
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
