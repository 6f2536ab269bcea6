"""`msm update` keeps every shape of entry gettext allows, and loses nothing a translator wrote.

Catalogues are generated with plural entries (`msgid_plural`, `msgstr[0..2]`), contexts,
obsolete entries with their previous fields, flags other than fuzzy, translator and extracted
comments and `#|` previous fields, saved by polib or translate-toolkit; then `msm update` runs
with the same source (everything stays exactly as it was) or a changed one (every translation
is still there: kept, fuzzy with `#| msgid`, or obsolete).
"""

from __future__ import annotations

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
from pipeline.tracks.srt_io import compose_srt
from tests.conftest import CATALOG, msgfmt_check

MOMENT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LATER = datetime(2027, 1, 2, 3, 4, tzinfo=UTC)
POOL = [
    "Hello.",
    "Thank you.",
    "Yes.",
    "The contracting authority publishes a notice.",
    "Lots help small firms take part.",
    "Award criteria decide the winner.",
    "We buy a lot of paper.",
    "Goodbye, and thank you for watching!",
]
SHAPES = ("empty", "plain", "plural", "fuzzy", "flags", "comment", "context")
PROPERTY = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def new_project(root: Path, texts: list[str]) -> Project:
    (root / "subtitles" / "demo").mkdir(parents=True, exist_ok=True)
    (root / "subtitles" / "catalog.toml").write_text(CATALOG.format(targets='["pl"]'))
    write_source(root, texts)
    return Project.load(root)


def write_source(root: Path, texts: list[str]) -> None:
    cues = [Cue(i * 3000, i * 3000 + 2000, text) for i, text in enumerate(texts)]
    (root / "subtitles" / "demo" / "en.srt").write_text(compose_srt(cues), encoding="utf-8")


def update(project: Project, moment: datetime) -> None:
    plan = plan_update(project, project.select([]), project.languages(), moment)
    assert not plan.errors, plan.errors
    apply(plan.changes)


def pl_po(root: Path) -> Path:
    return root / "subtitles" / "demo" / "pl.po"


def shape(entry: polib.POEntry, kind: str) -> None:
    """Make a live entry into one of the shapes a translator's tool may leave."""
    text = f"«{entry.msgid}»"
    if kind == "plain":
        entry.msgstr = text
    elif kind == "plural":
        entry.msgid_plural = entry.msgid + " (many)"
        entry.msgstr_plural = {0: text + " 1", 1: text + " 2-4", 2: text + " 5+"}
    elif kind == "fuzzy":
        entry.msgstr = text
        entry.flags = ["fuzzy", "c-format"]
        entry.previous_msgid = "Earlier: " + entry.msgid
    elif kind == "flags":
        entry.msgstr = text
        entry.flags = ["no-wrap", "python-format"]
    elif kind == "comment":
        entry.msgstr = text
        entry.tcomment = "checked by Ana\nsee the glossary"
    elif kind == "context":
        entry.msgctxt = "menu"  # no longer the source's key: becomes obsolete, never lost
        entry.msgstr = text


def extras() -> list[polib.POEntry]:
    """Entries no source text gives: obsolete ones with every field, a live plural."""
    return [
        polib.POEntry(
            msgid="An old line.",
            msgstr="Stara linia.",
            obsolete=True,
            tcomment="kept for later",
            flags=["fuzzy"],
            previous_msgid="An older line.",
        ),
        polib.POEntry(
            msgctxt="button",
            msgid="%d file",
            msgid_plural="%d files",
            msgstr_plural={0: "%d plik", 1: "%d pliki", 2: "%d plików"},
            flags=["c-format"],
            obsolete=True,
        ),
        polib.POEntry(
            msgid="One cue",
            msgid_plural="%d cues",
            msgstr_plural={0: "Jedna", 1: "%d wskazówki", 2: "%d wskazówek"},
            flags=["c-format"],
            comment="an extracted comment",
            tcomment="a translator comment",
        ),
    ]


def save_polib(path: Path, po: polib.POFile) -> None:
    po.save(str(path))


def save_translate_toolkit(path: Path, po: polib.POFile) -> None:
    from translate.storage import po as ttk_po

    po.save(str(path))
    store = ttk_po.pofile.parsefile(str(path))
    path.write_bytes(bytes(store))


SAVERS: dict[str, Callable[[Path, polib.POFile], None]] = {
    "polib": save_polib,
    "translate-toolkit": save_translate_toolkit,
}

Work = tuple[object, ...]


def work(entry: polib.POEntry) -> Work:
    """What a translator wrote in an entry."""
    return (
        entry.msgid_plural,
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())),
        entry.tcomment,
    )


def has_work(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural.values()) or entry.tcomment)


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt or None, entry.msgid)


@st.composite
def catalogues(
    draw: st.DrawFn, shapes_from: tuple[str, ...] = SHAPES
) -> tuple[list[str], list[str], str, bool]:
    texts = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True))
    shapes = draw(st.lists(st.sampled_from(shapes_from), min_size=len(texts), max_size=len(texts)))
    saver = draw(st.sampled_from(sorted(SAVERS)))
    with_extras = draw(st.booleans())
    return texts, shapes, saver, with_extras


def prepared(root: Path, texts: list[str], shapes: list[str], saver: str, with_extras: bool):
    project = new_project(root, texts)
    update(project, MOMENT)
    po = polib.pofile(str(pl_po(root)))
    for entry, kind in zip([e for e in po if not e.obsolete], shapes, strict=True):
        shape(entry, kind)
    if with_extras:
        po.extend(extras())
    SAVERS[saver](pl_po(root), po)
    msgfmt_check(pl_po(root))
    return project, polib.pofile(str(pl_po(root)))


@PROPERTY
@given(catalogues(tuple(s for s in SHAPES if s != "context")))  # a context is a new key
def test_the_same_source_keeps_every_entry_exactly(
    tmp_path_factory: pytest.TempPathFactory, catalogue: tuple[list[str], list[str], str, bool]
) -> None:
    texts, shapes, saver, with_extras = catalogue
    root = tmp_path_factory.mktemp("same")
    project, before = prepared(root, texts, shapes, saver, with_extras)
    update(project, LATER)
    msgfmt_check(pl_po(root))
    after = {(key(e), bool(e.obsolete)): e for e in polib.pofile(str(pl_po(root)))}
    sources = {(None, t) for t in texts}
    for old in before:
        if not has_work(old) and not old.obsolete:
            continue
        # A live entry the source no longer says goes obsolete; everything else stays as it was.
        obsolete = bool(old.obsolete) or key(old) not in sources
        new = after.get((key(old), obsolete))
        assert new is not None, f"lost: {key(old)}"
        assert work(new) == work(old)
        assert new.flags == old.flags
        assert new.previous_msgid == old.previous_msgid
        if not obsolete:
            assert new.comment == old.comment and new.occurrences == old.occurrences
    # And a second run has nothing left to do.
    assert plan_update(project, project.select([]), project.languages(), LATER).changes == []


@PROPERTY
@given(catalogues(), st.data())
def test_a_changed_source_loses_no_translation(
    tmp_path_factory: pytest.TempPathFactory,
    catalogue: tuple[list[str], list[str], str, bool],
    data: st.DataObject,
) -> None:
    texts, shapes, saver, with_extras = catalogue
    root = tmp_path_factory.mktemp("changed")
    project, before = prepared(root, texts, shapes, saver, with_extras)
    edits = data.draw(
        st.lists(
            st.sampled_from(["keep", "edit", "drop"]), min_size=len(texts), max_size=len(texts)
        )
    )
    new_texts = [
        t + " Indeed." if e == "edit" else t
        for t, e in zip(texts, edits, strict=True)
        if e != "drop"
    ]
    new_texts += data.draw(
        st.lists(st.sampled_from([p for p in POOL if p not in texts]), max_size=2, unique=True)
    )
    write_source(root, new_texts or ["Something else entirely."])
    update(project, LATER)
    msgfmt_check(pl_po(root))
    after = list(polib.pofile(str(pl_po(root))))
    for old in before:
        if not has_work(old):
            continue
        same = [e for e in after if key(e) == key(old) and work(e) == work(old)]
        moved = [
            e
            for e in after
            if e.fuzzy
            and not e.obsolete
            and (e.msgstr, e.msgstr_plural) == (old.msgstr, old.msgstr_plural)
            and e.previous_msgid in (old.msgid, old.previous_msgid)
        ]
        assert same or moved, f"lost the translation of {key(old)}"


def test_a_plural_entry_survives_msm_update(tmp_path: Path) -> None:
    """The case of the report: a valid plural entry came out as `#~ msgstr ""`."""
    project = new_project(tmp_path, ["Hello.", "Yes."])
    update(project, MOMENT)
    po = polib.pofile(str(pl_po(tmp_path)))
    po.append(extras()[2])
    hello = po.find("Hello.")
    assert hello is not None
    shape(hello, "plural")
    po.save()
    msgfmt_check(pl_po(tmp_path))
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "update"])
    assert result.exit_code == 0, result.output
    text = pl_po(tmp_path).read_text(encoding="utf-8")
    assert '#~ msgstr ""' not in text
    assert 'msgstr[2] "%d wskazówek"' in text
    assert 'msgstr[1] "«Hello.» 2-4"' in text
    again = polib.pofile(text)
    (cues,) = [e for e in again if e.msgid == "One cue"]
    assert cues.obsolete and cues.msgstr_plural[1] == "%d wskazówki"
    msgfmt_check(pl_po(tmp_path))
