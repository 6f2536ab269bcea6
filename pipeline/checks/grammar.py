"""The grammar check: what a LanguageTool server finds in each text (off without a server).

The server is the project's own (`[checks.grammar] url` in catalog.toml; nothing is
downloaded at run time): `POST {url}/v2/check` with the text and LanguageTool's code for the
language, one request per distinct text and language. LanguageTool has no Basque: Basque is
skipped with a note, as every language is when no server is configured. A server that does
not answer is noted once and the run goes on without grammar findings. The spelling rules
of LanguageTool are left out (the `spelling` check looks words up, knowing our word lists).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline import languages
from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import CheckContext, Problem, entry_text, register
from pipeline.checks.text import excerpt, visible

CHECK = "grammar"
_STATE = "grammar.server"
# LanguageTool's codes for our languages (no Basque).
LANGUAGETOOL = {
    "en": "en-GB",
    "nl-BE": "nl-BE",
    "fr": "fr",
    "el": "el-GR",
    "pl": "pl-PL",
    "pt-PT": "pt-PT",
    "ro": "ro-RO",
    "es": "es",
}
# LanguageTool's spelling rules (MORFOLOGIK_RULE_EN_GB, HUNSPELL_RULE, …_SPELLER_RULE).
_SPELLING_RULES = ("MORFOLOGIK_RULE", "HUNSPELL")
_OFF = "grammar off: no LanguageTool server configured ([checks.grammar] url in catalog.toml)"


def server_url(ctx: CheckContext) -> str | None:
    """The configured LanguageTool server, or None."""
    raw = ctx.settings.raw.get("checks") if ctx.settings is not None else None
    grammar = raw.get("grammar") if isinstance(raw, dict) else None
    url = grammar.get("url") if isinstance(grammar, dict) else None
    return url.rstrip("/") if isinstance(url, str) and url.strip() else None


def _timeout(ctx: CheckContext) -> float:
    raw = ctx.settings.raw.get("checks") if ctx.settings is not None else None
    grammar = raw.get("grammar") if isinstance(raw, dict) else None
    value = grammar.get("timeout_seconds") if isinstance(grammar, dict) else None
    return float(value) if isinstance(value, (int, float)) and value > 0 else 10.0


def _note(ctx: CheckContext, note: str) -> None:
    if note not in ctx.notes:
        ctx.notes.append(note)


def prepare(ctx: CheckContext) -> None:
    """Say once when the check is off, and which languages LanguageTool cannot check."""
    url = server_url(ctx)
    ctx.cache[_STATE] = url
    if url is None:
        _note(ctx, _OFF)
        return
    targets = list(ctx.settings.target_languages) if ctx.settings is not None else []
    for lang in targets:
        if lang not in LANGUAGETOOL:
            _note(ctx, f"grammar skipped for {lang}: LanguageTool has no {_name(lang)}")


def _name(lang: str) -> str:
    found = languages.find(lang)
    return found.name if found is not None else lang


def _ask(url: str, text: str, code: str, timeout: float) -> list[dict[str, Any]]:
    """LanguageTool's matches for a text (raises OSError or ValueError on failure)."""
    import json
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode({"text": text, "language": code}).encode("utf-8")
    request = urllib.request.Request(
        f"{url}/v2/check", data=data, headers={"Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = json.loads(response.read(4_000_000).decode("utf-8"))
    matches = body.get("matches") if isinstance(body, dict) else None
    if not isinstance(matches, list):
        raise ValueError("no 'matches' list in the answer")
    return [m for m in matches if isinstance(m, dict)]


@register(
    CHECK,
    "entry",
    "warning",
    "grammar and style, by a LanguageTool server (off unless [checks.grammar] url is set)",
    source=True,
    memo=entry_text,
    prepare=prepare,
)
def grammar(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """LanguageTool's matches in one text (its spelling rules left out)."""
    url = ctx.cache.get(_STATE)
    code = LANGUAGETOOL.get(unit.lang)
    text = visible(unit.target)
    if not url or code is None or unit.obsolete or not text.strip():
        return ()
    try:
        matches = _ask(url, text, code, _timeout(ctx))
    except (OSError, ValueError) as exc:
        ctx.cache[_STATE] = None  # ask no more in this run
        _note(ctx, f"grammar stopped: the LanguageTool server at {url} did not answer ({exc})")
        return ()
    problems = []
    for match in matches:
        rule = match.get("rule") if isinstance(match.get("rule"), dict) else {}
        rule_id = str(rule.get("id", "")) if isinstance(rule, dict) else ""
        if rule_id.startswith(_SPELLING_RULES) or "SPELLER_RULE" in rule_id:
            continue
        offset, length = match.get("offset"), match.get("length")
        if not isinstance(offset, int) or not isinstance(length, int):
            continue
        values = [
            str(r.get("value"))
            for r in match.get("replacements") or []
            if isinstance(r, dict) and r.get("value")
        ][:3]
        said = str(match.get("message", "")).strip()
        where = excerpt(text, offset, offset + length)
        hint = f"; did you mean: {', '.join(values)}?" if values else ""
        problems.append(Problem(f'{said} "{where}"{hint}', concept=rule_id or None))
    return problems
