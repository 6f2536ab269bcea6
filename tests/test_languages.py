"""The language registry: every code we need, and nothing else hard-codes a language."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import languages
from pipeline.errors import UsageError

ROOT = Path(__file__).parent.parent


def test_source_and_eight_targets() -> None:
    assert languages.SOURCE == "en"
    assert languages.TARGETS == ("eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es")


@pytest.mark.parametrize("code", list(languages.LANGUAGES))
def test_every_language_is_complete(code: str) -> None:
    lang = languages.LANGUAGES[code]
    assert lang.name and lang.native_name and lang.youtube and lang.gettext
    assert re.fullmatch(r"nplurals=\d; plural=.+;", lang.plural_forms)
    assert lang.stemmer
    assert "google" in lang.providers and "mymemory" in lang.providers


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("nl_BE", "nl-BE"),
        ("NL-be", "nl-BE"),
        ("flemish", "nl-BE"),
        ("pt", "pt-PT"),
        ("pt_PT", "pt-PT"),
        ("el-GR", "el"),
        ("eus", "eu"),
        ("en-US", "en"),
    ],
)
def test_aliases(given: str, expected: str) -> None:
    assert languages.get(given).code == expected


def test_unknown_language_suggests() -> None:
    with pytest.raises(UsageError, match="did you mean 'pl'"):
        languages.get("pll")
    assert languages.find("pt-BR") is None


def test_flemish_and_portuguese_fallbacks_are_explicit() -> None:
    assert languages.get("nl-BE").youtube == "nl-BE"
    assert not languages.get("nl-BE").providers["google"].exact
    assert languages.get("pt-PT").providers["mymemory"].code == "pt-PT"


def test_python_dash_m_pipeline_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "Usage: msm" in result.stdout
