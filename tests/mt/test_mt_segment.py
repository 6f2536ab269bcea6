"""Cue text in, texts sent, answers back, one cue out: markup, dialogue, reflow, length limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.mt.segment import assemble, pieces, reflow, restore, take_apart, tidy, visible


def echo(layout, transform=lambda t: t.upper()):
    """Answers that a well-behaved engine would give: the same placeholders, changed words."""
    return [u.text if u.blank else transform(u.text) for u in layout.units]


# (cue text, texts sent, draft when the engine upper-cases the words)
CASES = [
    ("Thank you.", ["Thank you."], "THANK YOU."),
    # two lines of one sentence: sent as one sentence, one line back when it fits
    (
        "We buy works,\nsupplies and services.",
        ["We buy works, supplies and services."],
        "WE BUY WORKS, SUPPLIES AND SERVICES.",
    ),
    # markup around every line: hoisted, re-applied to each line of the draft
    (
        "<i>We buy works,</i>\n<i>and services.</i>",
        ["We buy works, and services."],
        "<i>WE BUY WORKS, AND SERVICES.</i>",
    ),
    # markup around the whole text
    (
        "<i>We buy works,\nand services.</i>",
        ["We buy works, and services."],
        "<i>WE BUY WORKS, AND SERVICES.</i>",
    ),
    # a position override stays first
    ("{\\an8}On top.", ["On top."], "{\\an8}ON TOP."),
    # dialogue: line by line, dashes and lines kept
    (
        "- Who decides?\n- The authority.",
        ["Who decides?", "The authority."],
        "- WHO DECIDES?\n- THE AUTHORITY.",
    ),
    ("-Who?\n-Us.", ["Who?", "Us."], "-WHO?\n-US."),
    # inner markup travels as numbered placeholders and comes back in place
    (
        "It is <b>very</b> important.",
        ["It is {1}very{2} important."],
        "IT IS <b>VERY</b> IMPORTANT.",
    ),
    ("{\\an8}<i>- Who?</i>\n<i>- Us.</i>", ["Who?", "Us."], "{\\an8}<i>- WHO?</i>\n<i>- US.</i>"),
]


@pytest.mark.parametrize(("cue", "sent", "draft"), CASES)
def test_layout_sends_and_rebuilds(cue, sent, draft):
    layout = take_apart(cue)
    assert [u.text for u in layout.units if not u.blank] == sent
    result = assemble(layout, echo(layout), max_chars=42)
    assert result.text == draft
    assert result.notes == ()


def test_long_draft_is_reflowed_to_two_balanced_lines():
    layout = take_apart("The authority publishes a call\nfor tenders.")
    answer = "Instytucja zamawiająca publikuje ogłoszenie o zamówieniu publicznym."
    draft = assemble(layout, [answer], max_chars=42)
    first, second = draft.text.split("\n")
    assert f"{first} {second}" == answer
    assert abs(len(first) - len(second)) <= 12
    assert max(len(first), len(second)) <= 42


def test_reflow_keeps_markup_out_of_the_count_and_intact():
    layout = take_apart("<i>The authority publishes a call\nfor tenders.</i>")
    answer = "Instytucja zamawiająca publikuje ogłoszenie o zamówieniu."
    draft = assemble(layout, [answer], max_chars=42)
    assert draft.text.startswith("<i>") and draft.text.endswith("</i>")
    assert visible(draft.text).replace("\n", " ") == answer
    assert all(len(visible(line)) <= 42 for line in draft.text.split("\n"))


def test_per_line_markup_is_reapplied_to_each_reflowed_line():
    layout = take_apart("<i>The authority publishes</i>\n<i>a call for tenders.</i>")
    answer = "Instytucja zamawiająca publikuje ogłoszenie o zamówieniu."
    lines = assemble(layout, [answer], max_chars=42).text.split("\n")
    assert len(lines) == 2
    assert all(line.startswith("<i>") and line.endswith("</i>") for line in lines)


def test_lost_placeholders_drop_inner_markup_and_say_so():
    layout = take_apart("It is <b>very</b> important.")
    draft = assemble(layout, ["C'est très important."], max_chars=42)
    assert draft.text == "C'est très important."
    assert len(draft.notes) == 1 and "<b>" in draft.notes[0] and "re-apply" in draft.notes[0]


def test_reordered_placeholders_are_not_trusted():
    unit = take_apart("It is <b>very</b> important.").units[0]
    text, kept = restore(unit, "{2}Très{1} important.")
    assert not kept
    assert "<b>" not in text and "{" not in text


def test_text_that_already_holds_braces_sends_words_only():
    layout = take_apart("Press {1} then <b>go</b>.")
    assert layout.units[0].text == "Press {1} then go."
    draft = assemble(layout, ["Appuyez sur {1} puis allez."], max_chars=42)
    assert draft.text == "Appuyez sur {1} puis allez."
    assert draft.notes  # the dropped <b> is reported


def test_tidy_decodes_entities_only_when_the_answer_invented_them():
    assert tidy("C&#39;est  la\nvie", "It is life") == "C'est la vie"
    assert tidy("R&amp;D", "R&amp;D") == "R&amp;D"


PIECE_CASES = [
    ("Short.", 20, ["Short."]),
    ("One sentence here. Another one there.", 20, ["One sentence here.", "Another one there."]),
    ("A clause, another clause, and a third", 20, ["A clause,", "another clause,", "and a third"]),
    ("Averyveryverylongword ok", 10, ["Averyveryv", "erylongwor", "d ok"]),
]


@pytest.mark.parametrize(("text", "limit", "expected"), PIECE_CASES)
def test_pieces_split_at_sentence_then_clause_then_word(text, limit, expected):
    assert pieces(text, limit) == expected


words = st.text(alphabet="abcdefghij.,!? ", min_size=1, max_size=12).map(str.strip)


@given(st.lists(words.filter(bool), min_size=1, max_size=60), st.integers(20, 80))
def test_pieces_respect_the_limit_and_lose_nothing(parts, limit):
    text = " ".join(parts)
    cut = pieces(text, limit)
    assert all(0 < len(p) <= limit for p in cut)
    assert "".join(cut).replace(" ", "") == text.replace(" ", "")


@given(st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=15), min_size=1, max_size=12))
def test_reflow_never_loses_a_word_and_uses_at_most_two_lines(parts):
    text = " ".join(parts)
    lines = reflow(text, 42)
    assert 1 <= len(lines) <= 2
    assert " ".join(lines) == text
    if len(text) <= 42:
        assert lines == [text]
    elif len(lines) == 2:
        # balanced: no other break point makes the longer line shorter
        best = min(max(len(text[:i]), len(text[i + 1 :])) for i, ch in enumerate(text) if ch == " ")
        assert max(map(len, lines)) <= best + 2.5
