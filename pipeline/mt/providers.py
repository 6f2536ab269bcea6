"""The deep-translator providers behind one small interface, with errors we can act on.

`Provider.translate(text, pair)` makes one request through the real deep-translator class and
either returns the translation or raises `ProviderError` with a `kind` the retry logic
understands. Every message is scrubbed of the API key: deep-translator puts keys in query
strings (so they show up in connection errors) and in AuthorizationException's text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote, quote_plus, urlsplit

from pipeline.errors import UsageError
from pipeline.mt.codes import Pair
from pipeline.mt.config import DEFAULT_LIBRE_URL
from pipeline.mt.http import Exchange, observe
from pipeline.mt.limits import parse_retry_after
from pipeline.mt.options import ProviderOptions

Kind = Literal["rate", "server", "connection", "auth", "quota", "client", "length", "answer"]

RETRYABLE: frozenset[Kind] = frozenset({"rate", "server", "connection"})
# Failures that will not get better for the next entry either: stop the whole run.
FATAL: frozenset[Kind] = frozenset({"auth", "quota"})

# deep-translator insists on a key for LibreTranslate even when a self-hosted server has
# keys switched off (such a server ignores the value).
NO_KEY_PLACEHOLDER = "no-key-configured"

# What the free tiers allow, for the --dry-run estimate (published by the providers).
QUOTAS: Mapping[str, str] = {
    "google": "no published quota for the web endpoint; heavy use gets HTTP 429 and blocks",
    "mymemory": "5,000 characters a day without an email, 50,000 with [translate.mymemory] email",
    "libre": "self-hosted: free; libretranslate.com: by subscription",
    "deepl": "DeepL API Free: 500,000 characters a month; Pro bills per character",
}

_MYMEMORY_QUOTA = ("MYMEMORY WARNING", "MYMEMORY UNEXPECTED ERROR")
_MYMEMORY_LENGTH = "QUERY LENGTH LIMIT EXCEEDED"


class ProviderError(Exception):
    """A request that did not yield a translation, classified for the retry logic."""

    def __init__(
        self,
        kind: Kind,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.kind: Kind = kind
        self.message = message
        self.status = status
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        """Whether trying the same request again may succeed."""
        return self.kind in RETRYABLE

    @property
    def fatal(self) -> bool:
        """Whether no further request to this provider can succeed in this run."""
        return self.kind in FATAL


@dataclass
class Provider:
    """One configured provider for one run: builds translators per language pair."""

    options: ProviderOptions
    where: str  # what to call it in messages (never contains a key)
    build: Callable[[], Any]  # makes a deep-translator object (codes set afterwards)
    secrets: tuple[str, ...] = ()
    requests: int = 0  # HTTP requests made so far (refused connections included)
    _translators: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        """The provider's name, e.g. "mymemory"."""
        return self.options.name

    def redact(self, text: str) -> str:
        """`text` with every secret (and its URL-encoded forms) replaced by `***`."""
        for secret in self.secrets:
            for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
                text = text.replace(form, "***")
        return text

    def translate(self, text: str, pair: Pair) -> str:
        """One request: the translation of `text`, or ProviderError."""
        translator = self._translator(pair)
        seen = Exchange()
        try:
            with observe(self.options.timeout_seconds) as seen:
                result = translator.translate(text)
        except Exception as exc:  # anything the library raises is this request's failure
            raise self._classify(exc, seen) from None
        finally:
            self.requests += seen.requests
        return self._check(result)

    def _translator(self, pair: Pair) -> Any:
        key = (pair.source_code, pair.target_code)
        translator = self._translators.get(key)
        if translator is None:
            translator = self.build()
            # deep-translator validates codes against lists bundled with it, which lag the
            # services (its Libre list lacks nl, el, eu; its DeepL list lacks pt-PT). Our
            # registry is the authority, so the codes go in through the public setters.
            translator.source = pair.source_code
            translator.target = pair.target_code
            self._translators[key] = translator
        return translator

    def _classify(self, exc: Exception, seen: Exchange) -> ProviderError:
        import requests
        from deep_translator import exceptions as dt

        status = seen.status
        name = self.name
        if isinstance(exc, dt.NotValidLength):
            return ProviderError("length", f"{name}: text too long for one request")
        if isinstance(exc, requests.Timeout):
            return ProviderError(
                "connection",
                f"{name}: no answer from {self.where} within {self.options.timeout_seconds:g} s",
            )
        if isinstance(exc, requests.ConnectionError):
            how = "connection refused" if "refused" in str(exc).lower() else "connection dropped"
            return ProviderError("connection", f"{name}: cannot reach {self.where} ({how})")
        if status == 429 or isinstance(exc, dt.TooManyRequests):
            wait = parse_retry_after(seen.retry_after)
            return ProviderError(
                "rate", f"{name}: too many requests (HTTP 429)", status=429, retry_after=wait
            )
        if status in (401, 403) or isinstance(exc, dt.AuthorizationException):
            env_name = self.options.api_key_env
            hint = f"; check the key in ${env_name}" if env_name else ""
            return ProviderError(
                "auth", f"{name}: access refused (HTTP {status or 403}){hint}", status=status
            )
        if status == 456:  # DeepL: "Quota exceeded"
            return ProviderError("quota", f"{name}: character quota used up (HTTP 456)", status=456)
        if status is not None and status >= 500:
            return ProviderError("server", f"{name}: server error (HTTP {status})", status=status)
        if status is not None and status >= 400:
            return ProviderError(
                "client", f"{name}: request rejected (HTTP {status})", status=status
            )
        if isinstance(exc, requests.RequestException):  # e.g. a garbled body behind a proxy
            detail = self.redact(str(exc))[:160]
            return ProviderError("server", f"{name}: bad answer ({detail})", status=status)
        detail = self.redact(f"{type(exc).__name__}: {exc}")[:160]
        return ProviderError("answer", f"{name}: unusable answer ({detail})", status=status)

    def _check(self, result: Any) -> str:
        if not isinstance(result, str) or not result.strip():
            raise ProviderError("answer", f"{self.name}: empty translation")
        if self.name == "mymemory":
            # MyMemory reports a spent quota with HTTP 200 and the warning AS the translation.
            head = result.lstrip().upper()
            if head.startswith(_MYMEMORY_QUOTA):
                raise ProviderError("quota", f"mymemory: {self.redact(result.strip())[:200]}")
            if head.startswith(_MYMEMORY_LENGTH):
                raise ProviderError("length", "mymemory: text too long for one request")
        return result


def open_provider(options: ProviderOptions, env: Mapping[str, str]) -> Provider:
    """A ready provider; a missing key is a UsageError naming the environment variable."""
    proxies = {"http": options.proxy, "https": options.proxy} if options.proxy else None
    if options.name == "google":
        return Provider(options, "translate.google.com", lambda: _google(proxies))
    if options.name == "mymemory":
        email = options.email or None
        return Provider(options, "api.mymemory.translated.net", lambda: _mymemory(proxies, email))
    if options.name == "libre":
        url = options.url if options.url.endswith("/") else options.url + "/"
        key = env.get(options.api_key_env, "").strip()
        if not key:
            if url == DEFAULT_LIBRE_URL:
                raise UsageError(
                    f"libre at {url} needs an API key: set ${options.api_key_env}, "
                    "or point [translate.libre] url at your own server"
                )
            key_used = NO_KEY_PLACEHOLDER
        else:
            key_used = key
        where = _host(url)
        secrets = (key,) if key else ()
        return Provider(options, where, lambda: _libre(url, key_used), secrets)
    if options.name == "deepl":
        key = env.get(options.api_key_env, "").strip()
        if not key:
            raise UsageError(f"deepl needs an API key: set ${options.api_key_env}")
        free = options.plan == "free"
        where = "api-free.deepl.com" if free else "api.deepl.com"
        return Provider(options, where, lambda: _deepl(key, free), (key,))
    raise UsageError(f"unknown provider {options.name!r}")


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}{':' + str(parts.port) if parts.port else ''}/"


# The constructors get "auto" for both codes: deep-translator accepts it for any provider, and
# the real codes are set right after (see Provider._translator).
def _google(proxies: dict[str, str] | None) -> Any:
    from deep_translator import GoogleTranslator

    return GoogleTranslator(source="auto", target="auto", proxies=proxies)


def _mymemory(proxies: dict[str, str] | None, email: str | None) -> Any:
    from deep_translator import MyMemoryTranslator

    return MyMemoryTranslator(source="auto", target="auto", proxies=proxies, email=email)


def _libre(url: str, key: str) -> Any:
    from deep_translator import LibreTranslator

    return LibreTranslator(source="auto", target="auto", api_key=key, custom_url=url)


def _deepl(key: str, free: bool) -> Any:
    from deep_translator import DeeplTranslator

    return DeeplTranslator(source="auto", target="auto", api_key=key, use_free_api=free)
