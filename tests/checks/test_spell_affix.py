"""The sorted copy of a big affix file (spell_affix.py): the same rules, the same verdicts."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pipeline.checks import spell_affix, spell_dict
from pipeline.checks.spell_paths import find, fingerprint

ROOT = Path(__file__).resolve().parents[2]

SMALL = b"""SET UTF-8
TRY abc

SFX A Y 3
SFX A 0 ak .
SFX A 0 a .
SFX A a ek a
PFX B Y 1
PFX B 0 ber .
SFX C N 2
# a comment inside a class: the class is left as it is
SFX C 0 z .
"""


def test_each_suffix_class_is_sorted_by_its_reversed_ending(monkeypatch):
    monkeypatch.setattr(spell_affix, "MIN_RULES", 3)
    out = spell_affix.sorted_rules(SMALL)
    assert out is not None
    lines = out.split(b"\n")
    # reversed endings "a" < "ka" < "ke"; the prefix class and the malformed class untouched
    assert lines[3:7] == [b"SFX A Y 3", b"SFX A 0 a .", b"SFX A 0 ak .", b"SFX A a ek a"]
    assert lines[7:] == SMALL.split(b"\n")[7:]
    assert sorted(lines) == sorted(SMALL.split(b"\n"))  # nothing lost, nothing added


def test_a_small_affix_file_is_not_copied(tmp_path):
    assert spell_affix.sorted_rules(SMALL) is None
    base = tmp_path / "xx_XX"
    base.with_suffix(".aff").write_bytes(SMALL)
    base.with_suffix(".dic").write_bytes(b"1\nabc/A\n")
    assert spell_affix.faster_base(base, tmp_path / "cache", "xx") == base
    assert not (tmp_path / "cache").exists()
    assert spell_affix.faster_base(base, None, "xx") == base


def _basque_sample(base: Path) -> list[str]:
    """Stems of the dictionary with its commonest endings, the words of our Basque
    translations, and typos of them."""
    dic = base.with_suffix(".dic").read_text("utf-8").split("\n")[1:]
    stems = [line.split("/")[0].strip() for line in dic if line.strip()]
    endings: dict[str, int] = {}
    for line in base.with_suffix(".aff").read_text("utf-8").split("\n"):
        fields = line.split()
        if len(fields) >= 5 and fields[0] == "SFX" and fields[3] != "0":
            ending = fields[3].split("/")[0]
            endings[ending] = endings.get(ending, 0) + 1
    common = sorted(endings, key=endings.__getitem__, reverse=True)[:12]
    rng = random.Random(1)
    words = set(rng.sample(stems, 1000))
    words |= {stem + ending for stem in rng.sample(stems, 200) for ending in common}
    text = "".join(p.read_text("utf-8") for p in (ROOT / "subtitles").glob("*/eu.po"))
    written = set(re.findall(r"[^\W\d_]+", text))
    words |= written
    for word in sorted(written)[:300]:
        at = rng.randrange(len(word) + 1)
        words.add(word[:at] + rng.choice("aeikrstuz") + word[at:])
    return sorted(words)


def test_the_speller_loads_basque_from_a_sorted_copy_with_the_same_verdicts(tmp_path, monkeypatch):
    base = find("eu")
    if base is None:
        pytest.skip(spell_dict.missing_note("eu"))
    import hunspell

    monkeypatch.setenv(spell_dict.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(spell_dict, "_LOADED", {})
    monkeypatch.setattr(spell_dict, "_LOADED_FILES", {})
    monkeypatch.setattr(spell_dict, "_SPELLERS", {})
    speller = spell_dict.speller("eu")
    assert speller is not None
    assert speller.right("kontratazio") and not speller.right("kotratazio")
    assert "kontratazio" in speller.suggestions("kotratazio")
    copies = list(tmp_path.glob("eu_ES-*-sorted-v*/eu_ES.aff"))
    assert len(copies) == 1  # loaded from the copy, made once
    copy = copies[0].with_suffix("")
    assert spell_affix.faster_base(base, tmp_path, fingerprint(base)) == copy
    original = hunspell.Hunspell(base.name, hunspell_data_dir=str(base.parent))
    words = _basque_sample(base)
    verdicts = [original.spell(w) for w in words]
    assert 500 < sum(verdicts) < len(words) - 500  # a sample of right and wrong words
    assert [speller._dictionary().spell(w) for w in words] == verdicts


def test_each_distinct_word_is_judged_once_per_language(tmp_path, monkeypatch):
    """The check asks the dictionary and the word list once per distinct word and
    language, whatever the number of entries it is in; the source still excuses names."""
    if find("pl") is None:
        pytest.skip(spell_dict.missing_note("pl"))
    from pipeline.checks.model import EntryUnit
    from pipeline.checks.registry import CheckContext, load_all
    from pipeline.project import Project

    monkeypatch.setenv(spell_dict.CACHE_ENV, str(tmp_path))
    ctx = CheckContext(settings=Project.load(ROOT).settings, root=ROOT)
    check = load_all()["spelling"].func
    speller = spell_dict.speller("pl")
    assert speller is not None
    asked: list[str] = []
    real = speller.right

    def counted(word: str) -> bool:
        asked.append(word)
        return real(word)

    monkeypatch.setattr(speller, "right", counted)
    line = "Zamawiający składa ofertę w Koszalinie"
    problems = []
    for n in range(20):
        unit = EntryUnit(
            path="subtitles/demo/pl.po",
            line=3 + n,
            lang="pl",
            source="The buyer in Koszalin",
            target=f"{line} {n}",
        )
        problems += list(check(unit, ctx))
    assert problems == []  # Koszalinie: the source's name with an ending
    assert sorted(set(asked)) == sorted(asked)  # each word asked once
