"""Fixtures for the glossary tests: the project's term base, with test overlays."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.glossary import Matcher, TermBase, load_termbase
from pipeline.glossary.model import Concept

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossary" / "procurement.csv"
DATA = ROOT / "tests" / "data" / "glossary"


def with_overlay(base: TermBase, overlay: TermBase) -> TermBase:
    """The base term base with the overlay's terms added to the same concepts."""
    concepts = {c.id: c for c in base}
    for extra in overlay:
        old = concepts[extra.id]
        concepts[extra.id] = Concept(old.id, old.terms + extra.terms, old.note)
    return TermBase(tuple(concepts.values()))


@pytest.fixture(scope="session")
def project_termbase() -> TermBase:
    return load_termbase(GLOSSARY)


@pytest.fixture(scope="session")
def project_matcher(project_termbase: TermBase) -> Matcher:
    return Matcher(project_termbase)


@pytest.fixture(scope="session")
def table_matcher(project_termbase: TermBase) -> Matcher:
    """The project glossary plus one forbidden term in each language that has none."""
    return Matcher(with_overlay(project_termbase, load_termbase(DATA / "tables-overlay.csv")))
