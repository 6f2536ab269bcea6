"""Read only what the memory learns from a PO catalogue, fast: each entry's msgid, msgstr and
whether it is fuzzy.

Building the memory reads every catalogue of a language (100,000 entries for 1,000 videos);
the full reader (pipeline.tracks.po_read) gives every field of every entry, line by line in
Python. This one matches whole entries with one regular expression, anchored where the last
one ended (no search, no backtracking past one entry: linear), for the files msm and the
usual editors write: comment lines (`#`, `#.`, `#:`, `#,`; `#|` previous fields), then an
optional msgctxt, a msgid and a msgstr, each a string with the simple escapes
(`\\n \\t \\" \\\\ \\r \\f \\v \\b \\a`) and its continuation lines (or the same fields
of an obsolete entry, all `#~ ` lines: only its key counts, for duplicates), entries apart by
blank lines or none. A file holding anything else (plurals, `#~|` fields, octal or hex
escapes, indented or trailing-space lines, a NUL, a duplicate entry, a stray line, a
malformed string) gives None: the caller reads it with the full reader, which also says
what is wrong.
It works on the file's UTF-8 bytes (the structure is ASCII, which UTF-8 never uses inside
a character; byte-wide searches are several times faster than on text with Polish or Greek
letters) and decodes only the fields it gives, all of a file's at once; the caller has
decoded the whole file first, so a file that is not UTF-8 is refused as before.
tests/memory/test_po_pairs.py holds the two readers to the same pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, repeat
from typing import Final

Pair = tuple[str, str, bool]  # msgid, msgstr, fuzzy
# What a catalogue teaches the memory: a separator, the msgids and the msgstrs as UTF-8,
# each apart by the separator, and one flag per entry (0, TRANSLATED or FUZZY)
Fields = tuple[str, bytes, bytes, bytes]
TRANSLATED: Final = b"\x01"
FUZZY: Final = b"\x02"
Groups = tuple[bytes | None, ...]

# Every repetition is possessive (`*+`: Python 3.11): what may follow each one cannot begin
# what it repeats, so giving back a repetition never finds another match; the engine then
# keeps no state to give it back (a fifth less time over a catalogue).
_BODY: Final = rb'[^"\\\n]*+(?:\\[ntrfvba"\\][^"\\\n]*+)*+'  # a string's body (unrolled: linear)


def _field(keyword: bytes, prefix: bytes = b"") -> bytes:
    """A keyword line and its continuation lines, a group holding what lies between the
    first quote and the last (`a"\\n"b` for `"a"\\n"b"`)."""
    return prefix + keyword + rb' "(' + _BODY + rb'(?:"\n' + prefix + rb'"' + _BODY + rb')*+)"\n'


_PREVIOUS: Final = (
    rb'#\| (?:msgctxt|msgid|msgid_plural) "' + _BODY + rb'"\n(?:#\| "' + _BODY + rb'"\n)*+'
)
_ENTRY = re.compile(
    # comment lines, and previous fields (`#| msgid "…"` and their `#| "…"` lines)
    rb"((?:#(?:[^~|\n][^\n]*+)?\n|"
    + _PREVIOUS
    + rb")*+)"
    + rb"(?:(?:"
    + _field(b"msgctxt")
    + rb")?"
    + _field(b"msgid")
    + _field(b"msgstr")
    + rb"|(?:"
    + _field(b"msgctxt", b"#~ ")
    + rb")?"  # an obsolete entry
    + _field(b"msgid", b"#~ ")
    + _field(b"msgstr", b"#~ ")
    + rb")\n*+"
)
_ESCAPE = re.compile(rb"\\(.)")
_SIMPLE = {
    b"n": b"\n",
    b"t": b"\t",
    b"b": b"\b",
    b"r": b"\r",
    b"f": b"\f",
    b"v": b"\v",
    b"a": b"\a",
}
_CODES = {**_SIMPLE, b"\\": b"\\", b'"': b'"'}


def _decoded(match: re.Match[bytes]) -> bytes:
    return _CODES[match.group(1)]


def _unescaped(raw: bytes) -> bytes:
    """A string's body with its (simple) escapes decoded."""
    if b"\\" not in raw:
        return raw
    if b"\\\\" in raw:
        return _ESCAPE.sub(_decoded, raw)
    raw = raw.replace(b"\\n", b"\n").replace(b'\\"', b'"')
    if b"\\" in raw:
        for code, char in _SIMPLE.items():
            raw = raw.replace(b"\\" + code, char)
    return raw


def _text(field: bytes, prefix: bytes = b"") -> str:
    """A field's text (`a"\\n"b`, or `a"\\n#~ "b`): its strings joined, decoded."""
    return _unescaped(field.replace(b'"\n' + prefix + b'"', b"")).decode("utf-8")


def _joined(fields: list[bytes]) -> bytes:
    """`_text` of each field, all at once, as UTF-8 bytes apart by NULs (none in the file):
    joined, a few C passes over them all."""
    return _unescaped(b"\x00".join(fields).replace(b'"\n"', b""))


def _context(field: bytes | None, prefix: bytes = b"") -> str | None:
    """A msgctxt's text as an entry's key holds it (None for none or an empty one)."""
    return (_text(field, prefix) or None) if field is not None else None


def _fuzzy(comments: bytes) -> bool:
    """Whether a `#,` line of an entry's comment lines holds the flag `fuzzy` (the full
    reader's flags: the line split at commas, each stripped)."""
    for line in comments.decode("utf-8").split("\n"):
        if line.startswith("#,") and "fuzzy" in [f.strip() for f in line[2:].split(",")]:
            return True
    return False


def po_pairs(data: bytes) -> list[Pair] | None:
    """Each entry's (msgid, msgstr, fuzzy), in file order, for the entries that have both a
    msgid and a msgstr, from a file's UTF-8 bytes (without a byte-order mark); None when the
    file is not of the simple kind this reads."""
    fields = po_fields(data)
    if fields is None:
        return None
    separator, msgids, msgstrs, flags = fields
    if not flags:
        return []
    ids, strs = msgids.decode().split(separator), msgstrs.decode().split(separator)
    return [(i, s, flag == FUZZY[0]) for i, s, flag in zip(ids, strs, flags, strict=True) if flag]


def po_fields(data: bytes) -> Fields | None:
    """`po_pairs` as the memory keeps it: every entry's msgid and msgstr as UTF-8 bytes
    apart by NULs, and a flag for each (0: no msgid or no msgstr, `TRANSLATED`, `FUZZY`);
    no object per entry."""
    if b"\x04" in data or b"\x00" in data:
        return None  # gettext refuses the context separator: the full reader says where
    if data and data[-1:] != b"\n":
        data += b"\n"  # a line more, blank: read the same
    entries = _entries(data)
    if entries is None:
        return None  # something else: the full reader's
    if not entries:
        return "\x00", b"", b"", b""
    comments, contexts, msgids, msgstrs, *_ = zip(*entries, strict=True)
    if None in msgids:  # obsolete entries (or blank pieces): only their keys count
        live = [entry for entry in entries if entry[2] is not None]
        if not live:
            return "\x00", b"", b"", b""
        comments, contexts, msgids, msgstrs, *_ = zip(*live, strict=True)
        obsolete = [
            (_context(entry[4], b"#~ "), _text(entry[5], b"#~ "))
            for entry in entries
            if entry[5] is not None
        ]
    else:
        obsolete = []
    ids, strs = _joined(list(msgids)), _joined(list(msgstrs))
    id_parts = ids.split(b"\x00")
    if contexts.count(None) != len(contexts) or obsolete:
        texts = ids.decode().split("\x00")
        keys = [(_context(context), msgid) for context, msgid in zip(contexts, texts, strict=True)]
        unique = len(set(keys + obsolete)) == len(keys) + len(obsolete)
    else:
        unique = len(set(id_parts)) == len(id_parts)
    if not unique:
        return None  # a duplicate entry: the full reader's
    flags = bytearray(TRANSLATED) * len(id_parts)
    for parts in (id_parts, strs.split(b"\x00")):
        for at in _places(parts, b""):
            flags[at] = 0
    marked = map(bytes.__contains__, comments, repeat(b"#,"))
    for at in compress(range(len(flags)), marked):
        if flags[at] and _fuzzy(comments[at]):
            flags[at] = FUZZY[0]
    return "\x00", ids, strs, bytes(flags)


def _places(items: list[bytes], item: bytes) -> Iterator[int]:
    """Where `item` is in `items` (list.index: a search in C)."""
    at = -1
    while True:
        try:
            at = items.index(item, at + 1)
        except ValueError:
            return
        yield at


def _entries(data: bytes) -> list[Groups] | None:
    """Each entry's groups, matched one after the other where the last one ended (linear:
    no search), or None at the first line that starts no entry."""
    entries = []
    at = len(data) - len(data.lstrip(b"\n"))
    match = _ENTRY.match
    size = len(data)
    while at < size:
        found = match(data, at)
        if found is None:
            return None
        at = found.end()
        entries.append(found.groups())
    return entries
