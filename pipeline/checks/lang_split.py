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
cost: what loading its dictionaries takes (the checks' estimate) plus its catalogues. With
two groups, one boundary language is a part of its own between them, shared out as the two
processes finish their own parts (`take`): the model's error (compiled checks are cheaper
than it thinks, a busy core slower) no longer leaves one process working alone at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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


# CPU seconds the first group spends beyond its languages, per video: it checks each video's
# source track and receives the other groups' parts (merging them: 0.01 s). On the bench
# corpus it took 7.0-7.7 s of CPU after the split against the worker's 6.2-6.6 s (three
# traced runs), where the costs above said 6.7 against 6.6 s: ≈0.6-1.0 s over 250 videos.
PER_VIDEO_FIRST = 0.0025


@dataclass(frozen=True)
class Shift:
    """Some videos' catalogues of one language checked by the group next to its own:
    `lang` moves from group `boundary` to `boundary + 1` (`right`) or back, for the last
    `count` videos that list it. A video's groups stay contiguous runs of the order."""

    boundary: int
    lang: str
    count: int
    right: bool


def shifts(
    cut: Sequence[Sequence[str]],
    loads: Mapping[str, float],
    catalogues: Mapping[str, int],
    videos: int,
) -> list[Shift]:
    """Where moving some of a boundary language's catalogues to the neighbouring group
    makes the costlier of the two cheaper (the receiving group also loads its dictionary):
    the contiguous cut moves whole languages only, and the first group does more per video."""
    cost = [
        sum(loads.get(lang, 0.0) + PER_CATALOGUE * catalogues.get(lang, 0) for lang in g)
        for g in cut
    ]
    if cost:
        cost[0] += PER_VIDEO_FIRST * videos
    found: list[Shift] = []
    moved = {cut[0][0]} if cut and cut[0] else set()  # the source: the first group reads it
    for at in range(len(cut) - 1):
        best = (max(cost[at], cost[at + 1]), 0, "", True, cost[at], cost[at + 1])
        for lang, right in ((cut[at][-1], True), (cut[at + 1][0], False)):
            if lang in moved:
                continue
            load = loads.get(lang, 0.0)
            for count in range(1, catalogues.get(lang, 0) + 1):
                work = PER_CATALOGUE * count
                if right:
                    left_cost, right_cost = cost[at] - work, cost[at + 1] + work + load
                else:
                    left_cost, right_cost = cost[at] + work + load, cost[at + 1] - work
                worst = max(left_cost, right_cost)
                if worst < best[0] - 1e-9:
                    best = (worst, count, lang, right, left_cost, right_cost)
        _, count, lang, right, cost[at], cost[at + 1] = best
        if count:
            moved.add(lang)
            found.append(Shift(at, lang, count, right))
    return found


def video_groups(
    cut: Sequence[Sequence[str]],
    moves: Sequence[Shift],
    rank: Mapping[str, int],
    totals: Mapping[str, int],
) -> list[list[str]]:
    """The groups of one video: `cut`, with each shift applied when the video is among the
    last `count` of the `totals[lang]` videos listing `lang` (`rank[lang]`: its place among
    them; a language it does not list is not looked at)."""
    found = [list(group) for group in cut]
    for move in moves:
        place = rank.get(move.lang)
        if place is None or place < totals[move.lang] - move.count:
            continue
        if move.right:
            found[move.boundary].remove(move.lang)
            found[move.boundary + 1].insert(0, move.lang)
        else:
            found[move.boundary + 1].remove(move.lang)
            found[move.boundary].append(move.lang)
    return found


def shared_language(
    cut: Sequence[Sequence[str]], moves: Sequence[Shift], loads: Mapping[str, float]
) -> str | None:
    """The language two groups share video by video as they go, when the run has two
    groups: this process takes its catalogues from the first video on, the worker from the
    last back, until they meet, so that both finish together whatever the cost model
    misjudged (compiled checks, a busy core). It is the language `shifts` moves, else the
    boundary language (not the source) whose dictionary loads fastest: the side that takes
    any of its catalogues loads it too. None: not two groups."""
    if len(cut) != 2 or not cut[0] or not cut[1]:
        return None
    if moves:
        return moves[0].lang
    candidates = [cut[1][0], *([cut[0][-1]] if len(cut[0]) > 1 else [])]
    return min(candidates, key=lambda lang: loads.get(lang, 0.0))


def take(marks: Any, at: int, first: bool) -> bool:
    """Whether the first process (`first`) or the worker takes the shared part of video
    `at`. `marks` (shared by both, with a lock: multiprocessing.Array) holds the next video
    the first process may take and the last one the worker took: the first process goes from
    the first video on, the worker from the last back, each taking the videos the other has
    not reached, so each part is checked once and both finish about together."""
    with marks.get_lock():
        taken: bool = at < marks[1] if first else at >= marks[0]
        if taken:
            if first:
                marks[0] = at + 1
            else:
                marks[1] = at
    return taken
