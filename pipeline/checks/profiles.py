"""Subtitle profiles: the limits the timing and layout checks apply, per language.

Two profiles, from ../shared/reference/subtitle-standards.md:
- `netflix` (default): the per-language limits of the Netflix Timed Text Style Guide (42
  characters per line, 2 lines, the language's adult reading speed as the maximum, 5/6 s to 7 s
  on screen with a warning below 1 s, 2 frames between subtitles and a "chain it" warning for
  gaps below 0.5 s);
- `ted`: TED's lenient rules (42 characters, 2 lines, 21 characters per second, 1 to 7 s, no
  gap rule beyond "no overlap").
The reading-speed and line-length defaults per language live in `pipeline.languages`; the
project settings override any limit, for every language or for one (`[checks]`, see config.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from pipeline import languages
from pipeline.checks.config import ChecksConfig
from pipeline.errors import ProjectError

if TYPE_CHECKING:
    from pipeline.checks.registry import CheckContext


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.7 ms of every
# start-up (the runner resolves each language's profile), and nothing compares, hashes or
# prints profiles.
class Profile:
    """The limits for one language under one profile."""

    def __init__(
        self,
        name: str,
        max_chars_per_line: int,
        max_lines: int,
        cps_optimal: float,
        cps_max: float,
        min_duration_ms: int,
        short_duration_ms: int,
        max_duration_ms: int,
        min_gap_frames: int,
        chain_gap_ms: int,
    ) -> None:
        self.name: Final = name
        self.max_chars_per_line: Final = max_chars_per_line
        self.max_lines: Final = max_lines
        self.cps_optimal: Final = cps_optimal
        self.cps_max: Final = cps_max
        self.min_duration_ms: Final = min_duration_ms
        self.short_duration_ms: Final = short_duration_ms
        self.max_duration_ms: Final = max_duration_ms
        self.min_gap_frames: Final = min_gap_frames
        self.chain_gap_ms: Final = chain_gap_ms

    def min_gap_ms(self, frame_rate: float) -> float:
        """The minimum gap in milliseconds at `frame_rate` (2 frames at 25 fps: 80 ms)."""
        return self.min_gap_frames * 1000.0 / frame_rate


def base_profile(name: str, lang: str) -> Profile:
    """The built-in profile `name` for language `lang`, before the project's overrides."""
    spec = languages.get(lang)
    if name == "netflix":
        return Profile(
            name=name,
            max_chars_per_line=spec.max_chars_per_line,
            max_lines=spec.max_lines,
            cps_optimal=spec.cps_optimal,
            cps_max=spec.cps_max,
            min_duration_ms=833,
            short_duration_ms=1000,
            max_duration_ms=7000,
            min_gap_frames=2,
            chain_gap_ms=500,
        )
    if name == "ted":
        return Profile(
            name=name,
            max_chars_per_line=42,
            max_lines=2,
            cps_optimal=min(spec.cps_optimal, 21.0),
            cps_max=21.0,
            min_duration_ms=1000,
            short_duration_ms=1000,
            max_duration_ms=7000,
            min_gap_frames=0,
            chain_gap_ms=0,
        )
    raise ProjectError(f"unknown profile {name!r}")


# The limits counted in whole numbers (the others are floats), as `[checks.limits]` sets them.
_INTS = {
    "max_chars_per_line",
    "max_lines",
    "min_duration_ms",
    "short_duration_ms",
    "max_duration_ms",
    "min_gap_frames",
    "chain_gap_ms",
}


def resolve(config: ChecksConfig, lang: str) -> Profile:
    """The profile for `lang`: the chosen profile, then `[checks.limits]`, then the language's."""
    profile = base_profile(config.profile, lang)
    per = config.languages.get(lang)
    overrides = {**config.limits, **(per.limits if per else {})}
    if overrides:
        values: dict[str, Any] = {
            k: int(v) if k in _INTS else float(v) for k, v in overrides.items()
        }
        profile = Profile(**{**vars(profile), **values})
    problems = []
    if profile.cps_optimal > profile.cps_max:
        problems.append(
            f"cps_optimal ({profile.cps_optimal:g}) is above cps_max ({profile.cps_max:g})"
        )
    if profile.short_duration_ms < profile.min_duration_ms:
        problems.append(
            f"short_duration_ms ({profile.short_duration_ms}) is below min_duration_ms "
            f"({profile.min_duration_ms})"
        )
    if profile.max_duration_ms <= profile.min_duration_ms:
        problems.append("max_duration_ms must be above min_duration_ms")
    if problems:
        raise ProjectError(
            f"invalid [checks] limits for {lang!r} (profile {profile.name!r})", details=problems
        )
    return profile


def config_of(ctx: CheckContext) -> ChecksConfig:
    """The checks configuration of this run (the defaults when the runner set none)."""
    config = ctx.cache.get("config")
    if not isinstance(config, ChecksConfig):
        raw = ctx.settings.raw.get("checks") if ctx.settings is not None else None
        config = ChecksConfig.from_raw(raw)
        ctx.cache["config"] = config
    return config


def profile_for(ctx: CheckContext, lang: str) -> Profile:
    """The resolved profile of `lang` in this run, computed once per language."""
    profiles: dict[str, Profile] = ctx.cache.setdefault("profiles", {})
    profile = profiles.get(lang)
    if profile is None:
        profile = profiles[lang] = resolve(config_of(ctx), lang)
    return profile


def source_language(ctx: CheckContext) -> str:
    """The project's source language (English without a project)."""
    return ctx.settings.source_language if ctx.settings is not None else languages.SOURCE
