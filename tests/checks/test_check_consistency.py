"""inconsistent-translation over a run (hashes, then the candidates read again) finds exactly
what comparing every entry in memory finds, also when a file changed after it was checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import Spec, generate
from pipeline.checks import consistency
from pipeline.checks.consistency import _conflicts_by_hash, candidates, digest, flagged, variants
from pipeline.checks.model import CatalogUnit, ProjectUnit
from pipeline.checks.registry import CheckContext, load_all
from pipeline.checks.runner import check_paths
from pipeline.checks.units import po_units
from pipeline.project import Project
from pipeline.tracks.po_read import read_catalog

CHECK = "inconsistent-translation"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("consistency")
    generate(Spec(videos=6, cues=30, concepts=40, seed=9, problems=0.3), root)
    return root


def catalogues(root: Path, with_offsets: bool = True) -> list[CatalogUnit]:
    """Every catalogue of the corpus, read whole, as the runner would hand it over."""
    found = []
    for path in sorted(root.glob("subtitles/video-*/*.po")):
        po = read_catalog(path.read_text(encoding="utf-8"), str(path))
        current, gone, _ = po_units(po, str(path), path.stem)
        offsets = {e.line: e.offset for e in po if e.line and e.offset is not None}
        found.append(
            CatalogUnit(str(path), path.stem, current, gone, path, offsets if with_offsets else {})
        )
    return found


def problems(unit: ProjectUnit) -> list[tuple]:
    check = load_all()[CHECK]
    return [
        (p.entry.path, p.entry.line, p.entry.cue, p.entry.accepted, p.message)
        for p in check.func(unit, CheckContext())
        if p.entry is not None
    ]


def test_digests_find_what_whole_catalogues_find(corpus: Path):
    whole = catalogues(corpus)
    in_memory = problems(ProjectUnit(whole))
    from_digests = problems(ProjectUnit(gathered={CHECK: [digest(c) for c in whole]}))
    assert from_digests == in_memory
    assert len(in_memory) > 10


def test_a_run_reports_what_the_in_memory_comparison_finds(corpus: Path):
    report = check_paths([], Project.load(corpus), workers=1)
    ran = sorted((f.path, f.line, f.message) for f in report.findings.items if f.check == CHECK)
    whole = catalogues(corpus)
    expected = sorted(
        (str(Path(path).relative_to(corpus.resolve())), line, message)
        for path, line, _, _, message in problems(ProjectUnit(whole))
    )
    assert [(p, line) for p, line, _ in ran] == [(p, line) for p, line, _ in expected]


def test_files_changed_after_the_check_are_read_again_and_nothing_made_up(corpus: Path):
    whole = catalogues(corpus)
    expected = problems(ProjectUnit(whole))
    digests = [digest(c) for c in whole]
    saved = [(c.file, c.file.read_text(encoding="utf-8")) for c in whole if c.file]
    try:
        for path, text in saved:  # the same entries two lines further down
            path.write_text("\n\n" + text, encoding="utf-8")
        # no entry is where the run saw it: each file is read whole, nothing matches, and
        # nothing is reported at a line that no longer holds the entry
        assert problems(ProjectUnit(gathered={CHECK: digests})) == []
    finally:
        for path, text in saved:
            path.write_text(text, encoding="utf-8")
    assert problems(ProjectUnit(gathered={CHECK: digests})) == expected


def test_a_file_gone_since_the_check_is_left_out(corpus: Path):
    whole = catalogues(corpus)
    digests = [digest(c) for c in whole]
    gone = whole[0].file
    assert gone is not None
    text = gone.read_text(encoding="utf-8")
    gone.unlink()
    try:
        found = list(candidates(digests))
    finally:
        gone.write_text(text, encoding="utf-8")
    assert all(e.path != str(gone) for e in found)
    assert list(variants(found))  # the others are still compared


def test_catalogues_read_by_the_exact_reader_have_no_offsets_and_still_work(corpus: Path):
    whole = catalogues(corpus, with_offsets=False)
    assert problems(ProjectUnit(gathered={CHECK: [digest(c) for c in whole]})) == problems(
        ProjectUnit(whole)
    )


def _shown(pairs: list) -> list[tuple]:
    return [
        (e.path, e.line, e.cue, e.accepted, e.target, o.path, o.line, o.target) for e, o in pairs
    ]


def test_a_run_reads_again_only_the_entries_its_findings_need(corpus: Path):
    digests = [digest(c) for c in catalogues(corpus)]
    quick = _conflicts_by_hash(digests)
    assert quick is not None  # nothing changed since the check: no candidate read in vain
    exact = [pair for ranked in variants(candidates(digests)) for pair in flagged(ranked)]
    assert _shown(quick) == _shown(exact)
    assert len(quick) > 10


def test_sources_sharing_a_hash_are_told_apart_on_the_exact_texts(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
):
    whole = catalogues(corpus)
    expected = problems(ProjectUnit(whole))
    monkeypatch.setattr(consistency, "_source_hash", lambda source: 7)  # every source collides
    digests = [digest(c) for c in whole]
    assert _conflicts_by_hash(digests) is None
    assert problems(ProjectUnit(gathered={CHECK: digests})) == expected
