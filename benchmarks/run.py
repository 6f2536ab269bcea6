"""`make bench`: msm against translate-toolkit on generated corpora, written to RESULTS.md.

    .venv-bench/bin/python -m benchmarks.run            # the full run (about 10 minutes)
    .venv-bench/bin/python -m benchmarks.run --quick    # smaller corpora, fewer repeats

Runs in the benchmark environment (`.venv-bench`, made by `make bench`), where msm is
installed as a user installs it and translate-toolkit (the peer) is installed next to it.
Every time is the median of repeated runs of the real commands, the peers' runs interleaved
with ours so that a busy machine slows both alike; the targets are ratios measured in this
one run. Peak memory is sampled from /proc for the process and every worker it starts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from benchmarks import corpus as corpus_module
from benchmarks.corpus import Spec, generate, glossary_csv
from pipeline.checks.runner import PARALLEL_MIN_CATALOGS

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "benchmarks" / "corpora"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BIN = Path(sys.executable).parent  # the benchmark environment's commands
LANGS = 9  # the source and eight translations
GNU_TIME = Path("/usr/bin/time")


@dataclass(frozen=True)
class Sizes:
    """What a run measures on."""

    main: Spec  # the corpus msm and pofilter both check; conversions and G scaling too
    scale: Spec  # N x M: x1; x10 and x100 multiply the videos; one more has 10x the cues
    repeats: int  # timed runs of each command (the median is reported)
    peer_repeats: int  # timed runs of the slower peer commands
    startup_repeats: int
    big_glossary: int = 10_000
    small_glossary: int = 100


FULL = Sizes(Spec(250, 60, 1000), Spec(12, 50, 1000), 5, 3, 21)
QUICK = Sizes(Spec(40, 60, 1000), Spec(4, 50, 1000), 3, 2, 11)


# --- running commands -------------------------------------------------------------------------


@dataclass
class Run:
    """One run of a command: wall time, peak memory, exit status."""

    seconds: float
    max_rss_mb: float  # the largest single process (GNU time's %M)
    peak_pss_mb: float | None  # all its processes together (sampled), when asked
    status: int


def _tree(pid: int) -> list[int]:
    """The process and every descendant (from the parent ids in /proc/*/stat)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text("ascii", "replace").rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, ()))
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text("ascii").splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(
    command: Sequence[str | Path],
    cwd: Path,
    env: dict[str, str] | None = None,
    memory: bool = False,
    stdout: Path | None = None,
) -> Run:
    """Run a command under GNU time (its largest process's peak RSS); with `memory`, also
    sample the total PSS of its process tree (workers included) every 20 ms."""
    environment = {**os.environ, **(env or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: bytecode cached
    rss_file = CORPORA / ".maxrss"
    rss_file.unlink(missing_ok=True)
    timed = [*map(str, command)]
    if GNU_TIME.is_file():  # Debian package `time`; without it, no largest-process RSS
        timed = [str(GNU_TIME), "-f", "%M", "-o", str(rss_file), *timed]
    peak = [0]
    done = threading.Event()
    with stdout.open("wb") if stdout else open(os.devnull, "wb") as out:  # noqa: PTH123  # devnull
        start = time.perf_counter()
        proc = subprocess.Popen(timed, cwd=cwd, env=environment, stdout=out, stderr=subprocess.PIPE)

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True) if memory else None
        if sampler:
            sampler.start()
        _, errors = proc.communicate()
        seconds = time.perf_counter() - start
        done.set()
        if sampler:
            sampler.join()
    if proc.returncode not in (0, 1):
        tail = errors.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({proc.returncode}):\n{tail}")
    rss = int(rss_file.read_text().split()[-1]) / 1024 if rss_file.is_file() else 0.0
    return Run(seconds, rss, peak[0] / 1024 if memory else None, proc.returncode)


@dataclass
class Timing:
    """Repeated runs of one command."""

    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def spread(self) -> str:
        times = sorted(r.seconds for r in self.runs)
        return f"{times[0]:.2f}–{times[-1]:.2f}"

    @property
    def rss(self) -> float:
        return max(r.max_rss_mb for r in self.runs)

    @property
    def pss(self) -> float | None:
        sampled = [r.peak_pss_mb for r in self.runs if r.peak_pss_mb is not None]
        return max(sampled) if sampled else None


def interleaved(
    commands: dict[str, Callable[[bool], Run]], repeats: dict[str, int]
) -> dict[str, Timing]:
    """Run each command its number of times, taking turns; the last run samples memory."""
    timings = {label: Timing(label) for label in commands}
    for round_ in range(max(repeats.values())):
        for label, command in commands.items():
            if round_ < repeats[label]:
                last = round_ == repeats[label] - 1
                timings[label].runs.append(command(last))
                print(f"  {label}: {timings[label].runs[-1].seconds:.2f} s", flush=True)
    return timings


# --- corpora --------------------------------------------------------------------------------


def corpus(name: str, spec: Spec) -> Path:
    """Generate a corpus once (kept between runs: the generator is deterministic)."""
    root = CORPORA / name
    stamp = root / ".spec.json"
    generator = hashlib.sha256(Path(corpus_module.__file__).read_bytes()).hexdigest()
    wanted = json.dumps({**spec.__dict__, "generator": generator}, sort_keys=True)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return root
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    generate(spec, root)
    stamp.write_text(wanted, encoding="utf-8")
    print(f"generated {name} in {time.perf_counter() - started:.1f} s", flush=True)
    return root


def with_glossary(source: Path, name: str, spec: Spec, concepts: int) -> Path:
    """The same corpus with another glossary (files hard-linked, not copied)."""
    root = CORPORA / name
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(source / "subtitles", root / "subtitles", copy_function=os.link)
    (root / "glossary").mkdir(parents=True)
    glossary = glossary_csv(Spec(spec.videos, spec.cues, concepts, spec.seed))
    (root / "glossary" / "procurement.csv").write_text(glossary, encoding="utf-8")
    return root


@dataclass
class Counts:
    """What a corpus holds."""

    videos: int
    catalogues: int
    entries: int  # PO entries (one per distinct source text and language)
    cues: int  # source cues x 9 languages
    distinct: float  # share of translated texts that are distinct within their language


def count(root: Path) -> Counts:
    from pipeline.tracks.po_read import read_catalog

    videos = sorted((root / "subtitles").glob("video-*"))
    catalogues = entries = cues = 0
    texts: dict[str, set[str]] = {}
    translated = 0
    for folder in videos:
        cues += (folder / "en.srt").read_text("utf-8").count(" --> ") * LANGS
        for po in folder.glob("*.po"):
            catalogues += 1
            for entry in read_catalog(po.read_text("utf-8"), str(po)):
                if entry.obsolete:
                    continue
                entries += 1
                if entry.msgstr:
                    translated += 1
                    texts.setdefault(po.stem, set()).add(entry.msgstr)
    distinct = sum(len(t) for t in texts.values()) / translated if translated else 0.0
    return Counts(len(videos), catalogues, entries, cues, distinct)


# --- the measurements -----------------------------------------------------------------------


# The installed msm (compiled, see setup.py) made to run this folder's modules as Python:
# they come first on the path (the folder holds no compiled file: tests/test_compiled.py).
PURE_PYTHON = {"PYTHONPATH": str(ROOT)}
# No Hunspell dictionary: the spelling check is skipped (and says so). The check benchmark runs
# msm so, as pofilter runs without its spell filter (no --language); spelling_bench.py compares
# the two with spelling on.
NO_SPELLING = {"MSM_HUNSPELL_PATH": ""}


def msm_build(env: dict[str, str] | None = None) -> str:
    """What `msm --version` says of the build that runs (compiled modules or Python)."""
    done = subprocess.run(
        [BIN / "msm", "--version"],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def msm_check(
    root: Path,
    workers: int | None = None,
    out: Path | None = None,
    env: dict[str, str] | None = None,
    cached: bool = False,
) -> Callable[[bool], Run]:
    """`msm check` of a whole corpus: every file checked (`--no-cache`), or with `cached`
    taking what did not change since the last run from `.msm-cache/`."""
    env = {**(env or {}), **({"MSM_CHECK_WORKERS": str(workers)} if workers else {})}
    target = out or CORPORA / "msm-check.txt"
    command = [BIN / "msm", "check", *([] if cached else ["--no-cache"])]
    return lambda memory: run(command, root, env, memory, target)


def pofilter(root: Path) -> Callable[[bool], Run]:
    out = CORPORA / "pofilter-out"

    def go(memory: bool) -> Run:
        shutil.rmtree(out, ignore_errors=True)
        return run(
            [BIN / "pofilter", "--progress=none", "-i", root / "subtitles", "-o", out],
            root,
            memory=memory,
        )

    return go


def peer_facts(root: Path) -> dict[str, int]:
    """How many checks pofilter runs, and how many problems it reported."""
    from translate.filters import checks

    checker = checks.TeeChecker(
        checkerconfig=checks.CheckerConfig(),
        excludefilters={},
        limitfilters=None,
        checkerclasses=[checks.StandardChecker, checks.StandardUnitChecker],
    )
    out = CORPORA / "pofilter-out"
    reported = sum(
        line.startswith("# (pofilter)")
        for path in out.rglob("*.po")
        for line in path.read_text("utf-8").splitlines()
    )
    return {"filters": len(checker.getfilters()), "reported": reported}


def msm_facts(root: Path) -> dict[str, int]:
    """How many checks msm has, how many looked at the catalogues, and what they found."""
    from pipeline.checks.registry import load_all
    from pipeline.checks.runner import check_paths
    from pipeline.project import Project

    report = check_paths([], Project.load(root))
    on_po = set().union(*(ids for path, ids in report.ran.items() if path.endswith(".po")))
    on_files = set().union(*report.ran.values())
    return {
        "registered": len(load_all()),
        "on_catalogues": len(on_po),
        "on_all_files": len(on_files),
        "reported": len(report.findings.items),
    }


@dataclass
class Results:
    """Everything measured, for RESULTS.md."""

    sizes: Sizes
    build: str = ""  # what `msm --version` said in the check benchmark
    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, bool | None]] = field(default_factory=list)

    def add(self, *text: str) -> None:
        self.lines.extend(text)

    def target(self, name: str, measured: str, met: bool | None) -> None:
        self.targets.append((name, measured, met))


def bench_check(res: Results) -> tuple[Path, Counts]:
    print("== msm check against pofilter", flush=True)
    sizes = res.sizes
    main = corpus("main", sizes.main)
    counts = count(main)
    # compiles the glossary into .msm-cache (see G below); `--no-cache`: no results kept
    run([BIN / "msm", "check", "--no-cache"], main)
    timings = interleaved(
        {
            "msm check": msm_check(main, env=NO_SPELLING),
            "msm check, one process": msm_check(main, 1, env=NO_SPELLING),
            "msm check, as Python": msm_check(main, env={**PURE_PYTHON, **NO_SPELLING}),
            "pofilter": pofilter(main),
        },
        {
            "msm check": sizes.repeats,
            "msm check, one process": sizes.repeats,
            "msm check, as Python": sizes.repeats,
            "pofilter": sizes.peer_repeats,
        },
    )
    ours, alone, peer = timings["msm check"], timings["msm check, one process"], timings["pofilter"]
    pure = timings["msm check, as Python"]
    build, pure_build = msm_build(), msm_build(PURE_PYTHON)
    res.build = build
    if "compiled" not in build or "pure Python" not in pure_build:
        raise RuntimeError(f"not the builds meant: {build!r}, {pure_build!r}")
    saved = {name: os.environ.get(name) for name in NO_SPELLING}
    os.environ.update(NO_SPELLING)  # msm_facts checks in this process: as the timed runs
    try:
        facts = msm_facts(main)
    finally:
        for name, value in saved.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    theirs = peer_facts(main)
    ratio, ratio_alone = peer.median / ours.median, peer.median / alone.median
    per_cue = ours.median / counts.cues * 1e6
    res.add(
        "## Quality check: `msm check` against `pofilter`",
        "",
        f"Corpus `main`: {counts.videos} videos × 9 languages × {sizes.main.cues} cues, "
        f"{counts.catalogues} PO files, {counts.entries:,} PO entries, {counts.cues:,} cues in "
        f"all languages; {sizes.main.concepts:,} glossary concepts; "
        f"{counts.distinct:.0%} of the translated texts are distinct within their language.",
        "Both tools get the same `subtitles/` folder: pofilter reads the PO files (and skips "
        "the rest), msm reads the PO files, the source `en.srt` of each video and the built "
        "`<lang>.srt`/`.vtt` it compares with what `msm build` would write. pofilter runs "
        "without its spell filter (it needs `--language`), msm without its spelling check "
        "(no dictionary: skipped); the spelling section below times both with spelling on.",
        "",
        "| command | median s | range | per cue | checks | problems reported | max RSS "
        "| peak PSS, all processes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        _row(
            ours,
            counts.cues,
            f"{facts['on_all_files']} of {facts['registered']}",
            facts["reported"],
        ),
        _row(
            alone,
            counts.cues,
            f"{facts['on_all_files']} of {facts['registered']}",
            facts["reported"],
        ),
        _row(
            pure,
            counts.cues,
            f"{facts['on_all_files']} of {facts['registered']}",
            facts["reported"],
        ),
        _row(peer, counts.cues, f"{theirs['filters']}", theirs["reported"]),
        "",
        f"- **msm check is {ratio:.2f}× faster than pofilter** ({ratio_alone:.1f}× in one "
        f"process; pofilter uses one core, msm uses {os.cpu_count()} workers on a run this big). "
        f"msm as installed: `{build}`; the same modules run as Python (`PYTHONPATH` on this "
        f"folder, as an editable install runs them) are ×{pure.median / ours.median:.2f} slower: "
        f"{peer.median / pure.median:.2f}× pofilter. "
        f"Our cost: {per_cue:.1f} µs per cue (wall), {alone.median / counts.cues * 1e6:.1f} µs "
        "per cue in one process.",
        f"- Checks: msm ran {facts['on_catalogues']} checks on every PO catalogue and its built "
        f"track ({facts['on_all_files']} on all files, counting the source tracks'), "
        f"pofilter {theirs['filters']} filters (its whole default set, `pofilter --listfilters`;"
        " several of them, such as spellcheck, printf, accelerators, need options or never apply"
        " to subtitles). pofilter's checks compare source and target strings; msm's also judge "
        "timing, reading speed, line length, typography per language, the glossary in "
        "inflected forms, consistency across videos and stale built files.",
        "",
    )
    res.target(
        "`msm check` ≥ 10× faster than `pofilter` on the same PO files, running more checks",
        f"{ratio:.2f}× ({ratio_alone:.1f}× in one process, {peer.median / pure.median:.2f}× "
        f"as Python); {facts['on_catalogues']} msm checks "
        f"per catalogue vs {theirs['filters']} pofilter filters",
        ratio >= 10,
    )
    return main, counts


def _row(timing: Timing, cues: int, checks: str, reported: int) -> str:
    pss = f"{timing.pss:.0f} MB" if timing.pss is not None else "–"
    return (
        f"| `{timing.label}` | {timing.median:.2f} | {timing.spread} | "
        f"{timing.median / cues * 1e6:.1f} µs | {checks} | {reported:,} | "
        f"{timing.rss:.0f} MB | {pss} |"
    )


def bench_recheck(res: Results, main: Path) -> None:
    """A re-check of the unchanged corpus (the result cache) against a first run."""
    print("== re-check of an unchanged project", flush=True)
    cache = main / ".msm-cache"
    first_out, again_out = CORPORA / "msm-check-first.json", CORPORA / "msm-check-again.json"
    first = Timing("msm check, first run (empty result cache)")
    again = Timing("msm check, re-check (nothing changed)")
    json_first = [BIN / "msm", "check", "--format", "json"]
    for _ in range(res.sizes.repeats):
        for kept in cache.glob("check-*"):  # the outcomes, the stats, the reports
            kept.unlink()
        first.runs.append(run(json_first, main, stdout=first_out))
        print(f"  {first.label}: {first.runs[-1].seconds:.2f} s", flush=True)
        again.runs.append(run(json_first, main, stdout=again_out))
        print(f"  {again.label}: {again.runs[-1].seconds:.2f} s", flush=True)
    same = first_out.read_bytes() == again_out.read_bytes()
    ratio = first.median / again.median
    res.add(
        "## Re-check of an unchanged project",
        "",
        "`msm check --format json` on the `main` corpus, with an empty result cache, then "
        "again with nothing changed: the second run `stat`s every file (hashing those it "
        "does not recognise) and, the whole run being unchanged, shows the report the first "
        "run kept in `.msm-cache/check-report-json.txt` (see docs/performance.md).",
        "",
        "| command | median s | range | max RSS |",
        "|---|---:|---:|---:|",
        *(
            f"| `{t.label}` | {t.median:.2f} | {t.spread} | {t.rss:.0f} MB |"
            for t in (first, again)
        ),
        "",
        f"- The re-check takes 1/{ratio:.1f} of the first run; the JSON reports are "
        + ("byte for byte the same." if same else "**different**."),
        "",
    )
    res.target(
        "a re-check of the unchanged corpus ≥ 10× faster than the first run, same findings",
        f"{ratio:.1f}×, reports {'identical' if same else 'different'}",
        ratio >= 10 and same,
    )


def bench_costs(res: Results, main: Path) -> None:
    print("== cost of each check", flush=True)
    import pipeline
    from benchmarks.check_costs import measure, table

    total, costs = measure(main)
    # In this process `pipeline` is this folder's (python -m puts it first on the path).
    build = "compiled" if pipeline.compiled() else "as Python"
    res.add(
        f"### Where the time goes (one process, {build}, every check function timed)",
        "",
        *table(total, costs, top=12),
        "",
    )


def bench_scaling(res: Results) -> Path:
    print("== scaling with N × M", flush=True)
    base = res.sizes.scale
    specs = {
        "×1": base,
        "×10": Spec(base.videos * 10, base.cues, base.concepts, base.seed),
        "×100": Spec(base.videos * 100, base.cues, base.concepts, base.seed),
        "×10 cues per video": Spec(base.videos, base.cues * 10, base.concepts, base.seed),
    }
    rows, points = [], {}
    big = Path()
    for label, spec in specs.items():
        root = corpus(f"scale-{spec.videos}x{spec.cues}", spec)
        if label == "×100":
            big = root
        counts = count(root)
        run([BIN / "msm", "check", "--no-cache"], root)  # compile the glossary once
        repeats = res.sizes.repeats if spec.videos * spec.cues < 20_000 else res.sizes.peer_repeats
        timings = interleaved(
            {"default": msm_check(root), "one process": msm_check(root, 1)},
            {"default": repeats, "one process": repeats},
        )
        default, alone = timings["default"], timings["one process"]
        points[label] = (counts.cues, default.median, alone.median)
        rows.append(
            f"| {label} | {spec.videos} × {spec.cues} | {counts.videos * LANGS:,} | "
            f"{counts.cues:,} | {default.median:.2f} | {default.median / counts.cues * 1e6:.1f} | "
            f"{alone.median:.2f} | {alone.median / counts.cues * 1e6:.1f} | "
            f"{default.pss or 0:.0f} MB |"
        )
    c1, _, a1 = points["×1"]
    c10, _, a10 = points["×10"]
    c100, _, a100 = points["×100"]
    cm, _, am = points["×10 cues per video"]
    marginal_10 = (a10 - a1) / (c10 - c1) * 1e6
    marginal_100 = (a100 - a10) / (c100 - c10) * 1e6
    per_cue_m = am / cm * 1e6
    per_cue_10 = a10 / c10 * 1e6
    linear = marginal_100 <= marginal_10 * 1.25 and per_cue_m <= per_cue_10 * 1.25
    res.add(
        "## Scaling: N videos × M cues",
        "",
        f"Base N × M = {base.videos} videos × {base.cues} cues (9 languages), glossary of "
        f"{base.concepts} concepts; ×10 and ×100 multiply the videos, and one corpus has 10× "
        "the cues in each video (a quadratic loop over a track's cues would show there).",
        "",
        "| size | N × M | tracks | cues | msm check s | µs per cue | one process s "
        "| µs per cue | peak PSS |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"- One process, time added per cue: {marginal_10:.1f} µs from ×1 to ×10, "
        f"{marginal_100:.1f} µs from ×10 to ×100; a video of {base.cues * 10} cues costs "
        f"{per_cue_m:.1f} µs per cue against {per_cue_10:.1f} µs for videos of {base.cues}. "
        "The ×1 run is mostly start-up (interpreter, settings, glossary).",
        f"- With workers (the default), a run of fewer than {PARALLEL_MIN_CATALOGS} "
        "catalogues stays in one process (the ×1 run here); bigger runs use every core.",
        "",
    )
    res.target(
        "cost linear in cues (N×M ×10 and ×100)",
        f"{marginal_10:.1f} → {marginal_100:.1f} µs per added cue; {per_cue_m:.1f} µs per cue "
        f"with 10× longer videos vs {per_cue_10:.1f}",
        linear,
    )
    return big


def bench_glossary(res: Results, main: Path) -> None:
    print("== glossary size", flush=True)
    sizes = res.sizes
    small = with_glossary(main, "main-g-small", sizes.main, sizes.small_glossary)
    big = with_glossary(main, "main-g-big", sizes.main, sizes.big_glossary)
    cold = {}
    # Without dictionaries, as the check part runs: this measures the glossary's scaling, and
    # the small glossary leaves most synthetic words to the spelling check's slip scans.
    for label, root in (("small", small), ("big", big)):
        shutil.rmtree(root / ".msm-cache", ignore_errors=True)
        command = [BIN / "msm", "check", "--no-cache"]
        cold[label] = run(command, root, NO_SPELLING).seconds  # compiles it
    timings = interleaved(
        {
            f"G={sizes.small_glossary:,}": msm_check(small, env=NO_SPELLING),
            f"G={sizes.big_glossary:,}": msm_check(big, env=NO_SPELLING),
        },
        {f"G={sizes.small_glossary:,}": sizes.repeats, f"G={sizes.big_glossary:,}": sizes.repeats},
    )
    g_small = timings[f"G={sizes.small_glossary:,}"]
    g_big = timings[f"G={sizes.big_glossary:,}"]
    ratio = g_big.median / g_small.median
    cold_ratio = cold["big"] / cold["small"]
    res.add(
        f"## Glossary size: G from {sizes.small_glossary:,} to {sizes.big_glossary:,} concepts",
        "",
        f"The `main` corpus with a glossary of {sizes.small_glossary:,} and of "
        f"{sizes.big_glossary:,} concepts (the project glossary's plus synthetic ones, "
        "with terms in all nine languages, some forbidden); the texts mention the same terms "
        "in both runs. Whole `msm check` runs: reading the glossary and indexing it count; "
        "without Hunspell dictionaries (the spelling check skipped, as in the check "
        "benchmark above): this measures the glossary, and spelling has its own benchmark.",
        "",
        "| glossary | msm check s (compiled glossary cached) | range "
        "| first run s (compiles it) | peak PSS |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| {size:,} concepts | {t.median:.2f} | {t.spread} | {cold[label]:.2f} "
            f"| {t.pss or 0:.0f} MB |"
            for size, t, label in (
                (sizes.small_glossary, g_small, "small"),
                (sizes.big_glossary, g_big, "big"),
            )
        ),
        "",
        f"- ×{ratio:.2f} for a glossary 100 times bigger, once compiled (the first run saves "
        f"`.msm-cache/glossary-*.bin`; every later run loads it until the glossary, msm or "
        f"Python changes); ×{cold_ratio:.2f} on the very first run.",
        "",
    )
    res.target(
        f"G {sizes.small_glossary:,} → {sizes.big_glossary:,} concepts costs ≤ 1.5×",
        f"×{ratio:.2f} (compiled glossary cached); ×{cold_ratio:.2f} on the first run",
        ratio <= 1.5,
    )


def bench_convert(res: Results, main: Path) -> None:
    print("== SRT → PO → SRT", flush=True)
    work = CORPORA / "convert"
    shutil.rmtree(work, ignore_errors=True)
    msm_root, tt = work / "msm", work / "tt"
    (msm_root / "subtitles").mkdir(parents=True)
    shutil.copy(main / "subtitles" / "catalog.toml", msm_root / "subtitles" / "catalog.toml")
    tracks = 0
    for folder in sorted((main / "subtitles").glob("video-*")):
        mine = msm_root / "subtitles" / folder.name
        mine.mkdir()
        os.link(folder / "en.srt", mine / "en.srt")
        for track in sorted(folder.glob("*.srt")):
            if track.stem == "en":
                continue
            tracks += 1
            os.link(track, mine / track.name)
            for side, source in (("in", track), ("tpl", folder / "en.srt")):
                (tt / side / folder.name).mkdir(parents=True, exist_ok=True)
                os.link(source, tt / side / folder.name / track.name)
    source_cues = sum(
        (f / "en.srt").read_text("utf-8").count(" --> ")
        for f in (msm_root / "subtitles").glob("video-*")
    )
    py = BIN / "python"
    steps = {
        "msm update (en.srt → template + 8 PO)": [BIN / "msm", "update"],
        "msm import, every <lang>.srt (in one process)": [
            py,
            "-m",
            "benchmarks.convert_msm",
            msm_root,
        ],
        "msm build (PO → <lang>.srt + .vtt)": [BIN / "msm", "build", "--allow-incomplete"],
        "sub2po -t en.srt (bilingual SRT → PO)": [
            BIN / "sub2po",
            "--progress=none",
            "-t",
            tt / "tpl",
            "-i",
            tt / "in",
            "-o",
            tt / "po",
        ],
        "po2sub -t en.srt (PO → <lang>.srt)": [
            BIN / "po2sub",
            "--progress=none",
            "-t",
            tt / "tpl",
            "-i",
            tt / "po",
            "-o",
            tt / "out",
        ],
    }
    cwd = {
        label: (ROOT if "import" in label else msm_root if "msm" in label else tt)
        for label in steps
    }
    timings: dict[str, Timing] = {label: Timing(label) for label in steps}
    for round_ in range(res.sizes.peer_repeats):
        last = round_ == res.sizes.peer_repeats - 1
        for label, command in steps.items():
            if label.startswith("msm update"):  # start again from the tracks alone
                for folder in (msm_root / "subtitles").glob("video-*"):
                    for made in [
                        *folder.glob("*.po*"),
                        *folder.glob("*.vtt"),
                        *folder.glob("*.srt"),
                    ]:
                        if made.name != "en.srt":
                            made.unlink()
                    for track in (main / "subtitles" / folder.name).glob("*.srt"):
                        if track.stem != "en":
                            os.link(track, folder / track.name)
            if label.startswith("sub2po"):
                shutil.rmtree(tt / "po", ignore_errors=True)
                shutil.rmtree(tt / "out", ignore_errors=True)
            timings[label].runs.append(run(command, cwd[label], memory=last))
            print(f"  {label}: {timings[label].runs[-1].seconds:.2f} s", flush=True)
    ours = sum(t.median for label, t in timings.items() if label.startswith("msm"))
    theirs = sum(t.median for label, t in timings.items() if not label.startswith("msm"))
    written = sum(p.read_text("utf-8").count(" --> ") for p in (tt / "out").rglob("*.srt"))
    built = sum(
        p.read_text("utf-8").count(" --> ")
        for p in (msm_root / "subtitles").glob("video-*/*.srt")
        if p.stem != "en"
    )
    failed = tracks - len(list((tt / "po").rglob("*.po")))
    res.add(
        "## SRT → PO → SRT: `msm update` + import + `msm build` against `sub2po`/`po2sub`",
        "",
        f"The `main` corpus's {counts_line(main, tracks, source_cues)}: each tool turns the "
        "source track and the translated tracks into PO files, then writes the translated "
        "tracks back from the PO files.",
        "",
        "| step | median s | range | max RSS | peak PSS |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| `{t.label}` | {t.median:.2f} | {t.spread} | {t.rss:.0f} MB | {t.pss or 0:.0f} MB |"
            for t in timings.values()
        ),
        f"| **msm, all steps** | {ours:.2f} | | | |",
        f"| **translate-toolkit, both steps** | {theirs:.2f} | | | |",
        "",
        f"- msm takes ×{ours / theirs:.2f} the time of translate-toolkit for the round trip "
        "and does more: a template and one catalogue per language keyed by the source text "
        "(identical texts share one entry), the time-overlap alignment of each translated "
        "track, and WebVTT as well as SRT.",
        f"- What comes back differs: po2sub wrote {written:,} cues, msm built {built:,}. "
        "translate-toolkit keys each cue by its timestamps and, for a cue with no translation, "
        "writes the English text into the translated track; msm leaves such cues out "
        "(`--allow-incomplete`; without it, `msm build` refuses) and says which. sub2po joins "
        "a translation's lines into one, losing the line breaks; msm keeps them."
        + (
            f" sub2po failed on {failed} of {tracks} files (an IndexError in its merge)."
            if failed
            else ""
        ),
        "",
    )


def counts_line(root: Path, tracks: int, source_cues: int) -> str:
    videos = len(list((root / "subtitles").glob("video-*")))
    return f"{videos} source tracks ({source_cues:,} cues) and {tracks:,} translated tracks"


def bench_startup(res: Results) -> None:
    print("== start-up", flush=True)
    example = ROOT / "subtitles" / "what-is-public-procurement" / "pl.po"
    work = CORPORA / "startup"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(ROOT / "subtitles", work / "subtitles")
    shutil.copytree(ROOT / "glossary", work / "glossary")
    track = work / "subtitles" / example.parent.name / example.name
    # The project's own spelling cache, as its reviewer's first run leaves it (not this
    # machine's, whose size depends on what ran here before: 3,482 Polish lines read on
    # every run in one session's bench, 1.5 ms).
    env = {"MSM_SPELLING_CACHE": str(work / ".spelling-cache")}
    # compile the glossary once, as any earlier run did; the one track is checked for real
    run([BIN / "msm", "check", "--no-cache", track], work, env)
    n = res.sizes.startup_repeats
    timings = interleaved(
        {
            "python -c 'import click'": lambda m: run(
                [BIN / "python", "-c", "import click"], work, memory=m
            ),
            "msm --help": lambda m: run([BIN / "msm", "--help"], work, env, memory=m),
            "msm check <one track>": lambda m: run(
                [BIN / "msm", "check", "--no-cache", track], work, env, memory=m
            ),
            "msm check <one track>, unchanged": lambda m: run(
                [BIN / "msm", "check", track], work, env, memory=m
            ),
        },
        {
            "python -c 'import click'": n,
            "msm --help": n,
            "msm check <one track>": n,
            "msm check <one track>, unchanged": n,
        },
    )
    click, help_, one, unchanged = (timings[k] for k in timings)
    ratio = help_.median / click.median
    res.add(
        "## Start-up",
        "",
        f"`msm check <one track>` checks `{example.relative_to(ROOT)}` (28 cues) in a copy "
        "of this repository's project, with the real glossary, as a reviewer does after "
        "editing one translation (the glossary compiled and the project's spelling cache "
        "filled by one run before).",
        "",
        "| command | median s | range | max RSS |",
        "|---|---:|---:|---:|",
        *(
            f"| `{t.label}` | {t.median:.3f} | {t.spread} | {t.rss:.0f} MB |"
            for t in timings.values()
        ),
        "",
        f"- `msm --help` takes ×{ratio:.2f} the time of `python -c 'import click'`; "
        f"`msm check <one track>` (checked, `--no-cache`) ×{one.median / click.median:.2f}, "
        f"and ×{unchanged.median / click.median:.2f} when the result cache knows the track.",
        "",
    )
    res.target("`msm --help` within 2× of `python -c 'import click'`", f"×{ratio:.2f}", ratio <= 2)
    one_ratio = one.median / click.median
    res.target(
        "one-track `msm check` within 2× of `python -c 'import click'`",
        f"×{one_ratio:.2f} checked; ×{unchanged.median / click.median:.2f} unchanged (cached)",
        one_ratio <= 2,
    )
    res.target("`msm check` of one track under 0.3 s", f"{one.median:.3f} s", one.median < 0.3)


def bench_memory(res: Results, big: Path) -> None:
    print("== memory on the ×100 corpus", flush=True)
    counts = count(big)
    timing = Timing("msm check")
    timing.runs.append(msm_check(big)(True))
    alone = Timing("msm check, one process")
    alone.runs.append(msm_check(big, 1)(True))
    tracks = counts.videos * LANGS
    peak = max(timing.pss or 0, alone.pss or 0)
    res.add(
        "## Memory",
        "",
        f"The ×100 scaling corpus: {tracks:,} tracks ({counts.videos:,} videos × 9 languages, "
        f"{counts.cues:,} cues); every finding is still reported.",
        "",
        "| command | s | max RSS, largest process | peak PSS, all processes |",
        "|---|---:|---:|---:|",
        *(
            f"| `{t.label}` | {t.median:.2f} | {t.rss:.0f} MB | {t.pss or 0:.0f} MB |"
            for t in (timing, alone)
        ),
        "",
    )
    res.target(
        f"memory under 300 MB for a {tracks:,}-track corpus",
        f"{peak:.0f} MB peak PSS (all processes)",
        peak < 300 and tracks >= 10_000,
    )


# --- the report ------------------------------------------------------------------------------


def machine(build: str) -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        total = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))  # type: ignore[union-attr]
        memory = f"{total / 1024 / 1024:.1f} GB"
    except (OSError, AttributeError):
        pass
    system = platform.platform()
    try:
        pretty = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text())
        system = f"{pretty.group(1)} ({platform.release()})" if pretty else system
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {memory} RAM; {system}",
        f"- Python {platform.python_version()}; msm {version('msm')}, translate-toolkit "
        f"{version('translate-toolkit')} (with aeidon {version('aeidon')}), polib "
        f"{version('polib')}, click {version('click')}; `msm --version`: {build}",
        f"- Date: {datetime.now(tz=UTC).strftime('%Y-%m-%d %H:%M UTC')}",
    ]


def write(res: Results, out: Path, started: float, quick: bool) -> None:
    verdicts = [
        f"| {name} | {measured} | {'met' if met else 'not met' if met is not None else '–'} |"
        for name, measured, met in res.targets
    ]
    text = [
        "# Benchmarks: msm against translate-toolkit",
        "",
        "Written by `make bench" + ("-quick" if quick else "") + "` (`benchmarks/run.py`); "
        "do not edit by hand. Times are medians of repeated runs of the real commands in one "
        "session, msm's runs interleaved with the peer's; every ratio compares runs made here "
        "and now. Corpora come from `benchmarks/corpus.py` (deterministic, seed 1).",
        "",
        *machine(res.build),
        f"- The whole benchmark took {(time.perf_counter() - started) / 60:.1f} minutes"
        + (" (`--quick`: smaller corpora, fewer repeats)" if quick else ""),
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        *verdicts,
        "",
        *res.lines,
    ]
    out.write_text("\n".join(text).rstrip() + "\n", encoding="utf-8")
    print(f"wrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora, fewer repeats")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    started = time.perf_counter()
    CORPORA.mkdir(parents=True, exist_ok=True)
    res = Results(QUICK if args.quick else FULL)
    main_corpus, _ = bench_check(res)
    bench_recheck(res, main_corpus)
    bench_costs(res, main_corpus)
    big = bench_scaling(res)
    bench_glossary(res, main_corpus)
    bench_convert(res, main_corpus)
    bench_startup(res)
    bench_memory(res, big)
    from benchmarks.memory_bench import bench_translation_memory, spec

    bench_translation_memory(res, spec(250 if args.quick else 1000, 100), res.sizes.repeats)
    from benchmarks.spelling_bench import bench_spelling

    bench_spelling(res, main_corpus, res.sizes.repeats, res.sizes.peer_repeats)
    write(res, args.out, started, args.quick)


if __name__ == "__main__":
    # `python -m benchmarks.run` runs this file as __main__: the parts in other modules import
    # `benchmarks.run` and must get this module (its Results, its state), not a second copy.
    sys.modules.setdefault("benchmarks.run", sys.modules[__name__])
    main()
