"""A file saved by someone else between msm's read and its write is never reverted.

Each writing command runs in process through the CLI; `between_read_and_write` runs
"another editor" at the exact moment msm has computed its plan from what it read and is about
to replace the file — the race a translator saving in Poedit during `msm update` hits. msm must
leave that file as the editor saved it, name it, exit 1, and still write the plan's other files.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli
from pipeline.safewrite import between_read_and_write
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt
from tests.conftest import DEMO_CUES

REPO = Path(__file__).resolve().parents[2]
CHANGED = "changed since msm read it; nothing was written to it"


def msm(root: Path, *args: str) -> Result:
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1764072000"})
    return runner.invoke(cli, ["-C", str(root), *args])


def demo(root: Path) -> Path:
    return root / "subtitles" / "demo"


def translate(path: Path, texts: dict[str, str], fuzzy: bool = False) -> bytes:
    """Set translations in a PO as a translator's editor would; the bytes saved."""
    po = polib.pofile(str(path), wrapwidth=79)
    for entry in po:
        if entry.msgid in texts and not entry.obsolete:
            entry.msgstr = texts[entry.msgid]
            if not fuzzy and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    return path.read_bytes()


def every_cue(lang: str) -> dict[str, str]:
    return {c.text: f"[{lang}] {c.text}" for c in DEMO_CUES}


def editor(target: Path, save: Callable[[], bytes]) -> tuple[Callable[[Path], None], list[bytes]]:
    """A hook that saves `target` once, the first time msm is about to replace it."""
    saved: list[bytes] = []
    started: list[Path] = []

    def hook(path: Path) -> None:
        if path == target and not started:  # once (the editor may run msm itself)
            started.append(path)
            saved.append(save())

    return hook, saved


def assert_refused(result: Result, path: Path, saved: list[bytes]) -> None:
    assert saved, "the editor never ran: msm did not try to write the file"
    assert result.exit_code == 1, result.output
    assert f"{path}: {CHANGED}" in result.stderr
    assert "Traceback" not in result.output
    assert path.read_bytes() == saved[0]  # the editor's save, byte for byte
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_update_never_reverts_a_translator_save(make_project):
    root = make_project()
    assert msm(root, "update").exit_code == 0
    pl = demo(root) / "pl.po"
    translate(pl, {"Thank you.": "Dziękuję."})
    # The source changes, so update has a new pl.po to write...
    cues = [*DEMO_CUES, Cue(12500, 14000, "Goodbye.")]
    (demo(root) / "en.srt").write_text(compose_srt(cues), encoding="utf-8")
    # ...while the translator saves another translation in Poedit.
    hook, saved = editor(pl, lambda: translate(pl, {"Companies send their tenders.": "Firmy."}))
    with between_read_and_write(hook):
        result = msm(root, "update")
    assert_refused(result, pl, saved)
    kept = {e.msgid: e.msgstr for e in polib.pofile(str(pl))}
    assert kept["Companies send their tenders."] == "Firmy." and kept["Thank you."] == "Dziękuję."
    assert "Goodbye." in (demo(root) / "fr.po").read_text()  # the other files are written
    assert "Goodbye." in (demo(root) / "template.pot").read_text()
    again = msm(root, "update")  # run again: now it merges the translator's save
    assert again.exit_code == 0, again.output
    kept = {e.msgid: e.msgstr for e in polib.pofile(str(pl))}
    assert kept["Companies send their tenders."] == "Firmy." and "Goodbye." in kept


def test_update_refuses_a_read_only_catalogue(make_project):
    root = make_project()
    assert msm(root, "update").exit_code == 0
    pl = demo(root) / "pl.po"
    (demo(root) / "en.srt").write_text(
        compose_srt([*DEMO_CUES, Cue(12500, 14000, "Goodbye.")]), encoding="utf-8"
    )
    before = pl.read_bytes()
    pl.chmod(0o444)
    result = msm(root, "update")
    assert result.exit_code == 1
    assert f"{pl}: read-only (no write permission); msm does not replace it" in result.stderr
    assert pl.read_bytes() == before and pl.stat().st_mode & 0o777 == 0o444
    assert "Goodbye." in (demo(root) / "fr.po").read_text()


def test_import_finishing_during_update_is_not_reverted(make_project, tmp_path: Path):
    root = make_project()
    assert msm(root, "update").exit_code == 0
    pl = demo(root) / "pl.po"
    (demo(root) / "en.srt").write_text(
        compose_srt([*DEMO_CUES, Cue(12500, 14000, "Goodbye.")]), encoding="utf-8"
    )
    theirs = tmp_path / "pl-edited.srt"
    theirs.write_text(
        compose_srt([Cue(c.start, c.end, f"PL {c.text}") for c in DEMO_CUES[:2]]), "utf-8"
    )

    def import_now() -> bytes:  # `msm import` in another terminal, finishing first
        done = msm(root, "import", "demo", "pl", str(theirs))
        assert done.exit_code == 0, done.output
        return pl.read_bytes()

    hook, saved = editor(pl, import_now)
    with between_read_and_write(hook):
        result = msm(root, "update")
    assert_refused(result, pl, saved)
    assert "PL Public procurement" in pl.read_text()


def test_fix_never_reverts_a_translator_save(make_project):
    root = make_project()
    assert msm(root, "update").exit_code == 0
    pl = demo(root) / "pl.po"
    translate(pl, {"Thank you.": "Dziękuję..."})  # `...` is a certain fix
    hook, saved = editor(pl, lambda: translate(pl, {"Thank you.": "Dzięki..."}))
    with between_read_and_write(hook):
        result = msm(root, "fix")
    assert_refused(result, pl, saved)
    assert 'msgstr "Dzięki..."' in pl.read_text()


def test_build_never_reverts_a_hand_edited_track(make_project):
    root = make_project(targets=("fr",))
    assert msm(root, "update").exit_code == 0
    fr = demo(root) / "fr.po"
    translate(fr, every_cue("fr"))
    assert msm(root, "build").exit_code == 0
    translate(fr, {"Thank you.": "Merci."})  # the next build has new tracks to write
    srt = demo(root) / "fr.srt"
    hook, saved = editor(srt, lambda: _append(srt, b"\n"))
    with between_read_and_write(hook):
        result = msm(root, "build")
    assert_refused(result, srt, saved)
    assert "Merci." in (demo(root) / "fr.vtt").read_text()  # the other track is written


def test_build_never_overwrites_a_track_that_appeared(make_project):
    root = make_project(targets=("fr",))
    assert msm(root, "update").exit_code == 0
    translate(demo(root) / "fr.po", every_cue("fr"))
    srt = demo(root) / "fr.srt"
    hook, saved = editor(srt, lambda: _append(srt, b"1\n00:00:01,000 --> 00:00:02,000\nMien\n"))
    with between_read_and_write(hook):
        result = msm(root, "build")
    assert result.exit_code == 1
    assert f"{srt}: appeared after msm found no such file; nothing was written" in result.stderr
    assert srt.read_bytes() == saved[0]


def test_import_never_reverts_a_translator_save(make_project, tmp_path: Path):
    root = make_project()
    assert msm(root, "update").exit_code == 0
    pl = demo(root) / "pl.po"
    theirs = tmp_path / "pl.srt"
    theirs.write_text(compose_srt([Cue(c.start, c.end, f"PL {c.text}") for c in DEMO_CUES]))
    hook, saved = editor(pl, lambda: translate(pl, {"Thank you.": "Dziękuję."}))
    with between_read_and_write(hook):
        result = msm(root, "import", "demo", "pl", str(theirs))
    assert_refused(result, pl, saved)
    assert "PL " not in pl.read_text()


@pytest.fixture
def glossary_project(tmp_path: Path) -> Path:
    (tmp_path / "subtitles").mkdir()
    shutil.copy(REPO / "subtitles" / "catalog.toml", tmp_path / "subtitles" / "catalog.toml")
    (tmp_path / "glossary").mkdir()
    shutil.copy(REPO / "glossary" / "procurement.csv", tmp_path / "glossary" / "procurement.csv")
    return tmp_path


def test_glossary_import_never_reverts_an_edit(glossary_project: Path, tmp_path: Path):
    glossary = glossary_project / "glossary" / "procurement.csv"
    theirs = tmp_path / "new.csv"
    theirs.write_text(
        "concept,lang,term,status\nframework_agreement_x,en,umbrella deal,preferred\n", "utf-8"
    )
    line = b"contracting_authority,fr,pouvoir adjudicateur public,admitted,,,,\n"
    hook, saved = editor(glossary, lambda: _append(glossary, line))
    with between_read_and_write(hook):
        result = CliRunner().invoke(
            cli, ["-C", str(glossary_project), "glossary", "import", str(theirs)]
        )
    assert_refused(result, glossary, saved)
    assert b"umbrella deal" not in glossary.read_bytes()


def _append(path: Path, data: bytes) -> bytes:
    with path.open("ab") as handle:
        handle.write(data)
    return path.read_bytes()


def test_build_leaves_a_track_saved_in_another_encoding_alone(make_project):
    root = make_project(targets=("fr",))
    assert msm(root, "update").exit_code == 0
    translate(demo(root) / "fr.po", every_cue("fr"))
    srt = demo(root) / "fr.srt"
    srt.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nDéjà\n".encode("cp1252"))
    result = msm(root, "build")
    assert result.exit_code == 2, result.output
    assert f"{srt}:3: not UTF-8" in result.stderr and "Traceback" not in result.output
    assert srt.read_bytes() == "1\n00:00:01,000 --> 00:00:02,000\nDéjà\n".encode("cp1252")
    assert "[fr] Thank you." in (demo(root) / "fr.vtt").read_text()
