"""A PO's `Language:` header in any of gettext's and BCP 47's forms; plural entries counted
translated when every form is (msgfmt's notion)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.checks.runner import check_paths
from pipeline.errors import UsageError
from pipeline.tracks.build import translate_track
from pipeline.tracks.model import Cue
from pipeline.tracks.po_language import catalogue_language, from_header
from pipeline.tracks.po_read import is_translated, read_catalog


def head(language: str | None) -> str:
    field = f'"Language: {language}\\n"\n' if language is not None else ""
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'{field}"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : 1);\\n"\n\n'
    )


BODY = (
    "#. cue 1: 00:00:01,000 --> 00:00:02,000 (1.0 s)\n"
    'msgid "One file"\nmsgid_plural "Files"\n'
    'msgstr[0] "Jeden plik"\nmsgstr[1] "Pliki"\nmsgstr[2] "Plików"\n\n'
    "#. cue 2: 00:00:03,000 --> 00:00:04,000 (1.0 s)\n"
    'msgid "One tender"\nmsgid_plural "Tenders"\n'
    'msgstr[0] "Jeden przetarg"\nmsgstr[1] ""\nmsgstr[2] "Przetargów"\n\n'
    "#. cue 3: 00:00:05,000 --> 00:00:06,000 (1.0 s)\n"
    'msgid "Buyer"\nmsgstr "Nabywca"\n'
)

HEADERS = [  # header, expected language, language checked as, what is said (None: nothing)
    ("nl_BE", "nl-BE", "nl-BE", None),
    ("nl-BE", "nl-BE", "nl-BE", None),
    ("nl", "nl-BE", "nl-BE", "info"),
    ("nl_NL", "nl-BE", "nl-BE", "info"),
    ("pt_BR", "pt-PT", "pt-PT", "info"),
    ("pt-PT", None, "pt-PT", None),
    ("pt_PT.UTF-8", "pt-PT", "pt-PT", None),
    ("sr@latin", "pl", "pl", "warning"),
    ("fi", "pl", "pl", "warning"),
    ("fr", "pl", "fr", "warning"),  # an exact header wins, as before; the mismatch is said
    ("nl", None, "nl-BE", "info"),
    ("", "el", "el", None),
    ("  el  ", None, "el", None),
]


@pytest.mark.parametrize(("header", "expected", "code", "said"), HEADERS)
def test_every_form_of_the_header_is_read(header, expected, code, said):
    got, notes = catalogue_language(header, expected, "x.po", 4)
    assert got == code
    assert [n.severity for n in notes] == ([said] if said else [])
    assert all(n.line == 4 and n.code == "po-language" for n in notes)


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("fi", "Language: fi is not a language msm knows"),
        ("", "no Language header"),
    ],
)
def test_an_unknown_language_is_named_not_called_missing(header, says):
    with pytest.raises(UsageError, match=says):
        catalogue_language(header, None, "x.po", None)


def test_gettext_and_bcp47_forms_name_the_same_language():
    assert from_header("nl_BE")[0] is from_header("nl-be")[0] is from_header("nl-BE")[0]
    assert from_header("nl") == (from_header("nl_BE")[0], False)
    assert from_header("xx") == (None, False)


def test_a_lone_po_with_language_nl_is_checked_as_flemish(tmp_path: Path):
    path = tmp_path / "talk.po"  # no language in the name
    path.write_text(head("nl") + BODY, encoding="utf-8")
    report = check_paths([path], None)
    assert not report.errors, [str(e) for e in report.errors]
    notes = [f for f in report.findings.items if f.check == "po-language"]
    assert [(f.severity, f.lang, f.line) for f in notes] == [("info", "nl-BE", 1)]


def test_a_lone_po_in_a_language_msm_does_not_know_says_so(tmp_path: Path):
    path = tmp_path / "talk.po"
    path.write_text(head("fi") + BODY, encoding="utf-8")
    report = check_paths([path], None)
    (error,) = report.errors
    assert "Language: fi is not a language msm knows" in str(error)
    assert "no Language header" not in str(error)


def test_plural_entries_are_translated_when_every_form_is(tmp_path: Path):
    entries = list(read_catalog(head("pl") + BODY, "pl.po"))
    assert [is_translated(e) for e in entries] == [True, False, True]
    path = tmp_path / "pl.po"
    path.write_text(head("pl") + BODY, encoding="utf-8")
    report = check_paths([path], None)
    untranslated = [f.line for f in report.findings.items if f.check == "untranslated"]
    assert untranslated == [15]  # the entry with an empty msgstr[1], and only it


def test_a_built_track_takes_a_complete_plural_entry_and_leaves_out_a_partial_one():
    entries = {e.key: e for e in read_catalog(head("pl") + BODY, "pl.po")}
    keys = list(entries)
    cues = [Cue(n * 1000, n * 1000 + 900, key[1], n, 0) for n, key in enumerate(keys, start=1)]
    built, gaps = translate_track(cues, keys, entries)
    assert [c.text for c in built] == ["Jeden plik", "Nabywca"]
    assert [(g.position, g.reason) for g in gaps] == [(2, "untranslated")]
