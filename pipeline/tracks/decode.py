"""Decode subtitle bytes: UTF-8 (± BOM), UTF-16/32, and the legacy code pages of our languages.

Real files from translators' tools arrive in whatever their Windows locale wrote. UTF-8 and
files with a byte-order mark are decoded exactly, without any guessing. Other files are weighed:
the language of the track picks the code pages worth trying (Polish/Romanian → Windows-1250 or
ISO-8859-2, Greek → Windows-1253 or ISO-8859-7, Western → Windows-1252 or ISO-8859-15), and
every character on which the candidate decodings disagree is scored in its context (a letter
inside a word of its own script is plausible; a control character, a symbol inside a word, a
Greek letter inside a Latin word or a word of Latin letters that are all accented is not). The
decoding with the most plausible text wins; when the text cannot tell two code pages apart (the
same bytes are letters in both), the error says so and names them instead of guessing.

Long: every encoding path (BOMs, UTF-8, each legacy code page family and the scoring
that tells them apart) sits together so the rules stay comparable.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path
from typing import Final

from pipeline.errors import Diagnostic, InputError
from pipeline.fsutil import read_bytes

# The code pages each language's files come in, the Windows one first: Subtitle Edit and
# Notepad save "ANSI" in the Windows code page, so it wins when both read the same.
_CENTRAL = ("cp1250", "iso-8859-2")
_GREEK = ("cp1253", "iso-8859-7")
_WESTERN = ("cp1252", "iso-8859-15")
_FAMILIES = (_WESTERN, _CENTRAL, _GREEK)
_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "pl": _CENTRAL,
    "ro": _CENTRAL,
    "el": _GREEK,
    "fr": _WESTERN,
    "es": _WESTERN,
    "pt-PT": _WESTERN,
    "nl-BE": _WESTERN,
    "eu": _WESTERN,
    "en": _WESTERN,
}
_SCRIPT_OF_LANGUAGE = {"el": "GREEK"}  # every other language of ours writes Latin

_LABELS = {
    "cp1250": "Windows-1250, Central European",
    "iso-8859-2": "ISO-8859-2, Central European",
    "cp1252": "Windows-1252, Western European",
    "iso-8859-15": "ISO-8859-15, Western European",
    "cp1253": "Windows-1253, Greek",
    "iso-8859-7": "ISO-8859-7, Greek",
}
# Unicode blocks whose characters our languages write: a valid UTF-8 sequence decoding to one
# of these in a file with invalid bytes is real UTF-8 (the file mixes encodings); legacy bytes
# that happen to form a valid sequence decode to something else (Cyrillic, Syriac, CJK …).
_UTF8_PLAUSIBLE = (
    (0x00A0, 0x024F),  # Latin-1 supplement, Latin extended A and B (ș ț)
    (0x0370, 0x03FF),  # Greek
    (0x1F00, 0x1FFF),  # Greek extended
    (0x2010, 0x2BFF),  # punctuation, €, arrows, symbols (♪), dingbats
    (0x1F300, 0x1FAFF),  # emoji
)


# A plain class, immutable by its Final attributes: a frozen dataclass cost ~0.5 ms of
# start-up (its methods compiled from source), and nothing compares, hashes or prints it.
class Decoded:
    """Text decoded from bytes, the codec used and what we noticed on the way."""

    def __init__(
        self,
        text: str,
        encoding: str,
        diagnostics: tuple[Diagnostic, ...] = (),
    ) -> None:
        self.text: Final = text
        self.encoding: Final = encoding
        self.diagnostics: Final = diagnostics


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
        note = Diagnostic(path, 1, "warning", f"{unmarked} without a byte-order mark", "encoding")
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
    if lang not in _BY_LANGUAGE and _double_byte(data):
        other = _other_encoding(data)  # Chinese, Korean, Japanese EUC: not mixed UTF-8
        if other is not None:
            return _other_decoded(data, other, path)
    valid_at = _utf8_mixed(data)
    if valid_at is not None:
        raise InputError(
            f"{path}: invalid UTF-8",
            [
                Diagnostic(
                    path,
                    _line_at(data, bad),
                    "error",
                    f"invalid UTF-8 byte 0x{data[bad]:02x} in a file that also holds UTF-8 "
                    f"text (line {_line_at(data, valid_at)}): mixed encodings; fix or re-save "
                    "the file as UTF-8",
                    "encoding",
                )
            ],
        )
    return _legacy(data, path, lang)


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _bom_note(codec: str, path: str) -> Diagnostic | None:
    if codec == "utf-8-sig":
        return Diagnostic(path, 1, "info", "UTF-8 with a byte-order mark", "encoding")
    name = "UTF-16" if codec == "utf-16" else "UTF-32"
    return Diagnostic(path, 1, "info", f"{name} with a byte-order mark", "encoding")


def _strict(data: bytes, codec: str, path: str, note: Diagnostic | None) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise InputError(
            f"{path}: cannot decode",
            [Diagnostic(path, line, "error", f"invalid {codec} data at byte {exc.start}")],
        ) from None
    if codec != "utf-8-sig" and text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(text, codec, (note,) if note else ())


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


def _double_byte(data: bytes) -> bool:
    """Whether every run of non-ASCII bytes is of even length and in 0xA1-0xFE, as in GB2312
    and the other EUC encodings (a legacy single-byte file has runs of one byte: `ó`, `ś`)."""
    runs = 0
    length = 0
    for byte in data:
        if byte >= 0x80:
            if byte < 0xA1 or byte == 0xFF:
                return False
            length += 1
            continue
        if length % 2:
            return False
        runs += length > 0
        length = 0
    return length % 2 == 0 and runs + (length > 0) >= 2


def _utf8_mixed(data: bytes) -> int | None:
    """The offset of real UTF-8 text in a file that is not valid UTF-8, None if there is none.

    A UTF-8 file with damaged bytes (or two files glued together) holds multi-byte sequences
    that decode to the letters and punctuation our languages write; legacy single-byte text
    forms such sequences only by accident (`Ó` `Ł` in Windows-1250 read as UTF-8 is `ӣ`), and
    they decode to other scripts. Guessing a code page for a mixed file would garble half of it.
    """
    position = 0
    size = len(data)
    while position < size:
        byte = data[position]
        if byte < 0x80:
            position += 1
            continue
        length = 2 if 0xC2 <= byte <= 0xDF else 3 if 0xE0 <= byte <= 0xEF else 0
        if 0xF0 <= byte <= 0xF4:
            length = 4
        if length:
            try:
                char = data[position : position + length].decode("utf-8")
            except UnicodeDecodeError:
                char = ""
            if char and any(low <= ord(char) <= high for low, high in _UTF8_PLAUSIBLE):
                return position
            if char:
                position += length
                continue
        position += 1
    return None


def _legacy(data: bytes, path: str, lang: str | None) -> Decoded:
    """Weigh the legacy code pages the language allows; refuse when the text cannot tell."""
    script = _SCRIPT_OF_LANGUAGE.get(lang or "", "LATIN") if lang in _BY_LANGUAGE else None
    candidates = _BY_LANGUAGE.get(lang or "")
    ranked = _rank(data, candidates, script) if candidates else []
    if not ranked or ranked[0][1] < 0:
        # Not the language's code pages (a Western name in a Polish file, or a file in
        # another language): every code page we know, each family judged on its own text.
        ranked = _rank(data, tuple(c for f in _FAMILIES for c in f), script)
    first_byte = next((i for i, b in enumerate(data) if b >= 0x80), 0)
    line = _line_at(data, first_byte)
    if not ranked or ranked[0][1] < 0:
        other = None if lang in _BY_LANGUAGE else _other_encoding(data)
        if other is not None:
            return _other_decoded(data, other, path)
        tried = ", ".join(c for f in _FAMILIES for c in f)
        raise InputError(
            f"{path}: unknown encoding",
            [
                Diagnostic(
                    path,
                    line,
                    "error",
                    f"not UTF-8, and no code page we know ({tried}) reads it as text; "
                    "re-save the file as UTF-8",
                    "encoding",
                )
            ],
        )
    best, _, codec, text = ranked[0]
    margin = max(_MARGIN, _RELATIVE_MARGIN * abs(best))
    rivals = [c for score, _, c, t in ranked[1:] if t != text and score >= best - margin]
    family = next(f for f in _FAMILIES if codec in f)
    # Without a language, a tie between the Central European pages is refused too: the
    # same byte is Czech š in ISO-8859-2 and Polish ą in Windows-1250, both letters.
    unsure_family = family is _CENTRAL and lang not in _BY_LANGUAGE
    if any(c not in family for c in rivals) or (rivals and unsure_family):
        named = " or ".join(f"{c} ({_LABELS[c]})" for c in (codec, *rivals))
        hint = "" if lang else "pass the file's language (--lang), or "
        raise InputError(
            f"{path}: cannot tell the encoding",
            [
                Diagnostic(
                    path,
                    line,
                    "error",
                    f"not UTF-8, and the text reads as {named}; {hint}convert it from the "
                    f"right one yourself: iconv -f {codec.upper()} -t UTF-8 {path} > "
                    f"utf8{_suffix(path)} (or -f {' or -f '.join(c.upper() for c in rivals)})",
                    "encoding",
                )
            ],
        )
    # A tie inside the language's family (the bytes that differ are letters in both, as
    # Romanian ş in both): the Windows code page, first in its family, is what the
    # translators' tools write.
    note = Diagnostic(
        path, line, "warning", f"not UTF-8: read as {codec} ({_LABELS[codec]})", "encoding"
    )
    return Decoded(text, codec, (note,))


def _suffix(path: str) -> str:
    return Path(path).suffix or ".srt"


def _other_decoded(data: bytes, codec: str, path: str) -> Decoded:
    """A file in an encoding outside our languages' code pages (Chinese GB18030, …)."""
    line = _line_at(data, next((i for i, b in enumerate(data) if b >= 0x80), 0))
    note = Diagnostic(path, line, "warning", f"not UTF-8: read as {codec}", "encoding")
    return Decoded(data.decode(codec), codec, (note,))


def _other_encoding(data: bytes) -> str | None:
    """What charset-normalizer finds for a file no code page of ours reads (None if unsure)."""
    from charset_normalizer import from_bytes  # only here: ~30 ms to import, rarely needed

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1 or best.encoding in ("ascii", "utf_8"):
        return None
    encoding: str = best.encoding
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return encoding


# Two decodings whose scores differ by less than this (points, or a share of the best score)
# are a tie: the text cannot tell them apart.
_MARGIN = 1.0
_RELATIVE_MARGIN = 0.1


def _rank(
    data: bytes, codecs_: tuple[str, ...], script: str | None
) -> list[tuple[float, float, str, str]]:
    """Each distinct decoding, best first: (score where the decodings disagree, score of all
    its non-ASCII characters, codec, text); ties keep the order of `codecs_`."""
    texts: list[tuple[str, str]] = []
    for codec in codecs_:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if all(t != text for _, t in texts):
            texts.append((codec, text))
    differing = _differing(texts) if len(texts) > 1 else []
    scored = []
    for order, (codec, text) in enumerate(texts):
        expected = script or _majority_script(text)
        relative = sum(_plausibility(text, i, expected) for i in differing)
        absolute = sum(_plausibility(text, i, expected) for i in _non_ascii(text))
        scored.append((relative, absolute, order, codec, text))
    scored.sort(key=lambda item: (-item[0], item[2]))
    return [(relative, absolute, codec, text) for relative, absolute, _, codec, text in scored]


def _differing(texts: list[tuple[str, str]]) -> list[int]:
    """Positions where the decodings disagree (single-byte code pages: one char per byte)."""
    first = texts[0][1]
    return [
        i for i in _non_ascii(first) if any(t[i] != first[i] for _, t in texts[1:] if len(t) > i)
    ]


def _non_ascii(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ord(ch) > 0x7F]


def _majority_script(text: str) -> str:
    """The script most letters are in (ASCII letters count as Latin)."""
    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            name = _script(ch)
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else "LATIN"


def _script(ch: str) -> str:
    if ord(ch) < 0x80:
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def _accented_word(text: str, i: int) -> bool:
    """Whether the word around `i` has three or more letters, none of them ASCII, or the letters
    on both sides of `i` are accented (`Åßíáé`, Greek read as Windows-1252)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if ord(before) > 0x7F and before.isalpha() and ord(after) > 0x7F and after.isalpha():
        return True
    start = i
    while start > 0 and i - start < 30 and text[start - 1].isalpha():
        start -= 1
    end = i + 1
    while end < len(text) and end - i < 30 and text[end].isalpha():
        end += 1
    return end - start >= 3 and all(ord(ch) > 0x7F for ch in text[start:end])


def _plausibility(text: str, i: int, script: str) -> float:
    """How likely the character at `i` is in running text of `script`, from its context."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    category = unicodedata.category(ch)
    in_word = before.isalpha() or after.isalpha()
    if category[0] == "C":
        return -10.0  # control characters and unassigned code points: never in subtitles
    if category[0] == "L":
        if _script(ch) != script:
            return -3.0  # a letter of another script
        score = 1.0
        if ch.isupper() and before.isalpha() and before.islower():
            score -= 2.0  # a capital inside a lower-case word
        if script == "LATIN" and _accented_word(text, i):
            score -= 1.5  # Latin words are mostly plain letters: an all-accented one is garbled
        for near in (before, after):
            if near.isalpha() and _script(near) != _script(ch):
                score -= 3.0  # scripts mixed inside a word
        return score
    if category == "Zs":
        return 0.0
    if category[0] == "P":
        if before.isalpha() and after.isalpha() and category not in ("Pf", "Pi", "Pd"):
            return -1.0  # punctuation glued inside a word
        return 0.5
    if ch == "\u00a4" or (category != "Sc" and in_word):
        return -2.0  # ¤ is a placeholder; ¶ ± ½ ¦ ¬ next to a letter are mojibake
    return -0.5
