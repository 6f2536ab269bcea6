"""The `[memory]` settings: whether and how `msm update` fills new entries from the memory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from pipeline.schema import Table, Value

DEFAULT_PATH = "glossary/memory"
EXACT_CHOICES = ("fuzzy", "translated")


def _check_threshold(value: int | float) -> str | None:
    return None if 50 <= value <= 100 else "must be between 50 and 100 (a percentage)"


def _check_exact(value: str) -> str | None:
    return None if value in EXACT_CHOICES else f"must be one of {', '.join(EXACT_CHOICES)}"


def _check_relative(value: str) -> str | None:
    path = Path(value)
    if not value or path.is_absolute() or ".." in path.parts:
        return f"expected a folder inside the project, such as {DEFAULT_PATH!r}"
    return None


MEMORY = Table(
    {
        "fill": Value((bool,), default=True, doc="`msm update` fills new entries from the memory"),
        "exact": Value(
            (str,),
            default="fuzzy",
            check=_check_exact,
            doc="an exact match is marked fuzzy (default) or taken as translated",
        ),
        "threshold": Value(
            (int, float),
            default=75,
            check=_check_threshold,
            doc="the least word-level similarity (%) of a near match",
        ),
        "include_drafts": Value(
            (bool,),
            default=False,
            doc="also learn from fuzzy entries (machine drafts, earlier memory fills)",
        ),
        "path": Value(
            (str,),
            default=DEFAULT_PATH,
            check=_check_relative,
            doc="the folder of the TMX files kept in the repository",
        ),
    },
    doc="the translation memory (README: Translation memory)",
)


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.6 ms of every
# start-up (the settings import this module), and nothing compares, hashes or prints these.
class MemorySettings:
    """The validated `[memory]` table."""

    def __init__(
        self,
        fill: bool = True,
        exact: str = "fuzzy",
        threshold: float = 75.0,
        include_drafts: bool = False,
        path: str = DEFAULT_PATH,
    ) -> None:
        self.fill: Final = fill
        self.exact: Final = exact
        self.threshold: Final = threshold
        self.include_drafts: Final = include_drafts
        self.path: Final = path

    @property
    def exact_translated(self) -> bool:
        """Whether an exact match is written as translated (not fuzzy)."""
        return self.exact == "translated"


def memory_settings(raw: Mapping[str, Any] | None) -> MemorySettings:
    """The typed view of a validated `[memory]` table (defaults when absent)."""
    raw = raw or {}
    default = MemorySettings()
    return MemorySettings(
        fill=bool(raw.get("fill", default.fill)),
        exact=str(raw.get("exact") or default.exact),
        threshold=float(raw.get("threshold") or default.threshold),
        include_drafts=bool(raw.get("include_drafts", default.include_drafts)),
        path=str(raw.get("path") or default.path),
    )
