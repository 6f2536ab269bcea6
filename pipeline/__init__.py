"""msm: the subtitle and localisation pipeline of the Making Spend Matter toolkit."""

from __future__ import annotations

__version__ = "0.1.0"

# The modules `msm check` spends its time in. A regular install compiles them to C with
# mypyc (setup.py; measured 11% off a check run), an editable one keeps them as Python
# (they stay editable), and an install without a C compiler falls back to Python: the same
# code and results either way (the test suite runs both: docs/developing.md, "Compiled modules").
COMPILED = (
    "pipeline.checks.consistency",
    "pipeline.checks.fidelity",
    "pipeline.checks.gates",
    "pipeline.checks.glossary_checks",
    "pipeline.checks.runner",
    "pipeline.checks.state",
    "pipeline.checks.text",
    "pipeline.checks.timing",
    "pipeline.checks.typography",
    "pipeline.checks.units",
    "pipeline.glossary.matcher",
    "pipeline.glossary.normalise",
    "pipeline.glossary.review",
    "pipeline.tracks.build",
    "pipeline.tracks.po_read",
    "pipeline.tracks.srt_io",
    "pipeline.tracks.vtt_io",
)


def compiled() -> tuple[str, ...]:
    """Those of COMPILED that this install runs as compiled code (found, not imported)."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    found = []
    for name in COMPILED:
        spec = find_spec(name)
        if spec is not None and (spec.origin or "").endswith(tuple(EXTENSION_SUFFIXES)):
            found.append(name)
    return tuple(found)
