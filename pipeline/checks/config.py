"""The `[checks]` section of the project settings: profile, limits, severities, disabled checks.

```toml
[checks]
profile = "netflix"                 # or "ted"
disabled = ["identical-to-source"]  # check ids that do not run
[checks.severity]                   # per check id: "error", "warning" or "info"
untranslated = "error"
[checks.limits]                     # override the profile for every language
max_duration_ms = 8000
[checks.languages.pl]               # per language, over the limits above
max_chars_per_line = 40
disabled = ["quote-style"]
[checks.languages.pl.severity]
cps-optimal = "info"
[checks.grammar]                    # a LanguageTool server for the grammar check
url = "http://localhost:8081"
```

The schema here checks shapes and values; check ids are checked against the registry when the
checks run (`ChecksConfig.validate`), so loading the settings never imports the checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, Final

from pipeline import languages
from pipeline.errors import ProjectError
from pipeline.schema import MapOf, Table, Value

PROFILE_NAMES = ("netflix", "ted")


@cache
def _id() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


SEVERITY_NAMES = ("error", "warning", "info")


def _positive(value: float) -> str | None:
    return None if value > 0 else "must be greater than 0"


def _not_negative(value: float) -> str | None:
    return None if value >= 0 else "must be 0 or more"


def _profile(value: str) -> str | None:
    if value in PROFILE_NAMES:
        return None
    import difflib  # only when a name is wrong: not on the start-up path

    close = difflib.get_close_matches(value, PROFILE_NAMES, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown profile {value!r}{hint}; known profiles: {', '.join(PROFILE_NAMES)}"


def _severity(value: str) -> str | None:
    return None if value in SEVERITY_NAMES else f"expected one of {', '.join(SEVERITY_NAMES)}"


def _check_id(key: str) -> str | None:
    return None if _id().match(key) else "check ids are kebab-case, e.g. 'cps-max'"


def _check_ids(values: list[Any]) -> str | None:
    for value in values:
        if not isinstance(value, str) or _check_id(value):
            return f"expected check ids (kebab-case strings), got {value!r}"
    return None


_HOUR_MS = 3_600_000

# The limits a profile sets, with what each means (docs/reviewers.md documents them from here).
# Each has bounds: a number outside them (or inf, nan) is refused when the settings are read.
LIMITS: dict[str, tuple[Value, str]] = {
    "max_chars_per_line": (
        Value((int,), check=_positive, bounds=(1, 1000)),
        "characters per line, markup not counted",
    ),
    "max_lines": (Value((int,), check=_positive, bounds=(1, 20)), "lines per subtitle"),
    "cps_optimal": (
        Value((int, float), check=_positive, bounds=(1, 100)),
        "reading speed (characters per second) above which `cps-optimal` warns",
    ),
    "cps_max": (
        Value((int, float), check=_positive, bounds=(1, 100)),
        "reading speed above which `cps-max` is an error",
    ),
    "min_duration_ms": (
        Value((int,), check=_not_negative, bounds=(0, _HOUR_MS)),
        "shortest time on screen (`duration-min`, an error below it)",
    ),
    "short_duration_ms": (
        Value((int,), check=_not_negative, bounds=(0, _HOUR_MS)),
        "comfortable minimum time on screen (`duration-short` warns below it)",
    ),
    "max_duration_ms": (
        Value((int,), check=_positive, bounds=(1, _HOUR_MS)),
        "longest time on screen (`duration-max`)",
    ),
    "min_gap_frames": (
        Value((int,), check=_not_negative, bounds=(0, 1000)),
        "smallest gap between two subtitles, in frames at the project's frame_rate",
    ),
    "chain_gap_ms": (
        Value((int,), check=_not_negative, bounds=(0, _HOUR_MS)),
        "gaps above the minimum but below this should be closed to it (`gap-chain`; 0: off)",
    ),
}

_SEVERITY_MAP = MapOf(Value((str,), check=_severity), key_check=_check_id)
_DISABLED = Value((list,), default=[], check=_check_ids)

CHECKS_SCHEMA = Table(
    {
        "profile": Value((str,), default="netflix", check=_profile),
        "disabled": _DISABLED,
        "severity": _SEVERITY_MAP,
        "limits": Table({key: node for key, (node, _) in LIMITS.items()}),
        # the grammar check's LanguageTool server (off without one; see grammar.py)
        "grammar": Table(
            {
                "url": Value((str,)),
                "timeout_seconds": Value((int, float), default=10, check=_positive),
            }
        ),
        "languages": MapOf(
            Table(
                {
                    **{key: node for key, (node, _) in LIMITS.items()},
                    "disabled": _DISABLED,
                    "severity": _SEVERITY_MAP,
                }
            ),
            key_check=languages.problem,
        ),
    },
    doc="subtitle quality checks: profile, limits, severities (see docs/reviewers.md)",
)

# Keeps the schema honest: nobody can add a limit without saying what it means.
assert all(doc for _, doc in LIMITS.values())


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class LanguageConfig:
    """The overrides for one language."""

    def __init__(
        self,
        limits: Mapping[str, float] | None = None,
        disabled: frozenset[str] = frozenset(),
        severity: Mapping[str, str] | None = None,
    ) -> None:
        self.limits: Final[Mapping[str, float]] = limits if limits is not None else {}
        self.disabled: Final = disabled
        self.severity: Final[Mapping[str, str]] = severity if severity is not None else {}

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, LanguageConfig)
        return (self.limits, self.disabled, self.severity) == (
            other.limits,
            other.disabled,
            other.severity,
        )

    def __hash__(self) -> int:
        return hash((self.limits, self.disabled, self.severity))

    def __repr__(self) -> str:
        return (
            f"LanguageConfig(limits={self.limits!r}, "
            f"disabled={self.disabled!r}, "
            f"severity={self.severity!r})"
        )


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up. Its repr is part of the result cache's salt (runner.py): the dataclass's text,
# every field (tests/checks/test_check_profiles.py holds it).
class ChecksConfig:
    """The validated `[checks]` settings, ready for the runner."""

    def __init__(
        self,
        profile: str = "netflix",
        disabled: frozenset[str] = frozenset(),
        severity: Mapping[str, str] | None = None,
        limits: Mapping[str, float] | None = None,
        languages: Mapping[str, LanguageConfig] | None = None,
    ) -> None:
        self.profile: Final = profile
        self.disabled: Final = disabled
        self.severity: Final[Mapping[str, str]] = severity if severity is not None else {}
        self.limits: Final[Mapping[str, float]] = limits if limits is not None else {}
        self.languages: Final[Mapping[str, LanguageConfig]] = (
            languages if languages is not None else {}
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ChecksConfig)
        return (self.profile, self.disabled, self.severity, self.limits, self.languages) == (
            other.profile,
            other.disabled,
            other.severity,
            other.limits,
            other.languages,
        )

    def __hash__(self) -> int:
        return hash((self.profile, self.disabled, self.severity, self.limits, self.languages))

    def __repr__(self) -> str:
        return (
            f"ChecksConfig(profile={self.profile!r}, "
            f"disabled={self.disabled!r}, "
            f"severity={self.severity!r}, "
            f"limits={self.limits!r}, "
            f"languages={self.languages!r})"
        )

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any] | None, profile: str | None = None) -> ChecksConfig:
        """Build from the validated `[checks]` table (None: the defaults); `profile` overrides."""
        raw = raw or {}
        per_language = {
            code: LanguageConfig(
                limits={k: v for k, v in table.items() if k in LIMITS and v is not None},
                disabled=frozenset(table.get("disabled") or ()),
                severity=dict(table.get("severity") or {}),
            )
            for code, table in (raw.get("languages") or {}).items()
        }
        limits = raw.get("limits") or {}
        return cls(
            profile=profile or raw.get("profile") or "netflix",
            disabled=frozenset(raw.get("disabled") or ()),
            severity=dict(raw.get("severity") or {}),
            limits={k: v for k, v in limits.items() if v is not None},
            languages=per_language,
        )

    def enabled(self, check: str, lang: str) -> bool:
        """Whether `check` runs for `lang`."""
        if check in self.disabled:
            return False
        per = self.languages.get(lang)
        return per is None or check not in per.disabled

    def severity_of(self, check: str, lang: str) -> str | None:
        """The severity the settings give `check` for `lang`, or None (the check decides)."""
        per = self.languages.get(lang)
        if per is not None and check in per.severity:
            return per.severity[check]
        return self.severity.get(check)

    def validate(self, known: Iterable[str], where: str = "catalog.toml") -> None:
        """Raise ProjectError naming every check id the settings mention that does not exist."""
        ids = sorted(set(known))
        mentioned: list[tuple[str, str]] = [
            *(("checks.disabled", c) for c in sorted(self.disabled)),
            *(("checks.severity", c) for c in self.severity),
        ]
        for code, per in self.languages.items():
            mentioned += [(f"checks.languages.{code}.disabled", c) for c in sorted(per.disabled)]
            mentioned += [(f"checks.languages.{code}.severity", c) for c in per.severity]
        problems = []
        for section, check in mentioned:
            if check in ids:
                continue
            import difflib  # only when a name is wrong: not on the start-up path

            close = difflib.get_close_matches(check, ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                f"{where}: [{section}] unknown check {check!r}{hint}; `msm check --list` lists them"
            )
        if problems:
            raise ProjectError("invalid project settings", details=problems)
