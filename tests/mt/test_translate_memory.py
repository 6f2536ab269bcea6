"""`msm translate` fills from the translation memory first and sends only what is left."""

from __future__ import annotations

from pathlib import Path

import polib
from click.testing import CliRunner
from mt_project import CUES, translate_settings

from pipeline.cli import cli

EPOCH = "1795000000"
KNOWN = {
    "Public procurement is how cities buy.": "Tak kupują miasta.",
    "Thank you.": "Dziękujemy.",
}


def invoke(root: Path, *args: str):
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH, "MSM_TEST_LIBRE_KEY": ""})
    return runner.invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def translate_other(root: Path, texts: dict[str, str]) -> None:
    """A translator's reviewed work in the other video."""
    path = root / "subtitles" / "other" / "pl.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in texts:
            entry.msgstr = texts[entry.msgid]
    po.save()


def test_the_memory_fills_first_and_only_the_rest_is_sent(mt_project, libre, msgfmt_ok):
    root = mt_project(translate_settings(libre=libre.url), videos=("demo", "other"))
    translate_other(root, KNOWN)
    result = invoke(root, "translate", "demo", "--lang", "pl")
    assert result.exit_code == 0, result.output
    assert "memory: 2 entries are filled from the translation memory" in result.stderr
    assert (
        "subtitles/demo/pl.po: 6 of 6 filled: 2 from the translation memory, 4 drafted by libre"
        in result.stdout
    )
    assert "filled 6 entries: 2 from the translation memory, 4 by libre" in result.stdout
    sent = libre.texts()
    assert not set(KNOWN) & set(sent)  # nothing the memory had was sent
    path = root / "subtitles" / "demo" / "pl.po"
    po = {e.msgid: e for e in polib.pofile(str(path))}
    for msgid, text in KNOWN.items():
        assert po[msgid].msgstr == text and po[msgid].fuzzy
        assert po[msgid].tcomment == "memory: other/pl.po"
    assert "machine draft: libre" in po[CUES[1]].tcomment
    msgfmt_ok(path)


def test_when_the_memory_fills_everything_nothing_is_sent(mt_project, libre):
    root = mt_project(translate_settings(libre="http://127.0.0.1:9/"), videos=("demo", "other"))
    po = polib.pofile(str(root / "subtitles" / "other" / "pl.po"))
    translate_other(root, {e.msgid: f"[pl] {e.msgid}" for e in po})
    dry = invoke(root, "translate", "demo", "--lang", "pl", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "memory: 6 entries would be filled from the translation memory" in dry.stderr
    result = invoke(root, "translate", "demo", "--lang", "pl")
    assert result.exit_code == 0, result.output  # no provider reached (port 9 refuses)
    assert "6 of 6 filled: 6 from the translation memory, 0 drafted by libre" in result.stdout
    assert libre.count == 0
    again = invoke(root, "translate", "demo", "--lang", "pl")
    assert "nothing untranslated" in again.stdout


def test_memory_fill_off_drafts_everything(mt_project, libre):
    root = mt_project(
        translate_settings(libre=libre.url) + "\n[memory]\nfill = false\n", videos=("demo", "other")
    )
    translate_other(root, KNOWN)
    result = invoke(root, "translate", "demo", "--lang", "pl")
    assert "6 of 6 drafted" in result.stdout
