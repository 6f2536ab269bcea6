"""Where a word stands in its line, as the name rules of the spelling check read it."""

from __future__ import annotations

import pytest

from pipeline.checks.spell_names import alone_in_line


@pytest.mark.parametrize(
    ("text", "word", "alone"),
    [
        ("Lyssa!", "Lyssa", True),
        ("- Liide.", "Liide", True),
        ("«Asami?»", "Asami", True),
        ("Zatoz hona.\nLyssa!", "Lyssa", True),  # the second line of two
        ("Lyssa!\nZatoz hona.", "Lyssa", True),
        ("Lyssa, zatoz.", "Lyssa", False),
        ("Lyssa Lyssa!", "Lyssa", False),  # said twice: a line of two words
        ("Lyssa 2!", "Lyssa", False),  # a digit says something too
    ],
)
def test_alone_in_line(text, word, alone):
    start = text.index(word)
    assert alone_in_line(word, start, text) is alone
