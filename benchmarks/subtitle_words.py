"""Derive pipeline/checks/common/<lang>.txt.gz: the words real subtitles write most.

    .venv/bin/python -m benchmarks.subtitle_words TOP_WORDS_DIR

TOP_WORDS_DIR holds `<code>_top_words.csv` (columns word, count): the 30,000 commonest
words, case kept, of each language of OpenSubtitles 2018, as published by
orgtre/top-open-subtitles-sentences (`bld/top_words/`, commit 861f426). A word is kept,
written small, when it is all letters and the language's Hunspell dictionary knows it as
written or written small (a name the dictionary lists, José, is kept as josé): the words a
slip at the start of a sentence is made on. The list is sorted, one word a line, and
gzipped without a time stamp, so the same input gives the same bytes. Needs the Hunspell
dictionaries.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from benchmarks.subtitle_names import CODES, ROOT, top_words
from pipeline.checks import spell_dict

OUT = ROOT / "pipeline" / "checks" / "common"


def common(words: Iterable[str], right: Callable[[str], bool]) -> list[str]:
    """The words of `words` the dictionary (`right`) knows, written small, sorted."""
    return sorted({w.lower() for w in words if w.isalpha() and (right(w) or right(w.lower()))})


def packed(words: list[str]) -> bytes:
    """The list as the check reads it: one word a line, gzipped with no time stamp."""
    return gzip.compress(("\n".join(words) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(args[0])
    OUT.mkdir(exist_ok=True)
    for code, lang in CODES.items():
        speller = spell_dict.speller(lang)
        if speller is None:
            print(f"{lang}: no dictionary, skipped", file=sys.stderr)
            continue
        found = common((word for word, _ in top_words(folder, code)), speller.right)
        (OUT / f"{lang}.txt.gz").write_bytes(packed(found))
        print(f"{lang}: {len(found)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
