"""A commit from a web editor passes CI: Weblate's writer and polib, on every catalogue.

Weblate saves a translation by re-serialising the whole PO with translate-toolkit (wrapping at
77, its own header fields). tests/ops/test_update_churn.py shows `msm update` leaves such a
file alone on a small project; here every catalogue of the example project and of a second
video (filled from the translation memory) is saved as Weblate commits it — a translator's
edit, a fuzzy entry reviewed, Weblate's headers — or by polib, and then `msm check` passes,
`msm update --check` says nothing is out of date, and `msm update` changes no byte.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.conftest import msgfmt_check
from tests.memory.helpers import SHARED, example_copy, msm


def weblate_save(path: Path) -> None:
    """What a Weblate 5 commit of one translation does to a PO file."""
    from translate.storage import po as ttk_po

    store = ttk_po.pofile.parsefile(str(path))
    store.wrapper.width = 77  # po_line_wrap, Weblate's default
    for unit in store.units:
        if unit.isfuzzy() and unit.target:  # a reviewer approves the first fuzzy entry
            unit.markfuzzy(False)
            break
    lang = path.stem
    store.updateheader(
        add=True,
        last_translator="Anna Nowak <anna@example.org>",
        language_team=f"{lang} <https://weblate.example.org/projects/msm/{lang}/>",
        po_revision_date="2026-12-06 10:00+0000",
        x_generator="Weblate 5.14",
    )
    path.write_bytes(bytes(store))


def polib_save(path: Path) -> None:
    """A script or editor built on polib (wraps at 78), reviewing the first fuzzy entry."""
    po = polib.pofile(str(path))
    for entry in po:
        if entry.fuzzy and entry.msgstr:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
            break
    po.metadata["X-Generator"] = "polib"
    po.metadata["Last-Translator"] = "Jan Kowalski <jan@example.org>"
    po.save()


@pytest.mark.parametrize("save", [weblate_save, polib_save], ids=["weblate", "polib"])
def test_a_web_editor_commit_passes_check_and_leaves_update_nothing_to_do(
    tmp_path: Path, save: Callable[[Path], None]
) -> None:
    root = example_copy(tmp_path)
    assert msm(root, "update", "second").exit_code == 0  # the second video, memory-filled
    catalogues = sorted((root / "subtitles").glob("*/*.po"))
    assert len(catalogues) == 16
    for path in catalogues:
        before = path.read_bytes()
        save(path)
        assert path.read_bytes() != before  # the editor really rewrote it
        msgfmt_check(path)
    saved = {path: path.read_bytes() for path in catalogues}
    reviewed = polib.pofile(str(root / "subtitles" / "second" / "pl.po")).find(SHARED[0])
    assert reviewed is not None and not reviewed.fuzzy  # the memory's fill, approved

    checked = msm(root, "check")
    assert checked.exit_code == 0, checked.output
    up_to_date = msm(root, "update", "--check")
    assert up_to_date.exit_code == 0, up_to_date.output
    assert up_to_date.stdout.strip() == "all catalogues are up to date"
    updated = msm(root, "update")
    assert updated.exit_code == 0, updated.output
    assert updated.stdout.strip() == "all catalogues are up to date"
    assert {path: path.read_bytes() for path in catalogues} == saved
