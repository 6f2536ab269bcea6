"""The spelling benchmark: `msm check` with spelling on against `pofilter` with its spell filter.

The corpus is `make bench`'s `main` one (the same PO files as the plain check benchmark).
Timed, runs interleaved so a busy machine slows each alike:

- `msm check --no-cache` with spelling on and an empty spelling cache (`MSM_SPELLING_CACHE`
  pointed at a folder emptied before each run): a first run on a machine, where every
  distinct word is looked up and every dictionary msm needs is loaded;
- the same with the spelling cache a first run leaves (the usual run: no dictionary loaded);
- the same with no dictionary found (`MSM_HUNSPELL_PATH` empty: spelling skipped), for what
  spelling costs;
- `pofilter --language=L` over each target language's catalogues (its default filters, the
  spellcheck filter included, which runs only with `--language`), one run per language, in
  enchant over the same Hunspell files (`pyenchant`, Debian `libenchant-2-2`); pofilter does
  not check the English source, msm does.

Each command's CPU time (user + system, its worker processes included, from the children's
resource usage) is taken beside its wall time: on a shared machine the CPU time is steadier.

    python -m benchmarks.spelling_bench [--quick] [--repeats N] [--peer-repeats N]
                                                  # this part of `make bench` alone
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.run import Run

FIRST = "msm check, spelling on, first run (empty spelling cache)"
WARM = "msm check, spelling on, spelling cache warm"
OFF = "msm check, spelling skipped (no dictionary)"
PEER = "pofilter --language=L, spellcheck on (one run per language)"


@dataclass(frozen=True)
class Peer:
    """pofilter's input for one language: that language's catalogues, hard-linked."""

    lang: str
    tag: str  # the enchant dictionary: the one msm reads (eu_ES, nl_BE, pt_PT …)
    folder: Path


def peer_inputs(root: Path, work: Path) -> list[Peer]:
    """One folder per target language holding only its catalogues (pofilter takes one
    `--language` a run); languages without a dictionary on this machine are left out."""
    from pipeline import languages
    from pipeline.checks.spell_paths import find

    shutil.rmtree(work, ignore_errors=True)
    peers = []
    for lang in languages.TARGETS:
        base = find(lang)
        if base is None:
            continue
        folder = work / lang
        for video in sorted((root / "subtitles").glob("video-*")):
            po = video / f"{lang}.po"
            if po.is_file():
                (folder / video.name).mkdir(parents=True, exist_ok=True)
                os.link(po, folder / video.name / po.name)
        peers.append(Peer(lang, base.name, folder))
    return peers


def peer_ready(peers: list[Peer]) -> None:
    """Stop unless pofilter can spell-check every language: without enchant its spellcheck
    filter passes everything silently, and the comparison would mean nothing."""
    try:
        import enchant
    except ImportError as error:  # pyenchant, or Debian's libenchant-2-2, missing
        raise RuntimeError(
            f"pofilter's spellcheck needs pyenchant and Debian libenchant-2-2: {error}"
        ) from error
    missing = [p.tag for p in peers if not enchant.dict_exists(p.tag)]
    if missing:
        raise RuntimeError(f"enchant finds no dictionary for {', '.join(missing)}")


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def commands(
    root: Path, peers: list[Peer], cpu: dict[str, list[float]]
) -> dict[str, Callable[[bool], Run]]:
    """The four timed commands; each run's CPU time is added to `cpu[label]`."""
    from benchmarks import run as bench

    check: list[str | Path] = [bench.BIN / "msm", "check", "--no-cache"]
    out = bench.CORPORA / "msm-check-spelling.txt"
    first_cache = bench.CORPORA / "spelling-cache-first"
    warm_cache = bench.CORPORA / "spelling-cache-warm"

    def timed(label: str, go: Callable[[bool], bench.Run]) -> Callable[[bool], bench.Run]:
        def measured(memory: bool) -> bench.Run:
            before = _cpu()
            done = go(memory)
            cpu.setdefault(label, []).append(_cpu() - before)
            return done

        return measured

    def first(memory: bool) -> bench.Run:
        shutil.rmtree(first_cache, ignore_errors=True)
        return bench.run(check, root, {"MSM_SPELLING_CACHE": str(first_cache)}, memory, out)

    def warm(memory: bool) -> bench.Run:
        return bench.run(check, root, {"MSM_SPELLING_CACHE": str(warm_cache)}, memory, out)

    def off(memory: bool) -> bench.Run:  # its own report: the others' is counted
        skipped = bench.CORPORA / "msm-check-spelling-skipped.txt"
        return bench.run(check, root, {"MSM_HUNSPELL_PATH": ""}, memory, skipped)

    def peer(memory: bool) -> bench.Run:
        runs = []
        for one in peers:
            target = bench.CORPORA / "pofilter-spelling-out" / one.lang
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            command: list[str | Path] = [bench.BIN / "pofilter", "--progress=none"]
            command += [f"--language={one.tag}", "-i", one.folder, "-o", target]
            runs.append(bench.run(command, root))
        return bench.Run(
            sum(r.seconds for r in runs),
            max(r.max_rss_mb for r in runs),
            None,
            max(r.status for r in runs),
        )

    return {
        FIRST: timed(FIRST, first),
        WARM: timed(WARM, warm),
        OFF: timed(OFF, off),
        PEER: timed(PEER, peer),
    }


def reported(root: Path) -> tuple[int, int]:
    """(spelling findings in msm's last report, spellcheck failures pofilter wrote)."""
    from benchmarks import run as bench

    ours = sum(
        line.split()[2:3] == ["spelling"]  # `  LINE  SEVERITY  CHECK  message`
        for line in (bench.CORPORA / "msm-check-spelling.txt").read_text("utf-8").splitlines()
    )
    theirs = sum(
        line.startswith("# (pofilter) spellcheck")
        for path in (bench.CORPORA / "pofilter-spelling-out").rglob("*.po")
        for line in path.read_text("utf-8").splitlines()
    )
    return ours, theirs


def bench_spelling(res: object, root: Path, repeats: int, peer_repeats: int) -> None:
    """Time the four commands on `root` and record the table and the targets in `res`."""
    from benchmarks import run as bench

    assert isinstance(res, bench.Results)
    print("== spelling: msm check against pofilter's spellcheck", flush=True)
    peers = peer_inputs(root, bench.CORPORA / "spelling-peer")
    peer_ready(peers)
    cpu: dict[str, list[float]] = {}
    timed = commands(root, peers, cpu)
    timed[WARM](False)  # the cache a first run leaves
    timed[FIRST](False)  # this process's bytecode and the page cache, as for the others
    cpu.clear()
    counts = dict.fromkeys(timed, repeats)
    counts[PEER] = peer_repeats
    timings = bench.interleaved(timed, counts)
    ours_found, theirs_found = reported(root)
    peer = timings[PEER]
    peer_cpu = statistics.median(cpu[PEER])
    rows = []
    for label in (FIRST, WARM, OFF, PEER):
        t, spent = timings[label], statistics.median(cpu[label])
        ratio = "" if label == PEER else f"{peer.median / t.median:.1f}× / {peer_cpu / spent:.1f}×"
        rows.append(
            f"| `{label}` | {t.median:.2f} | {t.spread} | {spent:.2f} | {ratio} | {t.rss:.0f} MB |"
        )
    first, warm = timings[FIRST], timings[WARM]
    first_cpu, warm_cpu = statistics.median(cpu[FIRST]), statistics.median(cpu[WARM])
    videos = len(list((root / "subtitles").glob("video-*")))
    langs = ", ".join(f"{p.lang} ({p.tag})" for p in peers)
    res.add(
        "## Spelling: `msm check` against `pofilter`'s spellcheck",
        "",
        f"The `main` corpus ({videos} videos). msm checks the source and every translation "
        "with all its checks, spelling on (Hunspell through chunspell); pofilter runs its "
        f"default filters with `--language` on each target language's catalogues ({langs}), "
        "which turns its spellcheck filter on (enchant over the same Hunspell files). "
        "`--no-cache` for every msm run (no result cache); the spelling cache "
        "(`MSM_SPELLING_CACHE`) empty before each first run, left from an earlier run for the "
        "warm one. Workers: msm's own choice (free cores); pofilter one process.",
        "",
        "| command | median s | range | CPU s (user + system) | pofilter ÷ this, wall / CPU "
        "| max RSS |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"- Reported: msm {ours_found:,} spelling findings (one per distinct misspelt word and "
        f"entry), pofilter {theirs_found:,} spellcheck failures. The corpus's synthetic words "
        "are mostly not in any dictionary.",
        f"- Load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
        "",
    )
    res.target(
        "`msm check` with spelling on ≥ 10× faster than `pofilter` with its spellcheck "
        "filter, usual run (spelling cache warm)",
        f"{peer.median / warm.median:.1f}× wall, {peer_cpu / warm_cpu:.1f}× CPU",
        peer.median / warm.median >= 10,
    )
    res.target(
        "the same, first run (empty spelling cache: every dictionary loaded)",
        f"{peer.median / first.median:.1f}× wall, {peer_cpu / first_cpu:.1f}× CPU",
        peer.median / first.median >= 10,
    )


def main() -> None:
    from benchmarks import run as bench

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the quick corpus, fewer repeats")
    parser.add_argument("--repeats", type=int, help="runs of each msm command")
    parser.add_argument("--peer-repeats", type=int, help="runs of pofilter")
    args = parser.parse_args()
    sizes = bench.QUICK if args.quick else bench.FULL
    bench.CORPORA.mkdir(parents=True, exist_ok=True)
    res = bench.Results(sizes)
    root = bench.corpus("main", sizes.main)
    repeats = args.repeats or sizes.repeats
    bench_spelling(res, root, repeats, args.peer_repeats or sizes.peer_repeats)
    print("\n".join(res.lines))
    for name, measured, met in res.targets:
        print(f"{name}: {measured} ({'met' if met else 'not met'})")


if __name__ == "__main__":
    main()
