"""Decode subtitle bytes: UTF-8 (± BOM), UTF-16/32, and the legacy code pages of our languages.

Real files from translators' tools arrive in whatever their Windows locale wrote. We accept an
encoding when it is unambiguous, say which one we used, and refuse what we cannot tell apart.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import Diagnostic, InputError
from pipeline.fsutil import read_bytes

# Legacy code pages worth trying, by language. Order breaks ties between identical decodings.
_CENTRAL = ("cp1250", "iso-8859-2")
_GREEK = ("cp1253", "iso-8859-7")
_WESTERN = ("cp1252",)
_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "pl": _CENTRAL,
    "ro": _CENTRAL,
    "el": _GREEK,
}
_ALL = (*_WESTERN, *_CENTRAL, *_GREEK)

_LABELS = {
    "cp1250": "Windows-1250, Central European",
    "iso-8859-2": "ISO-8859-2, Central European",
    "cp1252": "Windows-1252, Western European",
    "cp1253": "Windows-1253, Greek",
    "iso-8859-7": "ISO-8859-7, Greek",
}

# Characters each language writes beyond ASCII: a decoding that yields them is plausible.
_GREEK_LETTERS = "".join(chr(c) for c in range(0x0386, 0x03CF)) + "·;«»"
_LETTERS: dict[str, str] = {
    "pl": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”«»",
    "ro": "ăâîșțşţĂÂÎȘȚŞŢ„”«»",
    "el": _GREEK_LETTERS,
    "fr": "àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»’",
    "es": "áéíóúüñÁÉÍÓÚÜÑ¿¡«»ºª",
    "pt-PT": "áàâãçéêíóôõúÁÀÂÃÇÉÊÍÓÔÕÚºª«»",
    "nl-BE": "éèëïöüáóêÉÈËÏÖÜ’‘",
    "eu": "ñÑ",
    "en": "éèï’‘",
}
# What each code page exists to carry, for files whose language we do not know.
_FAMILY: dict[str, tuple[str, ...]] = {
    "cp1250": ("pl", "ro"),
    "iso-8859-2": ("pl", "ro"),
    "cp1252": ("fr", "es", "pt-PT", "nl-BE", "eu", "en"),
    "cp1253": ("el",),
    "iso-8859-7": ("el",),
}
_PUNCTUATION = set("«»“”„‘’‚…–—•€°²³½·")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, the codec used and what we noticed on the way."""

    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...] = ()


def read_text(path: Path, lang: str | None = None) -> Decoded:
    """Read and decode a subtitle file; an unreadable file raises InputError."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, str(path), lang)


def decode(data: bytes, path: str, lang: str | None = None) -> Decoded:
    """Decode subtitle bytes, detecting the encoding; raise InputError when it cannot be told."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, codec, path, _bom_note(codec, path))
    unmarked = _utf16_without_bom(data)
    if unmarked:
        note = Diagnostic(
            path, None, "warning", f"{unmarked} without a byte-order mark", "encoding"
        )
        return _strict(data, unmarked, path, note)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            f"{path}: not a text file",
            [Diagnostic(path, line, "error", "NUL byte: this is not a subtitle text file")],
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if _looks_like_broken_utf8(data):
        line = data[:bad].count(b"\n") + 1
        raise InputError(
            f"{path}: invalid UTF-8",
            [
                Diagnostic(
                    path,
                    line,
                    "error",
                    f"invalid UTF-8 byte 0x{data[bad]:02x} in a file that is otherwise UTF-8 "
                    "(mixed encodings?); fix or re-save the file as UTF-8",
                    "encoding",
                )
            ],
        )
    return _legacy(data, path, lang)


def _bom_note(codec: str, path: str) -> Diagnostic | None:
    if codec == "utf-8-sig":
        return Diagnostic(path, 1, "info", "UTF-8 with a byte-order mark", "encoding")
    name = "UTF-16" if codec == "utf-16" else "UTF-32"
    return Diagnostic(path, None, "info", f"{name} with a byte-order mark", "encoding")


def _strict(data: bytes, codec: str, path: str, note: Diagnostic | None) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: cannot decode",
            [Diagnostic(path, None, "error", f"invalid {codec} data at byte {exc.start}")],
        ) from None
    if codec != "utf-8-sig" and text.startswith("\ufeff"):
        text = text[1:]
    name = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-32": "utf-32"}.get(codec, codec)
    return Decoded(text, name, (note,) if note else ())


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_like_broken_utf8(data: bytes) -> bool:
    """True when the file holds valid multi-byte UTF-8 sequences besides invalid bytes.

    Legacy single-byte text almost never forms valid UTF-8 sequences by accident, so a file with
    both is UTF-8 with damage (or two encodings glued together): guessing would garble it.
    """
    text = data.decode("utf-8", errors="replace")
    valid_multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return valid_multibyte > 0


def _legacy(data: bytes, path: str, lang: str | None) -> Decoded:
    candidates = _BY_LANGUAGE.get(lang or "", _WESTERN if lang else _ALL)
    if lang and lang not in _BY_LANGUAGE:
        # A Western language may still come in a Central European file (names, quotes).
        candidates = (*_WESTERN, *_CENTRAL)
    scored: list[tuple[float, int, str, str]] = []
    for order, codec in enumerate(candidates):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text, codec, lang), -order, codec, text))
    if not scored:
        raise InputError(
            f"{path}: unknown encoding",
            [Diagnostic(path, None, "error", _unknown_message(candidates), "encoding")],
        )
    scored.sort(reverse=True)
    score, _, codec, text = scored[0]
    if score <= 0:
        raise InputError(
            f"{path}: unknown encoding",
            [Diagnostic(path, None, "error", _unknown_message(candidates), "encoding")],
        )
    note = Diagnostic(
        path,
        None,
        "warning",
        f"not UTF-8: decoded as {codec} ({_LABELS[codec]}); it is written back as UTF-8",
        "encoding",
    )
    return Decoded(text, codec, (note,))


def _unknown_message(candidates: tuple[str, ...]) -> str:
    tried = ", ".join(candidates)
    return f"not UTF-8 and no plausible legacy encoding ({tried}); re-save the file as UTF-8"


def _plausibility(text: str, codec: str, lang: str | None) -> float:
    """Score how much a decoding looks like text in `lang` (or the languages the codec is for)."""
    wanted = (lang,) if lang in _LETTERS else _FAMILY[codec]
    expected = set("".join(_LETTERS[code] for code in wanted if code))
    score = 0.0
    for ch in text:
        if ord(ch) < 0x80:
            continue
        if ch in expected:
            score += 2
        elif ch in _PUNCTUATION:
            score += 1
        elif unicodedata.category(ch).startswith("L"):
            score += 0.25
        else:
            score -= 3
    return score
