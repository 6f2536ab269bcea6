"""Writing a merged catalogue over its old text: the intended entries, the old bytes elsewhere."""

from __future__ import annotations

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.tracks.po_io import parse_po
from pipeline.tracks.po_layout import compose, set_header_field, signature, split_blocks

HEADER = """\
# A translator's header comment.
msgid ""
msgstr ""
"Project-Id-Version: demo\\n"
"POT-Creation-Date: 2026-11-25 "
"12:00+0000\\n"
"Language: pl\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
"n%100>=20) ? 1 : 2);\\n"
"X-Generator: Poedit 3.4.2\\n"
"""

BODY = """
#. cue 1 (1.0 s)
#: en.srt:3
msgid "Hello."
msgstr "Cześć."

# Ana: checked
#, c-format, no-wrap
#| msgid "Earlier %d"
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d plik"
msgstr[1] "%d pliki"
msgstr[2] "%d plików"
msgctxt "menu"
msgid "Open"
msgstr ""
"Otwórz "
"teraz"

#~| msgid "Older"
#~ msgid "Old"
#~ msgstr "Stary"
"""


def parse(text: str) -> polib.POFile:
    return parse_po(text, "test.po")


def test_nothing_changed_gives_the_same_text() -> None:
    text = HEADER + BODY
    po = parse(text)
    assert compose(text, po, list(po)) is text


def test_a_changed_translation_rewrites_that_entry_only() -> None:
    text = HEADER + BODY
    po = parse(text)
    entries = list(parse(text))  # new objects, as a merge makes them
    entries[0].msgstr = "Dzień dobry."
    new = compose(text, po, entries)
    assert new == text.replace('msgstr "Cześć."', 'msgstr "Dzień dobry."')


def test_a_changed_comment_keeps_the_texts_lines() -> None:
    text = HEADER + BODY
    po = parse(text)
    entries = list(parse(text))  # new objects, as a merge makes them
    entries[2].flags = ["fuzzy"]  # the entry whose msgstr another tool cut in two
    new = compose(text, po, entries)
    assert new == text.replace('msgctxt "menu"', '#, fuzzy\nmsgctxt "menu"')


def test_entries_added_removed_and_obsoleted() -> None:
    text = HEADER + BODY
    po = parse(text)
    hello, _plural, _menu, old = parse(text)
    added = polib.POEntry(msgid="New.", msgstr="", comment="cue 2 (2.0 s)")
    menu_gone = polib.POEntry(msgctxt="menu", msgid="Open", msgstr="Otwórz teraz", obsolete=True)
    new = compose(text, po, [hello, added, old, menu_gone])
    assert new is not None
    again = parse(new)
    assert [signature(e) for e in again] == [signature(e) for e in (hello, added, old, menu_gone)]
    assert '#~| msgid "Older"' in new  # polib cannot even read it: kept as bytes
    assert new.startswith(HEADER)
    assert "%d plik" not in new


def test_crlf_and_no_final_newline() -> None:
    text = (HEADER + BODY).rstrip("\n").replace("\n", "\r\n")
    po = parse(text)
    entries = list(parse(text))  # new objects, as a merge makes them
    entries[3].tcomment = "still useful"
    entries.append(polib.POEntry(msgid="Last.", msgstr="Ostatni."))
    new = compose(text, po, entries)
    assert new is not None and "\n" not in new.replace("\r\n", "")
    assert [signature(e) for e in parse(new)] == [signature(e) for e in entries]


def test_comments_closing_the_file_stay_last() -> None:
    text = HEADER + BODY + "\n# the end, says the translator\n"
    po = parse(text)
    entries = [*parse(text), polib.POEntry(msgid="More.", msgstr="Więcej.", obsolete=True)]
    new = compose(text, po, entries)
    assert new is not None and new.endswith("\n# the end, says the translator\n")


def test_a_file_without_a_header_is_left_to_the_caller() -> None:
    text = BODY.lstrip("\n")
    po = parse(text)
    entries = list(parse(text))  # new objects, as a merge makes them
    entries[0].msgstr = "Hej."
    assert compose(text, po, entries) is None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (
            "POT-Creation-Date",
            "2027-01-02 03:04+0000",
            '"POT-Creation-Date: 2027-01-02 "\n"03:04+0000\\n"\n',  # cut where it was cut
        ),
        ("X-Generator", "msm 9", '"X-Generator: msm 9\\n"\n'),
    ],
)
def test_set_header_field_in_place(name: str, value: str, expected: str) -> None:
    text = HEADER + BODY
    new = set_header_field(text, name, value)
    assert expected in new
    assert parse(new).metadata[name] == value
    changed = [a for a, b in zip(text.split("\n"), new.split("\n"), strict=True) if a != b]
    assert 1 <= len(changed) <= 2


def test_set_header_field_leaves_a_missing_field_alone() -> None:
    assert set_header_field(HEADER + BODY, "Last-Translator", "x") == HEADER + BODY


def test_split_blocks_on_entries_without_blank_lines() -> None:
    lines = (HEADER + BODY).split("\n")
    blocks = split_blocks([line + "\n" for line in lines])
    assert len(blocks) == 5  # header, Hello, the plural, the menu entry (no blank line), Old


TEXT = st.text(alphabet='ab \n"\\é', max_size=12)


@st.composite
def catalogue_and_edit(draw: st.DrawFn) -> tuple[list[polib.POEntry], list[polib.POEntry]]:
    count = draw(st.integers(1, 6))
    old = []
    for i in range(count):
        plural = draw(st.booleans())
        obsolete = draw(st.booleans())
        entry = polib.POEntry(
            msgid=f"text {i} " + draw(TEXT),
            msgstr="" if plural else draw(TEXT),
            msgctxt=draw(st.sampled_from([None, "ctx"])),
            tcomment=draw(st.sampled_from(["", "note", "two\nlines"])),
            # polib writes no `#.` lines for an obsolete entry (msgmerge drops them too)
            comment="" if obsolete else draw(st.sampled_from(["", f"cue {i + 1} (1.5 s)"])),
            flags=draw(st.sampled_from([[], ["fuzzy"], ["c-format", "no-wrap"]])),
            obsolete=obsolete,
        )
        if plural:
            entry.msgid_plural = "plural " + draw(TEXT)
            entry.msgstr_plural = {0: draw(TEXT), 1: draw(TEXT), 2: draw(TEXT)}
        old.append(entry)
    new = []
    for entry in old:
        action = draw(st.sampled_from(["keep", "keep", "translate", "flag", "drop"]))
        if action == "drop":
            continue
        copy = polib.POEntry(
            msgid=entry.msgid,
            msgstr=entry.msgstr,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            msgstr_plural=dict(entry.msgstr_plural),
            tcomment=entry.tcomment,
            comment=entry.comment,
            flags=list(entry.flags),
            obsolete=entry.obsolete,
        )
        if action == "translate" and not copy.msgid_plural:
            copy.msgstr = "new " + draw(TEXT)
        elif action == "flag":
            copy.flags = [*copy.flags, "python-format"]
        new.append(copy)
    if draw(st.booleans()):
        new.insert(draw(st.integers(0, len(new))), polib.POEntry(msgid="added", msgstr="x"))
    return old, new


@settings(max_examples=150, deadline=None)
@given(catalogue_and_edit(), st.sampled_from([0, 20, 40, 79]))
def test_compose_gives_exactly_the_new_entries_and_keeps_unchanged_blocks(
    catalogue: tuple[list[polib.POEntry], list[polib.POEntry]], width: int
) -> None:
    old, new = catalogue
    po = polib.POFile(wrapwidth=width)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "pl"}
    po.extend(old)
    text = po.__unicode__()
    parsed = parse(text)
    wanted = [next((e for e in parsed if signature(e) == signature(n)), n) for n in new]
    result = compose(text, parsed, wanted)
    assert result is not None
    again = parse(result)
    assert [signature(e) for e in again] == [signature(e) for e in new]
    assert again.metadata == parsed.metadata
    for entry in old:
        if any(signature(entry) == signature(n) for n in new):
            block = entry.__unicode__(wrapwidth=width)
            assert block in result  # its old bytes, however it was wrapped


def test_an_entry_made_obsolete_keeps_its_previous_msgid() -> None:
    text = HEADER + BODY
    po = parse(text)
    hello, plural, menu, old = parse(text)
    menu.previous_msgid = "Open it"
    menu.flags = ["fuzzy"]
    menu.obsolete = True
    new = compose(text, po, [hello, plural, old, menu])
    assert new is not None
    assert new.endswith(
        '#, fuzzy\n#~| msgid "Open it"\n#~ msgctxt "menu"\n'
        '#~ msgid "Open"\n#~ msgstr "Otwórz teraz"\n'
    )
