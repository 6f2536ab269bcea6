"""What `msm translate` reports: the estimate table, the per-PO results, the failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.mt.engine import EngineStats


@dataclass(frozen=True)
class Estimate:
    """What a run would send for one language through one provider."""

    lang: str
    provider: str
    code: str  # the provider's code, with the fallback when inexact
    entries: int  # entries to draft
    requests: int  # distinct texts not in the cache: one request each
    chars: int  # characters in those texts
    cached: int  # distinct texts already in the cache (sent for free)
    memory: int = 0  # entries the translation memory fills (never sent)


@dataclass(frozen=True)
class Failure:
    """An entry that got no draft, and why."""

    path: Path
    line: int | None
    cue: int | None
    msgid: str
    message: str


@dataclass
class TrackResult:
    """What a run did to one PO."""

    slug: str
    lang: str
    path: Path
    pending: int = 0  # untranslated entries found
    drafted: int = 0
    memory: int = 0  # filled from the translation memory, before any request
    glossary: int = 0  # drafts that got a glossary comment
    failed: int = 0
    not_attempted: int = 0  # left for the next run after the provider stopped


@dataclass
class TranslateReport:
    """The outcome of a run: per track, the failures, and why it stopped early (if it did)."""

    provider: str
    results: list[TrackResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    stopped: str = ""

    @property
    def ok(self) -> bool:
        """Whether every entry got its draft."""
        return not self.failures and not self.stopped


@dataclass
class Outcome:
    """A finished (or stopped) run: the report and what the engine did."""

    report: TranslateReport
    stats: EngineStats
    requests: int  # HTTP requests made, retries and refused connections included


def estimate_lines(rows: list[Estimate]) -> list[str]:
    """The --dry-run table."""
    header = ("language", "provider", "code", "entries", "requests", "characters", "cached")
    body = [
        (r.lang, r.provider, r.code, str(r.entries), str(r.requests), f"{r.chars:,}", str(r.cached))
        for r in rows
    ]
    if len(body) > 1:
        total = (
            "total",
            "",
            "",
            str(sum(r.entries for r in rows)),
            str(sum(r.requests for r in rows)),
            f"{sum(r.chars for r in rows):,}",
            str(sum(r.cached for r in rows)),
        )
        body.append(total)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    numeric = {3, 4, 5, 6}

    def fmt(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    return [fmt(header), *(fmt(row) for row in body)]


def summary_lines(outcome: Outcome, root: Path) -> list[str]:
    """What the run did, what failed (with `path:line`), and how to go on."""
    report, stats = outcome.report, outcome.stats
    lines = []
    for result in report.results:
        if not result.pending:
            lines.append(f"{_rel(result.path, root)}: nothing untranslated")
            continue
        if result.memory:
            parts = [
                f"{result.memory + result.drafted} of {result.pending} filled: "
                f"{result.memory} from the translation memory, "
                f"{result.drafted} drafted by {report.provider}"
            ]
        else:
            parts = [f"{result.drafted} of {result.pending} drafted"]
        if result.glossary:
            parts.append(f"{result.glossary} miss glossary terms (see 'glossary:' comments)")
        if result.failed:
            parts.append(f"{result.failed} failed")
        if result.not_attempted:
            parts.append(f"{result.not_attempted} not attempted")
        lines.append(f"{_rel(result.path, root)}: {', '.join(parts)}")
    lines.append(
        f"{report.provider}: {outcome.requests} request(s) sent, "
        f"{stats.chars_sent:,} characters translated, {stats.cached} text(s) from the cache"
        + (f", {stats.retries} retried" if stats.retries else "")
        + (f", waited {stats.waited:.1f} s" if stats.waited >= 0.05 else "")
    )
    recalled = sum(r.memory for r in report.results)
    if recalled:
        drafted = sum(r.drafted for r in report.results)
        lines.append(
            f"filled {recalled + drafted} entries: {recalled} from the translation memory, "
            f"{drafted} by {report.provider}"
        )
    if report.failures:
        lines.append(f"failed ({len(report.failures)}):")
        for failure in report.failures:
            where = _rel(failure.path, root) + (f":{failure.line}" if failure.line else "")
            cue = f"cue {failure.cue}: " if failure.cue else ""
            text = failure.msgid.replace("\n", " / ")
            text = text if len(text) <= 50 else text[:49] + "…"
            lines.append(f"  {where}: {cue}{text!r}: {failure.message}")
    if report.stopped:
        lines.append(f"stopped early: {report.stopped}")
    if not report.ok:
        lines.append(
            "drafts made so far are saved and cached: run the same command again "
            "to retry the rest (nothing already drafted is sent again)"
        )
    return lines


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
