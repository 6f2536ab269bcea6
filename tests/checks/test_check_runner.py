"""The runner over real files: the clean fixture project, a broken copy, loose files, errors."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path, PurePosixPath

import polib
import pytest
from check_helpers import PROJECT
from hypothesis import given
from hypothesis import strategies as st

from pipeline.checks import inputs
from pipeline.checks.registry import load_all
from pipeline.checks.runner import check_paths, find_project
from pipeline.ops.build import plan_build
from pipeline.plan import apply
from pipeline.project import Project
from pipeline.tracks.po_io import render

NB = "\u00a0"
B = "subtitles/budget-basics"
G = "subtitles/green-tenders"


def findings_of(report):
    return {(f.path, f.line, f.check) for f in report.findings.items}


def test_the_clean_fixture_is_clean():
    project = Project.load(PROJECT)
    report = check_paths([], project)
    assert report.findings.items == []
    assert report.exit_code == 0
    assert len(report.findings.files) == 50  # 2 × (en.srt + 8 × (po + srt + vtt))
    assert not report.errors
    # every check that applies looked at the files: the fr catalogue saw the French rules
    assert {"nbsp-punctuation", "cps-max", "untranslated"} <= report.ran[f"{B}/fr.po"]
    assert "nbsp-punctuation" not in report.ran[f"{B}/pl.po"]


# --- independent locators: plain text scans, not the code under test ----------------------


def _unquote(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def msgid_line(path: Path, msgid: str) -> int:
    """The line of the `msgid` keyword of the entry whose msgid is `msgid`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        bare = line[3:] if line.startswith("#~ ") else line
        if not bare.startswith("msgid "):
            continue
        text = _unquote(bare[7:-1])
        k = n + 1
        while k < len(lines) and lines[k].lstrip("#~ ").startswith('"'):
            text += _unquote(lines[k].lstrip("#~ ")[1:-1])
            k += 1
        if text == msgid:
            return n + 1
    raise AssertionError(f"{msgid!r} not in {path}")


def timing_line(path: Path, cue: int, encoding: str = "utf-8") -> int:
    """The line of the timing line of the cue-th cue of an SRT file."""
    lines = path.read_text(encoding=encoding).splitlines()
    timings = [n for n, line in enumerate(lines, 1) if "-->" in line]
    return timings[cue - 1]


# --- planting -----------------------------------------------------------------------------


def set_entry(path: Path, msgid: str, msgstr: str | None = None, *, fuzzy=False, comment=""):
    po = polib.pofile(path.read_text(encoding="utf-8"), wrapwidth=79)
    [entry] = [e for e in po if e.msgid == msgid]
    if msgstr is not None:
        entry.msgstr = msgstr
    if fuzzy:
        entry.flags.append("fuzzy")
    if comment:
        entry.tcomment = comment
    path.write_text(render(po), encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuild(root: Path) -> None:
    project = Project.load(root)
    plan = plan_build(project, list(project.settings.videos), project.languages(), True)
    apply(plan.changes)


YES = "Yes."
CLEAN_BUSES = "Cities can ask for\nclean buses."


def plant(root: Path) -> tuple[set[tuple[str, int | None, str]], set[tuple[str, int | None]]]:
    """Break a copy of the fixture in every way a check can see; return what must be found
    (path, line, check) and which findings are accepted (path, line)."""
    b, g = root / B, root / G
    expected: set[tuple[str, int | None, str]] = set()

    def po_at(folder, lang, msgid, check):
        path = folder / f"{lang}.po"
        expected.add(
            (
                f"{path.parent.relative_to(root).as_posix()}/{lang}.po",
                msgid_line(path, msgid),
                check,
            )
        )

    # 1. Translations, in the PO files (the source of truth).
    q2 = "What if that money\ncould do more?"
    q4 = "The law calls it\n“strategic procurement”."
    c1 = "Every year, cities spend billions\non public contracts."
    dlg = "-Is it complicated?\n-Not really."
    see = "Let's see how it works…"
    thanks = "Thank you for watching!"
    green = "Green tenders cut emissions\nby up to 20%."
    set_entry(b / "fr.po", q2, "Et si cet argent\npouvait faire plus ?")
    set_entry(b / "fr.po", q4, "La loi parle\nde « marchés stratégiques ».")
    set_entry(b / "fr.po", YES, "Oui, bien sûr.")  # 14 characters in 0.9 s: 15.6 per second
    set_entry(g / "fr.po", CLEAN_BUSES, 'Les villes peuvent exiger\n"des bus propres".')
    set_entry(g / "fr.po", thanks, f"Merci de votre attention{NB}!")
    set_entry(b / "pl.po", q4, 'Prawo nazywa to\n"strategicznymi zamówieniami".')
    set_entry(b / "pl.po", dlg, "-Czy to skomplikowane?\n-Niezbyt.")
    set_entry(b / "pl.po", c1, "Co roku\nmiasta wydają miliardy\nna zamówienia publiczne.")
    set_entry(g / "pl.po", green, "Zielone przetargi zmniejszają\nemisje nawet o 20%...")
    set_entry(g / "pl.po", CLEAN_BUSES, comment="msm-accept: cps-maxx a typo accepts nothing")
    set_entry(b / "ro.po", c1, "În fiecare an, oraşele cheltuiesc\nmiliarde pe contracte publice.")
    set_entry(g / "ro.po", CLEAN_BUSES, "Orașele pot cere\nautobuze  curate.")
    set_entry(b / "es.po", q2, "Y si ese dinero\npudiera hacer más?")
    set_entry(
        b / "es.po",
        YES,
        "Sí, claro que sí, por supuesto.",
        comment="msm-accept: cps-max the speaker repeats it; fine",
    )
    set_entry(g / "es.po", green, "Las licitaciones verdes reducen;\nlas emisones hasta un 20 %.")
    set_entry(b / "el.po", q2, "Κι αν αυτά τα χρήματα\nμπορούσαν να κάνουν περισσότερα?")
    set_entry(b / "el.po", see, "Ας δούμε --> πώς λειτουργεί…")
    set_entry(g / "el.po", CLEAN_BUSES, "Οι πόλεις μπορούν να ζητήσουν\nκαθαρά λεωφορεία!.")
    with (g / "el.po").open("a", encoding="utf-8") as handle:
        handle.write('\n#~ msgid "An old line."\n#~ msgstr "Μια παλιά γραμμή."\n')
    set_entry(b / "nl-BE.po", see, "Laten we kijken hoe het werkt …")
    set_entry(b / "nl-BE.po", c1, fuzzy=True)
    set_entry(g / "nl-BE.po", CLEAN_BUSES, "Steden kunnen\nschone bussen eisen .")
    set_entry(g / "nl-BE.po", green, "Groene aanbestedingen verminderen vandaag al\nde uitstoot.")
    set_entry(b / "pt-PT.po", see, '<font color="red">Vejamos</font> como funciona…')
    set_entry(g / "pt-PT.po", green, "Os concursos verdes reduzem\nas emissões até 20%.")
    set_entry(g / "pt-PT.po", CLEAN_BUSES, CLEAN_BUSES)
    set_entry(b / "eu.po", q2, "Eta E.B.ren diru horrek\ngehiago egin ahal balu?")
    set_entry(b / "eu.po", see, "")
    set_entry(b / "pl.po", q2, "A gdyby te pieniądze\nmogły zdziałać więcej.")
    set_entry(b / "ro.po", q2, "Și dacă acești bani\nar putea face mai mult mult?")
    set_entry(b / "es.po", see, "Veamos cómo fun\u00adciona…")
    set_entry(b / "eu.po", thanks, "Eskerrik asko! www.a.eus")
    set_entry(b / "pt-PT.po", c1, "Todos os anos, as cidades gastam\nmil milhões (em contratos.")
    for folder, lang, msgid, check in [
        (b, "fr", q2, "nbsp-punctuation"),
        (b, "fr", q4, "guillemet-spacing"),
        (b, "fr", YES, "cps-optimal"),
        (g, "fr", CLEAN_BUSES, "quote-style"),
        (g, "fr", thanks, "inconsistent-translation"),
        (b, "fr", thanks, "inconsistent-translation"),  # a tie: both sides are shown
        (b, "pl", q4, "quote-style"),
        (b, "pl", dlg, "dialogue-dash"),
        (b, "pl", c1, "line-count"),
        (g, "pl", green, "ellipsis-character"),
        (g, "pl", CLEAN_BUSES, "accept-unknown"),
        (b, "ro", c1, "comma-below"),
        (g, "ro", CLEAN_BUSES, "double-space"),
        (b, "es", q2, "inverted-marks"),
        (b, "es", YES, "cps-max"),
        (g, "es", green, "semicolon"),
        (g, "es", green, "spelling"),  # emisones
        (b, "el", q2, "greek-question-mark"),
        (b, "el", see, "invalid-translation"),
        (g, "el", CLEAN_BUSES, "period-after-mark"),
        (g, "el", "An old line.", "obsolete"),
        (b, "nl-BE", see, "ellipsis-spacing"),
        (b, "nl-BE", c1, "fuzzy"),
        (g, "nl-BE", CLEAN_BUSES, "space-before-punctuation"),
        (g, "nl-BE", green, "line-length"),
        (g, "nl-BE", green, "number-mismatch"),  # "20%" is gone from the new text
        (b, "pl", q2, "end-punctuation"),
        (b, "ro", q2, "repeated-word"),
        (b, "es", see, "invisible-character"),
        (b, "eu", thanks, "link-mismatch"),
        (b, "pt-PT", c1, "bracket-mismatch"),
        (b, "pt-PT", see, "style-tags"),
        (g, "pt-PT", green, "unit-space"),
        (g, "pt-PT", CLEAN_BUSES, "identical-to-source"),
        (b, "eu", q2, "acronym-periods"),
        (b, "eu", see, "untranslated"),
    ]:
        po_at(folder, lang, msgid, check)
    accepted = {(f"{B}/es.po", msgid_line(b / "es.po", YES))}

    # 2. Source timing (text unchanged, so every catalogue still matches).
    replace_in(b / "en.srt", "00:00:06,080 --> 00:00:11,000", "00:00:06,020 --> 00:00:11,000")
    replace_in(b / "en.srt", "00:00:16,600 --> 00:00:21,000", "00:00:16,300 --> 00:00:21,000")
    replace_in(b / "en.srt", "00:00:26,600 --> 00:00:31,000", "00:00:26,600 --> 00:00:34,000")
    replace_in(b / "en.srt", "00:00:31,080 --> 00:00:32,500", "00:00:34,080 --> 00:00:34,980")
    replace_in(g / "en.srt", "00:00:06,080 --> 00:00:11,000", "00:00:06,080 --> 00:00:11,700")
    replace_in(g / "en.srt", "00:00:16,080 --> 00:00:17,500", "00:00:16,080 --> 00:00:16,880")
    for folder, cue, check in [
        (b, 2, "gap-min"),
        (b, 4, "gap-chain"),
        (b, 6, "duration-max"),
        (b, 7, "duration-short"),
        (g, 3, "overlap"),
        (g, 4, "duration-min"),
    ]:
        expected.add(
            (
                f"{folder.relative_to(root).as_posix()}/en.srt",
                timing_line(folder / "en.srt", cue),
                check,
            )
        )
    rebuild(root)

    # 3. A language without a catalogue, whose translator's SRT was re-timed by hand.
    (g / "eu.po").unlink()
    expected.add((f"{G}/eu.po", None, "missing-catalog"))
    replace_in(g / "eu.srt", "00:00:01,000 --> 00:00:06,000", "00:00:01,500 --> 00:00:06,000")
    expected.add((f"{G}/eu.srt", 2, "timing-mismatch"))

    # 4. The source text changes and nobody runs `msm update`.
    replace_in(g / "en.srt", "clean buses.", "clean electric buses.")
    for lang in ("el", "es", "fr", "nl-BE", "pl", "pt-PT", "ro"):
        expected.add((f"{G}/{lang}.po", None, "po-outdated"))
    rebuild(root)

    # 5. Damage only readers see: a '.' in a timestamp, an empty cue, a legacy code page.
    replace_in(g / "en.srt", "00:00:01,000 --> 00:00:06,000", "00:00:01.000 --> 00:00:06,000")
    expected.add((f"{G}/en.srt", 2, "file-format"))
    with (g / "en.srt").open("a", encoding="utf-8") as handle:
        handle.write("\n5\n00:00:20,000 --> 00:00:21,000\n")
    expected.add((f"{G}/en.srt", timing_line(g / "en.srt", 5), "empty-cue"))
    legacy = (b / "en.srt").read_text(encoding="utf-8")
    (b / "en.srt").write_bytes(legacy.encode("cp1252"))
    first_legacy = next(n for n, line in enumerate(legacy.split("\n"), 1) if not line.isascii())
    expected.add((f"{B}/en.srt", first_legacy, "encoding"))  # where its first legacy byte is

    # 6. Someone edits a built track by hand.
    replace_in(b / "fr.srt", "Chaque année", "Chaque annee")
    expected.add((f"{B}/fr.srt", 3, "stale-build"))

    # 7. A catalogue saved in a legacy charset (as declared), one with a regionless header.
    text = (g / "fr.po").read_text(encoding="utf-8").replace("charset=UTF-8", "charset=CP1252")
    (g / "fr.po").write_bytes(text.encode("cp1252"))
    declared = next(n for n, line in enumerate(text.split("\n"), 1) if "charset=" in line)
    expected.add((f"{G}/fr.po", declared, "po-charset"))
    replace_in(g / "nl-BE.po", '"Language: nl_BE\\n"', '"Language: nl\\n"')
    header = (g / "nl-BE.po").read_text(encoding="utf-8").split("\n").index('msgid ""') + 1
    expected.add((f"{G}/nl-BE.po", header, "po-language"))
    return expected, accepted


def test_a_broken_copy_reports_every_planted_problem(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    expected, accepted = plant(root)
    report = check_paths([], Project.load(root))
    assert not report.errors
    assert findings_of(report) == expected
    assert {(f.path, f.line) for f in report.findings.items if f.accepted} == accepted
    assert report.exit_code == 1
    ours = {i for i, s in load_all().items() if s.func.__module__.startswith("pipeline.checks.")}
    ours -= {i for i, s in load_all().items() if "glossary" in s.func.__module__}
    ours -= {"grammar"}  # needs a LanguageTool server: tests/checks/test_grammar.py runs one
    assert ours <= {check for _, _, check in expected}, "every check has a planted problem"


def test_cue_and_context_are_reported(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    plant(root)
    report = check_paths([], Project.load(root))
    by_check = {(f.path, f.check): f for f in report.findings.items}
    assert by_check[(f"{B}/es.po", "inverted-marks")].cue == 2
    assert by_check[(f"{G}/en.srt", "overlap")].cue == 3
    assert by_check[(f"{B}/fr.srt", "stale-build")].cue == 1
    assert by_check[(f"{B}/pl.po", "quote-style")].lang == "pl"


def test_accepted_errors_do_not_fail_the_run(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    es = root / B / "es.po"
    set_entry(es, YES, "Sí, claro que sí, por supuesto.", comment="msm-accept: cps-max ok")
    rebuild(root)
    report = check_paths([], Project.load(root))
    [finding] = report.findings.items
    assert (finding.check, finding.accepted) == ("cps-max", True)
    assert report.findings.accepted == 1 and report.findings.errors == 0
    assert report.exit_code == 0


def test_each_file_is_read_once(tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    reads: list[Path] = []
    for name in ("read_bytes", "read_text"):
        original = getattr(Path, name)

        def spy(self, *args, _original=original, **kwargs):
            reads.append(self.resolve())
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, name, spy)
    opened = os.open  # what pipeline.fsutil.read_bytes reads with

    def spy_open(path, *args, **kwargs):
        reads.append(Path(path).resolve())
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy_open)
    check_paths([], Project.load(root))
    subtitle_reads = [p for p in reads if p.suffix in (".srt", ".vtt", ".po")]
    assert len(subtitle_reads) == len(set(subtitle_reads)) == 50


def test_settings_change_severity_disable_and_profile(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    set_entry(root / B / "pl.po", "Yes.", "")
    catalog = root / "subtitles" / "catalog.toml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + '\n[checks]\nprofile = "ted"\n[checks.severity]\nuntranslated = "error"\n'
        + "[checks.languages.eu]\ndisabled = ['untranslated']\n",
        encoding="utf-8",
    )
    set_entry(root / B / "eu.po", "Yes.", "")
    rebuild(root)
    report = check_paths([], Project.load(root))
    got = {(f.path, f.check, f.severity) for f in report.findings.items}
    # TED: 1 s minimum, so the 1.42 s "Yes." cue passes; eu has untranslated switched off.
    assert got == {(f"{B}/pl.po", "untranslated", "error")}
    assert report.exit_code == 1


def test_unknown_check_in_settings_is_bad_usage(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    catalog = root / "subtitles" / "catalog.toml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8") + "\n[checks]\ndisabled = ['cps-maks']\n", "utf-8"
    )
    from pipeline.errors import ProjectError

    with pytest.raises(ProjectError) as caught:
        check_paths([], Project.load(root))
    assert "did you mean 'cps-max'?" in str(caught.value)


def test_lang_filter_and_single_video(tmp_path):
    project = Project.load(PROJECT)
    report = check_paths([PROJECT / B], project, ["pl"])
    assert report.findings.files == {f"{B}/pl.po", f"{B}/pl.srt", f"{B}/pl.vtt"}
    report = check_paths([PROJECT / B / "en.srt"], project)
    assert report.findings.files == {f"{B}/en.srt"}


# --- files on their own -------------------------------------------------------------------


def test_a_loose_po_gets_timing_from_its_comments(tmp_path):
    loose = tmp_path / "mail" / "fr-copy.po"
    loose.parent.mkdir()
    shutil.copy(PROJECT / B / "fr.po", loose)
    set_entry(loose, YES, "Oui, oui, bien sûr, évidemment.")
    assert find_project([loose], None, tmp_path) is None
    report = check_paths([loose], None)
    [finding] = report.findings.items
    assert finding.check == "cps-max"
    assert (finding.path, finding.line, finding.cue) == (
        loose.as_posix(),
        msgid_line(loose, YES),
        7,
    )
    assert finding.lang == "fr"  # from the Language header, not the file name


@pytest.mark.parametrize(
    ("name", "langs", "expected"),
    [
        ("talk.pl.srt", (), "pl"),
        ("pl.srt", (), "pl"),
        ("nl_BE.srt", (), "nl-BE"),
        ("talk.srt", ("ro",), "ro"),
        ("talk.pl.srt", ("ro",), "ro"),  # --lang wins over a file name
    ],
)
def test_a_loose_srt_language(tmp_path, name, langs, expected):
    path = tmp_path / name
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nOraşe...\n", encoding="utf-8")
    report = check_paths([path], None, langs)
    assert {f.lang for f in report.findings.items} == {expected}
    checks = {f.check for f in report.findings.items}
    assert ("comma-below" in checks) == (expected == "ro")


def test_a_loose_srt_without_a_language_is_bad_usage(tmp_path):
    path = tmp_path / "talk.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi.\n", encoding="utf-8")
    report = check_paths([path], None)
    assert report.exit_code == 2
    assert "pass --lang" in str(report.errors[0])


def test_files_linked_from_elsewhere_are_shown_where_they_live(tmp_path):
    """A video folder's listing tells which files are symbolic links: those are shown by the
    path they resolve to, as `display` shows them; the others by their folder."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    shared = root / "shared"
    shared.mkdir()
    (root / B / "fr.po").rename(shared / "fr.po")
    (root / B / "fr.po").symlink_to(shared / "fr.po")
    set_entry(shared / "fr.po", YES, "")
    (root / G / "pl.po").unlink()  # gone: the run says so, and reads nothing in its place
    for workers in (1, 2):
        report = check_paths([], Project.load(root), workers=workers)
        found = {(f.path, f.check) for f in report.findings.items}
        assert ("shared/fr.po", "untranslated") in found
        assert f"{B}/fr.srt" in report.findings.files and f"{B}/fr.po" not in report.findings.files
        assert (f"{G}/pl.po", "missing-catalog") in found
        assert not report.errors


def test_a_source_track_gone_from_a_listed_video_is_an_input_error(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    (root / G / "en.srt").unlink()
    report = check_paths([], Project.load(root))
    assert report.exit_code == 2
    assert [str(e) for e in report.errors] == [
        f"{root / G / 'en.srt'}: the source track is missing (add it, or pull it with `msm pull`)"
    ]
    assert f"{B}/fr.po" in report.findings.files


def test_a_translation_srt_next_to_the_source_is_compared_with_it(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    srt = root / B / "pl.srt"
    replace_in(srt, "00:00:06,080 --> 00:00:11,000", "00:00:06,080 --> 00:00:10,500")
    report = check_paths([srt], Project.load(root))
    assert findings_of(report) == {(f"{B}/pl.srt", 7, "timing-mismatch")}


def test_unreadable_input_is_reported_and_the_rest_still_checked(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    replace_in(root / B / "pl.po", 'msgstr "Tak."', 'msgstr "Tak.')
    replace_in(root / G / "en.srt", "00:00:06,080 --> 00:00:11,000", "00:00:06,080 --> 00:00:1")
    set_entry(root / B / "fr.po", YES, "")
    rebuild(root)
    report = check_paths([], Project.load(root))
    assert report.exit_code == 2
    messages = "\n".join(str(e) for e in report.errors)
    assert f"{root / B / 'pl.po'}:" in messages and "malformed string" in messages
    assert f"{root / G / 'en.srt'}:7:" in messages
    assert (f"{B}/fr.po", "untranslated") in {(f.path, f.check) for f in report.findings.items}


def test_a_template_is_not_checked(tmp_path):
    from pipeline.errors import UsageError

    with pytest.raises(UsageError):
        check_paths([PROJECT / B / "template.pot"], Project.load(PROJECT))


def test_lang_en_checks_only_the_source_tracks():
    report = check_paths([], Project.load(PROJECT), ["en"])
    assert report.findings.files == {f"{B}/en.srt", f"{G}/en.srt"}


def test_a_language_the_project_does_not_have_is_bad_usage(tmp_path):
    from pipeline.errors import UsageError

    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    catalog = root / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8").replace('"eu", "nl-BE", ', "")
    catalog.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match="'eu' is not a language of this project"):
        check_paths([], Project.load(root), ["eu"])


def test_units_are_kept_only_when_asked():
    """msm check keeps only findings (memory on big channels); status and report keep units."""
    from pipeline.report.status import status_of

    project = Project.load(PROJECT)
    lean = check_paths([], project)
    assert lean.tracks == [] and lean.catalogs == [] and not lean.kept_units
    with pytest.raises(ValueError, match="did not keep"):
        status_of(project, project.select([]), lean)
    kept = check_paths([], project, keep_units=True, workers=4)  # keeping forces one process
    assert {(c.path, c.lang) for c in kept.catalogs} == {
        (f"{video}/{lang}.po", lang)
        for video in (B, G)
        for lang in ("eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es")
    }
    assert len(kept.tracks) == 2 + 16  # the sources and every built track
    assert findings_of(kept) == findings_of(lean)
    assert status_of(project, project.select([]), kept).summary()["tracks"] == 18


@given(st.text(alphabet=".aPOsrtvT_-", max_size=8))
def test_listing_suffix_is_pathlib_suffix(name: str) -> None:
    assert inputs._suffix(name) == PurePosixPath(name).suffix.lower()


def test_the_memo_key_is_an_entrys_texts_flags_and_acceptances():
    from pipeline.checks.model import EntryUnit
    from pipeline.checks.registry import entry_text

    names = ("path", "line", "lang", "source", "target", "context", "cues", "fuzzy", "obsolete")

    def replace(unit: EntryUnit, **changes: object) -> EntryUnit:
        given = {name: getattr(unit, name) for name in (*names, "accepted", "from_po")}
        return EntryUnit(**{**given, **changes})  # type: ignore[arg-type]

    unit = EntryUnit("a.po", 3, "fr", "Yes.", "Oui.", cues=(1,), accepted=frozenset({"x"}))
    assert entry_text(unit) == ("Yes.", "Oui.", False, False, True, frozenset({"x"}))
    # What the memoised checks may not read: another file, line, context or cue, same key.
    assert entry_text(replace(unit, path="b.po", line=9, context="c", cues=(4,))) == entry_text(
        unit
    )
    changed = [
        {"source": "No."},
        {"target": "Non."},
        {"fuzzy": True},
        {"obsolete": True},
        {"from_po": False},
        {"accepted": frozenset()},
    ]
    assert len({entry_text(replace(unit, **change)) for change in changed}) == len(changed)
    assert entry_text(unit) not in {entry_text(replace(unit, **c)) for c in changed}


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("pl.srt", "pl"),
        ("talk.pl.srt", "pl"),
        ("nl_BE.po", "nl-BE"),
        ("pt.vtt", "pt-PT"),
        ("en.srt", "en"),
        ("talk.srt", None),
        ("notes", None),
        ("ro", "ro"),
    ],
)
def test_the_language_a_file_name_states(name: str, lang: str | None) -> None:
    assert inputs.lang_from_name(Path("some/folder") / name) == lang


def test_a_run_leaves_no_cyclic_garbage_and_the_collector_as_it_was(tmp_path):
    """The runner turns the cycle collector off for a run (objects are freed by their counts);
    that holds only while a run makes no reference cycles: a broken project (findings,
    unreadable files, accepted findings, the glossary) leaves nothing for the collector."""
    import gc

    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    plant(root)
    (root / G / "pl.po").write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")  # unreadable
    project = Project.load(root)
    check_paths([], project)  # imports, compiled patterns, caches: made once, kept
    gc.collect()
    assert gc.isenabled()
    gc.disable()
    try:
        report = check_paths([], project)
        assert report.errors and report.findings.items
        del report
        assert gc.collect() == 0
    finally:
        gc.enable()
    check_paths([], project)
    assert gc.isenabled()


def test_after_a_run_the_collector_has_no_young_objects_to_walk_and_none_frozen(tmp_path):
    """What a run made and kept goes to the collector's oldest generation (not walked again
    at its first collection after the run), and nothing stays frozen (a full collection
    still sees it all)."""
    import gc

    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    plant(root)
    project = Project.load(root)
    check_paths([], project)
    assert gc.isenabled()
    report = check_paths([], project)
    # (Measured: 1 object; 2,736 when the first collection after the run had walked them.)
    young = len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
    assert report.findings.items
    assert young < 100
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_the_collector_is_off_while_the_checks_prepare_too(tmp_path):
    """`prepare` (importing the check modules, loading the glossary and the spellers) makes
    long-lived objects only: the collector stays off from the start of the run (on a
    one-track check its collections cost 1-2 ms of start-up)."""
    import gc

    from pipeline.checks.runner import plan_check

    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    project = Project.load(root)
    runner, inputs = plan_check([], project, (), None, None, 1, False, False)
    import sys

    def preparing() -> bool:
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_name != "_prepare":
            frame = frame.f_back
        return frame is not None

    during: list[bool] = []
    threshold = gc.get_threshold()
    gc.callbacks.append(lambda phase, info: during.append(preparing()))
    gc.set_threshold(1)  # a collection at nearly every allocation the collector sees
    try:
        runner.run(inputs)
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.pop()
    assert during and not any(during)  # collections before and after the run, none inside
    assert gc.isenabled()
