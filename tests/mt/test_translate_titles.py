"""`msm translate --titles`: the YouTube titles and descriptions (meta/<lang>.po) are drafted
like cues, through the same provider, cache and writer, and marked fuzzy for review."""

from __future__ import annotations

from pathlib import Path

import polib
from click.testing import CliRunner
from mt_project import translate_settings

from pipeline.cli import cli


def invoke(root: Path, *args: str):
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1795000000"})
    return runner.invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def test_titles_are_drafted_only_when_asked(mt_project, libre, msgfmt_ok):
    root = mt_project(translate_settings(libre=libre.url))
    catalog = root / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace('title = "Demo"\n', 'title = "Demo"\ndescription = "How cities buy."\n'),
        encoding="utf-8",
    )
    assert invoke(root, "update", "--lang", "pl").exit_code == 0
    meta = root / "subtitles" / "demo" / "meta" / "pl.po"

    assert invoke(root, "translate", "--lang", "pl").exit_code == 0
    assert "Demo" not in libre.texts()  # not asked for
    assert all(not e.msgstr for e in polib.pofile(str(meta)))

    result = invoke(root, "translate", "--lang", "pl", "--titles")
    assert result.exit_code == 0, result.output
    assert sorted(t for t in libre.texts() if t in ("Demo", "How cities buy.")) == [
        "Demo",
        "How cities buy.",
    ]
    drafted = {e.msgctxt: e for e in polib.pofile(str(meta))}
    assert drafted["youtube title"].msgstr == "[pl] Demo"
    assert drafted["youtube description"].msgstr == "[pl] How cities buy."
    assert all(e.fuzzy and "machine draft: libre" in e.tcomment for e in drafted.values())
    msgfmt_ok(meta)


def test_a_title_catalogue_out_of_date_is_not_drafted(mt_project, libre):
    root = mt_project(translate_settings(libre=libre.url))
    assert invoke(root, "update", "--lang", "pl").exit_code == 0
    catalog = root / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('title = "Demo"\n', 'title = "Demo 2"\n'), encoding="utf-8")
    result = invoke(root, "translate", "--lang", "pl", "--titles")
    assert result.exit_code == 2
    assert "meta/pl.po: out of date with catalog.toml" in result.stderr
    assert "run `msm update demo --lang pl` first" in result.stderr
    assert "Demo" not in libre.texts() and "Demo 2" not in libre.texts()  # the old text
    assert invoke(root, "update", "--lang", "pl").exit_code == 0
    assert invoke(root, "translate", "--lang", "pl", "--titles").exit_code == 0
    assert "Demo 2" in libre.texts()
