"""What the spelling check costs on a first run: dictionary look-ups, counted by the real
speller (Speller.lookups: every word asked of the Hunspell dictionary, slip scans included).

The costly rules (a capitalised word no slip of a dictionary word explains is a name; an
English word no slip explains is a borrowed word) scan up to spell_dict._BUDGET one-edit
candidates of the word. A word the source writes, or a glossary term holds, is never
reported, so its scan is not needed: the check asks the cheap rules first. The verdicts are
the same either way (test_spelling.py, and the bench corpus's report compared byte for byte).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from itertools import count
from pathlib import Path

import pytest

from pipeline.checks import spell_dict, spell_paths
from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import CheckContext, load_all
from pipeline.project import Project

ROOT = Path(__file__).resolve().parents[2]
_RUN = count()


def needs(lang: str) -> None:
    if spell_dict.find(lang) is None:
        pytest.skip(spell_dict.missing_note(lang))


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(spell_paths.PATH_ENV, raising=False)


def first_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, target: str, source: str = ""
) -> tuple[dict[str | None, str], int]:
    """The words reported in `target` on a first run (an empty verdict cache, a speller
    that has judged no word yet), and how many words the language's dictionary was asked."""
    needs(lang)
    monkeypatch.setenv(spell_dict.CACHE_ENV, str(tmp_path / f"cache-{next(_RUN)}"))
    root = tmp_path / "project"
    if not root.exists():
        shutil.copytree(ROOT / "glossary", root / "glossary")
        shutil.copytree(ROOT / "subtitles", root / "subtitles")
    ctx = CheckContext(settings=Project.load(root).settings, root=root)
    unit = EntryUnit(
        path=f"subtitles/demo/{lang}.po", line=3, lang=lang, source=source, target=target
    )
    problems = list(load_all()["spelling"].func(unit, ctx))
    speller = spell_dict.speller(lang)
    assert speller is not None
    return {p.concept: p.message for p in problems}, speller.lookups


# (language, source, translation, the word the source excuses, whether it is reported
# without the source): alone, the costly rules decide, with a slip scan.
FROM_SOURCE = [
    ("pl", "We met Zyxwabor in Lodz.", "Spotkaliśmy Zyxwabor w Łodzi.", "Zyxwabor", False),
    ("es", "Qorvintel won the tender.", "Qorvintel ganó la licitación.", "Qorvintel", False),
    # English, but one slip of French words (shots, shows): reported without the source
    ("fr", "The shoes of the tenderer.", "Les shoes du soumissionnaire.", "shoes", True),
]


@pytest.mark.parametrize(("lang", "source", "target", "word", "reported"), FROM_SOURCE)
def test_a_word_the_source_writes_costs_no_slip_scan(
    tmp_path, monkeypatch, lang, source, target, word, reported
):
    kept, cheap = first_run(tmp_path, monkeypatch, lang, target, source)
    assert kept == {}
    alone, scanned = first_run(tmp_path, monkeypatch, lang, target)
    assert (word in alone) == reported
    # a handful of look-ups (each word, its variants, English) against a whole scan
    assert cheap <= 10 < 100 <= scanned


def test_a_word_of_a_glossary_term_costs_no_slip_scan(tmp_path, monkeypatch):
    needs("pl")
    terms = tmp_path / "project" / "glossary" / "procurement.csv"
    shutil.copytree(ROOT / "glossary", terms.parent)
    shutil.copytree(ROOT / "subtitles", terms.parent.parent / "subtitles")
    with terms.open("a", encoding="utf-8") as out:
        out.write("zyx_fund,en,Zyxwabor fund,preferred,,,,,,,a test term\n")
        out.write("zyx_fund,pl,fundusz Zyxwabor,preferred,,,,,,,a test term\n")
    target = "Pieniądze z funduszu Zyxwabor."
    kept, cheap = first_run(tmp_path, monkeypatch, "pl", target)
    assert kept == {}
    assert cheap <= 10


def test_a_reported_word_is_scanned_once_for_its_verdict_and_its_suggestions(tmp_path, monkeypatch):
    found, asked = first_run(tmp_path, monkeypatch, "pl", "Firma skłda ofertę.")
    assert list(found) == ["skłda"] and "składa" in str(found["skłda"])
    speller = spell_dict.speller("pl")
    assert speller is not None
    # asked again (a second entry, or the message): the verdict and the suggestions are
    # remembered, the dictionary is not asked again
    assert "składa" in speller.suggestions("skłda")
    assert speller.lookups == asked


def test_links_to_the_same_files_load_one_dictionary(tmp_path, monkeypatch):
    # Debian installs nl_BE.dic as a link to nl.dic (eu_ES to eu, fr_FR to fr); the
    # Belgian variant's second dictionary is the same one, loaded once (Basque: 1.8 s CPU)
    bases = spell_paths.find_all("nl-BE")
    if len(bases) < 2:
        pytest.skip("one Dutch dictionary installed")
    monkeypatch.setenv(spell_dict.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(spell_dict, "_LOADED", {})
    monkeypatch.setattr(spell_dict, "_LOADED_FILES", {})
    belgian, dutch = (spell_dict.Speller.open("nl-BE", base) for base in bases[:2])
    assert belgian.right("aanbesteding") and dutch.right("aanbesteding")
    same_files = spell_dict._files(bases[0]) == spell_dict._files(bases[1])
    assert (belgian._dictionary() is dutch._dictionary()) == same_files


def test_a_word_no_dictionary_knows_costs_at_most_one_scan_in_basque(tmp_path, monkeypatch):
    # a lowercase word no slip explains (a rare word) is scanned in lower case and then
    # capitalised (a slip of a name?): ≈1,780 look-ups of ≈1-2 ms each before the
    # candidates Xuxen's rules cannot make were skipped (spell_shapes)
    found, asked = first_run(tmp_path, monkeypatch, "eu", "Kintaretakoekina kintaretakoekina.")
    assert "kintaretakoekina" not in found
    assert asked <= spell_dict._BUDGET


# Basque words whose scans find something (a typo; a name's typo in lower case, found by
# the capitalised scan; a prefixed word's typo) or nothing (a rare word).
BASQUE_SCANS = ["kontratzio", "donostai", "berrerabilli", "kintaretakoekina"]


@pytest.mark.parametrize("word", BASQUE_SCANS)
def test_a_basque_scan_finds_the_same_words_without_the_needless_look_ups(word):
    needs("eu")
    base = spell_paths.find("eu")
    assert base is not None
    for form in (word, word.capitalize()):
        full = spell_dict.Speller("eu", base)
        full._shapes_read = True  # no shortcut: every candidate looked up
        fast = spell_dict.Speller("eu", base)
        assert fast._near(form) == full._near(form)
        assert fast.lookups * 5 < full.lookups


# A typo in each language whose Debian dictionaries come as two names linked to the same
# files (eu_ES and eu, nl_BE and nl, fr_FR and fr).
LINKED = [
    ("eu", "Agiriak eta kontratzio bat bidali ditugu.", "kontratzio"),
    ("nl-BE", "De aanbestedng is gesloten.", "aanbestedng"),
    ("fr", "Le soumissionaire a gagné.", "soumissionaire"),
]


@pytest.mark.parametrize(("lang", "target", "typo"), LINKED)
def test_each_dictionary_file_is_asked_about_a_word_once(tmp_path, monkeypatch, lang, target, typo):
    # the second name of the same files gives the same verdicts: asking it again about
    # each word the first rejected cost a look-up per word (Basque ≈1 ms each)
    bases = spell_paths.find_all(lang)
    if len(bases) < 2 or spell_dict._files(bases[0]) != spell_dict._files(bases[1]):
        pytest.skip(f"no two names for the same {lang} dictionary installed")
    from pipeline.checks import spelling

    monkeypatch.setenv(spell_dict.CACHE_ENV, str(tmp_path / "cache"))
    root = tmp_path / "project"
    shutil.copytree(ROOT / "glossary", root / "glossary")
    shutil.copytree(ROOT / "subtitles", root / "subtitles")
    ctx = CheckContext(settings=Project.load(root).settings, root=root)
    unit = EntryUnit(path=f"subtitles/demo/{lang}.po", line=3, lang=lang, source="", target=target)
    problems = list(load_all()["spelling"].func(unit, ctx))
    assert typo in {p.concept for p in problems}
    state = spelling._languages(ctx)[lang]
    assert state is not None
    by_files: dict[tuple[Path, Path], list[spell_dict.Speller]] = {}
    for one in [state.speller, *state.variants]:
        by_files.setdefault(spell_dict._files(one.base), []).append(one)
    for first, *again in by_files.values():
        assert first.lookups > 0
        assert [one.lookups for one in again] == [0] * len(again)


def test_loaded_dictionaries_are_left_to_the_system_at_exit(tmp_path):
    # freeing a dictionary's tables as Python shuts down costs CPU after the report is out
    # (Greek 0.26 s, ≈0.75 s for the nine): at exit each loaded one keeps a reference more
    needs("es")
    code = (
        "import atexit, sys\n"
        "from pipeline.checks import spell_dict\n"
        "speller = spell_dict.speller('es')\n"
        "assert speller is not None and speller.right('licitación')\n"
        "dictionary = speller._dictionary()\n"
        "before = sys.getrefcount(dictionary)\n"
        "atexit._run_exitfuncs()\n"
        "print(sys.getrefcount(dictionary) - before)\n"
    )
    env = {**os.environ, spell_dict.CACHE_ENV: str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1"]
