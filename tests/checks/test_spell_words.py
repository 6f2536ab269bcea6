"""`spell_words.words`, whose words of letters only take a fast path: the same words and
offsets as the plain rules (every word through `skip`), on generated texts."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.checks import spell_words
from pipeline.checks.spell_words import WORD, blank, skip, words
from pipeline.checks.text import tag

# pieces of real subtitles that reach each rule: acronyms, a capital typed twice, units,
# abbreviations, hyphens, apostrophes, invisible characters, digits, markup, addresses
PIECES = [
    "NBE",
    "EBko",
    "DDans",
    "OOhiko",
    "AA",
    "Aa",
    "aA",
    "a",
    "I",
    "Ö",
    "ΕΕ",
    "Ελλάδα",
    "130",
    " mp",
    "1 dm",
    "101 min",
    "sáb.",
    "e dom.",
    "dvs. Smith",
    "Th.",
    "E.B.ren",
    "l’acheteur",
    "procurement's",
    "236th-leveel",
    "WK-kwalificatie",
    "fun\u00adciona",
    "COVID-19",
    "2026ko",
    "<i>",
    "</i>",
    "&amp;",
    "https://x.eu/a",
    "#MakingSpendMatter",
    "@handle",
    "Bistrița",
    "Koszalinie",
    "ş",
    "x",
    " ",
    " ",
    ", ",
    ". ",
    "\n",
    "-",
    "'",
    "coa_tools",
    "_emphasis_",
    "magick++",
    "bg-forest-1",
    "Mi-8",
    "сharacter-2",
    "Μιγκ-29",
    "_",
    "+",
]


SCRIPTS = {"LATIN", "GREEK", "CYRILLIC"}  # the scripts whose letters look alike


def plain(text: str) -> list[tuple[str, int, int]]:
    """The rules of `words` without its fast path: every word through `skip`."""
    shown = blank(text)
    found = []
    for match in WORD.finditer(shown):
        word, start, end = match.group(), match.start(), match.end()
        if start and shown[start - 1] == ".":
            continue
        if len(word) <= spell_words._UNIT_MAX and spell_words._after_number(shown, start):
            continue
        if len(word) <= spell_words._ABBREVIATION_MAX and spell_words._abbreviated(shown, end):
            continue
        if shown[end : end + 1] == "+" or re.search(r"[^\W_]_\Z", shown[:start]):
            continue  # magick++, coa_tools: names in code
        if re.match(r"_[^\W_]", shown[end:]):
            continue
        word = word.translate(spell_words._DROP_INVISIBLE)
        mixed = any(
            len({unicodedata.name(c, "?").split()[0] for c in part if c.isalpha()} & SCRIPTS) > 1
            for part in re.split("[-'’]", word)
        )
        if word.rsplit("-", 1)[-1].isdigit() and "-" in word and not mixed:
            continue  # bg-forest-1, Mi-8 (not сharacter-2, Cyrillic с; º is of no script)
        small_first = word[:1].islower() and word[1:2].isupper() and word[2:].islower()
        if word.isalpha() and len(word) >= 4 and small_first:
            continue  # eSender, hTis: a name or a slip, for the shift-slip test to tell
        if not skip(word) or ("-" in word and not all(map(skip, word.split("-")))):
            found.append((word, start, end))
    return found


@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=12))
@example(["_emphasis_", "_emphasis_"])  # two underscores: no word across them, no join
@example(["º", "bg-forest-1"])  # º (an ordinal sign) is of no script: numbered all the same
def test_words_are_the_plain_rules_words(pieces):
    text = "".join(pieces)
    assert words(text) == plain(text)


def test_words_of_a_subtitle():
    text = "NBE-k DDans 130 mp sáb. Koszalinie, l’acheteur 2026ko #Tag AA Ab"
    assert [word for word, _, _ in words(text)] == [
        "DDans",
        "sáb",
        "Koszalinie",
        "l’acheteur",
        "Ab",
    ]


def test_words_of_two_capitals_then_small_letters_are_kept_apart():
    # an acronym with an ending (EBko, CDs) or a slip of the shift key (THe, TWait): not
    # looked up as words; handed over when asked for; not after a period, nor in capitals
    text = "THe NBE-k DDans TWait EBko CDs AA X.THe NBE Ab"
    shifted: list[tuple[str, int, int]] = []
    assert [word for word, _, _ in words(text, shifted)] == ["DDans", "Ab"]
    assert [word for word, _, _ in shifted] == ["THe", "TWait", "EBko", "CDs"]
    assert all(text[start:end] == word for word, start, end in shifted)
    assert words(text) == words(text, [])


def test_names_in_code_are_not_words():
    # real lines of the Morevna Project's CoaTools and Synfig lessons
    text = (
        'the "coa_tools" archive, "bg-forest-1", a "magick++" target, an _emphasis_ kept'
        ' in "сharacter-2"'  # a Cyrillic с: reported
    )
    assert [word for word, _, _ in words(text)] == [
        "the",
        "archive",
        "target",
        "an",
        "emphasis",
        "kept",
        "in",
        "сharacter-2",
    ]


# The rules before the faster forms: a word one letter (or invisible character) at a time,
# and every piece between spaces handed to `_blank_piece`.
_ONE_LETTER = f"(?:[^\\W_]|[{spell_words._INVISIBLE}])"
_PLAIN_WORD = re.compile(f"{_ONE_LETTER}+(?:['’\\-]{_ONE_LETTER}+)*")
_PLAIN_PIECE = re.compile(r"\S+")


def plain_blank(text: str) -> str:
    if "<" in text or "{" in text:
        text = tag().sub(lambda m: " " * len(m.group()), text)
    if "&" in text:
        text = spell_words._entity().sub(lambda m: " " * len(m.group()), text)
    if "/" in text or "@" in text or "#" in text or "www." in text:
        text = _PLAIN_PIECE.sub(spell_words._blank_piece, text)
    return text


_MARKS = ["/", "@", "#", "www.", "://", "a@b.eu", "#1", "@x", "x/y", "\t", "  "]


@given(st.lists(st.sampled_from(PIECES + _MARKS) | st.text(max_size=4), max_size=12))
def test_words_and_blanks_are_the_plain_rules_ones(pieces):
    text = "".join(pieces)
    assert [m.span() for m in WORD.finditer(text)] == [m.span() for m in _PLAIN_WORD.finditer(text)]
    assert blank(text) == plain_blank(text)


def test_only_the_pieces_with_a_mark_are_looked_at(monkeypatch):
    # a subtitle with an address: its other pieces need no call each (a third of the bench
    # corpus's texts have a slash, @ or #)
    text = "Lees de gids op https://x.eu/gids of mail naar info@x.eu, en volg #Aanbesteden."
    expected = plain_blank(text)
    seen: list[str] = []
    blank_piece = spell_words._blank_piece

    def counted(match: re.Match[str]) -> str:
        seen.append(match.group())
        return blank_piece(match)

    monkeypatch.setattr(spell_words, "_blank_piece", counted)
    assert blank(text) == expected
    assert seen == ["https://x.eu/gids", "info@x.eu,", "#Aanbesteden."]


def test_words_in_capitals_are_those_of_lines_in_capitals():
    from pipeline.checks.spell_caps import caps_words

    text = "Hi, NCIS.\n<i>[DOOR CLOSES]</i>\nLAPD!\nSTOP IT"
    assert caps_words(text) == [("DOOR", 14, 18), ("CLOSES", 19, 25), ("STOP", 37, 41)]
    assert [text[start:end] for _, start, end in caps_words(text)] == ["DOOR", "CLOSES", "STOP"]
