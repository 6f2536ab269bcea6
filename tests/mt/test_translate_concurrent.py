"""`msm translate` shares the one compare-before-replace write: a PO saved by a translator
between msm's read and a save of drafts is left as they saved it (against a real local
LibreTranslate stand-in, deep-translator speaking HTTP to 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from mt_project import translate_settings

from pipeline.cli import cli
from pipeline.safewrite import between_read_and_write

CHANGED = "changed since msm read it; nothing was written to it"


def test_translate_never_reverts_a_translator_save(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    path = root / "subtitles" / "demo" / "pl.po"
    saved: list[bytes] = []

    def translator_saves(target: Path) -> None:
        if target == path and not saved:  # the first save of drafts
            text = path.read_text("utf-8").replace(
                'msgid "Thank you."\nmsgstr ""', 'msgid "Thank you."\nmsgstr "Dziękuję."'
            )
            path.write_text(text, "utf-8")
            saved.append(path.read_bytes())

    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1795000000", "MSM_TEST_LIBRE_KEY": ""})
    with between_read_and_write(translator_saves):
        result = runner.invoke(cli, ["-C", str(root), "translate", "--lang", "pl"])
    assert saved and b'msgstr "Dzi\xc4\x99kuj\xc4\x99."' in saved[0]
    assert result.exit_code == 1, result.output
    assert f"{path}: {CHANGED}" in result.stderr
    assert "drafts made so far are cached" in result.stderr
    assert path.read_bytes() == saved[0]  # no draft written over the translator's save
    sent = len(libre.seen)
    assert sent  # the drafts were made (and cached), just not written
    again = runner.invoke(cli, ["-C", str(root), "translate", "--lang", "pl"])
    assert again.exit_code == 0, again.output
    first = {r.params["q"] for r in libre.seen[:sent]}
    assert not first & {r.params["q"] for r in libre.seen[sent:]}  # those came from the cache
    text = path.read_text("utf-8")
    assert 'msgstr "Dziękuję."' in text and "machine draft: libre" in text
