"""The look-ups a slip scan skips (spell_shapes) are only ones Hunspell would refuse.

A small dictionary written here with Basque's kind of rules (suffixes that strip nothing,
two suffix levels, prefixes that strip a letter, names, acronyms) is loaded by the real
Hunspell (chunspell): every word it accepts, written in lower case or capitalised, must be
one `Shapes.may_know` lets through, and a scan with the shortcut finds exactly the words the
full scan finds. Basque's own dictionary: tests/checks/test_spell_cost.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.checks import spell_dict, spell_shapes

AFF = """SET UTF-8
TRY aeioukltrbdsnzh
PFX P Y 2
PFX P 0 ber .
PFX P d bait d
SFX S Y 4
SFX S 0 ak/T .
SFX S 0 ko/T .
SFX S 0 en .
SFX S 0 a .
SFX T Y 2
SFX T 0 rekin .
SFX T 0 z .
"""
DIC = """8
etxe/PS
dator/P
kale/S
Bilbo/S
EB/S
McDonald/S
lan
Ana
"""
ENTRIES = ["etxe", "dator", "kale", "Bilbo", "EB", "McDonald", "lan", "Ana"]
PARTS = ["", "ber", "bait", "ak", "ko", "en", "a", "rekin", "z", "x", "e", "k"]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dict")
    (folder / "xx_TEST.aff").write_text(AFF, encoding="utf-8")
    (folder / "xx_TEST.dic").write_text(DIC, encoding="utf-8")
    return folder / "xx_TEST"


def speller(base: Path, shortcut: bool) -> spell_dict.Speller:
    found = spell_dict.Speller("xx", base)  # no cache folder: nothing kept on disk
    if not shortcut:
        found._shapes_read = True  # as before the shortcut: every candidate looked up
    return found


def edits(word: str) -> list[str]:
    """`word` and every word one edit away from it (the letters of the TRY line)."""
    letters = "aeioukltrbdsnzh"
    out = {word}
    for at in range(len(word) + 1):
        for letter in letters:
            out.add(word[:at] + letter + word[at:])
            out.add(word[:at] + letter + word[at + 1 :])
        out.add(word[:at] + word[at + 1 :])
    return sorted(w for w in out if w)


@st.composite
def words(draw: st.DrawFn) -> str:
    """A word made like the dictionary's (prefix, entry, two endings), then perhaps slipped."""
    entry = draw(st.sampled_from(ENTRIES))
    made = draw(st.sampled_from(PARTS)) + entry + draw(st.sampled_from(PARTS))
    made += draw(st.sampled_from(PARTS))
    return draw(st.sampled_from(edits(made)))


def test_the_shortcut_is_on_only_for_rules_that_keep_the_start_of_an_entry(base, tmp_path):
    assert spell_shapes.read(base) is not None
    for extra in ("SFX Q Y 1\nSFX Q a e .\n", "COMPOUNDFLAG C\n", "ICONV 1\nICONV ’ '\n"):
        other = tmp_path / f"yy_{len(extra)}"
        other.with_suffix(".aff").write_text(AFF + extra, encoding="utf-8")
        other.with_suffix(".dic").write_text(DIC, encoding="utf-8")
        assert spell_shapes.read(other) is None, extra
    latin = tmp_path / "zz_LATIN"
    latin.with_suffix(".aff").write_text(AFF.replace("UTF-8", "ISO8859-1"), encoding="utf-8")
    latin.with_suffix(".dic").write_text(DIC, encoding="utf-8")
    assert spell_shapes.read(latin) is None


@settings(max_examples=400, deadline=None)
@given(words())
def test_every_word_hunspell_knows_may_be_known(base, word):
    shapes = spell_shapes.read(base)
    assert shapes is not None
    hunspell = speller(base, shortcut=False)._dictionary()
    for form in {word, word.capitalize()}:
        if hunspell.spell(form):
            # Hunspell takes a capitalised word as written or in lower case
            assert shapes.may_know(form) or shapes.may_know(form.lower()), form


def test_hunspell_knows_the_sample_words(base):
    # the sample dictionary works as meant, so the property above is not vacuous
    hunspell = speller(base, shortcut=False)._dictionary()
    for word in ["etxeak", "etxeakrekin", "beretxe", "baitator", "Bilboko", "Bilbokoz", "lan"]:
        assert hunspell.spell(word), word
    assert not hunspell.spell("bilboko") and not hunspell.spell("etxeo")


@settings(max_examples=150, deadline=None)
@given(words())
def test_a_scan_with_the_shortcut_finds_the_same_words(base, word):
    for form in {word, word.capitalize()}:
        if not form.isalpha():
            continue
        full, fast = speller(base, shortcut=False), speller(base, shortcut=True)
        assert fast._near(form) == full._near(form), form
        assert fast.lookups <= full.lookups
