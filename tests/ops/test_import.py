"""`msm import` on a copy of the example project: nothing of the translator's is lost, no English
replaces a translation, merged and split cues land on every source cue they cover."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import cli
from pipeline.ops.importer import plan_import
from pipeline.ops.update import plan_update
from pipeline.plan import apply
from pipeline.project import Project
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt, parse_srt
from pipeline.tracks.vtt_io import compose_vtt
from tests.conftest import CATALOG, DEMO_CUES, msgfmt_check

ROOT = Path(__file__).parent.parent.parent
SLUG = "what-is-public-procurement"
MOMENT = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the repository's example project."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "subtitles", root / "subtitles")
    return root


def msm(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--project", str(root), *args])


def folder(root: Path) -> Path:
    return root / "subtitles" / SLUG


def cues(path: Path) -> list[Cue]:
    return parse_srt(path.read_text(encoding="utf-8"), str(path)).cues


def live(root: Path, lang: str = "pl") -> list[polib.POEntry]:
    po = polib.pofile(str(folder(root) / f"{lang}.po"))
    return [e for e in po if not e.obsolete]


def by_cue(root: Path, lang: str = "pl") -> dict[int, polib.POEntry]:
    """Entries by the number of the (first) source cue they belong to."""
    found: dict[int, polib.POEntry] = {}
    for entry in live(root, lang):
        for line in entry.comment.splitlines():
            if line.startswith("cue "):
                found.setdefault(int(line.split(":")[0].split()[1]), entry)
    return found


def write(path: Path, track: list[Cue]) -> Path:
    path.write_text(compose_srt(track), encoding="utf-8")
    return path


# --- item 3: the untranslated source track -------------------------------------------------


def test_the_english_track_is_refused_and_nothing_is_written(example: Path) -> None:
    po = folder(example) / "pl.po"
    before = po.read_bytes()
    result = msm(example, "import", SLUG, "pl", str(folder(example) / "en.srt"))
    assert result.exit_code == 1, result.output
    assert "28 of 28" in result.output and "identical to the source text" in result.output
    assert "--force" in result.output
    assert po.read_bytes() == before


def test_with_force_english_never_replaces_a_translation(example: Path) -> None:
    po = folder(example) / "pl.po"
    translations = {e.msgid: e.msgstr for e in live(example)}
    entries = live(example)
    emptied = entries[4].msgid
    polish = polib.pofile(str(po))
    polish.find(emptied).msgstr = ""  # one entry not translated yet
    polish.save()
    result = msm(example, "import", SLUG, "pl", str(folder(example) / "en.srt"), "--force")
    assert result.exit_code == 0, result.output
    after = {e.msgid: e for e in live(example)}
    for msgid, text in translations.items():
        if msgid != emptied:
            assert after[msgid].msgstr == text  # kept, not replaced by English
    # Said entry by entry: the 27 translations kept, the empty one filled as a fuzzy draft.
    assert result.output.count("kept the translation") == 27
    assert "cue 5: identical to the source text; imported as fuzzy" in result.output
    assert after[emptied].msgstr == emptied and after[emptied].fuzzy
    assert "identical to the source text" in after[emptied].tcomment
    msgfmt_check(po)


def test_below_the_threshold_each_english_cue_is_named_and_kept(example: Path, tmp_path) -> None:
    english = cues(folder(example) / "en.srt")
    theirs = cues(folder(example) / "pl.srt")
    mixed = [english[i] if i in (6, 9, 12) else cue for i, cue in enumerate(theirs)]
    before = {e.msgid: e.msgstr for e in live(example)}
    result = msm(example, "import", SLUG, "pl", str(write(tmp_path / "pl.srt", mixed)))
    assert result.exit_code == 0, result.output
    for number in (7, 10, 13):
        assert f"cue {number}: the file has the source text; kept the translation" in result.output
    assert {e.msgid: e.msgstr for e in live(example)} == before


@pytest.mark.parametrize("share", [14, 15])
def test_the_threshold_is_more_than_half(example: Path, tmp_path, share: int) -> None:
    english = cues(folder(example) / "en.srt")
    theirs = cues(folder(example) / "pl.srt")
    mixed = english[:share] + theirs[share:]
    result = msm(example, "import", SLUG, "pl", str(write(tmp_path / "pl.srt", mixed)))
    assert result.exit_code == (1 if share > 14 else 0), result.output


# --- item 4: merged and split cues ---------------------------------------------------------


def merge_cues(track: list[Cue], first: int, text: str) -> list[Cue]:
    """Subtitle Edit's merge of cues `first` and `first + 1` (1-based) into one."""
    a, b = track[first - 1], track[first]
    return [*track[: first - 1], Cue(a.start, b.end, text), *track[first + 1 :]]


def test_a_merged_cue_lands_on_every_source_cue_it_covers(example: Path, tmp_path) -> None:
    theirs = cues(folder(example) / "pl.srt")
    line = "Czym są zamówienia publiczne? To sposób, w jaki kupują podmioty publiczne."
    assert len(line) > 70
    path = write(tmp_path / "pl.srt", merge_cues(theirs, 2, line))
    result = msm(example, "import", SLUG, "pl", str(path))
    assert result.exit_code == 0, result.output
    entries = by_cue(example)
    for number in (2, 3):
        assert entries[number].msgstr == line
        assert entries[number].fuzzy
        assert "merged from 2 source cues" in entries[number].tcomment
    assert "28 of 28 entries" in result.output
    assert "2 entries changed" in result.output


def test_a_merged_cue_with_one_line_per_source_cue_is_split_by_line(
    example: Path, tmp_path
) -> None:
    theirs = cues(folder(example) / "pl.srt")
    text = "Czym są zamówienia?\nTak kupują podmioty publiczne."
    path = write(tmp_path / "pl.srt", merge_cues(theirs, 2, text))
    result = msm(example, "import", SLUG, "pl", str(path), "--reviewed")
    assert result.exit_code == 0, result.output
    entries = by_cue(example)
    assert entries[2].msgstr == "Czym są zamówienia?"
    assert entries[3].msgstr == "Tak kupują podmioty publiczne."
    for number in (2, 3):  # --reviewed does not clear the flag of a merged cue
        assert entries[number].fuzzy and "merged from 2 source cues" in entries[number].tcomment


def test_a_split_cue_is_joined_marked_fuzzy_and_noted(example: Path, tmp_path) -> None:
    theirs = cues(folder(example) / "pl.srt")
    third = theirs[2]
    middle = (third.start + third.end) // 2
    split = [
        *theirs[:2],
        Cue(third.start, middle, "Tak kupują podmioty publiczne:"),
        Cue(middle, third.end, "uczciwie i jawnie."),
        *theirs[3:],
    ]
    result = msm(
        example, "import", SLUG, "pl", str(write(tmp_path / "pl.srt", split)), "--reviewed"
    )
    assert result.exit_code == 0, result.output
    entry = by_cue(example)[3]
    assert entry.msgstr == "Tak kupują podmioty publiczne:\nuczciwie i jawnie."
    assert entry.fuzzy and "joined from 2 cues" in entry.tcomment
    assert "1 entries changed" in result.output and "28 of 28 entries" in result.output


def test_every_cue_of_the_file_is_placed_or_reported_by_number(example: Path, tmp_path) -> None:
    theirs = cues(folder(example) / "pl.srt")
    stray = Cue(theirs[-1].end + 60_000, theirs[-1].end + 61_000, "Nigdzie.")
    path = write(tmp_path / "pl.srt", [*theirs, stray])
    result = msm(example, "import", SLUG, "pl", str(path))
    assert result.exit_code == 0, result.output
    assert "cue 29 not placed (overlaps no source cue): Nigdzie." in result.output
    assert "1 cues not placed" in result.output


# --- item 12: WebVTT -----------------------------------------------------------------------


def test_a_webvtt_file_is_imported(example: Path, tmp_path) -> None:
    theirs = cues(folder(example) / "pl.srt")
    edited = [
        Cue(c.start, c.end, "Dziękujemy!" if i == 27 else c.text) for i, c in enumerate(theirs)
    ]
    path = tmp_path / "pl.vtt"
    path.write_text(compose_vtt(edited), encoding="utf-8")
    result = msm(example, "import", SLUG, "pl", str(path))
    assert result.exit_code == 0, result.output
    assert "1 entries changed" in result.output
    assert by_cue(example)[28].msgstr == "Dziękujemy!"


def test_other_suffixes_are_refused_with_exit_2(example: Path, tmp_path) -> None:
    path = tmp_path / "pl.ass"
    path.write_text("[Script Info]\n", encoding="utf-8")
    result = msm(example, "import", SLUG, "pl", str(path))
    assert result.exit_code == 2 and "expected an .srt or .vtt file" in result.output


# --- nothing the translator wrote is lost (property) ---------------------------------------

WORDS = ["zamówienie", "oferta", "umowa", "gmina", "szkoła", "dostawa", "termin", "kryteria"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 12_500),
            st.integers(100, 6000),
            st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), max_size=3),
        ),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_every_imported_text_lands_in_the_po_or_is_reported(spans, translated) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        (root / "subtitles" / "demo").mkdir(parents=True)
        (root / "subtitles" / "catalog.toml").write_text(CATALOG.format(targets='["pl"]'))
        write(root / "subtitles" / "demo" / "en.srt", list(DEMO_CUES))
        project = Project.load(root)
        video = project.video("demo")
        if translated:  # an existing catalogue with a translation for every entry
            apply(plan_update(project, [video], ["pl"], MOMENT).changes)
            po = polib.pofile(str(root / "subtitles" / "demo" / "pl.po"))
            for n, entry in enumerate(po):
                entry.msgstr = f"stare {n}"
            po.save()
        theirs = [
            Cue(
                start,
                start + length,
                "\n".join(f"{' '.join(line)} {i}" for line in lines) or f"x {i}",
            )
            for i, (start, length, lines) in enumerate(spans, start=1)
        ]
        file = write(Path(tmp) / "pl.srt", sorted(theirs, key=lambda c: (c.start, c.end)))
        read_back = parse_srt(file.read_text(encoding="utf-8"), str(file)).cues
        plan = plan_import(project, video, "pl", file, MOMENT)
    report = plan.report
    # Every entry the file speaks for is counted once: changed, unchanged, kept or not importable.
    counted = len(report.changed) + report.unchanged + len(report.kept) + len(report.kept_source)
    assert counted <= report.offered <= report.entries
    if not report.not_imported:
        assert counted == report.offered
    texts = []
    if plan.change is not None:
        for entry in polib.pofile(plan.change.new):
            texts.extend([entry.msgstr, entry.tcomment or ""])
    found = " ".join(" ".join(texts).split())
    notes = " ".join(" ".join(report.notes).split())
    unplaced = {(c.start, c.end, c.text) for c in report.unplaced}
    for cue in read_back:
        if (cue.start, cue.end, cue.text) in unplaced:
            continue
        lines = [" ".join(line.split()) for line in cue.text.split("\n")]
        assert all(line in found or line in notes for line in lines), (cue, found, notes)


# --- issue 19: a catalogue msm cannot read --------------------------------------------------


def test_a_catalogue_not_in_utf8_is_a_clean_error_and_nothing_is_written(
    example: Path, tmp_path: Path
) -> None:
    """A non-UTF-8 PO gave a traceback in `msm import`; now file:line, exit 2, no write."""
    po = folder(example) / "pl.po"
    po.write_bytes(po.read_bytes().replace("ó".encode(), b"\xf3"))
    before = po.read_bytes()
    theirs = write(tmp_path / "pl.srt", cues(folder(example) / "pl.srt"))
    result = msm(example, "import", SLUG, "pl", str(theirs))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    line = before[: before.index(b"\xf3")].count(b"\n") + 1
    assert f"{po}:{line}: " in result.output and "not valid UTF-8" in result.output
    assert po.read_bytes() == before


def test_an_imported_cue_holding_a_unicode_line_separator_is_read_back_by_check(
    example: Path, tmp_path: Path
) -> None:
    """Issue 19: a cue holding U+2028 made msm write a PO that `msm check` then refused
    (`malformed string`): gettext ends a line at \\n only, and msgfmt reads the file."""
    track = cues(folder(example) / "pl.srt")
    track[1] = Cue(track[1].start, track[1].end, "Czym\u2028są zamówienia\u2029 publiczne?")
    theirs = write(tmp_path / "pl.srt", track)
    assert msm(example, "import", SLUG, "pl", str(theirs)).exit_code == 0
    msgfmt_check(folder(example) / "pl.po")
    result = msm(example, "check", str(folder(example) / "pl.po"))
    assert "malformed string" not in result.output and result.exit_code in (0, 1), result.output
