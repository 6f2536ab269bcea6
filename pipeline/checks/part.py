"""What checking some videos produced: the record a worker process sends the runner back.

A plain class (a dataclass cost ~0.5 ms of every start-up, its methods compiled from
source, and `dataclasses` itself 1 ms). Pickled by `__reduce__`, which has pickle make it
again by calling it with its fields: what a class compiled by mypyc needs (without it, pickle
calls the class bare).
"""

from __future__ import annotations

from typing import Any

from pipeline.errors import MsmError


class Part:
    """Plain data when a worker process sends it back, the Findings themselves when this
    process checked them."""

    def __init__(
        self,
        findings: list[Any],  # each Finding's fields (from a worker), or the Findings themselves
        ran: dict[str, set[str]],
        errors: list[MsmError],
        files: set[str],
        gathered: dict[str, list[Any]],
        missing: list[tuple[str, str]],
        as_fields: bool = True,
        fresh: dict[str, Any] | None = None,  # new result-cache outcomes
    ) -> None:
        self.findings = findings
        self.ran = ran
        self.errors = errors
        self.files = files
        self.gathered = gathered
        self.missing = missing
        self.as_fields = as_fields
        self.fresh: dict[str, Any] = fresh if fresh is not None else {}

    def __reduce__(self) -> tuple[type[Part], tuple[Any, ...]]:
        fields = (self.findings, self.ran, self.errors, self.files, self.gathered)
        return Part, (*fields, self.missing, self.as_fields, self.fresh)
