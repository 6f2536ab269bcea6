"""A first run's languages shared out between worker processes: each loads only its own.

On a first run (no spelling verdict cached), loading the Hunspell dictionaries is a big part
of the work (≈3.7 s of CPU for the nine: Basque ≈2 s) and cannot be shared: a loaded
dictionary lives in the process that loaded it, and chunspell holds the GIL while it loads.
Split by video, every process needs every dictionary, so the parent loaded them all before
forking, one after the other, while the other cores waited. Split by language, each process
loads only its languages' dictionaries, at the same time as the others.

The languages are cut into contiguous runs of the run's order (the source first, then the
targets as the videos list them), so that a video's parts merged group after group give the
order one process gives; the cut that makes the costliest group cheapest wins. A language's
cost: what loading its dictionaries takes (the checks' estimate) plus its catalogues.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# CPU seconds a catalogue of the benchmark (60 cues) takes to check on a first run.
PER_CATALOGUE = 0.004


def groups(order: Sequence[str], costs: Mapping[str, float], workers: int) -> list[list[str]]:
    """`order` cut into min(`workers`, its length) contiguous non-empty groups, the costliest
    group as cheap as can be (the first such cut)."""
    count = len(order)
    parts = max(1, min(workers, count))
    # best[k][i]: the least cost of the costliest group when order[:i] is cut into k groups
    inf = float("inf")
    best = [[inf] * (count + 1) for _ in range(parts + 1)]
    cut = [[0] * (count + 1) for _ in range(parts + 1)]
    best[0][0] = 0.0
    for k in range(1, parts + 1):
        for end in range(1, count + 1):
            for start in range(k - 1, end):
                group = sum(costs.get(lang, 0.0) for lang in order[start:end])
                worst = max(best[k - 1][start], group)
                if worst < best[k][end]:
                    best[k][end], cut[k][end] = worst, start
    k = parts if count else 0
    found: list[list[str]] = []
    end = count
    while k > 0:
        start = cut[k][end]
        found.insert(0, list(order[start:end]))
        end, k = start, k - 1
    return found


def order_of(source: str, video_langs: Sequence[Sequence[str]]) -> list[str] | None:
    """The run's languages in the order one process checks them (the source first), or None
    when two videos list languages in different orders (or a catalogue in the source
    language): merged group after group, parts would not come in that order."""
    order = [source]
    for langs in video_langs:
        for lang in langs:
            if lang not in order:
                order.append(lang)
    place = {lang: at for at, lang in enumerate(order)}
    for langs in video_langs:
        places = [place[lang] for lang in langs]
        if source in langs or places != sorted(places) or len(set(places)) != len(places):
            return None
    return order
