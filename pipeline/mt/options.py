"""The `[translate]` settings as typed objects (no secrets: those stay in the environment)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.mt import PROVIDERS
from pipeline.mt.config import TRANSLATE


@dataclass(frozen=True)
class ProviderOptions:
    """One provider's validated options (no secrets: those stay in the environment)."""

    name: str
    requests_per_second: float
    max_chars: int
    retries: int
    backoff_seconds: float
    max_wait_seconds: float
    timeout_seconds: float
    proxy: str = ""
    email: str = ""
    url: str = ""
    api_key_env: str = ""
    plan: str = ""


@dataclass(frozen=True)
class TranslateSettings:
    """The validated `[translate]` section."""

    provider: str
    cache: str
    save_every: int
    stop_after_failures: int
    providers: Mapping[str, ProviderOptions]


def translate_settings(raw: Mapping[str, Any] | None) -> TranslateSettings:
    """Typed settings from the validated `[translate]` table (defaults when absent)."""
    if not raw:
        from pipeline.schema import Validator

        raw = Validator().validate(TRANSLATE, {})
    options = {}
    for name in PROVIDERS:
        table = dict(raw[name])
        options[name] = ProviderOptions(
            name=name,
            requests_per_second=float(table.pop("requests_per_second")),
            max_chars=int(table.pop("max_chars")),
            retries=int(table.pop("retries")),
            backoff_seconds=float(table.pop("backoff_seconds")),
            max_wait_seconds=float(table.pop("max_wait_seconds")),
            timeout_seconds=float(table.pop("timeout_seconds")),
            **{key: str(value) for key, value in table.items()},
        )
    return TranslateSettings(
        provider=str(raw["provider"]),
        cache=str(raw["cache"]),
        save_every=int(raw["save_every"]),
        stop_after_failures=int(raw["stop_after_failures"]),
        providers=options,
    )
