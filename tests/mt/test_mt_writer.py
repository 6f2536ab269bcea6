"""TrackWriter: drafts go into the PO in place; odd layouts fall back to a full render."""

from __future__ import annotations

import polib
import pytest

from pipeline.errors import MsmError
from pipeline.mt.writer import TrackWriter, read_exact
from pipeline.tracks.po_io import key_of

HEADER = 'msgid ""\nmsgstr ""\n"Language: pl\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def draft_of(entry, text):
    return polib.POEntry(
        msgid=entry.msgid, msgstr=text, tcomment="machine draft: libre, 2026-11-25", flags=["fuzzy"]
    )


def test_drafts_are_written_in_place_and_saves_accumulate(tmp_path, msgfmt_ok):
    text = (
        HEADER
        + '\nmsgid "One."\nmsgstr ""\n\nmsgid "Two."\nmsgstr "Dwa."\n\nmsgid "Three."\nmsgstr ""\n'
    )
    path = tmp_path / "pl.po"
    path.write_text(text, encoding="utf-8")
    po = polib.pofile(text)
    writer = TrackWriter(path, text, po)
    one, three = po[0], po[2]
    writer.add(key_of(one), draft_of(one, "Jeden."))
    writer.save()
    writer.add(key_of(three), draft_of(three, "Trzy."))
    writer.save(final=True)
    out = read_exact(path)
    assert 'msgid "Two."\nmsgstr "Dwa."\n' in out
    got = {e.msgid: e for e in polib.pofile(out)}
    assert got["One."].msgstr == "Jeden." and got["One."].fuzzy
    assert got["Three."].msgstr == "Trzy." and got["Three."].fuzzy
    msgfmt_ok(path)


def test_entries_without_blank_lines_fall_back_to_a_full_render(tmp_path, msgfmt_ok):
    # Legal PO, but no blank line between entries: the block of "Two." cannot be cut out
    # safely, so the whole catalogue is rendered (msm's layout, every text kept).
    text = HEADER + '\nmsgid "One."\nmsgstr "Raz."\nmsgid "Two."\nmsgstr ""\n'
    path = tmp_path / "pl.po"
    path.write_text(text, encoding="utf-8")
    po = polib.pofile(text)
    writer = TrackWriter(path, text, po)
    writer.add(key_of(po[1]), draft_of(po[1], "Dwa."))
    writer.save()
    out = read_exact(path)
    assert 'msgstr "Raz."\n\n' in out  # rendered afresh: entries now separated
    got = {e.msgid: e for e in polib.pofile(out)}
    assert got["Two."].msgstr == "Dwa." and got["Two."].fuzzy
    assert got["One."].msgstr == "Raz." and not got["One."].fuzzy  # content kept
    msgfmt_ok(path)


def test_someone_elses_save_is_never_overwritten(tmp_path):
    text = HEADER + '\nmsgid "One."\nmsgstr ""\n'
    path = tmp_path / "pl.po"
    path.write_text(text, encoding="utf-8")
    po = polib.pofile(text)
    writer = TrackWriter(path, text, po)
    writer.add(key_of(po[0]), draft_of(po[0], "Jeden."))
    edited = text.replace('msgstr ""\n', 'msgstr "Raz."\n')
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(MsmError, match="changed since msm read it"):
        writer.save()
    assert path.read_text(encoding="utf-8") == edited
