"""The matcher's fast paths find what the general ones find.

Folding word by word gives what folding the whole text gives; looking up only the lemmas of
stems some term word begins with gives what looking up every lemma gives; guarding before
stemming finds what stemming a whole group finds; a text the forbidden-term screen passes
over holds no forbidden term.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.glossary import Concept, Matcher, Term, TermBase, review
from pipeline.glossary.matcher import fixed_start, resolve, screen_pattern
from pipeline.glossary.morphology import inflection
from pipeline.glossary.normalise import (
    _SOURCE_BLOCKS,
    SOURCE_TOP,
    TOKEN,
    _fold_chars,
    fold,
    fold_word,
    skeleton,
    wordwise,
    written_forms,
)

LANGS = ["en", "el", "pl", "fr", "ro", "eu", "nl-BE", "pt-PT", "es"]

# Pieces of text that fold in every way there is: case, Greek accents and final sigma,
# cedillas, look-alike letters of three scripts (alone and inside words), Latin capitals
# that look Greek, the modifier-letter apostrophes, characters that vanish, markup,
# decomposed letters, spaces, hyphens and apostrophes of all kinds.
PIECES = [
    "contracting", "Authority", "AUTHORITIES", "αρχή", "Αναθέτουσα", "ΑΡΧΉΣ", "ς", "σ",
    "Hμερομηνία", "MME", "EU", "Α\u0412", "κ\u0430", "\u041eferta", "oferta",
    "zamówieni\u0430", "umów", "Umowa",
    "Autorităţile", "şi", "ț", "İstanbul", "l\u02bcoffre", "\u02bb", "adju\u00adcateur",
    "x\u200by", "<i>", "</i>", "{\\an8}", "{", "<", "e\u0301", "\u0301", "Ω", "\u2126",
    "\u00b5", "\u037e", "\u037a", "ΐ", "ᾶ", "ἀ", "ͅ", "12", "_", "d’", "kmo’s", "—", "-",
    "\u2011", "’", "'", "`", "\u00b4", ",", ".", "…", "\u00e9", "É", "ß", "ẞ", "ǅ",
]  # fmt: skip
SEPARATORS = ["", " ", "  ", "\n", "\u00a0", "\u202f", "\t", "-", "\u2028"]


def _joined(parts: list[tuple[str, str]]) -> str:
    return "".join(piece + sep for piece, sep in parts)


def _every_character() -> str:
    return "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)


texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=8)
any_text = st.one_of(texts.map(_joined), st.text(max_size=30))


def test_folding_moves_no_word_boundary_but_at_the_two_modifier_apostrophes():
    """What `wordwise` rests on, for every character of Unicode: folding a character gives a
    word character exactly when it was one, but for ʻ and ʼ (which it keeps out)."""
    everything = _every_character()
    folded = _fold_chars(everything)
    assert len(folded) == len(everything)
    word = re.compile(r"\w")
    before = {m.start() for m in word.finditer(everything)}
    after = {m.start() for m in word.finditer(folded)}
    assert {everything[i] for i in before ^ after} == {"\u02bb", "\u02bc"}
    assert not wordwise("l\u02bcoffre") and not wordwise("x\u02bby")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("contracting authority", True),
        ("Αναθέτουσα αρχή\nΟι MME", True),
        ("Autorităţile şi – d’offre", True),
        ("<i>lot</i>", False),  # markup
        ("adju\u00adcateur", False),  # a character that vanishes
        (unicodedata.normalize("NFD", "umów"), False),  # not NFC
        ("l\u02bcoffre", False),  # a letter that folds to an apostrophe
        ("\u041eferta", False),  # Cyrillic: whether it folds depends on other words
    ],
)
def test_wordwise(text: str, expected: bool):
    assert wordwise(text) is expected


@settings(max_examples=500, deadline=None)
@given(text=any_text, lang=st.sampled_from(LANGS))
@example(text="abc Α\u0412", lang="en")  # a Greek-Cyrillic word folds only beside Latin letters
@example(text="Α\u0412 ok", lang="el")
def test_wordwise_texts_fold_word_by_word(text: str, lang: str):
    if not wordwise(text):
        return
    folded = fold(text, lang)
    assert folded.starts is None  # lines up with the original
    words = [(m.group(), m.span()) for m in TOKEN.finditer(text)]
    assert [(m.group(), m.span()) for m in TOKEN.finditer(folded.text)] == [
        (fold_word(word, lang), span) for word, span in words
    ]


@pytest.fixture(scope="module")
def wide_matcher(project_termbase: TermBase) -> Matcher:
    return Matcher(project_termbase)


def _term_texts(termbase: TermBase) -> list[str]:
    found: list[str] = []
    for concept in termbase:
        for term in concept.terms:
            found.extend([term.text, *term.variants, *term.exclude])
    return found


@settings(max_examples=300, deadline=None)
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_the_matcher_finds_the_same_word_by_word_and_whole(
    project_termbase: TermBase, wide_matcher: Matcher, data: st.DataObject, lang: str
):
    terms = [t for t in _term_texts(project_termbase) if t]
    pieces = st.one_of(
        st.sampled_from(terms),
        st.sampled_from(terms).map(str.upper),
        st.sampled_from(terms).map(lambda t: t + "s"),
        st.sampled_from(terms).map(lambda t: t[:-1]),
        st.sampled_from(PIECES),
    )
    text = _joined(data.draw(st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=6)))
    code = resolve(lang)
    assert wide_matcher._find(text, code) == wide_matcher._find(text, code, by_word=False)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_pruned_lemma_search_finds_what_trying_every_lemma_finds(
    wide_matcher: Matcher, data: st.DataObject, lang: str
):
    index = wide_matcher._index(resolve(lang))
    endings = sorted(index.rules.endings)
    word = data.draw(st.sampled_from(index.folded)) if index.folded else "x"
    cut = data.draw(st.integers(0, 4))
    ending = data.draw(st.sampled_from(endings))
    text_word = word[: len(word) - cut] + ending + data.draw(st.sampled_from(["", "a", "x"]))
    # The same hits in the same order (the order decides between equal matches).
    assert index._analyse(text_word) == index._analyse(text_word, pruned=False)


@pytest.fixture(scope="module")
def stemmed_matcher(project_termbase: TermBase) -> Matcher:
    matcher = Matcher(project_termbase)
    matcher.prepare()  # every group of term words stemmed up front
    return matcher


TAILS = ["", "s", "a", "e", "o", "en", "ing", "ής", "ami", "ului", "ak", "ion", "ed", "er"]


@pytest.mark.parametrize("lang", LANGS)
def test_guarding_first_finds_what_stemming_the_whole_group_finds(
    wide_matcher: Matcher, stemmed_matcher: Matcher, lang: str
):
    """Every term word, cut short and given another ending, both ways (the Snowball route
    is taken by the words that no ending class relates to a term word)."""
    lazy = wide_matcher._index(resolve(lang))
    grouped = stemmed_matcher._index(resolve(lang))
    for word in lazy.folded:
        for cut in range(3):
            for tail in TAILS:
                text_word = word[: len(word) - cut] + tail
                lazy.by_stem.clear()  # no group stemmed yet, none asked about
                lazy.asked.clear()
                assert lazy._analyse(text_word) == grouped._analyse(text_word), text_word


def test_written_forms_hold_every_character_that_folds_to_the_letter():
    """What the screen rests on, for every character of Unicode: the characters whose fold
    lies below U+3040 all lie in the blocks `written_forms` scans, and each is among the
    written forms of what it folds to."""
    everything = _every_character()
    folded = skeleton(_fold_chars(everything))
    assert len(folded) == len(everything)  # character by character
    below = re.compile(f"[\\x00-{chr(ord(SOURCE_TOP) - 1)}]")
    for found in below.finditer(folded):
        char = everything[found.start()]
        assert any(low <= ord(char) < high for low, high in _SOURCE_BLOCKS), hex(ord(char))
        forms = written_forms(found.group())
        assert forms is not None and re.fullmatch(forms, char), hex(ord(char))
    assert written_forms("\u4e00") is None  # above: nobody looked


# Look-alike letters a writer may slip into a word of another script, and back.
SWAPS = {"o": "ο", "a": "α", "e": "ε", "i": "ι", "k": "κ", "ο": "o", "α": "a", "ε": "e", "ν": "v"}


def _altered(data: st.DataObject, phrase: str) -> str:
    """A phrase as a text may write it: in capitals, inflected, cut short, with a look-alike
    letter of another script."""
    how = data.draw(st.sampled_from(["as is", "upper", "title", "ending", "cut", "swap"]))
    if how == "upper":
        return phrase.upper()
    if how == "title":
        return phrase.title()
    if how == "ending":
        return phrase + data.draw(st.sampled_from(["s", "a", "ów", "ak", "ului", "ης", "en"]))
    if how == "cut":
        return phrase[:-1]
    if how == "swap" and phrase:
        at = data.draw(st.integers(0, len(phrase) - 1))
        return phrase[:at] + SWAPS.get(phrase[at], phrase[at]) + phrase[at + 1 :]
    return phrase


@settings(max_examples=400, deadline=None)
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_a_text_the_screen_passes_over_holds_no_forbidden_term(
    table_matcher: Matcher, data: st.DataObject, lang: str
):
    code = resolve(lang)
    terms = [t for concept in table_matcher.termbase.concepts for t in concept.terms]
    forbidden = [
        phrase
        for term in terms
        if term.lang == code and not term.approved
        for phrase in (term.text, *term.variants)
    ]
    approved = [term.text for term in terms if term.lang == code and term.approved]
    others = st.sampled_from(approved + PIECES)
    pieces = st.one_of(st.sampled_from(forbidden), others) if forbidden else others
    parts = data.draw(st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=5))
    text = _joined([(_altered(data, piece), sep) for piece, sep in parts])
    screened = table_matcher.may_hold_forbidden(text, lang)
    if any(not match.term.approved for match in table_matcher.find(text, lang)):
        assert screened
    if not forbidden:  # English, the source language: nothing to screen for
        assert not screened
    if not screened:
        assert review(table_matcher, "", text, lang) == []


def _forms(letters: str) -> str:
    classes = [written_forms(letter) for letter in letters]
    assert all(classes)
    return "".join(map(str, classes))


# Screens as `Matcher._screen` builds them: first letters' classes with what may follow.
_STARTS = [
    (_forms("c"), _forms("on")),
    (_forms("p"), f"(?:{_forms('ro')}|{_forms('u')})"),
    (_forms("σ"), _forms("υ") + r"(?!\w)"),
    (_forms("a"), _forms("t")),
]


@settings(max_examples=400, deadline=None)
@given(
    size=st.integers(1, len(_STARTS)),
    text=st.lists(
        st.sampled_from([*"coOnNpPrRuUaAtTσςΣυΥ", "ç", "ό", "с", "x", "1", "_", *SEPARATORS]),
        max_size=24,
    ).map("".join),
)
def test_the_screen_skipping_to_first_letters_finds_what_the_plain_pattern_finds(
    size: int, text: str
):
    starts = _STARTS[:size]
    skipping = re.compile(screen_pattern(starts))
    plain = re.compile(screen_pattern(starts, skipping=False))
    assert plain.pattern.startswith(r"(?<!\w)") and skipping.pattern.startswith("[")
    found = skipping.search(text)
    expected = plain.search(text)
    assert (found is None) == (expected is None)
    if found and expected:
        assert found.span() == expected.span()


@pytest.mark.parametrize("enabled", [True, False])
def test_a_text_with_thousands_of_matches_leaves_the_collector_as_it_found_it(enabled: bool):
    """Building thousands of matches pauses the cycle collector; it is on again after (and
    stays off when the caller had turned it off)."""
    import gc

    matcher = Matcher(TermBase((Concept("c", (Term("lot", "en"), Term("lots", "en"))),)))
    text = " ".join(["lot", "lots"] * 1_500)
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        found = matcher.find(text, "en")
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
    assert len(found) == 3_000
    assert [m.text for m in found[:2]] == ["lot", "lots"]
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize("lang", LANGS)
def test_the_screen_passes_every_inflection_the_matcher_finds(table_matcher: Matcher, lang: str):
    """The screen reads as much of a forbidden term's longest word as no inflection changes
    (`fixed_start`): each word of each forbidden phrase, cut by every length up to the
    language's longest ending (and one more) and given every ending of the language (a
    sample in Basque), with the other words as they are, in capitals too and after a word
    beginning with the same letters. Whenever the
    matcher finds a forbidden term in such a text, the screen passes it (and it finds some
    that need all the screen's reach: the test is not vacuous)."""
    code = resolve(lang)
    rules = inflection(code)
    endings = sorted(rules.endings | {"s", "a", "en", "ης", "ów", "ului", "ak", "x"})
    if len(endings) > 120:
        endings = endings[:: len(endings) // 120 + 1]
    phrases = [
        phrase
        for concept in table_matcher.termbase.concepts
        for term in concept.terms
        if term.lang == code and not term.approved
        for phrase in (term.text, *term.variants)
    ]
    found = 0
    for phrase in phrases:
        words = phrase.split()
        for at, word in enumerate(words):
            for cut in range(min(rules.longest + 1, len(word)) + 1):
                for ending in endings:
                    changed = [*words[:at], word[: len(word) - cut] + ending, *words[at + 1 :]]
                    # A word before it beginning like it (the screen looks at every word).
                    decoy = word[:3] + "qq"
                    for text in (" ".join(changed), " ".join([decoy, *changed]).upper()):
                        if any(not m.term.approved for m in table_matcher.find(text, lang)):
                            found += 1
                            assert table_matcher.may_hold_forbidden(text, lang), text
    assert found or not phrases


@pytest.mark.parametrize(
    ("lang", "word", "start"),
    [
        ("nl-BE", "inschrijving", "inschrijvin"),  # -g alternates with -ggen, -gge
        ("pl", "gospodarczy", "gospodarcz"),  # -y with -ego, -ej…
        ("pl", "umowa", "umow"),
        ("es", "licitación", "licitaci"),  # -on with -ones; skeletons have no accents
        ("fr", "de", "de"),  # shorter than MIN_STEM: the whole word
        ("en", "the", "the"),
    ],
)
def test_the_start_no_inflection_changes(lang: str, word: str, start: str) -> None:
    assert fixed_start(skeleton(fold_word(word, lang)), inflection(resolve(lang))) == start
