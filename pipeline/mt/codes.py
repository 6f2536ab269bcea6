"""Which code each provider gets for our languages, from the language registry, with fallbacks."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline import languages
from pipeline.errors import UsageError
from pipeline.mt import PROVIDERS


@dataclass(frozen=True)
class Pair:
    """A language pair as one provider knows it: the codes sent and whether they are exact."""

    provider: str
    source: str  # our code, e.g. "en"
    target: str  # our code, e.g. "pt-PT"
    source_code: str  # the provider's code, e.g. "en"
    target_code: str  # the provider's code, e.g. "pt"
    exact: bool  # False when the provider lacks the regional variant

    @property
    def fallback(self) -> str | None:
        """The sentence telling the user about an inexact code, or None when exact."""
        if self.exact:
            return None
        lang = languages.get(self.target)
        return (
            f"fallback: {self.provider} has no {self.target}; drafting {lang.name} "
            f"as generic {self.target_code!r}: review for {self.target} usage"
        )

    @property
    def label(self) -> str:
        """Short form for the translator comment: 'pt, not pt-PT' when inexact."""
        return self.target_code if self.exact else f"{self.target_code}, not {self.target}"


def providers_for(code: str) -> list[str]:
    """The providers that can translate into `code` (exactly or by fallback)."""
    lang = languages.get(code)
    return [p for p in PROVIDERS if p in lang.providers]


def resolve(provider: str, source: str, target: str) -> Pair:
    """The provider's codes for (source, target); a clear error when it lacks one of them."""
    if provider not in PROVIDERS:
        raise UsageError(f"unknown provider {provider!r}; known: {', '.join(PROVIDERS)}")
    src = languages.get(source)
    tgt = languages.get(target)
    for lang in (src, tgt):
        if provider not in lang.providers:
            others = [p for p in providers_for(lang.code) if p != provider]
            can = f"providers that have it: {', '.join(others)}" if others else "no provider has it"
            raise UsageError(f"{provider} cannot translate {lang.name} ({lang.code}); {can}")
    s, t = src.providers[provider], tgt.providers[provider]
    return Pair(provider, src.code, tgt.code, s.code, t.code, s.exact and t.exact)
