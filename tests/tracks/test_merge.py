"""msgmerge semantics: kept, fuzzy with #| msgid, new, obsolete; no translation is ever lost."""

from __future__ import annotations

import polib
import pytest

from pipeline.tracks.cue_notes import cue_numbers, read_notes
from pipeline.tracks.merge import cue_keys, cue_notes, merge, source_entries, template_entry
from pipeline.tracks.model import Cue


def entry(msgid: str, msgstr: str = "", **kw: object) -> polib.POEntry:
    return polib.POEntry(msgid=msgid, msgstr=msgstr, **kw)


def by_id(entries: list[polib.POEntry]) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in entries}


def test_identical_texts_share_one_entry_listing_every_cue() -> None:
    cues = [
        Cue(0, 1000, "Thank you.", 1, 1),
        Cue(1000, 2000, "Next", 2, 5),
        Cue(3000, 4000, "Thank you.", 3, 9),
    ]
    entries = source_entries(cues)
    assert [(e.msgid, [c.index for c in e.cues]) for e in entries] == [
        ("Thank you.", [1, 3]),
        ("Next", [2]),
    ]
    po = template_entry(entries[0], "en.srt")
    assert po.occurrences == [("en.srt", "2"), ("en.srt", "10")]
    assert po.comment == "cue 1 (1.0 s)\ncue 3 (1.0 s)"


def test_contexts_split_one_text_into_two_entries() -> None:
    cues = [Cue(0, 1000, "Right."), Cue(1000, 2000, "Right.")]
    entries = source_entries(cues, {2: "direction"})
    assert [(e.msgctxt, e.msgid) for e in entries] == [(None, "Right."), ("direction", "Right.")]
    assert cue_keys(cues, {2: "direction"}) == [(None, "Right."), ("direction", "Right.")]


def test_unchanged_text_keeps_translation_flags_and_comments() -> None:
    old = [entry("Hello", "Bonjour", tcomment="checked by Ana", flags=["no-wrap"])]
    merged, stats = merge([entry("Hello", occurrences=[("en.srt", "3")])], old)
    assert merged[0].msgstr == "Bonjour"
    assert merged[0].tcomment == "checked by Ana"
    assert merged[0].flags == ["no-wrap"]
    assert merged[0].occurrences == [("en.srt", "3")]
    assert (stats.kept, stats.fuzzy, stats.new, stats.obsoleted) == (1, 0, 0, 0)


def test_edited_text_keeps_old_translation_as_fuzzy_with_previous_msgid() -> None:
    old = [entry("The contracting authority publishes a notice.", "L'autorité publie un avis.")]
    template = [entry("The contracting authority publishes the notice.")]
    merged, stats = merge(template, old)
    assert len(merged) == 1
    (new,) = merged
    assert new.msgstr == "L'autorité publie un avis."
    assert new.fuzzy
    assert new.previous_msgid == "The contracting authority publishes a notice."
    assert (stats.fuzzy, stats.obsoleted) == (1, 0)


def test_removed_text_becomes_obsolete_and_comes_back_when_restored() -> None:
    old = [entry("Keep", "Garder"), entry("Gone", "Parti", tcomment="careful")]
    merged, stats = merge([entry("Keep")], old)
    obsolete = [e for e in merged if e.obsolete]
    assert [(e.msgid, e.msgstr, e.tcomment) for e in obsolete] == [("Gone", "Parti", "careful")]
    assert stats.obsoleted == 1
    again, stats = merge([entry("Keep"), entry("Gone")], merged)
    assert by_id(again)["Gone"].msgstr == "Parti"
    assert not by_id(again)["Gone"].obsolete
    assert stats.revived == 1


def test_unrelated_new_text_is_new_not_fuzzy() -> None:
    old = [entry("Award criteria decide the winner.", "Les critères décident.")]
    merged, stats = merge([entry("Lots help small firms.")], old)
    assert by_id(merged)["Lots help small firms."].msgstr == ""
    assert by_id(merged)["Award criteria decide the winner."].obsolete
    assert (stats.new, stats.fuzzy, stats.obsoleted) == (1, 0, 1)


def test_untranslated_vanished_entries_leave_nothing_behind() -> None:
    merged, stats = merge([entry("A")], [entry("B")])
    assert [e.msgid for e in merged] == ["A"]
    assert stats.obsoleted == 0


def test_fuzzy_entry_that_is_fuzzy_matched_again_keeps_its_first_previous_msgid() -> None:
    old = [entry("Version two.", "Wersja jeden.", flags=["fuzzy"], previous_msgid="Version one.")]
    merged, _ = merge([entry("Version three.")], old)
    assert merged[0].previous_msgid == "Version one."
    assert merged[0].msgstr == "Wersja jeden."


@pytest.mark.parametrize("count", [1, 5, 40])
def test_every_translation_survives_any_merge(count: int) -> None:
    old = [entry(f"Sentence number {i} about lots.", f"Zdanie {i}") for i in range(count)]
    template = [entry(f"Sentence number {i} about lots!") for i in range(0, count, 2)]
    merged, _ = merge(template, old)
    kept = {e.msgstr for e in merged if e.msgstr}
    assert {f"Zdanie {i}" for i in range(0, count, 2)} <= kept
    survivors = {e.msgstr for e in merged}
    assert all(f"Zdanie {i}" in survivors for i in range(count)), "a translation was lost"


def test_an_empty_obsolete_twin_never_duplicates_a_live_entry() -> None:
    old = [entry("Back", "", obsolete=True)]
    merged, _ = merge([entry("Back")], old)
    assert [(e.msgid, e.obsolete) for e in merged] == [("Back", False)]


@pytest.mark.parametrize(
    ("comment", "notes"),
    [
        ("cue 1: 00:00:01,000 --> 00:00:05,930 (4.9 s)", [(1, 1000, 5930)]),
        # a hand edit in the WebVTT way: the same time
        ("cue 2: 00:00:06.010 --> 00:00:10.629", [(2, 6010, 10629)]),
        (
            "cue 7: 01:02:03,004 --> 01:02:04,000 (1.0 s)\ncue 8: 01:02:04,100 --> 01:02:05,000",
            [(7, 3723004, 3724000), (8, 3724100, 3725000)],
        ),
        ("a translator's note\ncue 3: 00:00:01,000 --> 00:00:02,000", [(3, 1000, 2000)]),
        ("see cue 3: 00:00:01,000 --> 00:00:02,000", []),  # not at the start of a line
        ("cue 3: 0:00:01 --> 0:00:02", []),  # no milliseconds: not ours
        ("", []),
        (None, []),
    ],
)
def test_cue_notes_reads_what_the_template_writes(
    comment: str | None, notes: list[tuple[int, int, int]]
) -> None:
    assert cue_notes(comment) == notes


def test_the_template_note_gives_cue_numbers_and_durations_not_times() -> None:
    cues = [Cue(1000, 5930, "Hello", 4), Cue(3_600_000, 3_601_500, "Hello", 9)]
    entry = template_entry(source_entries(cues, {})[0], "en.srt")
    assert entry.comment == "cue 4 (4.9 s)\ncue 9 (1.5 s)"
    assert cue_notes(entry.comment) == []  # no times: they stay in en.srt
    assert cue_numbers(entry.comment) == [4, 9]
    assert [n.duration for n in read_notes(entry.comment)] == [4900, 1500]


@pytest.mark.parametrize(
    ("comment", "numbers", "durations"),
    [
        ("cue 1 (4.9 s)", [1], [4900]),
        ("cue 12 (0.0 s)\ncue 13 (12.3 s)", [12, 13], [0, 12300]),
        ("cue 1: 00:00:01,000 --> 00:00:05,930 (4.9 s)", [1], [4930]),  # the old long form
        ("a translator's note\ncue 3 (2.0 s)", [3], [2000]),
        ("see cue 3 (2.0 s)", [], []),
        ("cue 3 (2 s)", [], []),  # not ours: one decimal
        ("cue 3 (2.0 s) or so", [], []),
        (None, [], []),
    ],
)
def test_read_notes_reads_both_forms(
    comment: str | None, numbers: list[int], durations: list[int]
) -> None:
    notes = read_notes(comment)
    assert [n.number for n in notes] == numbers
    assert [n.duration for n in notes] == durations


def test_a_rewritten_cue_keeps_its_old_translation_by_its_place_in_the_sequence() -> None:
    """Too different for a text match, but the same cue: the cues around it did not change,
    and a cue inserted before it does not shift it."""
    old = [
        entry("Hello.", "Bonjour.", comment="cue 1 (1.0 s)"),
        entry("Yes.", "Oui.", comment="cue 2 (1.0 s)"),
        entry("Goodbye.", "Au revoir.", comment="cue 3 (1.0 s)"),
    ]
    template = [
        entry("Welcome.", comment="cue 1 (1.0 s)"),
        entry("Hello.", comment="cue 2 (1.0 s)"),
        entry("Yes, of course, gladly.", comment="cue 3 (2.0 s)"),
        entry("Goodbye.", comment="cue 4 (1.0 s)"),
    ]
    merged, stats = merge(template, old)
    found = by_id(merged)
    assert found["Yes, of course, gladly."].msgstr == "Oui."
    assert found["Yes, of course, gladly."].fuzzy
    assert found["Yes, of course, gladly."].previous_msgid == "Yes."
    assert found["Welcome."].msgstr == ""
    assert (stats.kept, stats.fuzzy, stats.new, stats.obsoleted) == (2, 1, 1, 0)


@pytest.mark.parametrize(
    ("old_note", "new_note", "kept"),
    [
        ("cue 3 (5.3 s)", "cue 3 (5.4 s)", True),  # a few ms across a rounding boundary
        ("cue 3 (5.3 s)", "cue 3 (5.2 s)", True),
        ("cue 3 (5.3 s)", "cue 3 (5.5 s)", False),  # a real change of the duration
        ("cue 3 (5.3 s)", "cue 4 (5.3 s)", False),  # a cue inserted before it
        ("cue 3 (5.3 s)\ncue 7 (1.0 s)", "cue 3 (5.3 s)", False),
        ("cue 3: 00:00:01,000 --> 00:00:06,300 (5.3 s)", "cue 3 (5.3 s)", False),  # old form
    ],
)
def test_a_note_is_rewritten_only_for_a_real_change(
    old_note: str, new_note: str, kept: bool
) -> None:
    old = [entry("Hello.", "Bonjour.", comment=old_note)]
    merged, _ = merge([entry("Hello.", comment=new_note)], old)
    assert merged[0].comment == (old_note if kept else new_note)


def test_plural_entries_and_every_field_survive_a_merge() -> None:
    plural = entry(
        "One file.",
        msgid_plural="%d files.",
        msgstr_plural={0: "Jeden plik.", 1: "%d pliki.", 2: "%d plików."},
        flags=["c-format", "no-wrap"],
        tcomment="Ana checked it",
        comment="cue 1 (1.0 s)",
        occurrences=[("en.srt", "3")],
    )
    gone = entry(
        "Old plural.",
        msgid_plural="Old plurals.",
        msgstr_plural={0: "a", 1: "b", 2: "c"},
        msgctxt="menu",
    )
    merged, stats = merge([entry("One file.", comment="cue 1 (1.0 s)")], [plural, gone])
    kept, obsolete = merged
    assert kept.msgid_plural == "%d files."
    assert kept.msgstr_plural == plural.msgstr_plural
    assert (kept.flags, kept.tcomment) == (["c-format", "no-wrap"], "Ana checked it")
    assert obsolete.obsolete and obsolete.msgctxt == "menu"
    assert obsolete.msgstr_plural == {0: "a", 1: "b", 2: "c"}
    assert obsolete.msgid_plural == "Old plurals."
    assert (stats.kept, stats.obsoleted) == (1, 1)
