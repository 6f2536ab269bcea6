"""Where the spelling check's Hunspell dictionaries are, and what identifies them: light (no
glossary code, no Hunspell), so the result cache can key a run on them."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline import languages
from pipeline.hashes import sha256_hex  # hashlib's SHA-256, without loading OpenSSL

# The folders to look for dictionaries in (os.pathsep-separated), instead of the usual ones.
PATH_ENV = "MSM_HUNSPELL_PATH"
SEARCH_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell/dicts",
    "/usr/share/myspell",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
)


def search_dirs() -> list[Path]:
    """Where dictionaries are looked for: MSM_HUNSPELL_PATH when set, else the usual folders."""
    configured = os.environ.get(PATH_ENV)
    if configured is not None:
        return [Path(p) for p in configured.split(os.pathsep) if p]
    return [Path(p) for p in SEARCH_DIRS]


def find(lang: str) -> Path | None:
    """The dictionary of a language (its path without .dic/.aff), or None when not installed."""
    found = languages.find(lang)
    if found is None:
        return None
    for name in found.hunspell:
        for folder in search_dirs():
            base = folder / name
            if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
                return base
    return None


def find_all(lang: str) -> list[Path]:
    """Every installed dictionary of a language's (en_GB, en_US), the preferred first."""
    found = languages.find(lang)
    bases: list[Path] = []
    if found is None:
        return bases
    for name in found.hunspell:
        for folder in search_dirs():
            base = folder / name
            if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
                bases.append(base)
                break
    return bases


def fingerprint(base: Path) -> str:
    """What identifies a dictionary's contents cheaply: both files' sizes and mtimes."""
    parts = []
    for suffix in (".aff", ".dic"):
        stat = base.with_suffix(suffix).resolve().stat()
        parts.append(f"{stat.st_size}:{stat.st_mtime_ns}")
    digest = sha256_hex(f"{base.resolve()}|{'|'.join(parts)}".encode())
    return f"{base.name}-{digest[:16]}"


def stamp(langs: list[str]) -> dict[str, str | None]:
    """Each language's dictionary as the spelling check would find it now (None: none), so
    installing or updating one invalidates what earlier runs found."""
    found: dict[str, str | None] = {}
    for lang in langs:
        base = find(lang)
        found[lang] = fingerprint(base) if base is not None else None
    return found
