"""The translator workflow end to end: update → translate → build, re-timing, editing, import."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import polib
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.ops.build import plan_build
from pipeline.ops.update import plan_update
from pipeline.plan import apply
from pipeline.project import Project
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt, parse_srt, read_srt
from tests.conftest import CATALOG, msgfmt_check
from tests.tracks.test_srt_io import tracks

MOMENT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def new_project(root: Path, cues: list[Cue], targets: tuple[str, ...] = ("pl",)) -> Project:
    (root / "subtitles" / "demo").mkdir(parents=True, exist_ok=True)
    listed = "[" + ", ".join(f'"{t}"' for t in targets) + "]"
    (root / "subtitles" / "catalog.toml").write_text(CATALOG.format(targets=listed))
    write_source(root, cues)
    return Project.load(root)


def write_source(root: Path, cues: list[Cue]) -> None:
    (root / "subtitles" / "demo" / "en.srt").write_text(compose_srt(cues), encoding="utf-8")


def update(project: Project) -> None:
    plan = plan_update(project, project.select([]), project.languages(), MOMENT)
    assert not plan.errors
    apply(plan.changes)


def translate_all(path: Path, translate: Callable[[str], str]) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = translate(entry.msgid)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()


def build(project: Project) -> list[str]:
    plan = plan_build(project, project.select([]), project.languages())
    assert not plan.errors
    apply(plan.changes)
    return [str(g) for t in plan.tracks for g in t.gaps]


def mark(text: str) -> str:
    """A reversible stand-in for a translation: every line wrapped in guillemets."""
    return "\n".join(f"«{line}»" for line in text.split("\n"))


def pl_po(root: Path) -> Path:
    return root / "subtitles" / "demo" / "pl.po"


def built(root: Path, lang: str = "pl") -> list[tuple[int, int, str]]:
    cues = read_srt(root / "subtitles" / "demo" / f"{lang}.srt").cues
    return [(c.start, c.end, c.text) for c in cues]


PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(tracks())
def test_srt_to_po_to_srt_is_identity_on_text_and_timing(track: list[Cue]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project = new_project(root, track)
        update(project)
        msgfmt_check(pl_po(root))
        translate_all(pl_po(root), lambda s: s)
        assert build(project) == []
        assert built(root) == [(c.start, c.end, c.text) for c in track]


@PROPERTY
@given(tracks(), st.integers(-500, 5000), st.floats(0.5, 2.0))
def test_retiming_the_source_keeps_every_translation(
    track: list[Cue], shift: int, scale: float
) -> None:
    assume(all(c.start * scale + shift >= 0 for c in track))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project = new_project(root, track)
        update(project)
        translate_all(pl_po(root), mark)
        retimed = [
            Cue(round(c.start * scale) + shift, round(c.end * scale) + shift + 1, c.text)
            for c in track
        ]
        write_source(root, retimed)
        update(project)
        po = polib.pofile(str(pl_po(root)))
        live = [e for e in po if not e.obsolete]
        assert live and all(e.msgstr == mark(e.msgid) and not e.fuzzy for e in live)
        assert not po.obsolete_entries()
        assert build(project) == []
        assert built(root) == [(c.start, c.end, mark(c.text)) for c in retimed]


@PROPERTY
@given(tracks(), st.data())
def test_editing_one_cue_keeps_its_old_translation_as_fuzzy(track: list[Cue], data) -> None:
    position = data.draw(st.integers(0, len(track) - 1))
    old = track[position]
    edited_text = old.text + " indeed"
    assume(sum(c.text == old.text for c in track) == 1)
    assume(all(c.text != edited_text for c in track))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project = new_project(root, track)
        update(project)
        translate_all(pl_po(root), mark)
        edited = list(track)
        edited[position] = Cue(old.start, old.end, edited_text)
        write_source(root, edited)
        update(project)
        msgfmt_check(pl_po(root))
        po = polib.pofile(str(pl_po(root)))
        entry = po.find(edited_text)
        assert entry is not None and entry.fuzzy
        assert entry.msgstr == mark(old.text)
        assert entry.previous_msgid == old.text
        others = [e for e in po if not e.obsolete and e.msgid != edited_text]
        assert all(e.msgstr == mark(e.msgid) and not e.fuzzy for e in others)
        gaps = build(project)
        assert len(gaps) == 1 and "fuzzy" in gaps[0]


def test_update_is_idempotent_and_does_not_churn_dates(make_project) -> None:
    root = make_project()
    project = Project.load(root)
    update(project)
    later = datetime(2027, 1, 1, tzinfo=UTC)
    plan = plan_update(project, project.select([]), project.languages(), later)
    assert plan.changes == []


def test_update_keeps_po_revision_date_and_translator_header(make_project) -> None:
    root = make_project()
    project = Project.load(root)
    update(project)
    po_path = root / "subtitles" / "demo" / "fr.po"
    po = polib.pofile(str(po_path))
    po.metadata["Last-Translator"] = "Ana <ana@example.org>"
    po.metadata["PO-Revision-Date"] = "2026-02-03 04:05+0000"
    po.save()
    write_source(root, [Cue(0, 1000, "Brand new text.")])
    plan = plan_update(project, project.select([]), ["fr"], datetime(2027, 1, 1, tzinfo=UTC))
    apply(plan.changes)
    again = polib.pofile(str(po_path))
    assert again.metadata["Last-Translator"] == "Ana <ana@example.org>"
    assert again.metadata["PO-Revision-Date"] == "2026-02-03 04:05+0000"
    assert again.metadata["POT-Creation-Date"] == "2027-01-01 00:00+0000"


def test_build_never_writes_english(make_project) -> None:
    root = make_project()
    project = Project.load(root)
    update(project)
    po_path = root / "subtitles" / "demo" / "pl.po"
    po = polib.pofile(str(po_path))
    first = next(e for e in po if e.msgid == "Thank you.")
    first.msgstr = "Dziękuję."
    po.save()
    plan = plan_build(project, project.select([]), ["pl"], allow_incomplete=False)
    assert plan.changes == []  # incomplete: nothing written
    (track,) = plan.tracks
    assert len(track.gaps) == 3 and all(g.reason == "untranslated" for g in track.gaps)
    plan = plan_build(project, project.select([]), ["pl"], allow_incomplete=True)
    apply(plan.changes)
    texts = [c.text for c in parse_srt((root / "subtitles/demo/pl.srt").read_text()).cues]
    assert texts == ["Dziękuję.", "Dziękuję."]


def test_example_fixture_helpers_are_sound(tmp_path: Path) -> None:
    """The helpers above must be able to fail: a wrong translation is seen by `built`."""
    root = tmp_path / "p"
    project = new_project(root, [Cue(0, 1000, "a"), Cue(1000, 2000, "b")])
    update(project)
    translate_all(pl_po(root), mark)
    build(project)
    assert built(root) == [(0, 1000, "«a»"), (1000, 2000, "«b»")]
    assert built(root) != [(0, 1000, "a"), (1000, 2000, "b")]
    shutil.rmtree(root)
