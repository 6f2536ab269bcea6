"""`msm check` from the PATHs to the report it shows, a wholly unchanged run's from the cache.

The command runs the checks (runner.py), adds the findings of checks that live elsewhere
(the titles and descriptions, publish/meta_checks.py, passed in as `Also`), and renders the
report. With the result cache, a run whose every part can be remembered has a key over all
of them (`Runner.whole_key`); with the format, the colour and the stamp of what `Also`
reads, it names the rendered report, which the cache keeps (result_cache.py). A later run
with the same key shows that report, its summary line and its exit status without reading
any outcome, checking or rendering anything: byte for byte what the run would show
(tests/checks/test_check_cache.py). A run that found an unreadable input is never kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from pipeline.checks.model import Finding
from pipeline.checks.result_cache import Rendered
from pipeline.checks.runner import CheckReport, plan_check
from pipeline.errors import MsmError
from pipeline.project import Project


class Also(Protocol):
    """Findings the command adds to the run's, and a stamp of everything they depend on
    besides the settings and the glossary (which every key covers)."""

    def stamp(self, file_hash: Callable[[str], str]) -> str | None:
        """What the findings depend on (None: not to be remembered); `file_hash` gives a
        file's content hash (raising OSError as reading it would)."""
        ...

    def findings(self, report: CheckReport) -> list[Finding]:
        """The findings, with the run's context (its glossary)."""
        ...


def check_report(
    paths: Sequence[Path],
    project: Project | None,
    langs: Iterable[str] = (),
    glossary: Path | None = None,
    profile: str | None = None,
    fmt: str = "text",
    color: bool = False,
    remember: bool = False,
    also: Also | None = None,
) -> tuple[Rendered, list[MsmError]]:
    """The report of `msm check` in `fmt`, and the inputs that could not be read."""
    langs = list(langs)
    runner, inputs = plan_check(paths, project, langs, glossary, profile, None, False, remember)
    results = runner.results
    key = None
    if results is not None:
        whole = runner.whole_key(inputs)
        stamp = also.stamp(results.file_hash) if also is not None else ""
        if whole is not None and stamp is not None:
            key = results.report_key(whole, fmt, color, stamp)
            kept = results.report(fmt, key)
            if kept is not None:
                results.save()  # the stats of files hashed for the first time
                return kept, []
    from pipeline.checks import report  # the reporters: not for a report the cache kept

    result = runner.run(inputs)
    if also is not None:
        result.findings.items.extend(also.findings(result))
    text = report.render(result, fmt, color)
    rendered = Rendered(text, report.summary_line(result), result.exit_code)
    if key is not None and results is not None and not result.errors:
        results.keep_report(fmt, key, rendered)
    return rendered, result.errors
