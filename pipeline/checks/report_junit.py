"""JUnit XML: one test suite per file, one test case per check that looked at it.

Test cases are named by check id, so CI test views (GitLab, Jenkins, GitHub test reporters)
track the same case across runs; a case fails when the check found an unaccepted error in that
file, with every such finding in the failure text. Warnings, notes and accepted findings go to
the case's system-out: visible, but not failing.
"""

from __future__ import annotations

import re

from pipeline.checks.model import Finding
from pipeline.checks.runner import CheckReport

# Characters XML 1.0 cannot carry at all (even escaped); a message must never break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(f: Finding) -> str:
    where = f"{f.path}:{f.line}" if f.line is not None else f.path
    cue = f" cue {f.cue}:" if f.cue is not None else ""
    state = " (accepted)" if f.accepted else ""
    return _clean(f"{where}: {f.severity}{state}:{cue} {f.message}")


def render_junit(report: CheckReport) -> str:
    """The whole report as a JUnit XML document (UTF-8)."""
    import xml.etree.ElementTree as ET

    by_file: dict[str, dict[str, list[Finding]]] = {}
    for path, checks in report.ran.items():
        by_file.setdefault(path, {}).update({c: [] for c in checks})
    for f in report.findings.items:
        by_file.setdefault(f.path, {}).setdefault(f.check, []).append(f)
    root = ET.Element("testsuites", name="msm check")
    total = failed = 0
    for path in sorted(by_file):
        cases = by_file[path]
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        suite_failed = 0
        for check in sorted(cases):
            found = cases[check]
            errors = [f for f in found if f.severity == "error" and not f.accepted]
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=check)
            case.set("file", _clean(path))
            lines = [f.line for f in (errors or found) if f.line is not None]
            if lines:
                case.set("line", str(lines[0]))
            if errors:
                suite_failed += 1
                first = errors[0]
                more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
                failure = ET.SubElement(
                    case, "failure", type=check, message=_clean(first.message + more)
                )
                failure.text = "\n".join(_line(f) for f in errors)
            failing = {id(f) for f in errors}
            others = [f for f in found if id(f) not in failing]
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failed))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += len(cases)
        failed += suite_failed
    for error in report.errors:
        suite = ET.SubElement(root, "testsuite", name="unreadable input")
        suite.set("tests", "1")
        suite.set("failures", "0")
        suite.set("errors", "1")
        case = ET.SubElement(suite, "testcase", classname="msm check", name="read")
        ET.SubElement(case, "error", message=_clean(error.message)).text = _clean(str(error))
        total += 1
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", str(len(report.errors)))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
