"""The grammar check against a local server speaking LanguageTool's /v2/check API."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import CheckContext, load_all
from pipeline.project import parse_settings

CATALOG = """
[project]
target_languages = ["pl", "eu", "fr"]
{extra}
[[videos]]
slug = "demo"
title = "Demo"
"""
ASKED: list[dict[str, str]] = []


class LanguageTool(BaseHTTPRequestHandler):
    """What LanguageTool answers (the shape of its documented /v2/check response)."""

    def do_POST(self) -> None:
        size = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(size).decode("utf-8")))
        ASKED.append(form)
        text, matches = form["text"], []
        at = text.find("a apple")
        if at >= 0:
            matches.append(
                {
                    "message": "Use “an” instead of ‘a’ if the following word starts with a vowel.",
                    "offset": at,
                    "length": 7,
                    "replacements": [{"value": "an apple"}],
                    "rule": {"id": "EN_A_VS_AN", "category": {"id": "MISC"}},
                }
            )
        at = text.find("tendr")
        if at >= 0:  # a spelling match: the spelling check's business
            matches.append(
                {
                    "message": "Possible spelling mistake found.",
                    "offset": at,
                    "length": 5,
                    "replacements": [{"value": "tender"}],
                    "rule": {"id": "MORFOLOGIK_RULE_EN_GB"},
                }
            )
        body = json.dumps({"software": {"name": "LanguageTool"}, "matches": matches}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), LanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    ASKED.clear()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def context(extra: str = "") -> CheckContext:
    ctx = CheckContext(settings=parse_settings(CATALOG.format(extra=extra)), root=Path())
    prepare = load_all()["grammar"].prepare
    assert prepare is not None
    prepare(ctx)
    return ctx


def run(ctx: CheckContext, lang: str, text: str) -> list[tuple[str | None, str]]:
    spec = load_all()["grammar"]
    unit = EntryUnit(path="x.po", line=1, lang=lang, source="", target=text)
    return [(p.concept, p.message) for p in spec.func(unit, ctx)]


def test_languagetool_matches_become_findings_with_replacements(server):
    ctx = context(f'[checks.grammar]\nurl = "{server}"\n')
    found = run(ctx, "en", "She ate a apple and a tendr.")
    assert found == [
        (
            "EN_A_VS_AN",
            "Use “an” instead of ‘a’ if the following word starts with a vowel. "
            '"She ate a apple and a tendr…"; did you mean: an apple?',
        )
    ]
    assert ASKED[-1] == {"text": "She ate a apple and a tendr.", "language": "en-GB"}
    assert ctx.notes == ["grammar skipped for eu: LanguageTool has no Basque"]
    assert run(ctx, "eu", "Eskaintza a apple.") == []  # never asked: no Basque
    assert ASKED[-1]["language"] == "en-GB"


def test_off_without_a_server_and_the_report_says_so():
    ctx = context()
    assert run(ctx, "en", "She ate a apple.") == []
    assert ctx.notes == [
        "grammar off: no LanguageTool server configured ([checks.grammar] url in catalog.toml)"
    ]


def test_a_server_that_does_not_answer_is_noted_once(tmp_path):
    ctx = context('[checks.grammar]\nurl = "http://127.0.0.1:9"\ntimeout_seconds = 2\n')
    assert run(ctx, "fr", "Une phrase.") == []
    assert run(ctx, "fr", "Une autre phrase.") == []
    stopped = [n for n in ctx.notes if n.startswith("grammar stopped")]
    assert len(stopped) == 1 and "http://127.0.0.1:9" in stopped[0]
