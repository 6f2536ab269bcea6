"""The README stays one screenful per role: short, and linking to the guide of each role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MOST_LINES = 250

# The guides the README must lead to: one per role, then the reference pages.
GUIDES = [
    "docs/translators.md",
    "docs/reviewers.md",
    "docs/maintainers.md",
    "docs/settings.md",
    "docs/formats.md",
    "docs/performance.md",
    "docs/developing.md",
]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)\s]*)?\)")


def test_the_readme_is_at_most_250_lines():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MOST_LINES, f"README.md has {len(lines)} lines; move reference to docs/"


@pytest.mark.parametrize("guide", GUIDES)
def test_the_readme_links_to_each_guide(guide):
    assert (ROOT / guide).is_file(), f"{guide} is missing"
    links = LINK.findall(README.read_text(encoding="utf-8"))
    assert guide in links, f"README.md: no link to {guide}"


@pytest.mark.parametrize("role", ["translators", "reviewers", "maintainers"])
def test_each_role_has_a_short_workflow_linking_its_guide(role):
    """A `## For <role>` section of at most one screenful (60 lines) links to docs/<role>.md."""
    text = README.read_text(encoding="utf-8")
    found = re.search(rf"^## For {role}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert found, f"README.md: no '## For {role}' section"
    section = found.group(1)
    assert len(section.splitlines()) <= 60
    assert f"docs/{role}.md" in LINK.findall(section)


def test_every_guide_leads_back_to_the_readme():
    for guide in GUIDES:
        assert "](../README.md" in (ROOT / guide).read_text(encoding="utf-8"), guide
