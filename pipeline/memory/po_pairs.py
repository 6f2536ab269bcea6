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
from typing import Final

Pair = tuple[str, str, bool]  # msgid, msgstr, fuzzy
Groups = tuple[bytes | None, ...]

_BODY: Final = rb'[^"\\\n]*(?:\\[ntrfvba"\\][^"\\\n]*)*'  # a string's body (unrolled: linear)


def _field(keyword: bytes, prefix: bytes = b"") -> bytes:
    """A keyword line and its continuation lines, a group holding what lies between the
    first quote and the last (`a"\\n"b` for `"a"\\n"b"`)."""
    return prefix + keyword + rb' "(' + _BODY + rb'(?:"\n' + prefix + rb'"' + _BODY + rb')*)"\n'


_PREVIOUS: Final = (
    rb'#\| (?:msgctxt|msgid|msgid_plural) "' + _BODY + rb'"\n(?:#\| "' + _BODY + rb'"\n)*'
)
_ENTRY = re.compile(
    # comment lines, and previous fields (`#| msgid "…"` and their `#| "…"` lines)
    rb"((?:#(?:[^~|\n][^\n]*)?\n|"
    + _PREVIOUS
    + rb")*)"
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
    + rb")\n*"
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


def _texts(fields: list[bytes]) -> list[str]:
    """`_text` of each field, all at once: joined by NULs (none in the file), a few C passes
    over them all, decoded, split again."""
    if not fields:
        return []
    joined = b"\x00".join(fields).replace(b'"\n"', b"")
    return _unescaped(joined).decode("utf-8").split("\x00")


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
    if b"\x04" in data or b"\x00" in data:
        return None  # gettext refuses the context separator: the full reader says where
    if data and data[-1:] != b"\n":
        data += b"\n"  # a line more, blank: read the same
    entries = _entries(data)
    if entries is None:
        return None  # something else: the full reader's
    comments, contexts, msgids, msgstrs, *_ = zip(*entries, strict=True) if entries else ((),) * 7
    if None in msgids:  # obsolete entries (or blank pieces): only their keys count
        live = [entry for entry in entries if entry[2] is not None]
        comments, contexts, msgids, msgstrs, *_ = zip(*live, strict=True) if live else ((),) * 7
        obsolete = [
            (_context(entry[4], b"#~ "), _text(entry[5], b"#~ "))
            for entry in entries
            if entry[5] is not None
        ]
    else:
        obsolete = []
    ids, strs = _texts(list(msgids)), _texts(list(msgstrs))
    if contexts.count(None) != len(contexts) or obsolete:
        keys = [(_context(context), msgid) for context, msgid in zip(contexts, ids, strict=True)]
        unique = len(set(keys + obsolete)) == len(keys) + len(obsolete)
    else:
        unique = len(set(ids)) == len(ids)
    if not unique:
        return None  # a duplicate entry: the full reader's
    fuzzy = [bool(c) and b"#," in c and _fuzzy(c) for c in comments]
    return [pair for pair in zip(ids, strs, fuzzy, strict=True) if pair[0] and pair[1]]


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
