"""The result cache: a re-check gives byte for byte the report a check without it gives, after
any input changes; only what depends on a changed input is checked again; a damaged cache is
ignored and rebuilt."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.corpus import Spec, generate
from pipeline.checks import result_cache
from pipeline.checks.report import render
from pipeline.checks.result_cache import FILE
from pipeline.checks.runner import CheckReport, check_paths
from pipeline.project import Project

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(".msm-cache") / FILE


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated")
    generate(Spec(videos=6, cues=14, concepts=60, seed=5, problems=0.2), root)
    return root


@pytest.fixture
def corpus(generated: Path, tmp_path: Path) -> Path:
    """A fresh copy of the generated corpus (the tests change its files)."""
    root = tmp_path / "corpus"
    shutil.copytree(generated, root)
    return root


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of this repository's example project, with its glossary."""
    root = tmp_path / "example"
    shutil.copytree(REPO / "subtitles", root / "subtitles")
    shutil.copytree(REPO / "glossary", root / "glossary")
    return root


def outputs(report: CheckReport) -> tuple[str, str, str, list[str], int]:
    """Everything a user sees of a run."""
    return (
        render(report, "json"),
        render(report, "text"),
        render(report, "junit"),
        [str(e) for e in report.errors],
        report.exit_code,
    )


def run(root: Path, remember: bool = True, **options: object) -> CheckReport:
    return check_paths([], Project.load(root), remember=remember, **options)  # type: ignore[arg-type]


def stored(root: Path) -> dict[str, object]:
    data = json.loads((root / CACHE).read_text("utf-8"))
    entries: dict[str, object] = data["entries"]
    return entries


def assert_same_as_uncached(root: Path, **options: object) -> CheckReport:
    """A cached run of `root` gives exactly what a run without the cache gives."""
    fresh = run(root, remember=False, **options)
    cached = run(root, **options)
    assert outputs(cached) == outputs(fresh)
    return cached


def test_json_report_is_byte_identical_on_the_example_project(example: Path):
    uncached = run(example, remember=False)
    assert not (example / CACHE).exists()
    first = run(example)
    assert (example / CACHE).is_file()
    again = run(example)
    assert render(first, "json") == render(uncached, "json") == render(again, "json")
    assert outputs(again) == outputs(uncached)


def test_generated_corpus_in_one_process_and_with_workers(corpus: Path):
    uncached = outputs(run(corpus, remember=False, workers=1))
    assert outputs(run(corpus, workers=1)) == uncached  # remembers
    assert outputs(run(corpus, workers=1)) == uncached  # recalls everything
    if "fork" in multiprocessing.get_all_start_methods():
        (corpus / CACHE).unlink()
        assert outputs(run(corpus, workers=2)) == uncached  # workers hand their parts back
        kept = stored(corpus)
        assert outputs(run(corpus, workers=2)) == uncached
        assert stored(corpus).keys() == kept.keys()


def test_the_command_line_uses_it_and_no_cache_bypasses_it(example: Path, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import cli

    monkeypatch.chdir(example)
    runner = CliRunner()
    bypass = runner.invoke(cli, ["check", "--no-cache", "--format", "json"])
    assert not (example / CACHE).exists()
    first = runner.invoke(cli, ["check", "--format", "json"])
    assert (example / CACHE).is_file()
    second = runner.invoke(cli, ["check", "--format", "json"])
    assert bypass.stdout == first.stdout == second.stdout
    assert bypass.exit_code == first.exit_code == second.exit_code


def new_keys(root: Path, change: Callable[[], None], **options: object) -> int:
    """Change an input; check that the cached run equals an uncached one; return how many
    parts had to be checked again (new outcomes in the cache, the project checks' one and
    the glossary's included)."""
    run(root, **options)
    before = set(stored(root))
    change()
    assert_same_as_uncached(root, **options)
    return len(set(stored(root)) - before)


def edit(path: Path, old: str, new: str) -> Callable[[], None]:
    def change() -> None:
        text = path.read_text("utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def video(root: Path, number: int = 2) -> Path:
    return root / "subtitles" / f"video-{number:05d}"


def test_a_changed_catalogue_is_checked_again_alone(corpus: Path):
    po = video(corpus) / "pl.po"
    text = po.read_text("utf-8")
    at = text.index('msgstr "', text.index("msgid", text.index("\n\n"))) + len('msgstr "')
    # one catalogue and the project checks
    assert new_keys(corpus, lambda: po.write_text(text[:at] + "Zmiana " + text[at:])) == 2


def test_a_changed_source_track_checks_its_video_again(corpus: Path):
    src = video(corpus) / "en.srt"
    catalogues = len(list(video(corpus).glob("*.po")))
    found = new_keys(corpus, edit(src, " --> ", "  --> "))  # the same cues, other bytes
    assert found == 1 + catalogues + 1  # the source, each catalogue, the project checks


def test_a_changed_or_removed_built_track(corpus: Path):
    built = video(corpus) / "fr.srt"
    assert new_keys(corpus, lambda: built.write_bytes(built.read_bytes() + b"\n")) == 2
    assert new_keys(corpus, built.unlink) == 2
    vtt = video(corpus, 3) / "es.vtt"
    assert new_keys(corpus, lambda: vtt.write_text("WEBVTT\n\n", encoding="utf-8")) == 2


def test_a_new_or_removed_catalogue(corpus: Path):
    files = [video(corpus) / f"ro.{suffix}" for suffix in ("po", "srt", "vtt")]
    kept = [path.read_bytes() for path in files]

    def remove() -> None:
        for path in files:
            path.unlink()

    def restore() -> None:
        for path, data in zip(files, kept, strict=True):
            path.write_bytes(data)

    assert new_keys(corpus, remove) == 1  # missing-catalog: only the project checks
    assert new_keys(corpus, restore) == 0  # every outcome known from the first run
    # A built track without its catalogue is checked on its own (never remembered).
    assert new_keys(corpus, files[0].unlink) == 0


def test_a_changed_glossary_checks_everything_again(corpus: Path):
    glossary = corpus / "glossary" / "procurement.csv"
    lines = glossary.read_text("utf-8").splitlines(keepends=True)
    parts = len(stored(corpus)) if (corpus / CACHE).exists() else None
    assert parts is None
    found = new_keys(corpus, lambda: glossary.write_text("".join(lines[:-3]), encoding="utf-8"))
    assert found == len(stored(corpus)) // 2  # every part, the project, the glossary


def test_changed_settings(corpus: Path):
    catalog = corpus / "subtitles" / "catalog.toml"
    everything = len(list(corpus.glob("subtitles/video-*/*.po"))) + 6 + 1  # + sources, project
    disable = edit(catalog, "[project]\n", '[checks]\ndisabled = ["fuzzy"]\n\n[project]\n')
    assert new_keys(corpus, disable) == everything + 1  # and the glossary prepared again
    limits = edit(catalog, "[checks]\n", "[checks]\nlimits = { cps_max = 19 }\n")
    assert new_keys(corpus, limits) == everything + 1


def test_a_profile_option_and_a_language_filter(corpus: Path):
    assert_same_as_uncached(corpus, profile="ted")
    assert_same_as_uncached(corpus, langs=["pl"])
    assert_same_as_uncached(corpus, profile="ted")


def test_a_msgctxt_setting_checks_its_video_again(example: Path):
    catalog = example / "subtitles" / "catalog.toml"
    catalogues = len(list(example.glob("subtitles/*/*.po")))
    add = catalog.read_text("utf-8").rstrip("\n") + '\n\n[videos.contexts]\n"2" = "second"\n'
    assert new_keys(example, lambda: catalog.write_text(add, encoding="utf-8")) == catalogues + 2


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff garbage",
        b'{"format": 1, "entries": {',
        b'{"format": 999, "entries": {}}',
        b"[1, 2, 3]",
        b'{"format": 1, "entries": []}',
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(corpus: Path, damage: bytes):
    uncached = outputs(run(corpus, remember=False))
    (corpus / CACHE).parent.mkdir(parents=True, exist_ok=True)
    (corpus / CACHE).write_bytes(damage)
    assert outputs(run(corpus)) == uncached
    assert stored(corpus)  # rewritten
    assert outputs(run(corpus)) == uncached


def test_damaged_outcomes_are_checked_again(corpus: Path):
    uncached = outputs(run(corpus, remember=False))
    run(corpus)
    data = json.loads((corpus / CACHE).read_text("utf-8"))
    for n, outcome in enumerate(data["entries"].values()):
        if n % 3 == 0:
            outcome["findings"] = [["path", "not a line"]]
        elif n % 3 == 1:
            outcome["gathered"] = {"inconsistent-translation": [["p", "pl", "f", ["x", "!!"]]]}
        else:
            outcome.pop("ran", None)
    (corpus / CACHE).write_text(json.dumps(data), encoding="utf-8")
    assert outputs(run(corpus)) == uncached


def test_the_cache_is_bounded(corpus: Path, monkeypatch):
    monkeypatch.setattr(result_cache, "MAX_ENTRIES", 5)
    uncached = outputs(run(corpus, remember=False))
    assert outputs(run(corpus)) == uncached
    assert len(stored(corpus)) == 5
    assert outputs(run(corpus)) == uncached


def test_a_read_only_project_is_still_checked(corpus: Path):
    folder = corpus / ".msm-cache"
    folder.mkdir()
    (folder / FILE).mkdir()  # cannot be replaced by a file
    assert outputs(run(corpus)) == outputs(run(corpus, remember=False))


def test_msm_version_and_build_are_in_the_key(corpus: Path, monkeypatch):
    run(corpus)
    before = set(stored(corpus))
    monkeypatch.setattr(result_cache, "__version__", "9.9.9")
    assert_same_as_uncached(corpus)
    assert not before & (set(stored(corpus)) - before)
    assert len(set(stored(corpus)) - before) == len(before)


def test_a_file_rewritten_with_its_old_size_and_time_is_read_again(corpus: Path, monkeypatch):
    monkeypatch.setattr(result_cache, "RACY_SECONDS", -60)  # remember every file's hash
    po = video(corpus) / "es.po"
    run(corpus)
    stats = json.loads((corpus / CACHE).read_text("utf-8"))["stats"]
    assert str(po) in stats  # remembered: the next run does not read it
    before = po.stat()
    text = po.read_text("utf-8")
    at = text.index('msgstr "', text.index("msgid", text.index("\n\n"))) + len('msgstr "')
    changed = text[:at] + ("X" if text[at] != "X" else "Y") + text[at + 1 :]
    po.write_text(changed, encoding="utf-8")
    os.utime(po, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and time as they were
    assert po.stat().st_size == before.st_size and po.stat().st_mtime_ns == before.st_mtime_ns
    assert_same_as_uncached(corpus)


def test_remembered_hashes_make_the_same_report(corpus: Path, monkeypatch):
    monkeypatch.setattr(result_cache, "RACY_SECONDS", -60)
    uncached = outputs(run(corpus, remember=False))
    assert outputs(run(corpus)) == uncached
    assert outputs(run(corpus)) == uncached  # every hash from the stats
