"""`msm update` fills a new video's entries from the translation memory, and nothing else."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.memory.settings import MemorySettings
from pipeline.memory.store import load_memory
from pipeline.project import Project
from tests.conftest import msgfmt_check
from tests.memory.helpers import NEAR, NEW, SHARED, SLUG, example_copy, msm, write_source

EXAMPLE_PO = f"{SLUG}/pl.po"


def entries(root: Path, lang: str = "pl", slug: str = "second") -> dict[str, polib.POEntry]:
    po = polib.pofile(str(root / "subtitles" / slug / f"{lang}.po"))
    return {e.msgid: e for e in po}


def example_translation(root: Path, msgid: str, lang: str = "pl") -> str:
    return entries(root, lang, SLUG)[msgid].msgstr


def test_shared_sentences_are_prefilled_exact_and_near_as_fuzzy(tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    result = msm(root, "update", "second", "--lang", "pl", "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "5 new, 0 obsolete, 5 from memory" in result.output
    for lang in ("pl", "fr"):
        found = entries(root, lang)
        for text in SHARED:
            entry = found[text]
            assert entry.msgstr == example_translation(root, text, lang)
            assert entry.fuzzy
            assert entry.tcomment == f"memory: {SLUG}/{lang}.po"
            assert entry.previous_msgid is None
        for text, near in NEAR.items():
            entry = found[text]
            assert entry.msgstr == example_translation(root, near, lang)
            assert entry.fuzzy
            assert entry.previous_msgid == near  # the editor shows the difference
            assert entry.tcomment.startswith(f"memory: {SLUG}/{lang}.po (")
            assert entry.tcomment.endswith("%)")
        for text in NEW:
            assert found[text].msgstr == ""
            assert not found[text].fuzzy and not found[text].tcomment
        msgfmt_check(root / "subtitles" / "second" / f"{lang}.po")
    # a second run has nothing to do: the filled entries are the catalogue's now
    again = msm(root, "update", "--check", "--lang", "pl", "--lang", "fr")
    assert again.exit_code == 0, again.output


def test_exact_translated_setting_writes_exact_matches_as_translated(tmp_path: Path) -> None:
    root = example_copy(tmp_path, memory='exact = "translated"')
    assert msm(root, "update", "second", "--lang", "pl").exit_code == 0
    found = entries(root)
    for text in SHARED:
        assert found[text].msgstr and not found[text].fuzzy
        assert found[text].tcomment == f"memory: {EXAMPLE_PO}"
    for text in NEAR:
        assert found[text].fuzzy  # near matches stay fuzzy whatever the setting


def test_threshold_setting_and_fill_off(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "strict", memory="threshold = 99")
    msm(root, "update", "second", "--lang", "pl")
    found = entries(root)
    assert all(found[text].msgstr for text in SHARED)
    assert not any(found[text].msgstr for text in NEAR)
    off = example_copy(tmp_path / "off", memory="fill = false")
    msm(off, "update", "second", "--lang", "pl")
    assert not any(e.msgstr for e in entries(off).values())


def test_a_translators_text_is_never_overwritten(tmp_path: Path) -> None:
    """Entries already in the catalogue keep their bytes: translated, empty, or fuzzy."""
    root = example_copy(tmp_path, second=[SHARED[0], SHARED[1], NEW[0]])
    (root / "subtitles" / "catalog.toml").write_text(
        (root / "subtitles" / "catalog.toml")
        .read_text(encoding="utf-8")
        .replace("\n[[videos]]", "\n[memory]\nfill = false\n\n[[videos]]", 1),
        encoding="utf-8",
    )
    assert msm(root, "update", "second", "--lang", "pl").exit_code == 0
    path = root / "subtitles" / "second" / "pl.po"
    po = polib.pofile(str(path))
    po.find(SHARED[0]).msgstr = "Co to są zamówienia publiczne? (moja wersja)"  # a translator's
    po.save()
    (root / "subtitles" / "catalog.toml").write_text(
        (root / "subtitles" / "catalog.toml")
        .read_text(encoding="utf-8")
        .replace("fill = false", "fill = true"),
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    # nothing new: the memory fills nothing, not even the empty entry (SHARED[1]) already there
    result = msm(root, "update", "second", "--lang", "pl")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == before
    # a new cue: only that entry changes; every other block keeps its bytes
    write_source(root, [SHARED[0], SHARED[1], NEW[0], SHARED[2]])
    assert msm(root, "update", "second", "--lang", "pl").exit_code == 0
    after = path.read_text(encoding="utf-8")
    found = entries(root)
    assert found[SHARED[0]].msgstr == "Co to są zamówienia publiczne? (moja wersja)"
    assert not found[SHARED[0]].fuzzy
    assert found[SHARED[1]].msgstr == ""  # was there before: not a new entry
    assert found[SHARED[2]].msgstr == example_translation(root, SHARED[2])
    for block in before.split("\n\n")[1:]:
        assert block.strip() in after


def test_machine_drafts_and_fuzzy_entries_teach_only_when_asked(tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    example = root / "subtitles" / SLUG / "pl.po"
    po = polib.pofile(str(example))
    entry = po.find(SHARED[0])
    entry.flags.append("fuzzy")
    entry.tcomment = "machine draft: mymemory, 2026-11-25"
    po.save()
    project = Project.load(root)
    memory = load_memory(project, "pl", MemorySettings())
    assert memory.exact(SHARED[0]) is None
    assert memory.exact(SHARED[1]) is not None
    drafts = load_memory(project, "pl", MemorySettings(include_drafts=True))
    found = drafts.exact(SHARED[0])
    assert found is not None and found.unit.target == entry.msgstr
    msm(root, "update", "second", "--lang", "pl")
    assert entries(root)[SHARED[0]].msgstr == ""


def test_a_video_is_not_its_own_memory(tmp_path: Path) -> None:
    """An obsolete translation of the video itself is msgmerge's business, not the memory's."""
    root = example_copy(tmp_path)
    project = Project.load(root)
    memory = load_memory(project, "pl", MemorySettings())
    assert memory.exact(SHARED[0], exclude=EXAMPLE_PO) is None
    assert memory.exact(SHARED[0]) is not None
