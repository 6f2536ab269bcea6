"""Patching entries in place leaves every other byte of the PO as it was."""

from __future__ import annotations

import polib
import pytest

from pipeline.tracks.po_io import key_of
from pipeline.tracks.po_patch import patch_entries, render_entry

# Wrapped narrower than msm writes, with a translator's own comment and an obsolete entry:
# re-rendering through polib would change these bytes.
PO = """\
# Translator header, edited in Poedit.
msgid ""
msgstr ""
"Language: pl\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#. cue 1
#: en.srt:3
msgid "Public procurement is how cities buy."
msgstr ""
"Zamówienia publiczne "
"to sposób, w jaki miasta kupują."

#. cue 2
#: en.srt:7
msgid "We buy works."
msgstr ""

# a note the translator left
#, fuzzy
msgid "Every contract starts with a need."
msgstr "Każda umowa zaczyna się od potrzeby."

#. cue 4
msgctxt "end"
msgid "Thank you."
msgstr ""

#~ msgid "Old text."
#~ msgstr "Stary tekst."
"""


def drafted(po, msgid, text):
    entry = next(e for e in po if e.msgid == msgid and not e.obsolete)
    new = polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=text,
        occurrences=entry.occurrences,
        comment=entry.comment,
        tcomment="machine draft: libre, 2026-11-25",
        flags=["fuzzy"],
    )
    return key_of(entry), new


CUE_2 = """\
#. cue 2
#: en.srt:7
msgid "We buy works."
msgstr ""
"""

THANKS = """\
#. cue 4
msgctxt "end"
msgid "Thank you."
msgstr ""
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_only_the_patched_blocks_change(newline):
    text = PO.replace("\n", newline)
    po = polib.pofile(text)
    (k1, e1), (k2, e2) = (
        drafted(po, "We buy works.", "Kupujemy roboty."),
        drafted(po, "Thank you.", "Dziękuję."),
    )
    out = patch_entries(text, po, {k1: e1, k2: e2})
    # Byte for byte: the old blocks replaced by the new entries, nothing else touched.
    expected = text.replace(CUE_2.replace("\n", newline), render_entry(e1, newline)).replace(
        THANKS.replace("\n", newline), render_entry(e2, newline)
    )
    assert expected != text
    assert out == expected
    reparsed = {e.msgid: e for e in polib.pofile(out)}
    assert reparsed["We buy works."].msgstr == "Kupujemy roboty."
    assert reparsed["We buy works."].fuzzy
    assert reparsed["Thank you."].msgctxt == "end"
    assert reparsed["Thank you."].msgstr == "Dziękuję."
    assert '"Zamówienia publiczne "' in out  # the translator's wrapping survived


def test_nothing_to_patch_returns_the_text_itself():
    po = polib.pofile(PO)
    assert patch_entries(PO, po, {}) is PO


def test_an_entry_not_in_the_file_is_refused():
    po = polib.pofile(PO)
    stranger = polib.POEntry(msgid="Not here.", msgstr="x")
    with pytest.raises(ValueError):
        patch_entries(PO, po, {(None, "Not here."): stranger})


def test_a_block_that_does_not_parse_as_the_entry_is_refused():
    # two entries with no blank line between them still parse, but our block guess holds
    # the wrong text if polib's line numbers do not match the text given
    po = polib.pofile(PO)
    shifted = "# extra line\n" + PO
    key, new = drafted(po, "We buy works.", "Kupujemy roboty.")
    with pytest.raises(ValueError):
        patch_entries(shifted, po, {key: new})
