"""Glossary matcher speed: scan ~1 MB of subtitle text against the glossary + 10,000 terms.

    .venv/bin/python benchmarks/bench_glossary.py [--terms 10000] [--megabytes 1]

The text is the acceptance set's translations in all eight languages, shuffled and repeated
to the size asked (so it holds real inflected terms), plus a made-up word per line built from
the same syllables as the synthetic terms (the worst case: new words that share prefixes with
terms, so the per-word cache cannot hide the cost of analysing them).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from pipeline.glossary import Matcher, Term, TermBase, load_termbase, review
from pipeline.glossary.model import Concept

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ["ka", "ro", "mi", "te", "lu", "po", "sa", "ni", "ve", "do", "gri", "pla", "sto"]


def synthetic(base: TermBase, count: int, langs: list[str], seed: int = 1) -> TermBase:
    """The base plus `count` made-up concepts with terms of 1-3 words in every language."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))

    extra = [
        Concept(
            f"synthetic-{i}",
            tuple(Term(" ".join(word() for _ in range(rng.randint(1, 3))), lang) for lang in langs),
        )
        for i in range(count)
    ]
    return TermBase(base.concepts + tuple(extra))


def corpus(megabytes: float, seed: int = 2) -> dict[str, list[tuple[str, str]]]:
    """(source, target) lines per language, about `megabytes` of target text in all."""
    rng = random.Random(seed)
    cases = {
        path.stem: [(c["source"], c["target"]) for c in json.loads(path.read_text("utf-8"))]
        for path in sorted((ROOT / "tests/data/glossary/acceptance").glob("*.json"))
    }
    out: dict[str, list[tuple[str, str]]] = {lang: [] for lang in cases}
    size = 0
    while size < megabytes * 1_000_000:
        for lang, rows in cases.items():
            source, target = rng.choice(rows)
            filler = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5)))
            target = f"{target} {filler}{rng.choice(['', 'a', 'ami', 'ów', 'ους'])}"
            out[lang].append((source, target))
            size += len(target.encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    base = load_termbase(ROOT / "glossary/procurement.csv")
    lines = corpus(args.megabytes)
    termbase = synthetic(base, args.terms, list(lines))
    total = sum(len(t.encode("utf-8")) for rows in lines.values() for _, t in rows)

    start = time.perf_counter()
    matcher = Matcher(termbase)
    for lang in lines:
        matcher.find("", lang)
    built = time.perf_counter() - start
    print(
        f"{len(termbase)} concepts, {sum(1 for _ in termbase.terms())} terms; index {built:.2f} s"
    )

    for label in ("cold", "warm"):
        start = time.perf_counter()
        found = sum(len(matcher.find(t, lang)) for lang, rows in lines.items() for _, t in rows)
        took = time.perf_counter() - start
        print(f"find, {label} cache: {total / 1e6:.2f} MB in {took:.2f} s ({found} matches)")

    start = time.perf_counter()
    issues = sum(len(review(matcher, s, t, lang)) for lang, rows in lines.items() for s, t in rows)
    took = time.perf_counter() - start
    print(f"review (source + target, as the checks do): {took:.2f} s, {issues} issues")

    single = " ".join(t for rows in lines.values() for _, t in rows[: len(rows) // 8])
    start = time.perf_counter()
    Matcher(termbase).find(single, "pl")
    print(
        f"one {len(single.encode()) / 1e6:.2f} MB text, fresh matcher: "
        f"{time.perf_counter() - start:.2f} s"
    )


if __name__ == "__main__":
    main()
