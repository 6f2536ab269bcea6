"""The reporters: golden outputs for each format, JUnit that parses, GitHub escaping."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from check_helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.model import Finding, Findings
from pipeline.checks.report import list_checks, one_line, render, summary_line
from pipeline.checks.report_github import annotation, escape_data, escape_property
from pipeline.checks.runner import CheckReport
from pipeline.errors import Diagnostic, InputError, MsmError

GOLDEN = DATA / "golden"
PO = "subtitles/demo/pl.po"


def sample() -> CheckReport:
    """A small report with every kind of finding and every character that needs escaping."""
    items = [
        Finding(
            "subtitles/demo/en.srt",
            7,
            None,
            2,
            "en",
            "overlap",
            "error",
            "starts 100 ms before cue 1 ends (00:00:05,900 < 00:00:06,000)",
        ),
        Finding(
            PO,
            30,
            None,
            2,
            "pl",
            "cps-max",
            "error",
            "19.2 characters per second, above the maximum of 17 (96 characters in 5.00 s)",
        ),
        Finding(
            PO,
            30,
            None,
            2,
            "pl",
            "quote-style",
            "warning",
            'quotation mark ": write „…”: "To <b>&</b> \\"to\\""',
        ),
        Finding(
            PO,
            41,
            "menu",
            3,
            "pl",
            "glossary-missing",
            "warning",
            "no approved term for 'contracting authority': 100%, a:b, c",
            "auth",
            True,
        ),
        Finding(PO, 52, None, None, "pl", "obsolete", "info", 'obsolete entry: "Old.\nText"'),
        Finding(
            "subtitles/demo/ro.po",
            None,
            None,
            None,
            "ro",
            "missing-catalog",
            "warning",
            "no ro catalogue for this video; run `msm update`",
        ),
        Finding(
            "subtitles/demo/fr.srt",
            3,
            None,
            1,
            "fr",
            "stale-build",
            "error",
            "differs from what `msm build` writes \x0b now",
        ),
    ]
    items.sort(key=lambda f: (f.path, f.line or 0, f.cue or 0, f.check))
    files = {"subtitles/demo/en.srt", PO, "subtitles/demo/fr.srt", "subtitles/demo/fr.po"}
    ran = {
        "subtitles/demo/en.srt": {"overlap", "gap-min"},
        PO: {"cps-max", "quote-style", "glossary-missing", "obsolete", "untranslated"},
        "subtitles/demo/fr.po": {"cps-max"},
        "subtitles/demo/fr.srt": {"stale-build"},
    }
    return CheckReport(Findings(items, files), ran, [])


FORMATS = [
    ("text", "report.txt", False),
    ("text", "report-color.txt", True),
    ("json", "report.json", False),
    ("junit", "report.xml", False),
    ("github", "report.github", False),
]


@pytest.mark.parametrize(("fmt", "name", "color"), FORMATS)
def test_golden(fmt, name, color):
    got = render(sample(), fmt, color)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_json_is_the_contract():
    data = json.loads(render(sample(), "json"))
    assert set(data) == {"findings", "unreadable", "summary"}
    assert data["summary"] == {
        "errors": 3,
        "warnings": 2,
        "files": 4,
        "accepted": 1,
        "unreadable": 0,
    }
    keys = {"path", "line", "context", "cue", "lang", "check", "severity", "message", "concept"}
    assert all(keys <= set(f) for f in data["findings"])
    accepted = [f for f in data["findings"] if f["accepted"]]
    assert [(f["check"], f["concept"], f["context"]) for f in accepted] == [
        ("glossary-missing", "auth", "menu")
    ]


def test_junit_is_valid_xml_with_a_case_per_check_and_file():
    root = ET.fromstring(render(sample(), "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {
        "subtitles/demo/en.srt",
        PO,
        "subtitles/demo/fr.po",
        "subtitles/demo/fr.srt",
        "subtitles/demo/ro.po",
    }
    pl = suites[PO]
    cases = {c.get("name"): c for c in pl.findall("testcase")}
    assert set(cases) == {"cps-max", "quote-style", "glossary-missing", "obsolete", "untranslated"}
    assert cases["cps-max"].find("failure") is not None
    assert cases["cps-max"].get("line") == "30"
    assert cases["quote-style"].find("failure") is None  # a warning does not fail
    assert "quotation mark" in cases["quote-style"].find("system-out").text
    assert "(accepted)" in cases["glossary-missing"].find("system-out").text
    assert (pl.get("tests"), pl.get("failures")) == ("5", "1")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("10", "3", "0")
    stale = suites["subtitles/demo/fr.srt"].find("testcase/failure")
    assert "\x0b" not in stale.text  # not representable in XML 1.0: replaced


def test_junit_reports_unreadable_inputs_as_errors():
    diag = Diagnostic("x.po", 3, "error", "malformed string", "po-syntax")
    report = CheckReport(Findings([], set()), {}, [InputError("x.po: not a valid PO file", [diag])])
    root = ET.fromstring(render(report, "junit"))
    assert root.get("errors") == "1"
    assert "x.po:3" in root.find("testsuite/testcase/error").text


def test_github_escaping():
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = annotation(Finding("dir,x/a:b.po", None, None, None, "pl", "fuzzy", "info", "m\nn"))
    assert line == "::notice file=dir%2Cx/a%3Ab.po,title=fuzzy (pl)::m%0An"


def test_github_skips_accepted_findings():
    out = render(sample(), "github")
    assert "glossary-missing" not in out
    assert out.count("::error ") == 3 and out.count("::warning ") == 2


def test_text_colour_only_when_asked():
    assert "\033[" not in render(sample(), "text", False)
    assert "\033[31m" in render(sample(), "text", True)


def test_list_checks():
    text = list_checks()
    assert "cps-max" in text and "(msm fix)" in text
    rows = json.loads(list_checks("json"))
    assert {"id", "severity", "applies", "summary", "fixable"} == set(rows[0])


_ANY_TEXT = st.text(max_size=20)  # any code point: quotes, controls, lone surrogates, emoji


@settings(max_examples=200)
@given(
    st.lists(
        st.builds(
            Finding,
            path=_ANY_TEXT,
            line=st.none() | st.integers(0, 10**6),
            context=st.none() | _ANY_TEXT,
            cue=st.none() | st.integers(0, 999),
            lang=_ANY_TEXT,
            check=_ANY_TEXT,
            severity=st.sampled_from(["error", "warning", "info"]),
            message=_ANY_TEXT,
            concept=st.none() | _ANY_TEXT,
            accepted=st.booleans(),
        ),
        max_size=5,
    ),
    st.sets(_ANY_TEXT, max_size=3),
    st.lists(st.tuples(_ANY_TEXT, st.none() | st.integers(0, 10**6), _ANY_TEXT), max_size=2),
)
def test_json_report_is_byte_for_byte_what_json_dumps_writes(items, files, unread):
    errors: list[MsmError] = [
        InputError(f"{path}: cannot read", [Diagnostic(path, line, "error", why)])
        for path, line, why in unread
    ]
    report = CheckReport(findings=Findings(items, files), errors=errors)
    found = report.findings
    named = {path for path, _, _ in unread} - set(found.files)
    payload = {
        "findings": [f.as_json() for f in found.items],
        "unreadable": [{"path": path, "line": line, "message": why} for path, line, why in unread],
        "summary": {
            "errors": found.errors + len(errors),
            "warnings": found.warnings,
            "files": len(found.files) + len(named),
            "accepted": found.accepted,
            "unreadable": len(errors),
        },
    }
    assert render(report, "json") == json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


@given(
    st.text(
        alphabet=st.sampled_from([*"ab é\n\r\t\x1b\x00\x7f\x85\x9f", "\u00a0", "\u2028", "\u202e"])
    )
)
def test_one_line_escapes_breaks_and_control_characters(text: str) -> None:
    """The quick path (a printable text as it is) gives what the whole replacement gives."""
    expected = re.sub(
        "[\x00-\x09\x0b-\x1f\x7f-\x9f]",
        lambda m: f"\\x{ord(m[0]):02x}",
        text.replace("\r\n", "\n").replace("\n", " / "),
    )
    expected = expected.replace("\u2028", "\\u2028").replace("\u202e", "\\u202e")
    assert one_line(text) == expected
    assert "\n" not in one_line(text) and "\x1b" not in one_line(text)


def unreadable_report() -> CheckReport:
    broken = InputError(
        "pl.po: not a valid PO file",
        [Diagnostic("pl.po", 7, "error", "malformed string: 'msgstr \"Tak.'", "po-syntax")],
    )
    return CheckReport(Findings([], set()), {}, [broken, InputError("x.srt: cannot read")])


def test_json_lists_and_counts_unreadable_inputs():
    data = json.loads(render(unreadable_report(), "json"))
    assert data["unreadable"] == [
        {"path": "pl.po", "line": 7, "message": "malformed string: 'msgstr \"Tak.'"},
        {"path": "x.srt", "line": None, "message": "x.srt: cannot read"},  # from its message
    ]
    assert data["summary"] == {
        "errors": 2,
        "warnings": 0,
        "files": 2,
        "accepted": 0,
        "unreadable": 2,
    }


def test_text_summary_of_a_run_with_unreadable_inputs_is_whole():
    assert summary_line(unreadable_report()) == "2 unreadable inputs; no problems in 0 other files"
    assert render(unreadable_report(), "text").endswith(
        "2 unreadable inputs; no problems in 0 other files\n"
    )
    report = sample()
    report.errors.append(InputError("x.srt: cannot read"))
    assert summary_line(report).startswith("1 unreadable input; 3 errors, 2 warnings")
    assert summary_line(report).endswith(" in 4 other files")
