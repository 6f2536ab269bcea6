"""The `[translate]` settings schema: default provider, cache file, each provider's options.

API keys are never settings: a provider that needs one names the environment variable that
holds it (`api_key_env`), and the key is read from the environment at run time only.
`pipeline.project` imports this schema at start-up, so the typed view lives in options.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from pipeline.mt import PROVIDERS
from pipeline.schema import Node, Table, Value

DEFAULT_PROVIDER = "mymemory"
DEFAULT_CACHE = ".msm-cache/translations.sqlite"
DEFAULT_LIBRE_URL = "https://libretranslate.com/"


@cache
def _env_name() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"^[A-Z_][A-Z0-9_]*$")


def _check_provider(name: str) -> str | None:
    return None if name in PROVIDERS else f"unknown provider; known: {', '.join(PROVIDERS)}"


def _check_positive(value: float) -> str | None:
    return None if value > 0 else "must be greater than 0"


def _check_not_negative(value: float) -> str | None:
    return None if value >= 0 else "must be 0 or more"


def _check_max_chars(value: int) -> str | None:
    return None if value >= 20 else "must be at least 20 (a subtitle line is about 42)"


def _check_env_name(name: str) -> str | None:
    # Never echo the value: someone may have pasted the key itself here.
    if _env_name().match(name):
        return None
    return (
        "must be the NAME of an environment variable (A-Z, 0-9, _), "
        "not the key itself: keys are read from the environment only"
    )


def _check_http_url(value: str) -> str | None:
    if value and not re.match(r"^https?://[^\s/]+", value):
        return "expected an http(s) URL such as http://localhost:5000/"
    return None


def _check_proxy(value: str) -> str | None:
    if value and not re.match(r"^(https?|socks5h?)://[^\s/]+", value):
        return "expected a proxy URL such as http://proxy.example:3128"
    return None


def _check_plan(value: str) -> str | None:
    return None if value in ("free", "pro") else "expected 'free' or 'pro'"


def _check_email(value: str) -> str | None:
    return None if not value or re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value) else "not an email"


def _provider_table(
    extra: Mapping[str, Node], *, per_second: float, max_chars: int, doc: str
) -> Table:
    common: dict[str, Node] = {
        "requests_per_second": Value(
            (int, float),
            default=per_second,
            check=_check_positive,
            doc="request rate ceiling",
            bounds=(0.001, 1000),
        ),
        "max_chars": Value(
            (int,),
            default=max_chars,
            check=_check_max_chars,
            doc="longest text in one request",
            bounds=(20, 1_000_000),
        ),
        "retries": Value(
            (int,), default=4, check=_check_not_negative, doc="retries per request", bounds=(0, 100)
        ),
        "backoff_seconds": Value(
            (int, float),
            default=1.0,
            check=_check_not_negative,
            doc="first back-off, doubled",
            bounds=(0, 3600),
        ),
        "max_wait_seconds": Value(
            (int, float),
            default=120.0,
            check=_check_not_negative,
            bounds=(0, 86_400),
            doc="longest single wait (Retry-After above this stops the run)",
        ),
        "timeout_seconds": Value(
            (int, float),
            default=30.0,
            check=_check_positive,
            doc="per HTTP request",
            bounds=(0.1, 3600),
        ),
    }
    return Table({**common, **extra}, doc=doc)


TRANSLATE = Table(
    {
        "provider": Value((str,), default=DEFAULT_PROVIDER, check=_check_provider),
        "cache": Value((str,), default=DEFAULT_CACHE, doc="SQLite cache, relative to the root"),
        "save_every": Value(
            (int,),
            default=10,
            check=_check_positive,
            doc="drafts between PO saves",
            bounds=(1, 1_000_000),
        ),
        "stop_after_failures": Value(
            (int,),
            default=3,
            check=_check_positive,
            doc="consecutive failed entries",
            bounds=(1, 1_000_000),
        ),
        "google": _provider_table(
            {"proxy": Value((str,), default="", check=_check_proxy)},
            per_second=1.0,
            max_chars=4999,  # deep-translator refuses 5000 characters or more
            doc="Google Translate's web endpoint (no key)",
        ),
        "mymemory": _provider_table(
            {
                "email": Value((str,), default="", check=_check_email, doc="raises the quota"),
                "proxy": Value((str,), default="", check=_check_proxy),
            },
            per_second=1.0,
            max_chars=499,  # MyMemory takes fewer than 500 characters per request
            doc="MyMemory (no key; an email raises the daily quota)",
        ),
        "libre": _provider_table(
            {
                "url": Value((str,), default=DEFAULT_LIBRE_URL, check=_check_http_url),
                "api_key_env": Value((str,), default="LIBRE_API_KEY", check=_check_env_name),
            },
            per_second=2.0,
            max_chars=2000,
            doc="LibreTranslate, public or self-hosted",
        ),
        "deepl": _provider_table(
            {
                "plan": Value((str,), default="free", check=_check_plan),
                "api_key_env": Value((str,), default="DEEPL_API_KEY", check=_check_env_name),
            },
            per_second=2.0,
            max_chars=5000,
            doc="DeepL API (key from the environment)",
        ),
    },
    doc="machine-translation drafts (`msm translate`)",
)
