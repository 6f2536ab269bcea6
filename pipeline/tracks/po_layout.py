"""Write a merged catalogue over its old text, keeping every byte of what did not change.

A catalogue rendered whole by polib is wrapped polib's way: the header of a file that msgmerge,
Poedit, Weblate or translate-toolkit wrote (each wraps long strings differently) would change
on disk, and so would every entry another tool wrapped, although msm changed nothing in them.
Here the old text is cut into blocks, one per entry (the header first, comments at the end
last), and the new text is made of the old blocks of the entries that did not change, in their
old bytes with the blank lines before them; only new and changed entries are rendered. An
entry whose texts are unchanged and whose comments changed (a cue number, the fuzzy flag) keeps
its old `msgid`/`msgstr` lines. The result is parsed again and must hold exactly the intended
entries and the old header; when the old layout cannot be followed the caller renders the
whole catalogue instead (the content is the same either way).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polib

from pipeline.errors import MsmError
from pipeline.tracks.po_io import parse_po
from pipeline.tracks.po_patch import render_entry

Signature = tuple[object, ...]


def signature(entry: polib.POEntry) -> Signature:
    """Everything of an entry that a PO file says (what must survive a rewrite)."""
    return (
        bool(entry.obsolete),
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural or "",
        entry.msgstr,
        tuple(sorted(entry.msgstr_plural.items())),
        tuple(entry.flags),
        entry.comment or "",
        entry.tcomment or "",
        tuple(entry.occurrences),
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
    )


def _texts(entry: polib.POEntry) -> Signature:
    """The part of the signature that the keyword lines (msgctxt … msgstr) carry."""
    return signature(entry)[:6]


@dataclass
class _Block:
    """Lines [first, end) of the old text, and the entry they hold (None: header, trailer)."""

    first: int
    end: int
    entry: polib.POEntry | None = None


def lines_of(text: str) -> list[str]:
    """The lines of PO text with their ends: only `\\n` ends a line (U+2028 is text)."""
    pieces = text.split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


def _keyword(line: str) -> str:
    """The keyword a stripped line starts with, past an obsolete `#~` ('' if none)."""
    if line.startswith("#~") and not line.startswith("#~|"):
        line = line[2:].lstrip()
    if line.startswith('"'):
        return '"'
    for word in ("msgctxt", "msgid_plural", "msgid", "msgstr"):
        if line.startswith(word):
            return word
    return ""


def split_blocks(lines: Sequence[str]) -> list[_Block]:
    """Cut PO lines into blocks: an entry runs from its first comment or keyword to the last
    line of its msgstr (or last plural form); blank lines between entries belong to none."""
    blocks: list[_Block] = []
    first: int | None = None
    in_msgstr = False
    last = 0  # the last non-blank line seen, + 1
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            if in_msgstr and first is not None:
                blocks.append(_Block(first, last))
                first, in_msgstr = None, False
            continue
        word = _keyword(line)
        if in_msgstr and first is not None and word not in ('"', "msgstr"):
            blocks.append(_Block(first, last))
            first, in_msgstr = None, False
        if first is None:
            first = number
        if word == "msgstr":
            in_msgstr = True
        last = number + 1
    if first is not None:
        blocks.append(_Block(first, last))
    return blocks


def _holds_msgid(lines: Sequence[str], block: _Block) -> bool:
    return any(_keyword(lines[i].strip()) == "msgid" for i in range(block.first, block.end))


def _identify(lines: Sequence[str], po: polib.POFile) -> tuple[_Block, list[_Block]] | None:
    """The header block and the entry blocks (each with its polib entry), in file order; a
    comment-only block may close the file. None when polib's entries do not fit the blocks."""
    blocks = split_blocks(lines)
    entries = list(po)
    header: _Block | None = None
    found: list[_Block] = []
    at = 0
    for block in blocks:
        if not _holds_msgid(lines, block):
            if block is not blocks[-1]:
                return None  # comments on their own, not at the end: not the usual layout
            continue
        if at < len(entries) and block.first < max(1, entries[at].linenum or 0) <= block.end:
            block.entry = entries[at]
            found.append(block)
            at += 1
        elif header is None and not found:
            header = block
        else:
            return None
    if header is None or at != len(entries):
        return None
    return header, found


def compose(text: str, po: polib.POFile, entries: Sequence[polib.POEntry]) -> str | None:
    """`text` (what `po` was read from) holding `entries` instead, in their order, changed
    only where they differ; None when the old layout cannot be followed."""
    if [signature(e) for e in po] == [signature(e) for e in entries]:
        return text
    lines = lines_of(text)
    found = _identify(lines, po)
    if found is None:
        return None
    header, blocks = found
    newline = "\r\n" if "\r\n" in text else "\n"
    by_signature = {signature(b.entry): b for b in blocks if b.entry is not None}
    by_texts = {_texts(b.entry): b for b in blocks if b.entry is not None and not b.entry.obsolete}
    # The blank lines standing before each old block (from the end of the block before it).
    before = {id(b): a.end for a, b in zip([header, *blocks], blocks, strict=False)}
    out = ["".join(lines[: header.end])]
    for entry in entries:
        sign = signature(entry)
        block = by_signature.pop(sign, None)
        if block is not None:
            out.append("".join(lines[before[id(block)] : block.first]))
            out.append("".join(lines[block.first : block.end]))
            continue
        rendered = render_entry(entry, newline)
        same = by_texts.get(_texts(entry)) if not entry.obsolete else None
        if same is not None and same.entry is not None and signature(same.entry) in by_signature:
            by_signature.pop(signature(same.entry))
            out.append("".join(lines[before[id(same)] : same.first]))
            out.append(_new_comments(rendered, lines, same, newline))
            continue
        out.append(newline)
        out.append(rendered)
    last = blocks[-1].end if blocks else header.end
    out.append("".join(lines[last:]))  # blank lines and comments closing the file
    pieces = [piece for piece in out if piece]
    for i in range(len(pieces) - 1):
        if not pieces[i].endswith("\n"):
            pieces[i] += newline  # the old file's last line, no longer last
    new_text = "".join(pieces)
    return new_text if _holds(new_text, po, entries) else None


def _new_comments(rendered: str, lines: Sequence[str], block: _Block, newline: str) -> str:
    """The old block's keyword lines under the comment lines of the entry as rendered now."""
    comments = []
    for line in rendered.split(newline):
        if _keyword(line.strip()):
            break
        comments.append(line + newline)
    keep = block.first
    while keep < block.end and not _keyword(lines[keep].strip()):
        keep += 1
    return "".join(comments) + "".join(lines[keep : block.end])


def _holds(text: str, po: polib.POFile, entries: Sequence[polib.POEntry]) -> bool:
    """Whether `text` reads as exactly `entries` under `po`'s header."""
    try:
        again = parse_po(text, "composed")
    except MsmError:
        return False
    return (
        [_readable(e) for e in again] == [_readable(e) for e in entries]
        and again.metadata == po.metadata
        and again.header == po.header
    )


def _readable(entry: polib.POEntry) -> Signature:
    """The signature as polib reads it back: it skips the `#~|` previous fields of an
    obsolete entry (they are written, and kept as bytes where the entry is unchanged)."""
    sign = signature(entry)
    return sign[:-3] if entry.obsolete else sign


def set_header_field(text: str, name: str, value: str) -> str:
    """`text` with the header field `name` set to `value`, in the lines where it stands and
    cut where it was cut (gettext wraps a long field over several strings); every other line
    stays as it was. A missing field, or one holding escapes, is left alone."""
    lines = lines_of(text)
    blocks = split_blocks(lines)
    if not blocks:
        return text
    header = blocks[0]
    prefix = f'"{name}:'
    for i in range(header.first, header.end):
        if not lines[i].lstrip().startswith(prefix):
            continue
        pieces: list[str] = []  # the field's strings, unquoted, in order
        for j in range(i, header.end):
            body = lines[j].strip()
            if not (body.startswith('"') and body.endswith('"') and len(body) >= 2):
                return text
            pieces.append(body[1:-1])
            if pieces[-1].endswith("\\n"):
                break
        field = "".join(pieces)
        if not field.endswith("\\n") or "\\" in field[:-2] or '"' in field:
            return text
        new = f"{name}: {value}"
        if "\\" in new or '"' in new:
            return text
        new += "\\n"
        cuts: list[str] = []
        at = 0
        for k, piece in enumerate(pieces):
            size = len(piece) if k < len(pieces) - 1 else len(new)
            cuts.append(new[at : at + size])
            at += size
        for k, cut in enumerate(cuts):
            raw = lines[i + k]
            body = raw.rstrip("\r\n")
            indent = body[: len(body) - len(body.lstrip())]
            lines[i + k] = f'{indent}"{cut}"' + raw[len(body) :]
        return "".join(lines)
    return text
