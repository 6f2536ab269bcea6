"""The report's colours reach WCAG 2.1 AA contrast, and the CSS uses only the palette."""

from __future__ import annotations

import re

import pytest

from pipeline.report.style import GRAPHIC_PAIRS, PALETTE, TEXT_PAIRS, contrast, stylesheet


@pytest.mark.parametrize(("fg", "bg"), TEXT_PAIRS, ids=lambda name: name)
def test_text_colours_reach_aa(fg: str, bg: str) -> None:
    assert contrast(PALETTE[fg], PALETTE[bg]) >= 4.5


@pytest.mark.parametrize(("fg", "bg"), GRAPHIC_PAIRS, ids=lambda name: name)
def test_chart_graphics_reach_three_to_one(fg: str, bg: str) -> None:
    assert contrast(PALETTE[fg], PALETTE[bg]) >= 3.0


def test_contrast_formula() -> None:
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48  # the classic just-failing grey


def test_css_colours_come_from_the_palette() -> None:
    css = stylesheet()
    used = set(re.findall(r"var\(--([a-z-]+)\)", css))
    assert used <= set(PALETTE), used - set(PALETTE)
    # no colour literal outside the palette declarations, no external resource
    rules = css.split("}", 1)[1]
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", rules)
    assert "url(" not in rules.replace("url(#p-", "")
    assert "@import" not in css and "http" not in css
