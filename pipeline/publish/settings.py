"""The `[publish]` settings of catalog.toml, typed, and each language's YouTube code and name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline import languages
from pipeline.project import Project


@dataclass(frozen=True)
class PublishSettings:
    """How `msm publish` spends quota, verifies, and names tracks."""

    daily_quota: int = 10000
    client_secrets: str = ""
    verify: str = "download"  # or "status"
    retries: int = 3
    poll_seconds: float = 5.0
    poll_attempts: int = 12
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, project: Project) -> PublishSettings:
        """The validated settings of `project` (defaults when it has no [publish] table)."""
        raw = project.settings.raw.get("publish") or {}
        defaults = cls()
        return cls(
            daily_quota=int(raw.get("daily_quota") or defaults.daily_quota),
            client_secrets=str(raw.get("client_secrets") or ""),
            verify=str(raw.get("verify") or defaults.verify),
            retries=int(raw.get("retries", defaults.retries)),
            poll_seconds=float(raw.get("poll_seconds") or defaults.poll_seconds),
            poll_attempts=int(raw.get("poll_attempts") or defaults.poll_attempts),
            languages=dict(raw.get("languages") or {}),
        )

    def youtube(self, lang: str) -> tuple[str, str]:
        """YouTube's language code and the track name for `lang`: catalog.toml's
        `[publish.languages]`, else languages.py (the code) and the language's own name."""
        spec = languages.get(lang)
        override = self.languages.get(spec.code) or {}
        code = override.get("code") or spec.youtube
        name = override.get("name") or spec.native_name
        return str(code), str(name)
