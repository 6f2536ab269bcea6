"""The charset of a PO file: what its header declares (`charset=` in `Content-Type`), as in
gettext, which reads ISO-8859-x, CP125x, KOI8-R, EUC-JP, Big5, … as well as UTF-8.

A file is decoded in its declared charset and reported (a note: msm writes PO files back as
UTF-8, with the header saying so). Refused, each at the line where it goes wrong: bytes that
are not valid in the declared charset (or in UTF-8 when none is declared), a charset Python
does not know or that is not ASCII-compatible (gettext refuses those too: UTF-16, EBCDIC),
and a file that declares a legacy charset but whose text is UTF-8 (reading it as declared, as
msgfmt would, garbles every accented letter: the header is wrong, say so rather than guess).
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING, Final

from pipeline.errors import Diagnostic, InputError
from pipeline.fsutil import read_bytes

if TYPE_CHECKING:
    from pipeline.safewrite import Seen

_UTF8 = "UTF-8"
_PLACEHOLDER = "CHARSET"  # what xgettext writes in a template: nothing declared yet
_ASCII = bytes(range(128))


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.5 ms of
# start-up (its methods compiled from source), and nothing compares, hashes or prints it.
class Declared:
    """The header's `charset=` value and where it stands in the text."""

    def __init__(
        self,
        name: str,
        start: int,  # offset of the name in the text
        line: int,  # its line (1-based)
    ) -> None:
        self.name: Final = name
        self.start: Final = start
        self.line: Final = line


class PoText:
    """A PO file's text, the charset it was decoded from, and what decoding noticed."""

    def __init__(
        self,
        text: str,
        charset: str,  # the declared name ("UTF-8" when none or UTF-8 is declared)
        codec: str,  # Python's codec for it
        notes: tuple[Diagnostic, ...] = (),
    ) -> None:
        self.text: Final = text
        self.charset: Final = charset
        self.codec: Final = codec
        self.notes: Final = notes


def declared_charset(text: str) -> Declared | None:
    """The `charset=` of the header entry (the first entry, `msgid ""`), or None.

    Reads only the comments before the header and the header itself, line by line.
    """
    position = 0
    number = 0
    in_header = False
    size = len(text)
    while position < size:
        end = text.find("\n", position)
        if end < 0:
            end = size
        number += 1
        line = text[position:end].strip(" \t\r\f\v")
        if not in_header:
            if line.startswith("msgid"):
                if line[5:].strip(" \t\r\f\v") != '""':
                    return None  # the first entry is no header
                in_header = True
            elif line and not line.startswith("#"):
                return None
        elif line.startswith(("msgstr", '"')):
            found = line.find("charset=")
            if found >= 0:
                name_at = found + len("charset=")
                while name_at < len(line) and line[name_at] in " \t":
                    name_at += 1  # `charset= koi8-r`: gettext would miss it; the intent is clear
                stop = name_at
                while stop < len(line) and line[stop] not in ' \t\\";':
                    stop += 1
                raw = text[position:end]
                start = position + len(raw) - len(raw.lstrip(" \t\r\f\v"))
                return Declared(line[name_at:stop], start + name_at, number)
        elif line:
            return None  # the header ended without a charset
        position = end + 1
    return None


def _codec(name: str) -> str | None:
    """Python's codec for a charset name, or None when Python does not know it."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _refuse(path: str, line: int | None, message: str) -> InputError:
    return InputError(
        f"{path}: cannot read this PO file",
        [Diagnostic(path, line, "error", message, "po-charset")],
    )


def decode_po(data: bytes, path: str) -> PoText:
    """Decode a PO file's bytes as its header says; InputError (`path:line`) when they cannot.

    A file whose lines all end in CR alone (classic Mac OS) is read with those as line ends,
    and that is noted: unambiguous, and gettext would read the whole file as one line.
    """
    if b"\r" in data and b"\n" not in data:
        decoded = _decode(data.replace(b"\r", b"\n"), path)
        note = Diagnostic(
            path, 1, "warning", "lines end in CR alone (old Mac): read as line ends", "po-charset"
        )
        return PoText(decoded.text, decoded.charset, decoded.codec, (*decoded.notes, note))
    return _decode(data, path)


def _decode(data: bytes, path: str) -> PoText:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _refuse(path, 1, "UTF-16 text: gettext reads PO files in UTF-8; re-save it so")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text: str | None = data.decode("utf-8")
        failed = -1
    except UnicodeDecodeError as exc:
        text, failed = None, exc.start
    probe = text if text is not None else data.decode("latin-1")  # ASCII positions kept
    declared = declared_charset(probe)
    if declared is not None and not declared.name:
        declared = None  # `charset=` with nothing after it declares nothing
    codec = _codec(declared.name) if declared is not None else None
    if declared is None or declared.name.upper() == _PLACEHOLDER or codec in ("utf-8", "ascii"):
        if text is not None:
            return PoText(text, _UTF8, "utf-8")
        said = f"declares charset={declared.name}" if declared is not None else "declares none"
        raise _refuse(
            path,
            _line_of(data, failed),
            f"not valid UTF-8 (byte 0x{data[failed]:02X}); the header {said}: "
            "set the charset the file is really in, or re-save it as UTF-8",
        )
    if codec is None:
        raise _refuse(path, declared.line, f"unknown charset {declared.name!r} in the header")
    if not _ascii_compatible(codec):
        raise _refuse(
            path,
            declared.line,
            f"charset {declared.name} is not ASCII-compatible: gettext cannot read PO files in it",
        )
    if text is not None:
        if text.isascii():
            return PoText(text, declared.name, codec)  # the same text in either charset
        raise _refuse(
            path,
            declared.line,
            f"the header declares charset={declared.name} but the text is UTF-8 "
            "(read as declared, every accented letter would be garbled): "
            "correct the header to charset=UTF-8",
        )
    try:
        decoded = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _refuse(
            path,
            _line_of(data, exc.start),
            f"not valid {declared.name} (byte 0x{data[exc.start]:02X}), "
            "the charset its header declares",
        ) from None
    note = Diagnostic(
        path,
        declared.line,
        "info",
        f"the file is in {declared.name} (its declared charset), not UTF-8; "
        "msm writes it as UTF-8 whenever it changes it",
        "po-charset",
    )
    return PoText(decoded, declared.name, codec, (note,))


def _ascii_compatible(codec: str) -> bool:
    try:
        return _ASCII.decode(codec) == _ASCII.decode("ascii")
    except UnicodeDecodeError:
        return False


def read_po_text(path: Path) -> PoText:
    """Read and decode a PO file; InputError when it cannot be read or decoded."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_po(data, str(path))


def read_po_seen(path: Path) -> tuple[str | None, Seen]:
    """A PO (or POT) file as the UTF-8 text a command writes back (None when missing), and the
    record of the read that the write compares against (see `pipeline.safewrite`)."""
    from pipeline.safewrite import read_seen  # only commands that write need the record

    data, seen = read_seen(path)
    if data is None:
        return None, seen
    return as_utf8(decode_po(data, str(path)).text), seen


def as_utf8(text: str) -> str:
    """The text with its header's charset set to UTF-8 (what a command writes back)."""
    declared = declared_charset(text)
    if declared is None or _codec(declared.name) == "utf-8":
        return text
    return text[: declared.start] + _UTF8 + text[declared.start + len(declared.name) :]
