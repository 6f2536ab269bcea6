"""`msm memory lookup|export|import`: round trips through TMX, merges that lose nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translate.storage import tmx as tt_tmx

from pipeline.memory.model import Unit
from pipeline.memory.tmx import read_tmx, write_tmx
from tests.memory.helpers import SHARED, SLUG, example_copy, msm

CATALOG = """\
[project]
name = "Empty"
target_languages = ["fr", "pl"]

[[videos]]
slug = "demo"
title = "Demo"
"""


def empty_project(root: Path) -> Path:
    (root / "subtitles" / "demo").mkdir(parents=True)
    (root / "subtitles" / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    return root


def test_lookup_shows_score_and_origin(tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    result = msm(
        root,
        "memory",
        "lookup",
        "Councils, hospitals and schools are contracting authorities.",
        "--lang",
        "pl",
    )
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith(" 8") or first.startswith(" 9")  # a near match, score shown
    assert f"near  {SLUG}/pl.po (" in first
    assert "pl: Gminy, szpitale i szkoły / to instytucje zamawiające." in result.stdout
    exact = msm(root, "memory", "lookup", SHARED[0], "--lang", "fr")
    assert exact.stdout.splitlines()[0] == f"100%  exact  {SLUG}/fr.po"
    none = msm(root, "memory", "lookup", "Completely unrelated words here", "--lang", "pl")
    assert none.exit_code == 0 and none.stdout == ""
    assert "no match in the pl memory" in none.stderr


def test_export_then_import_into_another_project_is_the_identity(tmp_path: Path) -> None:
    root = example_copy(tmp_path / "a")
    exported = tmp_path / "all.tmx"
    result = msm(root, "memory", "export", "--lang", "pl", "--lang", "fr", "--out", str(exported))
    assert result.exit_code == 0, result.output
    units = read_tmx(exported.read_bytes(), "all.tmx").units
    assert {u.lang for u in units} == {"pl", "fr"} and len(units) > 40
    other = empty_project(tmp_path / "b")
    imported = msm(other, "memory", "import", str(exported))
    assert imported.exit_code == 0, imported.output
    assert (other / "glossary" / "memory" / "pl.tmx").is_file()
    again = msm(other, "memory", "export", "--lang", "pl", "--lang", "fr")
    assert again.stdout == exported.read_text(encoding="utf-8")
    # importing the same file again changes nothing
    before = (other / "glossary" / "memory" / "pl.tmx").read_bytes()
    twice = msm(other, "memory", "import", str(exported))
    assert "0 added" in twice.stderr
    assert (other / "glossary" / "memory" / "pl.tmx").read_bytes() == before


def test_dry_run_lists_the_adds_and_writes_nothing(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    store = tt_tmx.tmxfile(sourcelanguage="en")
    store.addtranslation("Tenders are open.", "en", "Przetargi są otwarte.", "pl-PL")
    store.addtranslation("Tenders are open.", "en", "Les appels d'offres sont ouverts.", "fr-FR")
    store.addtranslation("Tenders are open.", "en", "Angebote sind offen.", "de")
    (tmp_path / "client.tmx").write_bytes(bytes(store))
    result = msm(root, "memory", "import", str(tmp_path / "client.tmx"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "would add fr: Tenders are open. → Les appels d'offres sont ouverts.",
        "would add pl: Tenders are open. → Przetargi są otwarte.",
    ]
    assert "language 'de' is not one of ours" in result.stderr
    assert not (root / "glossary").exists()
    msm(root, "memory", "import", str(tmp_path / "client.tmx"))
    found = msm(root, "memory", "lookup", "Tenders are open.", "--lang", "pl")
    assert found.stdout.splitlines()[0] == "100%  exact  client.tmx"


def test_a_memory_file_holding_what_msm_cannot_write_back_is_not_rewritten(tmp_path: Path) -> None:
    root = empty_project(tmp_path)
    folder = root / "glossary" / "memory"
    folder.mkdir(parents=True)
    foreign = write_tmx([Unit("a", "b", "pl", [])]).replace('xml:lang="pl"', 'xml:lang="de"')
    (folder / "pl.tmx").write_text(foreign, encoding="utf-8")
    (tmp_path / "in.tmx").write_text(write_tmx([Unit("c", "d", "pl", [])]), encoding="utf-8")
    result = msm(root, "memory", "import", str(tmp_path / "in.tmx"))
    assert result.exit_code == 2
    assert "glossary/memory/pl.tmx: holds translations msm cannot write back" in result.stderr
    assert (folder / "pl.tmx").read_text(encoding="utf-8") == foreign


pair = st.tuples(st.sampled_from(["a b", "c d e", "f", "g h"]), st.sampled_from(["x", "y z", "w"]))
batch = st.lists(
    st.builds(
        lambda p, lang, origin: Unit(p[0], p[1], lang, [origin] if origin else []),
        pair,
        st.sampled_from(["pl", "fr"]),
        st.sampled_from(["", "one.tmx", "two.tmx"]),
    ),
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(batch, min_size=1, max_size=3))
def test_imports_never_lose_a_translation_or_an_origin(
    tmp_path: Path, batches: list[list[Unit]]
) -> None:
    root = tmp_path / "project"
    shutil.rmtree(root, ignore_errors=True)
    empty_project(root)
    for number, units in enumerate(batches):
        path = tmp_path / f"batch{number}.tmx"
        path.write_text(write_tmx(units), encoding="utf-8")
        assert msm(root, "memory", "import", str(path)).exit_code == 0
    held: dict[tuple[str, str, str], list[str]] = {}
    for lang in ("pl", "fr"):
        path = root / "glossary" / "memory" / f"{lang}.tmx"
        if path.exists():
            for unit in read_tmx(path.read_bytes(), "m.tmx").units:
                assert (unit.lang, unit.source, unit.target) not in held  # one unit per pair
                held[(unit.lang, unit.source, unit.target)] = unit.origins
    for number, units in enumerate(batches):
        for unit in units:
            origins = held[(unit.lang, unit.source, unit.target)]
            assert set(unit.origins or [f"batch{number}.tmx"]) <= set(origins)
