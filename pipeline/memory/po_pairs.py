"""Read only what the memory learns from a PO catalogue, fast: each entry's msgid, msgstr and
whether it is fuzzy.

Building the memory reads every catalogue of a language (100,000 entries for 1,000 videos);
the full reader (pipeline.tracks.po_read) gives every field of every entry, line by line in
Python. This one matches whole entries with one regular expression, anchored where the last
one ended (no search, no backtracking past one entry: linear), for the files msm and the
usual editors write: comment lines (`#`, `#.`, `#:`, `#,`; `#|` previous fields), then an
optional msgctxt, a msgid and a msgstr, each a string with the simple escapes
(`\\n \\t \\" \\\\ \\r \\f \\v \\b \\a`) and its continuation lines, entries apart by blank
lines or none. A file holding anything else (obsolete `#~` entries, plurals, octal or hex
escapes, indented or trailing-space lines, a duplicate entry, a stray line, a malformed
string) gives None: the caller reads it with the full reader, which also says what is wrong.
tests/memory/test_po_pairs.py holds the two readers to the same pairs.
"""

from __future__ import annotations

import re
from typing import Final

Pair = tuple[str, str, bool]  # msgid, msgstr, fuzzy

_BODY: Final = r'[^"\\\n]*(?:\\[ntrfvba"\\][^"\\\n]*)*'  # a string's body (unrolled: linear)


def _field(keyword: str, prefix: str = "") -> str:
    """A keyword line and its continuation lines (the body of each a group)."""
    return rf'{prefix}{keyword} "({_BODY})"\n((?:{prefix}"{_BODY}"\n)*)'


_PREVIOUS: Final = rf'#\| (?:msgctxt|msgid|msgid_plural) "{_BODY}"\n(?:#\| "{_BODY}"\n)*'
_ENTRY = re.compile(
    # comment lines, and previous fields (`#| msgid "…"` and their `#| "…"` lines)
    rf"((?:#(?:[^~|\n][^\n]*)?\n|{_PREVIOUS})*)"
    rf"(?:(?:{_field('msgctxt')})?{_field('msgid')}{_field('msgstr')}"  # a live entry
    rf"|(?:{_field('msgctxt', '#~ ')})?{_field('msgid', '#~ ')}{_field('msgstr', '#~ ')})"
    r"\n*"
)
_ESCAPE = re.compile(r"\\(.)")
_SIMPLE = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CODES = {**_SIMPLE, "\\": "\\", '"': '"'}


def _decoded(match: re.Match[str]) -> str:
    return _CODES[match.group(1)]


def _text(first: str, more: str, prefix: str = "") -> str:
    """A field's text: its first string and its continuation lines, escapes decoded."""
    if more:  # `"a"\n"b"\n` (or `#~ "a"\n#~ "b"\n`): the bodies, joined
        first += more[len(prefix) + 1 : -2].replace(f'"\n{prefix}"', "")
    raw = first
    if "\\" not in raw:
        return raw
    if "\\\\" in raw:
        return _ESCAPE.sub(_decoded, raw)
    raw = raw.replace("\\n", "\n").replace('\\"', '"')
    if "\\" in raw:
        for code, char in _SIMPLE.items():
            raw = raw.replace("\\" + code, char)
    return raw


def _fuzzy(comments: str) -> bool:
    """Whether a `#,` line of an entry's comment lines holds the flag `fuzzy` (the full
    reader's flags: the line split at commas, each stripped)."""
    for line in comments.split("\n"):
        if line.startswith("#,") and "fuzzy" in [f.strip() for f in line[2:].split(",")]:
            return True
    return False


def po_pairs(text: str) -> list[Pair] | None:
    """Each entry's (msgid, msgstr, fuzzy), in file order, for the entries that have both a
    msgid and a msgstr; None when the file is not of the simple kind this reads."""
    if "\x04" in text:
        return None  # gettext refuses the context separator: the full reader says where
    if text and text[-1] != "\n":
        text += "\n"  # a line more, blank: read the same
    pairs: list[Pair] = []
    keys: set[tuple[str | None, str]] = set()
    count = 0
    at = len(text) - len(text.lstrip("\n"))
    match = _ENTRY.match
    size = len(text)
    while at < size:
        found = match(text, at)
        if found is None:
            return None  # something else: the full reader's
        at = found.end()
        count += 1
        if found.group(4) is None:  # obsolete: only its key counts (duplicates)
            context, context_more, first, more = found.group(8, 9, 10, 11)
            key = _text(context, context_more, "#~ ") if context is not None else ""
            keys.add((key or None, _text(first, more, "#~ ")))
            continue
        comments, context, context_more, first, more, target, target_more = found.groups()[:7]
        msgid = _text(first, more)
        key = _text(context, context_more) if context is not None else ""
        keys.add((key or None, msgid))
        if msgid and (target or target_more):
            msgstr = _text(target, target_more)
            if msgstr:
                pairs.append((msgid, msgstr, "#," in comments and _fuzzy(comments)))
    return pairs if len(keys) == count else None  # a duplicate entry: the full reader's
