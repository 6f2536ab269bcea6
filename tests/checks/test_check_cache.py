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
from pipeline.checks.result_cache import FILE, REPORT_FILE, STATS_FILE
from pipeline.checks.runner import CheckReport, check_paths
from pipeline.project import Project

REPO = Path(__file__).resolve().parents[2]
CACHE = Path(".msm-cache") / FILE
STATS = Path(".msm-cache") / STATS_FILE


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
    stats = json.loads((corpus / STATS).read_text("utf-8"))["stats"]
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


# --- the rendered report of a wholly unchanged run -----------------------------------------


def report_file(root: Path, fmt: str) -> Path:
    return root / ".msm-cache" / REPORT_FILE.format(fmt)


def msm_check(root: Path, *args: str) -> tuple[str, str, int]:
    """What `msm check` shows: standard output, standard error, exit status."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    done = CliRunner().invoke(cli, ["-C", str(root), "check", *args], catch_exceptions=False)
    return done.stdout, done.stderr, done.exit_code


def kept_key(root: Path, fmt: str = "json") -> str:
    head = report_file(root, fmt).read_bytes().split(b"\n", 1)[0]
    key: str = json.loads(head)["key"]
    return key


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github"])
def test_an_unchanged_run_shows_the_kept_report(corpus: Path, fmt: str, tmp_path: Path):
    from pipeline.checks.command import check_report
    from pipeline.publish.meta_checks import TitleChecks

    uncached = msm_check(corpus, "--no-cache", "--format", fmt)
    assert not (corpus / ".msm-cache").exists() or not report_file(corpus, fmt).exists()
    project = Project.load(corpus)
    rendered, _ = check_report([], project, fmt=fmt, also=TitleChecks(project, [], []))
    assert uncached[0] == rendered.text  # written as UTF-8 bytes: the text itself
    assert msm_check(corpus, "--format", fmt) == uncached  # checked, and kept
    assert report_file(corpus, fmt).is_file()
    # The next run takes the report as it is: it reads no part's outcome.
    (corpus / CACHE).write_bytes(b"damaged")
    assert msm_check(corpus, "--format", fmt) == uncached
    assert (corpus / CACHE).read_bytes() == b"damaged"
    # With --output, the file and the summary line on standard error.
    written = [tmp_path / f"{name}.out" for name in ("fresh", "kept")]
    fresh = msm_check(corpus, "--no-cache", "--format", fmt, "-o", str(written[0]))
    kept = msm_check(corpus, "--format", fmt, "-o", str(written[1]))
    assert written[0].read_bytes() == written[1].read_bytes()
    assert fresh[1].replace(str(written[0]), "OUT") == kept[1].replace(str(written[1]), "OUT")
    assert fresh[2] == kept[2] == uncached[2]


def test_the_report_depends_on_the_colour(corpus: Path):
    from pipeline.checks.command import check_report

    project = Project.load(corpus)
    plain, _ = check_report([], project, fmt="text", remember=False)
    painted, _ = check_report([], project, fmt="text", color=True, remember=False)
    assert plain.text != painted.text
    for _ in range(2):  # kept, then shown from the cache
        for color, shown in ((False, plain), (True, painted)):
            again, _ = check_report([], project, fmt="text", color=color, remember=True)
            assert (again.text, again.utf8, again.summary, again.exit_code) == (
                shown.text,
                shown.utf8,
                shown.summary,
                shown.exit_code,
            )


def _titled(root: Path, old: str, new: str) -> Callable[[], None]:
    return edit(root / "subtitles" / "catalog.toml", old, new)


def _changes(root: Path) -> list[tuple[str, Callable[[], None]]]:
    """Every input of the example project's report, changed in turn (each change alters
    the report, so a report kept from before would be wrong)."""
    folder = root / "subtitles" / "what-is-public-procurement"
    meta = folder / "meta" / "pl.po"
    title = "Czym są zamówienia publiczne? (przykładowy film objaśniający)"
    return [
        ("a title catalogue", edit(meta, f'"{title}"', f'"{title} <b>"')),
        ("a title catalogue removed", meta.unlink),
        ("an English title", _titled(root, 'explainer)"', 'explainer) <b>"')),
        ("a catalogue", edit(folder / "pl.po", "Czym są zamówienia", "Czym są  zamówienia")),
        ("a built track", edit(folder / "fr.srt", "\n2\n", "\n\n2\n")),
        ("a source track", edit(folder / "en.srt", "00:00:07,640", "00:00:05,500")),
        (
            "the glossary",
            edit(
                root / "glossary" / "procurement.csv",
                "public_procurement,pl,zamówienia publiczne,preferred",
                "public_procurement,pl,zamówienia publiczne,forbidden",
            ),
        ),
        (
            "the settings",
            _titled(root, "[project]\n", "[checks]\nlimits = { cps_max = 9 }\n\n[project]\n"),
        ),
    ]


def test_each_input_changed_in_turn_changes_the_kept_report(example: Path):
    """After each change, the report shown (from the cache where it may) is the one a run
    without the cache shows, and differs from the one before the change."""
    before = msm_check(example, "--format", "json")
    for what, change in _changes(example):
        assert msm_check(example, "--format", "json") == before, what  # kept
        change()
        after = msm_check(example, "--format", "json")
        assert after == msm_check(example, "--no-cache", "--format", "json"), what
        assert after != before, what
        before = after


@pytest.mark.parametrize(
    "options",
    [
        ("--lang", "pl"),
        ("--profile", "ted"),
        ("subtitles/what-is-public-procurement/meta",),
        ("subtitles/what-is-public-procurement/pl.po",),
        ("--glossary", "other.csv"),
    ],
)
def test_each_option_has_its_own_report(example: Path, options: tuple[str, ...]):
    glossary = example / "glossary" / "procurement.csv"
    text = glossary.read_text("utf-8")
    forbidden = text.replace(
        "public_procurement,pl,zamówienia publiczne,preferred",
        "public_procurement,pl,zamówienia publiczne,forbidden",
    )
    (example / "other.csv").write_text(forbidden, encoding="utf-8")
    # a gap of 60 ms after cue 2: too short for netflix (2 frames), not for ted
    edit(example / "subtitles" / "what-is-public-procurement" / "en.srt", "07,640", "07,660")()
    options = tuple(
        str(example / o) if o.startswith(("subtitles/", "other")) else o for o in options
    )
    whole = msm_check(example, "--format", "json")
    chosen = msm_check(example, "--format", "json", *options)
    assert chosen != whole
    assert chosen == msm_check(example, "--no-cache", "--format", "json", *options)
    assert msm_check(example, "--format", "json", *options) == chosen  # kept
    assert msm_check(example, "--format", "json") == whole


def test_msm_version_is_in_the_report_key(corpus: Path, monkeypatch):
    shown = msm_check(corpus, "--format", "json")
    key = kept_key(corpus)
    monkeypatch.setattr(result_cache, "__version__", "9.9.9")
    assert msm_check(corpus, "--format", "json") == shown
    assert kept_key(corpus) != key


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff\xfe",
        b'{"format": 2, "key": "x"}\n',
        b"not json\n{}",
    ],
)
def test_a_damaged_report_is_ignored(corpus: Path, damage: bytes):
    shown = msm_check(corpus, "--format", "json")
    report_file(corpus, "json").write_bytes(damage)
    assert msm_check(corpus, "--format", "json") == shown
    kept = report_file(corpus, "json").read_bytes()
    assert msm_check(corpus, "--format", "json") == shown
    cut = kept[: len(kept) - 10]  # the text cut short, its header whole
    report_file(corpus, "json").write_bytes(cut)
    assert msm_check(corpus, "--format", "json") == shown


def test_a_run_with_an_unreadable_input_keeps_no_report(corpus: Path):
    (video(corpus) / "pl.po").write_bytes(b'msgid "unterminated\n')
    shown = msm_check(corpus, "--format", "json")
    assert shown[2] == 2
    assert not report_file(corpus, "json").exists()
    assert msm_check(corpus, "--format", "json") == shown
