"""Helpers for the check tests: units built from compact tables, and a way to run one check.

(A plain module, imported by name: pytest puts this folder on sys.path; tests/ has no packages.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.checks.config import ChecksConfig
from pipeline.checks.model import EntryUnit, TrackUnit
from pipeline.checks.registry import CheckContext, Problem, load_all
from pipeline.project import parse_settings
from pipeline.tracks.model import Cue

DATA = Path(__file__).parent.parent / "data" / "checks"
PROJECT = DATA / "project"


def context(settings: str = "", config: ChecksConfig | None = None) -> CheckContext:
    """A check context from settings text (a [project] table is added when missing)."""
    parsed = parse_settings(settings if "[project]" in settings else "[project]\n" + settings)
    ctx = CheckContext(settings=parsed)
    ctx.cache["config"] = config or ChecksConfig.from_raw(parsed.raw.get("checks"))
    return ctx


def entry(lang: str, target: str, source: str = "Some English text.", **kw: object) -> EntryUnit:
    """A PO entry unit."""
    fields: dict[str, object] = {"path": "x.po", "line": 10, **kw}
    return EntryUnit(lang=lang, source=source, target=target, **fields)


def cues(*spec: tuple[int, int, str]) -> list[Cue]:
    """Cues from (start ms, end ms, text), numbered from 1, timing lines 2, 6, 10…"""
    return [Cue(a, b, t, n, 4 * n - 2) for n, (a, b, t) in enumerate(spec, start=1)]


def track(lang: str, items: Sequence[Cue], **kw: object) -> TrackUnit:
    """A track unit read from a file (own timing)."""
    return TrackUnit(path="x.srt", lang=lang, cues=items, **kw)


def run(check: str, unit: object, ctx: CheckContext | None = None) -> list[Problem]:
    """The problems one registered check finds in one unit."""
    spec = load_all()[check]
    return list(spec.func(unit, ctx or context()))
