"""Which words a Hunspell dictionary could know at all, read from its files: look-ups to skip.

A slip scan (spell_dict.Speller._near) asks the dictionary about hundreds of one-edit
candidates of a word; a Basque look-up costs ≈1 ms (≈2 ms for a capitalised word, which
Hunspell looks up as written and in lower case), and a word no dictionary and no glossary
term covers is scanned two or three times, so a first run over such text took minutes.

For a dictionary whose rules never change the start of an entry (every suffix rule strips
nothing, no compounding, no input conversion, one prefix at most: Basque's Xuxen), every
word Hunspell knows is written [prefix] + entry + up to two suffixes, the entry as in the
.dic file, or (with a prefix rule that strips letters) those letters + entry … . A candidate
that cannot be split so is not looked up: Hunspell would refuse it. Checking the split is a
few set look-ups in Python, ≈50 times cheaper than Hunspell; in Basque ≈95% of a scan's
candidates fail it. The scan finds the same words in the same order
(tests/checks/test_spell_cost.py compares it with the full scan). For any other dictionary
`read` gives None and every candidate is looked up, as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from pipeline.fsutil import read_bytes

# Affix file keywords under which a word Hunspell knows may not be split as above.
_UNSAFE = (b"COMPOUND", b"ICONV", b"IGNORE", b"FULLSTRIP", b"CHECKSHARPS", b"COMPLEXPREFIXES")


class Shapes:  # a plain class, immutable (Final): a dataclass cost ~0.7 ms of start-up
    """A dictionary's entries, suffixes and prefix rules: what a word it knows is made of."""

    def __init__(
        self,
        entries: frozenset[str],
        endings: frozenset[str],  # every suffix rule's appended text, and "" (no suffix)
        prefixes: tuple[tuple[str, str], ...],  # (appended, stripped) of each prefix rule
    ) -> None:
        self.entries: Final = entries
        self.endings: Final = endings
        self.prefixes: Final = prefixes

    def may_know(self, word: str) -> bool:
        """Whether the dictionary's rules could make `word` (else Hunspell refuses it;
        it takes an empty word, a one-letter word's slip)."""
        if not word:
            return True
        stems = [word]
        stems += [strip + word[len(add) :] for add, strip in self.prefixes if word.startswith(add)]
        for stem in stems:
            for at in range(1, len(stem) + 1):
                if stem[:at] in self.entries and self._ends(stem[at:]):
                    return True
        return False

    def _ends(self, rest: str) -> bool:
        """Whether `rest` is up to two suffixes (Hunspell strips two at most)."""
        endings = self.endings
        if rest in endings:
            return True
        return any(rest[:at] in endings and rest[at:] in endings for at in range(1, len(rest)))


def _rules(aff: bytes) -> tuple[frozenset[str], tuple[tuple[str, str], ...]] | None:
    """The suffixes and prefix rules of an affix file, or None when its rules may change
    the start of an entry (or it is not UTF-8: every candidate then encodes)."""
    utf8 = False
    endings: set[str] = {""}
    prefixes: set[tuple[str, str]] = set()
    for raw in aff.split(b"\n"):
        fields = raw.split()
        if not fields:
            continue
        if fields[0] == b"SET":
            utf8 = len(fields) > 1 and fields[1].upper() in (b"UTF-8", b"UTF8")
        elif fields[0].startswith(_UNSAFE):
            return None
        elif fields[0] in (b"SFX", b"PFX") and len(fields) >= 4:
            if len(fields) == 4 and fields[2] in (b"Y", b"N") and fields[3].isdigit():
                continue  # a class's header
            strip = "" if fields[2] == b"0" else fields[2].decode("utf-8", "replace")
            add = fields[3].split(b"/", 1)[0].decode("utf-8", "replace")
            add = "" if add == "0" else add
            if fields[0] == b"SFX":
                if strip:
                    return None
                endings.add(add)
            else:
                prefixes.add((add, strip))
    return (frozenset(endings), tuple(sorted(prefixes))) if utf8 else None


_READ: dict[Path, Shapes | None] = {}  # once per dictionary and process


def read(base: Path) -> Shapes | None:
    """What the dictionary at `base` (.aff and .dic) is made of, or None when its rules do
    not allow the shortcut or its files cannot be read (read once per process)."""
    if base not in _READ:
        _READ[base] = _read(base)
    return _READ[base]


def _read(base: Path) -> Shapes | None:
    try:
        rules = _rules(read_bytes(base.with_suffix(".aff")))
        if rules is None:
            return None
        data = read_bytes(base.with_suffix(".dic"))
    except OSError:
        return None
    entries: set[str] = set()
    for line in data.decode("utf-8", "replace").split("\n")[1:]:
        entry = line.split("/", 1)[0].split("\t", 1)[0].strip()
        entries.add(entry)
        entries.add(entry.split(" ", 1)[0])
        # Hunspell also files an entry with capitals inside (EB, McDonald) capitalised
        entries.add(entry.lower().capitalize())
    entries.discard("")
    return Shapes(frozenset(entries), *rules)
