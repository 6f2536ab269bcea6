"""Text measures shared by the checks: the one-pass shortcuts give what line by line gives."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks.text import composed_at, line_widths, plain, reading_chars, visible, width

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def reference_width(line: str) -> int:
    """The definition, without shortcuts: NFC, then every combining mark left takes no room."""
    line = unicodedata.normalize("NFC", line)
    return len(line) - len(_COMBINING.findall(line))


def reference_widths(text: str) -> tuple[int, ...]:
    """Line by line, as the checks count a subtitle."""
    return tuple(reference_width(line) for line in visible(text).split("\n"))


# Subtitle text with what makes measuring hard: markup, decomposed and precomposed accents
# (ș as s + U+0326), Greek tonos, Hangul jamo (NFC joins two into one syllable), a Hebrew
# point (not in the combining blocks counted out), a singleton NFC maps elsewhere (U+212B Å),
# a mark that NFC splits in two (U+0344).
PIECES = [*"ab <i>/{}\\\n", "é", "ș", "s\u0326", "e\u0301", "ά", "α\u0301", "\u05b4", "\u212b"]
TEXT = st.lists(
    st.sampled_from([*PIECES, "\u0344", "\u1dc0", "\u00a0", "ł", "\u1100", "\u1161"]), max_size=30
).map("".join)


@settings(max_examples=500)
@given(TEXT)
def test_widths_and_reading_characters_are_the_line_by_line_counts(text: str) -> None:
    expected = reference_widths(text)
    assert line_widths(text) == expected
    assert reading_chars(text) == sum(expected)
    assert width(text.replace("\n", " ")) == reference_width(text.replace("\n", " "))


@pytest.mark.parametrize(
    ("text", "widths"),
    [
        ("Plain ASCII\nline two", (11, 8)),
        ("<i>Drop markup</i>\n{\\an8}top", (11, 3)),
        ("Contractul se s\u0326emneaza\u0306", (22,)),  # decomposed Romanian: marks count 0
        ("Διαγωνισμός\nάνοιξε", (11, 6)),
        ("\u1100\u1161 <b>x</b>", (3,)),  # two jamo that NFC joins into one syllable
    ],
)
def test_known_widths(text: str, widths: tuple[int, ...]) -> None:
    assert line_widths(text) == widths
    assert reading_chars(text) == sum(widths)


@settings(max_examples=500)
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_texts_said_plain_have_widths_that_are_line_lengths(texts: list[str]) -> None:
    """`plain` says, for a whole track at once, that each line's width is its length."""
    if plain(texts):
        for text in texts:
            assert reference_widths(text) == tuple(map(len, text.split("\n")))
    if all(t.isascii() and "<" not in t and "{" not in t for t in texts):
        assert plain(texts)  # the common case takes the fast path


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Plain\nASCII", "Ça va"], True),
        (["ok", "<i>tag</i>"], False),
        (["ok", "x\u0301"], False),  # a combining mark NFC cannot compose: it takes no room
        (["s\u0326"], False),  # not in NFC (s + U+0326 composes to ș)
        (["Διαγωνισμός", "άνοιξε", "ș"], True),
        (["\u05b4"], True),  # a Hebrew point: not in the blocks counted out, so it counts
    ],
)
def test_plain_texts(texts: list[str], expected: bool) -> None:
    assert plain(texts) is expected


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_composed_at_maps_every_composed_character_to_where_it_is_written(text: str) -> None:
    mapped = composed_at(text)
    if mapped is None:  # only where NFC joins across letters: the Hangul jamo
        assert any("\u1100" <= c <= "\u11ff" for c in text)
        return
    nfc, at = mapped
    assert nfc == unicodedata.normalize("NFC", text)
    assert len(at) == len(nfc) + 1 and at[-1] == len(text)
    assert at == sorted(at) and (not text or at[0] == 0)
    # the written pieces between the places, each composed, make the composed text
    cuts = sorted(set(at))
    pieces = [unicodedata.normalize("NFC", text[a:b]) for a, b in pairwise(cuts)]
    assert "".join(pieces) == nfc


def test_composed_at_points_into_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", "Îți știu")
    nfc, at = composed_at(text) or ("", [])
    assert nfc == "Îți știu"
    start, end = at[nfc.index("știu")], at[len(nfc)]
    assert text[start:end] == unicodedata.normalize("NFD", "știu")
