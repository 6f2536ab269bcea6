"""A copy of a big Hunspell affix file that loads faster: each suffix class sorted by its ending.

After reading an affix file, Hunspell links every suffix rule into lists sorted by the
rule's ending (reversed) and walks each list once per rule, following pointers to rules it
allocated in the file's order. Basque's Xuxen file has 121,000 suffix rules, so the walk
makes about 41 million steps through memory in no useful order (≈3 s of CPU time, 60% of
loading every dictionary msm uses). The same rules with each class's lines in the order of
their reversed endings are allocated nearly in the order the lists are walked: loading
takes about half the time. The rules are unchanged, only their order within a class, which
Hunspell does not read any meaning into (tests/checks/test_spell_affix.py compares the
verdicts of both files on Basque words and typos).

The copy lives beside the spelling cache (`<fingerprint>-sorted/NAME.aff`, with NAME.dic a
link to the original), is written once, atomically, and is used only for affix files of at
least `MIN_RULES` suffix rules (of the nine dictionaries msm uses, only Basque's).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pipeline.fsutil import atomic_write_bytes, read_bytes

MIN_RULES = 20_000  # suffix rules in an affix file worth rewriting (Basque 121,000; next 7,000)
VERSION = "1"  # of the rewriting: a change makes new copies


def sorted_rules(data: bytes) -> bytes | None:
    """The affix file with each suffix class's rules sorted by their reversed ending, or
    None when it has fewer than MIN_RULES suffix rules (not worth a copy)."""
    lines = data.split(b"\n")
    if sum(line.startswith(b"SFX ") for line in lines) < MIN_RULES:
        return None
    out: list[bytes] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        out.append(line)
        at += 1
        head = line.split()
        if len(head) != 4 or head[0] != b"SFX" or not head[3].isdigit():
            continue
        count = int(head[3])
        rules = lines[at : at + count]
        prefix = b"SFX " + head[1] + b" "
        if len(rules) == count and all(rule.startswith(prefix) for rule in rules):
            rules.sort(key=_ending)  # stable: rules with the same ending keep their order
        out.extend(rules)
        at += len(rules)
    return b"\n".join(out)


def _ending(rule: bytes) -> bytes:
    """A rule's appended ending, reversed (`SFX A 0 ak/12 .` → b"ka"); "0" is empty."""
    fields = rule.split()
    if len(fields) < 4:
        return b""
    ending = fields[3].split(b"/", 1)[0]
    return b"" if ending == b"0" else ending[::-1]


def faster_base(base: Path, folder: Path | None, fingerprint: str) -> Path:
    """The dictionary to load for `base`: its sorted copy in `folder` (made now if need be),
    or `base` itself when its affix file is small, there is no folder, or writing fails."""
    if folder is None:
        return base
    copy = folder / f"{fingerprint}-sorted-v{VERSION}" / base.name
    aff = copy.with_suffix(".aff")
    if aff.is_file():
        return copy
    try:
        data = read_bytes(base.with_suffix(".aff"))
    except OSError:
        return base
    rewritten = sorted_rules(data)
    if rewritten is None:
        return base
    try:
        aff.parent.mkdir(parents=True, exist_ok=True)
        dic = copy.with_suffix(".dic")
        if not dic.is_file():
            with contextlib.suppress(FileExistsError):  # another process made it meanwhile
                dic.symlink_to(base.with_suffix(".dic").resolve())
        atomic_write_bytes(aff, rewritten)  # last: its presence says the copy is whole
    except OSError:
        return base
    return copy
