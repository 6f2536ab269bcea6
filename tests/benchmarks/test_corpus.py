"""The benchmark corpus generator: deterministic, valid, and with something for every check."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import Spec, generate, glossary_csv, video
from pipeline.checks.runner import check_paths
from pipeline.glossary import load_termbase
from pipeline.project import Project
from tests.conftest import msgfmt_check


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    generate(Spec(videos=4, cues=40, concepts=50, seed=5, problems=0.1), root)
    return root


def test_the_same_seed_writes_the_same_bytes(small: Path, tmp_path: Path):
    generate(Spec(videos=4, cues=40, concepts=50, seed=5, problems=0.1), tmp_path)
    assert tree(tmp_path) == tree(small)
    assert len(tree(small)) == 2 + 4 * (1 + 8 * 3)  # settings, glossary; en.srt, po/srt/vtt


def test_another_seed_writes_another_corpus(small: Path, tmp_path: Path):
    generate(Spec(videos=4, cues=40, concepts=50, seed=6, problems=0.1), tmp_path)
    theirs, ours = tree(tmp_path), tree(small)
    assert theirs.keys() == ours.keys() and theirs != ours


def test_a_video_does_not_depend_on_the_corpus_size():
    assert video(Spec(videos=2, cues=12), 1) == video(Spec(videos=900, cues=12), 1)


def test_a_small_glossary_is_the_start_of_a_big_one():
    small, big = glossary_csv(Spec(1, 1, concepts=100)), glossary_csv(Spec(1, 1, concepts=1000))
    assert big.startswith(small)
    assert len(load_termbase_text(big, Path("g.csv"))) == 1000


def load_termbase_text(text: str, path: Path):  # type: ignore[no-untyped-def]
    from pipeline.glossary.files import parse_termbase

    return parse_termbase(text.encode("utf-8"), str(path), path)


def test_every_catalogue_passes_msgfmt(small: Path):
    catalogues = sorted(small.glob("subtitles/*/*.po"))
    assert len(catalogues) == 32
    for path in catalogues:
        msgfmt_check(path)


def test_the_corpus_is_a_project_with_problems_of_every_family(small: Path):
    assert len(load_termbase(small / "glossary" / "procurement.csv")) == 50
    report = check_paths([], Project.load(small), workers=1)
    assert not report.errors
    checks = {f.check for f in report.findings.items}
    expected = {
        "untranslated",
        "fuzzy",
        "obsolete",
        "cps-optimal",
        "glossary-missing",
        "double-space",
        "ellipsis-character",
        "identical-to-source",
        "inconsistent-translation",
        "line-length",
    }
    assert expected <= checks
    assert any(f.accepted for f in report.findings.items)
