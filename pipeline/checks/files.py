"""What the readers noticed in a subtitle or PO file, as findings: encoding, repaired syntax.

The SRT and WebVTT readers repair what is unambiguous and say so; a repaired file still works
for us, but YouTube and other players may read it differently, so the repairs are reported.
Overlaps and empty cues have their own checks (timing.py), so their notes are not repeated.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.checks.model import CatalogUnit, TrackUnit
from pipeline.checks.registry import CheckContext, Problem, register

# Reader notes that another check already reports from the cues themselves.
_ELSEWHERE = {"srt-overlap", "srt-empty"}


@register(
    "encoding",
    "track",
    "warning",
    "a subtitle file that is not plain UTF-8 (legacy code page, UTF-16, byte-order mark)",
    source=True,
)
def encoding(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """YouTube wants plain UTF-8; `msm convert` re-saves a file that way."""
    for d in unit.diagnostics:
        if d.code == "encoding":
            yield Problem(
                f"{d.message}; YouTube reads plain UTF-8 (`msm convert` re-saves it)",
                line=d.line,
                severity="info" if d.severity == "info" else None,
            )


@register(
    "file-format",
    "track",
    "warning",
    "syntax the reader had to repair (timestamps, numbering, order, blank lines)",
    source=True,
)
def file_format(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Anything else the reader repaired; other tools may not repair it the same way."""
    for d in unit.diagnostics:
        if d.code in _ELSEWHERE or d.code == "encoding" or d.severity == "error":
            continue
        yield Problem(
            f"{d.message}", line=d.line, severity="info" if d.severity == "info" else None
        )


@register(
    "po-charset",
    "catalog",
    "info",
    "a PO file in a legacy charset (read as its header declares; msm writes UTF-8)",
)
def po_charset(unit: CatalogUnit, ctx: CheckContext) -> Iterator[Problem]:
    """gettext reads any declared charset, and so do we; most tools today expect UTF-8."""
    for d in unit.diagnostics:
        if d.code == "po-charset":
            yield Problem(
                d.message, line=d.line, severity="warning" if d.severity == "warning" else None
            )


@register(
    "po-language",
    "catalog",
    "warning",
    "a PO `Language:` header naming another language than the file's (a region: a note)",
)
def po_language(unit: CatalogUnit, ctx: CheckContext) -> Iterator[Problem]:
    """gettext's `nl`, `nl_BE`, `pt_BR` and BCP 47 `nl-BE` are all read; this says where the
    header and the file's language (its name, folder or --lang) disagree."""
    for d in unit.diagnostics:
        if d.code == "po-language":
            yield Problem(d.message, line=d.line, severity="info" if d.severity == "info" else None)
