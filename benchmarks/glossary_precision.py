"""Precision and recall of glossary-missing + glossary-forbidden on real professional text.

    .venv/bin/python -m benchmarks.glossary_precision [--glossary FILE] [--show]

Reads tests/data/glossary/real/<lang>.json (official EU and Basque-government sentence pairs,
each with the findings a reviewer expects; see the README there) and checks each pair against
the project's term base. A finding counts as right when its kind and concept are expected
for that pair. Prints per language: true/false positives, misses, precision, recall, and the
share of correct translations (pairs expecting nothing) that got any finding.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.glossary import Matcher, load_termbase, review

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "glossary" / "real"
LANGS = ("eu", "nl-BE", "fr", "el", "pl", "pt-PT", "ro", "es")


@dataclass
class Score:
    """Counts over one language (or all): findings right, wrong, missed; clean pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    clean_pairs: int = 0  # pairs expecting no finding
    noisy_pairs: int = 0  # of those, pairs that got one
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Right findings over all findings (1.0 when there are none)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Right findings over expected findings (1.0 when none are expected)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.clean_pairs += other.clean_pairs
        self.noisy_pairs += other.noisy_pairs
        self.wrong.extend(other.wrong)


def cases(lang: str) -> list[dict[str, object]]:
    """The real pairs of one language."""
    loaded: list[dict[str, object]] = json.loads((REAL / f"{lang}.json").read_text("utf-8"))
    return loaded


def score(matcher: Matcher, lang: str) -> Score:
    """Check every pair of `lang` and count."""
    result = Score()
    for case in cases(lang):
        source, target = str(case["source"]), str(case["target"])
        expected = {str(e) for e in case["expect"]}  # type: ignore[attr-defined]
        found = {f"{i.kind}:{i.concept}" for i in review(matcher, source, target, lang)}
        result.tp += len(found & expected)
        result.fp += len(found - expected)
        result.fn += len(expected - found)
        if not expected:
            result.clean_pairs += 1
            result.noisy_pairs += bool(found)
        for item in sorted(found ^ expected):
            kind = "extra" if item in found else "missed"
            result.wrong.append(f"{lang} {kind} {item}: {source[:70]!r} -> {target[:70]!r}")
    return result


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary" / "procurement.csv")
    parser.add_argument("--show", action="store_true", help="list every wrong or missed finding")
    args = parser.parse_args()
    matcher = Matcher(load_termbase(args.glossary))
    total = Score()
    head = ("lang", "pairs", "tp", "fp", "fn", "prec", "recall")
    print(f"{head[0]:6} {head[1]:>5} {head[2]:>4} {head[3]:>4} {head[4]:>4}", end="")
    print(f" {head[5]:>6} {head[6]:>6} noisy-clean")
    for lang in LANGS:
        found = score(matcher, lang)
        total.add(found)
        pairs = len(cases(lang))
        print(
            f"{lang:6} {pairs:5} {found.tp:4} {found.fp:4} {found.fn:4} {found.precision:6.3f}"
            f" {found.recall:6.3f} {found.noisy_pairs}/{found.clean_pairs}"
        )
    print(
        f"{'all':6} {'':5} {total.tp:4} {total.fp:4} {total.fn:4} {total.precision:6.3f}"
        f" {total.recall:6.3f} {total.noisy_pairs}/{total.clean_pairs}"
    )
    if args.show:
        print("\n".join(total.wrong))


if __name__ == "__main__":
    main()
