"""`msm update` leaves alone what it does not change: files other tools wrote, and re-timings.

The catalogues are written by the real tools: GNU msgcat and msgmerge (subprocess, several
--width), polib, translate-toolkit (Weblate's serializer), and a Poedit header. With no change
to the source, `msm update` must not write them at all; with one edited cue, the diff is that
entry and the POT-Creation-Date line; re-timing the source by a few milliseconds changes no file.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import cli
from pipeline.ops.update import plan_update
from pipeline.plan import apply
from pipeline.project import Project
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt, read_srt
from tests.conftest import msgfmt_check

MOMENT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LATER = datetime(2027, 3, 4, 5, 6, tzinfo=UTC)
EXAMPLE = Path(__file__).resolve().parents[2] / "subtitles"

CATALOG = """\
[project]
name = "Making Spend Matter: a project name long enough for every tool to wrap the header"
target_languages = ["pl", "fr"]

[[videos]]
slug = "demo"
title = "What public procurement is, and why every council, school and hospital does it"
"""

CUES = [
    Cue(
        1000, 3000, "Public procurement is how councils,\nhospitals and schools buy what they need."
    ),
    Cue(3080, 5500, "A contracting authority publishes a contract notice for every tender."),
    Cue(6000, 8000, "Thank you."),
    Cue(8500, 10000, "Companies send their tenders."),
    Cue(10080, 12000, "Thank you."),
    Cue(
        12600, 16000, "The award criteria say how the offers are compared: price, quality and more."
    ),
]
PL = {
    CUES[0].text: (
        "Zamówienia publiczne to sposób, w jaki gminy,\n"
        "szpitale i szkoły kupują to, czego potrzebują."
    ),
    CUES[1].text: "Instytucja zamawiająca publikuje ogłoszenie o zamówieniu dla każdego przetargu.",
    CUES[3].text: "Firmy składają swoje oferty.",
    CUES[5].text: (
        "Kryteria udzielenia zamówienia mówią, jak porównuje się oferty: cena, jakość i nie tylko."
    ),
}


def make(root: Path) -> Project:
    """A project, updated, with a Polish catalogue translated and saved by polib."""
    (root / "subtitles" / "demo").mkdir(parents=True)
    (root / "subtitles" / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    write_source(root, CUES)
    project = Project.load(root)
    run_update(project, MOMENT)
    # the titles' catalogues (meta/), which the command refreshes beside the cues'
    assert CliRunner().invoke(cli, ["-C", str(root), "update"]).exit_code == 0
    po = polib.pofile(str(pl_po(root)))
    for entry in po:
        entry.msgstr = PL.get(entry.msgid, "")
    po.metadata["Last-Translator"] = "Agnieszka Wiśniewska-Kowalczyk <agnieszka@example.org>"
    po.save()
    return project


def write_source(root: Path, cues: list[Cue]) -> None:
    (root / "subtitles" / "demo" / "en.srt").write_text(compose_srt(cues), encoding="utf-8")


def pl_po(root: Path) -> Path:
    return root / "subtitles" / "demo" / "pl.po"


def run_update(project: Project, moment: datetime = LATER) -> list[Path]:
    plan = plan_update(project, project.select([]), project.languages(), moment)
    assert not plan.errors
    apply(plan.changes)
    return [c.path for c in plan.changes]


def gettext(tool: str, *args: str) -> None:
    found = shutil.which(tool)
    assert found, f"GNU gettext's {tool} is required (Debian package gettext)"
    subprocess.run([found, *args], check=True, capture_output=True)


def msgcat(width: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        gettext("msgcat", width, str(path), "-o", str(path))

    return write


def msgmerge(path: Path) -> None:
    template = path.parent / "template.pot"
    gettext(
        "msgmerge", "--quiet", "--previous", "--width=50", str(path), str(template), "-o", str(path)
    )


def polib_save(width: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        po = polib.pofile(str(path), wrapwidth=width)
        po.save()

    return write


def translate_toolkit(path: Path) -> None:
    from translate.storage import po as ttk_po

    store = ttk_po.pofile.parsefile(str(path))
    path.write_bytes(bytes(store))


def poedit(path: Path) -> None:
    """A header as Poedit leaves it: its X-Generator and fields, wrapped by gettext."""
    po = polib.pofile(str(path))
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    po.metadata["X-Poedit-SourceCharset"] = "UTF-8"
    po.metadata["Language-Team"] = (
        "Polish translators of the Making Spend Matter project <pl@example.org>"
    )
    po.save()
    gettext("msgcat", "--width=60", str(path), "-o", str(path))


WRITERS = {
    "msgcat --width=40": msgcat("--width=40"),
    "msgcat --width=60": msgcat("--width=60"),
    "msgcat (79)": msgcat("--width=79"),
    "msgcat --no-wrap": msgcat("--no-wrap"),
    "msgmerge --width=50": msgmerge,
    "polib (78)": polib_save(78),
    "polib (40)": polib_save(40),
    "translate-toolkit": translate_toolkit,
    "poedit header": poedit,
}


@pytest.mark.parametrize("writer", WRITERS.values(), ids=list(WRITERS))
def test_a_file_another_tool_wrote_is_not_touched(
    tmp_path: Path, writer: Callable[[Path], None]
) -> None:
    project = make(tmp_path)
    writer(pl_po(tmp_path))
    before = pl_po(tmp_path).read_bytes()
    plan = plan_update(project, project.select([]), project.languages(), LATER)
    assert plan.changes == []
    assert pl_po(tmp_path).read_bytes() == before


def test_the_tools_really_wrap_differently(tmp_path: Path) -> None:
    """The table above is a real test: each writer leaves different bytes."""
    project = make(tmp_path)
    assert project
    outputs = set()
    original = pl_po(tmp_path).read_bytes()
    for writer in WRITERS.values():
        pl_po(tmp_path).write_bytes(original)
        writer(pl_po(tmp_path))
        outputs.add(pl_po(tmp_path).read_bytes())
    assert len(outputs) >= 7


@pytest.mark.parametrize("name", ["msgcat --width=40", "translate-toolkit", "poedit header"])
def test_one_edited_cue_changes_that_entry_and_the_template_date_only(
    tmp_path: Path, name: str
) -> None:
    project = make(tmp_path)
    WRITERS[name](pl_po(tmp_path))
    before = pl_po(tmp_path).read_text(encoding="utf-8")
    edited = list(CUES)
    edited[3] = Cue(8500, 10000, "Companies send in their tenders.")
    write_source(tmp_path, edited)
    run_update(project)
    after = pl_po(tmp_path).read_text(encoding="utf-8")
    msgfmt_check(pl_po(tmp_path))
    old, new = before.splitlines(), after.splitlines()
    hunks = [
        op
        for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    assert len(hunks) == 2, "\n".join(difflib.unified_diff(old, new, lineterm=""))
    (_, i1, i2, j1, j2), (_, k1, k2, _, _) = hunks
    # The date's line(s), cut where the tool cut them (msgcat --width=40 splits this one).
    assert i2 - i1 == j2 - j1
    assert (
        "".join(x.strip('"') for x in old[i1:i2]) == "POT-Creation-Date: 2026-11-25 12:00+0000\\n"
    )
    assert (
        "".join(x.strip('"') for x in new[j1:j2]) == "POT-Creation-Date: 2027-03-04 05:06+0000\\n"
    )
    # The second hunk lies inside the edited entry's block (blank lines around it).
    msgid_at = next(i for i, line in enumerate(old) if "Companies send their tenders." in line)
    top = max(i for i in range(msgid_at) if not old[i].strip())
    bottom = min(i for i in range(msgid_at, len(old) + 1) if i == len(old) or not old[i].strip())
    assert top < k1 <= k2 <= bottom
    entry = polib.pofile(after).find("Companies send in their tenders.")
    assert entry is not None and entry.fuzzy and entry.msgstr == "Firmy składają swoje oferty."
    assert entry.previous_msgid == "Companies send their tenders."


def test_update_check_says_nothing_to_do_for_another_tools_file(tmp_path: Path) -> None:
    make(tmp_path)
    for name in ("translate-toolkit", "msgcat --width=40", "polib (40)"):
        WRITERS[name](pl_po(tmp_path))
        result = CliRunner().invoke(cli, ["-C", str(tmp_path), "update", "--check"])
        assert result.exit_code == 0, (name, result.output)
        assert "all catalogues are up to date" in result.stdout
        assert "out of date" not in result.stdout


def test_a_tools_header_fields_and_wrapping_survive_a_real_change(tmp_path: Path) -> None:
    project = make(tmp_path)
    poedit(pl_po(tmp_path))
    header_before = pl_po(tmp_path).read_text(encoding="utf-8").split("\n\n")[0]
    write_source(tmp_path, [*CUES, Cue(17000, 19000, "A brand new cue.")])
    run_update(project)
    text = pl_po(tmp_path).read_text(encoding="utf-8")
    header_after = text.split("\n\n")[0]
    assert header_after == header_before.replace(
        "POT-Creation-Date: 2026-11-25 12:00", "POT-Creation-Date: 2027-03-04 05:06"
    )
    assert "PO-Revision-Date: 2026-11-25 12:00" in header_after  # the translator's date
    meta = polib.pofile(text).metadata
    assert meta["X-Generator"] == "Poedit 3.4.2"
    assert meta["X-Poedit-SourceCharset"] == "UTF-8"
    assert meta["Last-Translator"].startswith("Agnieszka")
    assert text.endswith('#. cue 7 (2.0 s)\n#: en.srt:28\nmsgid "A brand new cue."\nmsgstr ""\n')


def retimed(cues: list[Cue], deltas: list[tuple[int, int]]) -> list[Cue]:
    return [Cue(c.start + a, c.end + b, c.text) for c, (a, b) in zip(cues, deltas, strict=True)]


FEW_MS = st.lists(
    st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=len(CUES), max_size=len(CUES)
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(FEW_MS)
def test_retiming_by_a_few_ms_changes_no_file(
    tmp_path_factory: pytest.TempPathFactory, deltas: list[tuple[int, int]]
) -> None:
    root = tmp_path_factory.mktemp("retime")
    project = make(root)
    run_update(project)
    write_source(root, retimed(CUES, deltas))
    plan = plan_update(project, project.select([]), project.languages(), LATER)
    assert plan.changes == []


def test_retiming_the_example_by_a_few_ms_changes_no_file(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "subtitles")
    project = Project.load(tmp_path)
    (video,) = project.select([])
    source = tmp_path / "subtitles" / video.slug / "en.srt"
    cues = read_srt(source).cues
    shifts = [(7 * i) % 41 - 20 for i in range(len(cues))]  # -20…20 ms, cue by cue
    source.write_text(
        compose_srt(
            [Cue(c.start + s, c.end + s // 2, c.text) for c, s in zip(cues, shifts, strict=True)]
        ),
        encoding="utf-8",
    )
    plan = plan_update(project, project.select([]), project.languages(), LATER)
    assert plan.changes == []


def test_a_real_retiming_changes_only_duration_notes(tmp_path: Path) -> None:
    project = make(tmp_path)
    msgcat("--width=40")(pl_po(tmp_path))
    before = pl_po(tmp_path).read_text(encoding="utf-8").splitlines()
    write_source(tmp_path, [Cue(c.start * 2, c.end * 2, c.text) for c in CUES])
    run_update(project)
    after = pl_po(tmp_path).read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.ndiff(before, after) if line.startswith(("- ", "+ "))]
    # Only notes, and the date's lines (msgcat --width=40 cuts it in two).
    date = re.compile(r'[-+] "(POT-Creation-Date: )?[0-9 :+-]*(\\n)?"')
    assert changed
    assert all(line[2:].startswith("#. cue ") or date.fullmatch(line) for line in changed), changed
    assert sum(line.startswith("- #. cue ") for line in changed) == len(CUES)  # all doubled


def test_a_loose_po_with_short_notes_still_gets_reading_speed_checks(tmp_path: Path) -> None:
    """The notes keep what the checks of a translator's copy need: cue numbers, durations."""
    from pipeline.checks.runner import check_paths

    fixture = Path(__file__).resolve().parents[1] / "data" / "checks" / "project"
    shutil.copytree(fixture / "subtitles", tmp_path / "subtitles")
    project = Project.load(tmp_path)
    run_update(project)  # the fixture's long notes become short ones
    po_path = tmp_path / "subtitles" / "budget-basics" / "fr.po"
    assert "#. cue 7 (1.4 s)\n" in po_path.read_text(encoding="utf-8")
    loose = tmp_path / "mail" / "fr-copy.po"
    loose.parent.mkdir()
    po = polib.pofile(str(po_path))
    yes = po.find("Yes.")
    assert yes is not None
    yes.msgstr = "Oui, oui, bien sûr, évidemment."
    po.save(str(loose))
    [finding] = check_paths([loose], None).findings.items
    assert (finding.check, finding.cue, finding.lang) == ("cps-max", 7, "fr")
    assert "in 1.40 s" in finding.message


def crlf(path: Path) -> None:
    """A catalogue with Windows line ends (an editor on Windows, git's autocrlf)."""
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def test_an_edit_keeps_the_windows_line_ends_of_a_catalogue(tmp_path: Path) -> None:
    """A CRLF catalogue came back from `msm update` (and `msm import`) all in LF: one edited
    cue made a diff of every line of the file."""
    project = make(tmp_path)
    crlf(pl_po(tmp_path))
    before = pl_po(tmp_path).read_bytes()
    edited = list(CUES)
    edited[3] = Cue(8500, 10000, "Companies send in their tenders.")
    write_source(tmp_path, edited)
    run_update(project)
    after = pl_po(tmp_path).read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n")
    old, new = before.decode().split("\r\n"), after.decode().split("\r\n")
    changed = [line for line in difflib.ndiff(old, new) if line[:1] in "+-"]
    assert len(changed) <= 8, changed
    msgfmt_check(pl_po(tmp_path))
    # An import through the command line keeps them too.
    srt = tmp_path / "pl.srt"
    srt.write_text(
        "1\n00:00:08,500 --> 00:00:10,000\nFirmy wysyłają swoje oferty.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "import", "demo", "pl", str(srt)])
    assert result.exit_code == 0, result.output
    again = pl_po(tmp_path).read_bytes()
    assert again.count(b"\n") == again.count(b"\r\n")
    assert len(again.split(b"\r\n")) - len(after.split(b"\r\n")) < 10


def test_one_unreadable_catalogue_does_not_stop_the_other_languages(tmp_path: Path) -> None:
    """A PO msm cannot read (here Latin-2 bytes) stopped the update of every language after it
    in the video: they stayed out of date, unnamed, behind the one error."""
    project = make(tmp_path)
    fr = tmp_path / "subtitles" / "demo" / "fr.po"
    assert fr.exists()
    pl_po(tmp_path).write_bytes(pl_po(tmp_path).read_bytes().replace("ó".encode(), b"\xf3"))
    edited = list(CUES)
    edited[3] = Cue(8500, 10000, "Companies send in their tenders.")
    write_source(tmp_path, edited)
    plan = plan_update(project, project.select([]), project.languages(), LATER)
    assert [str(e).split(":")[0] for e in plan.errors] == [str(pl_po(tmp_path))]
    assert fr in [c.path for c in plan.changes]  # French comes after Polish in the catalogue
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "update"])
    assert result.exit_code == 2
    assert "Companies send in their tenders." in fr.read_text(encoding="utf-8")
