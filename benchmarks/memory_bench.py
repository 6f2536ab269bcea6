"""The translation-memory benchmark: a new video of 100 cues filled from a 1,000-video memory.

A corpus of N videos × M cues (9 languages) is the memory; a new video is added whose cues are
30% sentences of other videos, 20% near edits of them (one word changed) and 50% new text.
`msm update NEW --lang pl` is timed three ways, runs interleaved: with the memory as a second
run finds it (`.msm-cache/memory-pl.bin` in place), with the memory built from scratch (the
cache removed before each run: every catalogue is parsed), and with
`[memory] fill = false` (the plain update). The target is the memory's run against the plain
one, both on this machine, in this session; the target is met when the memory built from
scratch (no cache at all) and the fill take under 1 s.

    python -m benchmarks.memory_bench [--videos 1000] [--cues 100] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import Spec
from pipeline.tracks.model import Cue
from pipeline.tracks.srt_io import compose_srt, read_srt

NEW = "new-video"
LANG = "pl"


def add_new_video(root: Path, cues: int = 100, seed: int = 7) -> dict[str, int]:
    """Write `subtitles/new-video/en.srt` (30% shared, 20% near, 50% new) and list it."""
    rng = random.Random(seed)
    texts: list[str] = []
    seen: set[str] = set()
    for folder in sorted((root / "subtitles").glob("video-*")):
        for cue in read_srt(folder / "en.srt", "en").cues:
            if cue.text not in seen:
                seen.add(cue.text)
                texts.append(cue.text)
        if len(texts) >= cues:
            break
    shared_n, near_n = cues * 30 // 100, cues * 20 // 100
    shared = texts[:shared_n]
    near = []
    for text in texts[shared_n : shared_n + near_n]:
        words = text.split(" ")  # a line break stays inside its word
        at = rng.randrange(len(words))
        words[at] = "really" + ("\n" if "\n" in words[at] else "")
        near.append(" ".join(words))
    places = ("Kavala", "Preston", "Pamplona", "Bistrița", "Koszalin")
    new = [
        f"New sentence {i}: buses and trams in {rng.choice(places)}."
        for i in range(cues - shared_n - near_n)
    ]
    ordered = shared + near + new
    rng.shuffle(ordered)
    track = [Cue(1000 + 4000 * i, 4500 + 4000 * i, t) for i, t in enumerate(ordered)]
    folder = root / "subtitles" / NEW
    folder.mkdir(exist_ok=True)
    (folder / "en.srt").write_text(compose_srt(track), encoding="utf-8")
    catalog = root / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    if f'slug = "{NEW}"' not in text:
        catalog.write_text(text + f'\n[[videos]]\nslug = "{NEW}"\ntitle = "New"\n', "utf-8")
    return {"shared": shared_n, "near": near_n, "new": len(new)}


def without_memory(source: Path, root: Path) -> Path:
    """The same project (files hard-linked) with `[memory] fill = false`."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(source / "subtitles", root / "subtitles", copy_function=os.link)
    catalog = root / "subtitles" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    catalog.unlink()  # a copy of its own, not the hard link
    catalog.write_text("[memory]\nfill = false\n\n" + text, encoding="utf-8")
    return root


def fresh(root: Path, cold: bool = False) -> None:
    """Remove what the last run wrote, so the update creates the new video's files again."""
    for name in ("template.pot", f"{LANG}.po"):
        (root / "subtitles" / NEW / name).unlink(missing_ok=True)
    if cold:  # what each file taught and the coded sources: every catalogue is read again
        (root / ".msm-cache" / f"memory-{LANG}.bin").unlink(missing_ok=True)


def commands(
    memory_root: Path,
    plain_root: Path,
    run: Callable[..., object],
    msm: Path,
    cpu: dict[str, list[float]],
) -> dict[str, Callable[[bool], object]]:
    """The three timed commands, each starting from the same state; each run's CPU time
    (user + system, from the children's resource usage) is added to `cpu[label]`."""
    update = [msm, "update", NEW, "--lang", LANG]

    def timed(root: Path, cold: bool = False) -> Callable[[bool], object]:
        def go(memory: bool) -> object:
            fresh(root, cold)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = run(update, root, memory=memory)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            spent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            cpu.setdefault(go.__name__, []).append(spent)
            return done

        go.__name__ = f"{root.name}{'-cold' if cold else ''}"
        return go

    return {
        "msm update, memory (cached)": timed(memory_root),
        "msm update, memory built from scratch": timed(memory_root, cold=True),
        "msm update, fill = false": timed(plain_root),
    }


def filled(root: Path) -> tuple[int, int]:
    """(exact, near) entries the memory filled in the new video's catalogue."""
    text = (root / "subtitles" / NEW / f"{LANG}.po").read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("# memory: ")]
    near = sum(1 for line in comments if line.endswith("%)"))
    return len(comments) - near, near


def spec(videos: int, cues: int) -> Spec:
    """The memory's corpus: no built tracks (the benchmark reads only catalogues)."""
    return Spec(videos, cues, 100, built=False)


def main() -> None:
    from benchmarks import run as bench

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--cues", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    bench.CORPORA.mkdir(parents=True, exist_ok=True)
    res = bench.Results(bench.QUICK)
    bench_translation_memory(res, spec(args.videos, args.cues), args.repeats)
    print("\n".join(res.lines))
    for name, measured, met in res.targets:
        print(f"{name}: {measured} ({'met' if met else 'not met'})")


def bench_translation_memory(res: object, corpus_spec: Spec, repeats: int) -> None:
    """Time the three updates and record the table and the target in `res`."""
    from benchmarks import run as bench

    assert isinstance(res, bench.Results)
    print("== translation memory", flush=True)
    root = bench.corpus(f"memory-{corpus_spec.videos}x{corpus_spec.cues}", corpus_spec)
    mix = add_new_video(root)
    plain = without_memory(root, bench.CORPORA / "memory-off")
    cpu: dict[str, list[float]] = {}
    timed = commands(root, plain, bench.run, bench.BIN / "msm", cpu)
    timed["msm update, memory (cached)"](False)  # the cache a first run leaves
    cpu.clear()
    timings = bench.interleaved(timed, dict.fromkeys(timed, repeats))
    cpu_of = {label: statistics.median(cpu[command.__name__]) for label, command in timed.items()}
    exact, near = filled(root)
    cached = timings["msm update, memory (cached)"]
    cold = timings["msm update, memory built from scratch"]
    base = timings["msm update, fill = false"]
    res.add(
        "## Translation memory",
        "",
        f"A new video of {sum(mix.values())} cues ({mix['shared']} sentences of other videos, "
        f"{mix['near']} near edits of them, {mix['new']} new) gets its Polish catalogue from "
        f"`msm update {NEW} --lang {LANG}` in a project of {corpus_spec.videos:,} videos × "
        f"{corpus_spec.cues} cues, whose Polish catalogues are the memory. The memory filled "
        f"{exact} entries exactly and {near} as near matches.",
        "",
        "| command | median s | range | × plain update | CPU s (user + system) |",
        "|---|---:|---:|---:|---:|",
        *(
            f"| `{t.label}` | {t.median:.2f} | {t.spread} | ×{t.median / base.median:.2f} "
            f"| {cpu_of[t.label]:.2f} |"
            for t in (cached, cold, base)
        ),
        "",
        f"- Load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(the CPU column is what the command itself used, whatever else runs).",
        "",
    )
    res.target(
        f"memory of {corpus_spec.videos:,} videos: build + fill a {sum(mix.values())}-cue video "
        "under 1 s",
        f"{cold.median:.2f} s built from scratch (×{cold.median / base.median:.2f} the plain "
        f"update; CPU {cpu_of[cold.label]:.2f} s), {cached.median:.2f} s with the cache "
        f"(×{cached.median / base.median:.2f}; CPU {cpu_of[cached.label]:.2f} s), plain update "
        f"{base.median:.2f} s (CPU {cpu_of[base.label]:.2f} s)",
        cold.median < 1.0,
    )


if __name__ == "__main__":
    main()
