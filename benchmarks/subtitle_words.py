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
from collections.abc import Callable, Iterable

from benchmarks.subtitle_names import ROOT, derive
from pipeline.checks import spell_dict

OUT = ROOT / "pipeline" / "checks" / "common"


def common(words: Iterable[str], right: Callable[[str], bool]) -> list[str]:
    """The words of `words` the dictionary (`right`) knows, written small, sorted."""
    return sorted({w.lower() for w in words if w.isalpha() and (right(w) or right(w.lower()))})


def packed(words: list[str]) -> bytes:
    """The list as the check reads it: one word a line, gzipped with no time stamp."""
    return gzip.compress(("\n".join(words) + "\n").encode("utf-8"), compresslevel=9, mtime=0)


def _write(lang: str, rows: list[tuple[str, int]], speller: spell_dict.Speller) -> str:
    found = common((word for word, _ in rows), speller.right)
    OUT.mkdir(exist_ok=True)
    (OUT / f"{lang}.txt.gz").write_bytes(packed(found))
    return f"{len(found)} words"


def main(argv: list[str] | None = None) -> int:
    return derive(argv, __doc__ or "", _write)


if __name__ == "__main__":
    raise SystemExit(main())
