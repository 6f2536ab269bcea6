"""Property: whatever order update, import, translate, fix, glossary import, source edits and
another editor's saves come in, no translation and no glossary term is ever lost or reverted.

Each step runs msm in process (translate against a local LibreTranslate stand-in on
127.0.0.1). "Another editor" saves at the moment msm has planned from what it read and is
about to replace the file (`between_read_and_write`). Every translation a person saved (in
their editor, or through `msm import`) is a unique token; it must stay in the PO (as a
translation, a fuzzy one, an obsolete one or the "previous translation" note) until a person
replaces that same entry's translation. Every glossary term added (by `msm glossary import` or
by the editor) must stay in the CSV.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mt_fakes import FakeService
from mt_project import catalog, translate_settings

from pipeline.cli import cli
from pipeline.safewrite import between_read_and_write
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt

REPO = Path(__file__).resolve().parents[2]
NAMES = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo"]
GLOSSARY_HEAD = "concept,lang,term,status,needs_review,variants,exclude,note\n"


@pytest.fixture(scope="module")
def service() -> Iterator[FakeService]:
    libre = FakeService("libre")
    yield libre
    libre.stop()


@dataclass
class World:
    """A project on disk and what must never be lost from it."""

    root: Path
    texts: list[str]  # the source cue texts, in order
    tokens: set[str] = field(default_factory=set)  # translations people saved
    terms: set[str] = field(default_factory=set)  # glossary terms added
    imported: dict[int, str] = field(default_factory=dict)  # cue position -> last imported
    counter: int = 0

    @property
    def po(self) -> Path:
        return self.root / "subtitles" / "demo" / "pl.po"

    @property
    def glossary(self) -> Path:
        return self.root / "glossary" / "procurement.csv"

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def write_source(self) -> None:
        cues = [Cue(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(self.texts)]
        (self.root / "subtitles" / "demo" / "en.srt").write_text(compose_srt(cues), "utf-8")

    def msm(self, *args: str) -> Result:
        runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1795000000", "MSM_TEST_LIBRE_KEY": ""})
        return runner.invoke(cli, ["-C", str(self.root), *args])

    def current(self) -> dict[str, str]:
        """msgid → msgstr of the PO's current entries (empty when there is no PO)."""
        if not self.po.exists():
            return {}
        return {e.msgid: e.msgstr for e in polib.pofile(str(self.po)) if not e.obsolete}

    def editor_saves_po(self, position: int) -> None:
        """A translator types a translation for the cue at `position` and saves in Poedit."""
        if not self.po.exists():
            return
        po = polib.pofile(str(self.po), wrapwidth=79)
        entries = [e for e in po if not e.obsolete and e.msgid]
        entry = entries[position % len(entries)]  # the PO may lag behind the source: any entry
        self.tokens.discard(entry.msgstr)  # a person replaces their own entry's translation
        entry.msgstr = self.fresh("tok")
        self.tokens.add(entry.msgstr)
        po.save()

    def editor_saves_glossary(self) -> None:
        term = self.fresh("eterm")
        with self.glossary.open("a", encoding="utf-8") as handle:
            handle.write(f"{term}_concept,en,{term},preferred,,,,\n")
        self.terms.add(term)


def new_world(base: Path, url: str) -> World:
    root = base / "project"
    (root / "subtitles" / "demo").mkdir(parents=True)
    settings_text = translate_settings(libre=url).replace("save_every = 2", "save_every = 1")
    (root / "subtitles" / "catalog.toml").write_text(catalog(["demo"], settings_text), "utf-8")
    (root / "glossary").mkdir()
    shutil.copy(REPO / "glossary" / "procurement.csv", root / "glossary" / "procurement.csv")
    world = World(root, [f"{NAMES[i]} opens tender {i}." for i in range(4)])
    world.write_source()
    return world


Step = tuple[str, int, bool]  # (action, a number for it, another editor saves meanwhile)
ACTIONS = ["update", "import", "translate", "fix", "glossary", "edit-source", "add-cue"]
steps = st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 7), st.booleans()), max_size=9)


def run_step(world: World, step: Step) -> None:
    action, number, concurrent = step
    if action == "edit-source":
        i = number % len(world.texts)
        world.texts[i] = f"{NAMES[i]} opens tender {i}, take {world.fresh('v')}."
        world.write_source()
        return
    if action == "add-cue":
        if len(world.texts) < len(NAMES):
            i = len(world.texts)
            world.texts.append(f"{NAMES[i]} opens tender {i}.")
            world.write_source()
        return
    target = world.glossary if action == "glossary" else world.po
    fired: list[bytes] = []

    def other_editor(path: Path) -> None:
        if path == target and concurrent and not fired:
            fired.append(b"")
            if target == world.po:
                world.editor_saves_po(number)
            else:
                world.editor_saves_glossary()
            fired[0] = path.read_bytes()

    with between_read_and_write(other_editor):
        result, on_success = act(world, action, number)
    assert "Traceback" not in result.output, result.output
    if fired:  # msm named the file, and left it as the editor saved it
        assert result.exit_code == 1, result.output
        assert f"{target}: changed since msm read it; nothing was written" in result.stderr
        assert target.read_bytes() == fired[0]
    elif result.exit_code == 0:
        on_success()


def act(world: World, action: str, number: int) -> tuple[Result, Callable[[], None]]:
    """Run one msm command; what to record if it succeeds."""

    def nothing() -> None:
        pass

    if action == "update":
        return world.msm("update", "--lang", "pl"), nothing
    if action == "translate":
        return world.msm("translate", "--lang", "pl"), nothing
    if action == "fix":
        return world.msm("fix", "--lang", "pl"), nothing
    if action == "glossary":
        term = world.fresh("gterm")
        theirs = world.root / "theirs.csv"
        theirs.write_text(f"concept,lang,term,status\n{term}_c,en,{term},preferred\n", "utf-8")
        return world.msm("glossary", "import", str(theirs)), lambda: world.terms.add(term)
    # import: a translator's SRT covering the cues from `number` on
    before = world.current()
    chosen = list(range(number % len(world.texts), len(world.texts)))
    texts = {i: world.fresh("tok") for i in chosen}
    srt = world.root / "pl-from-translator.srt"
    srt.write_text(compose_srt([Cue(i * 3000, i * 3000 + 2500, texts[i]) for i in chosen]), "utf-8")

    def imported() -> None:
        for i in chosen:
            world.tokens.discard(before.get(world.texts[i], ""))  # that entry's person replaced it
            # and the translation this translator imported for the same cue before, which
            # followed an edited source text as a fuzzy draft and is now re-translated
            world.tokens.discard(world.imported.get(i, ""))
            world.imported[i] = texts[i]
            # and whatever the entry held when the import replaced it, which the import names
            # in its "previous translation" note: a translation saved for the cue's old source
            # text (the PO lagged behind an edit) that followed it as a fuzzy draft
            world.tokens.difference_update(replaced_by_import(world, world.texts[i]))
        world.tokens.update(texts.values())

    result = world.msm("import", "demo", "pl", str(srt))
    if result.exit_code != 0 and "no catalogue" not in result.output:
        assert "changed since msm read it" in result.stderr, result.output
    return result, imported


def replaced_by_import(world: World, msgid: str) -> list[str]:
    """The translations `msm import` says it replaced in the entry for `msgid`."""
    notes = [e.tcomment for e in polib.pofile(str(world.po)) if e.msgid == msgid]
    prefix = "previous translation: "
    return [
        line.removeprefix(prefix)
        for note in notes
        for line in note.splitlines()
        if line.startswith(prefix)
    ]


def check_nothing_lost(world: World) -> None:
    po_text = world.po.read_text("utf-8") if world.po.exists() else ""
    lost = sorted(t for t in world.tokens if t not in po_text)
    assert not lost, f"translations lost from pl.po: {lost}"
    csv_text = world.glossary.read_text("utf-8")
    gone = sorted(t for t in world.terms if t not in csv_text)
    assert not gone, f"glossary terms lost: {gone}"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps)
# An editor saves a translation for a cue whose source text was just edited (update refused),
# then two imports replace that cue's translation in turn (found by hypothesis).
@example(
    [("edit-source", 0, False), ("update", 0, True), ("import", 0, False), ("import", 0, False)]
)
def test_no_translation_or_term_is_ever_lost(service: FakeService, tmp_path: Path, sequence):
    with tempfile.TemporaryDirectory(dir=tmp_path) as base:
        world = new_world(Path(base), service.url)
        assert world.msm("update", "--lang", "pl").exit_code == 0
        for step in sequence:
            run_step(world, step)
            check_nothing_lost(world)
