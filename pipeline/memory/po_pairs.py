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
    """A keyword line and its continuation lines, its strings a group (`"a"\\n"b"\\n`)."""
    return rf'{prefix}{keyword} ("{_BODY}"\n(?:{prefix}"{_BODY}"\n)*)'


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


def _unescaped(raw: str) -> str:
    """A string's body with its (simple) escapes decoded."""
    if "\\" not in raw:
        return raw
    if "\\\\" in raw:
        return _ESCAPE.sub(_decoded, raw)
    raw = raw.replace("\\n", "\n").replace('\\"', '"')
    if "\\" in raw:
        for code, char in _SIMPLE.items():
            raw = raw.replace("\\" + code, char)
    return raw


def _text(field: str, prefix: str = "") -> str:
    """A field's text: its strings (`"a"\\n"b"\\n`, or `#~ "b"` lines) joined, decoded."""
    return _unescaped(field[1:-2].replace(f'"\n{prefix}"', ""))


def _texts(fields: list[str]) -> list[str]:
    """`_text` of each field, all at once: joined by NULs (none in the file), a few C passes
    over them all, split again."""
    if not fields:
        return []
    joined = "\x00".join(fields).replace('"\n"', "").replace('"\n\x00"', "\x00")
    return _unescaped(joined[1:-2]).split("\x00")


def _context(field: str | None, prefix: str = "") -> str | None:
    """A msgctxt's text as an entry's key holds it (None for none or an empty one)."""
    return (_text(field, prefix) or None) if field is not None else None


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
    if "\x04" in text or "\x00" in text:
        return None  # gettext refuses the context separator: the full reader says where
    if text and text[-1] != "\n":
        text += "\n"  # a line more, blank: read the same
    fields: list[str] = []  # the msgid and msgstr of each live entry
    fuzzy: list[bool] = []
    contexts: dict[int, str] = {}  # live entry → its msgctxt field
    obsolete: list[tuple[str | None, str]] = []  # the keys of obsolete entries
    at = len(text) - len(text.lstrip("\n"))
    match = _ENTRY.match
    size = len(text)
    while at < size:
        found = match(text, at)
        if found is None:
            return None  # something else: the full reader's
        at = found.end()
        comments, context, msgid, msgstr, gone_context, gone_msgid, _ = found.groups()
        if msgid is None:  # obsolete: only its key counts (duplicates)
            obsolete.append((_context(gone_context, "#~ "), _text(gone_msgid, "#~ ")))
            continue
        if context is not None:
            contexts[len(fuzzy)] = context
        fields.append(msgid)
        fields.append(msgstr)
        fuzzy.append("#," in comments and _fuzzy(comments))
    texts = _texts(fields)
    msgids, msgstrs = texts[0::2], texts[1::2]
    if contexts or obsolete:
        keys = [(_context(contexts.get(n)), msgid) for n, msgid in enumerate(msgids)]
        unique = len(set(keys + obsolete)) == len(keys) + len(obsolete)
    else:
        unique = len(set(msgids)) == len(msgids)
    if not unique:
        return None  # a duplicate entry: the full reader's
    return [pair for pair in zip(msgids, msgstrs, fuzzy, strict=True) if pair[0] and pair[1]]
