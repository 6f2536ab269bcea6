"""Fold text for term matching, keeping a map back to the original characters.

What folds: Unicode composition (NFC), case, Greek accents and final sigma, the micro sign,
Romanian cedillas (ş ţ → ș ț), apostrophes, no-break and thin spaces, line breaks, hyphens and
dashes, soft hyphens and zero-width characters, subtitle markup (`<i>`, `{\\an8}`), and
Greek/Latin/Cyrillic look-alike letters inside a word written in another script.

Latin diacritics stay (they tell `marché` from `marche`); `skeleton()` drops them where word
forms are compared, because inflection moves them (licitación/licitaciones, umowa/umów).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Final

from pipeline import languages

# Characters that vanish: soft hyphen, zero-width space/joiners, word joiner, BOM.
_DELETE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACES = (
    "\t\n\r\v\f\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032\uff07"


@cache
def _markup() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"<[^<>\n]{0,200}>|\{\\[^{}\n]{0,100}\}")


_DELETE_RE = re.compile(f"[{_DELETE}]")

LATIN = "a-z\u00df-\u00f6\u00f8-\u024f\u1e00-\u1eff"
GREEK = "\u0370-\u03ff\u1f00-\u1fff"
CYRILLIC = "\u0400-\u04ff"


@cache
def _has_greek() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(f"[{GREEK}]")


_HAS_LATIN = re.compile(f"[{LATIN}]")
_HAS_GREEK_OR_CYRILLIC = re.compile(f"[{GREEK}{CYRILLIC}]")


# A word holding letters of two scripts (only such words get their look-alikes folded).
@cache
def _mixed() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(
        rf"(?<!\w)(?=\w*[{LATIN}])(?=\w*[{GREEK}{CYRILLIC}])\w+"
        rf"|(?<!\w)(?=\w*[{GREEK}])(?=\w*[{CYRILLIC}])\w+"
    )


# Look-alikes, keyed by the ORIGINAL character (its case tells N from v, H from n).
_TO_GREEK = {
    "A": "α", "a": "α", "B": "β", "E": "ε", "e": "ε", "H": "η", "I": "ι", "i": "ι",
    "K": "κ", "k": "κ", "M": "μ", "N": "ν", "v": "ν", "O": "ο", "o": "ο", "P": "ρ",
    "p": "ρ", "T": "τ", "X": "χ", "x": "χ", "Y": "υ", "u": "υ", "Z": "ζ", "w": "ω",
}  # fmt: skip
_TO_LATIN = {
    "Α": "a", "α": "a", "Β": "b", "Ε": "e", "Η": "h", "Ι": "i", "ι": "i", "Κ": "k",
    "κ": "k", "Μ": "m", "Ν": "n", "ν": "v", "Ο": "o", "ο": "o", "Ρ": "p", "ρ": "p",
    "Τ": "t", "Χ": "x", "χ": "x", "Υ": "y", "Ζ": "z",
    "А": "a", "а": "a", "В": "b", "Е": "e", "е": "e", "К": "k", "М": "m", "Н": "h",
    "О": "o", "о": "o", "Р": "p", "р": "p", "С": "c", "с": "c", "Т": "t", "Х": "x",
    "х": "x", "У": "y", "у": "y", "І": "i", "і": "i", "Ј": "j", "ј": "j", "Ѕ": "s",
    "ѕ": "s",
}  # fmt: skip


@cache
def _fold_table() -> dict[int, str]:
    """The per-character fold applied after lowercasing (Greek accents and final sigma, the
    micro sign, Romanian cedillas, spaces, hyphens, apostrophes): data made from Unicode's
    by tools/fold_tables.py, which a test holds up to date."""
    from pipeline.glossary.fold_tables import FOLD

    return FOLD


@cache
def _strip_table() -> dict[int, str]:
    """Latin letters with diacritics → their base letter (for comparing word forms): data
    made by tools/fold_tables.py, like the fold table."""
    from pipeline.glossary.fold_tables import STRIP

    return STRIP


@cache
def _fold_needed() -> re.Pattern[str]:
    """The characters `_fold_table` changes, but for the line break (replaced on its own):
    most lowercased subtitles hold none of them, and translating is the slow part."""
    from pipeline.glossary.fold_tables import FOLD_NEEDED

    return re.compile(FOLD_NEEDED)


def _fold_chars(text: str) -> str:
    """Lowercase and fold; never changes the length (İ is the one lowercasing that would)."""
    lowered = text.replace("İ", "I").lower()
    if "\n" in lowered:
        lowered = lowered.replace("\n", " ")  # what the table does to it
    return lowered.translate(_fold_table()) if _fold_needed().search(lowered) else lowered


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class Folded:
    """Folded text, and where each of its characters came from in the original."""

    def __init__(
        self,
        text: str,
        original: str,
        # None when the folded text lines up with the original character for character.
        starts: tuple[int, ...] | None = None,
        ends: tuple[int, ...] | None = None,
    ) -> None:
        self.text: Final = text
        self.original: Final = original
        self.starts: Final = starts
        self.ends: Final = ends

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Folded)
        return (self.text, self.original, self.starts, self.ends) == (
            other.text,
            other.original,
            other.starts,
            other.ends,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.original, self.starts, self.ends))

    def __repr__(self) -> str:
        return (
            f"Folded(text={self.text!r}, "
            f"original={self.original!r}, "
            f"starts={self.starts!r}, "
            f"ends={self.ends!r})"
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded characters [start, end)."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]


def fold(text: str, lang: str | None = None) -> Folded:
    """Fold `text` for matching; `lang` breaks ties when a word mixes scripts evenly."""
    original = text
    if "<" in text or "{" in text:
        text = _markup().sub(lambda m: " " * len(m.group()), text)
    if unicodedata.is_normalized("NFC", text) and not _DELETE_RE.search(text):
        folded = Folded(_fold_chars(text), original)
    else:
        folded = _fold_slow(text, original)
    return _with_lookalikes(folded, lang)


def _with_lookalikes(folded: Folded, lang: str | None) -> Folded:
    """Folded text with the look-alike letters of its mixed-script words folded."""
    greek = _is_greek(lang)
    if _HAS_LATIN.search(folded.text) and (greek or _HAS_GREEK_OR_CYRILLIC.search(folded.text)):
        return _fold_lookalikes(folded, greek)
    return folded


@cache
def _is_greek(lang: str | None) -> bool:
    spec = languages.find(lang) if lang else None
    return spec is not None and spec.stemmer == "greek"


# In Greek text, an acronym typed in Latin capitals that all look Greek (MME for ΜΜΕ).
@cache
def _latin_caps_word() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"(?<!\w)[ABEHIKMNOPTXYZ]{2,}(?!\w)")


def _fold_slow(text: str, original: str) -> Folded:
    """Fold text that is not NFC or holds invisible characters, cluster by cluster."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    clusters: list[tuple[int, int]] = []
    begin = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            clusters.append((begin, i))
            begin = i
    for begin, end in clusters:
        piece = unicodedata.normalize("NFC", text[begin:end])
        piece = "".join(c for c in piece if c not in _DELETE and not unicodedata.combining(c))
        for char in _fold_chars(piece):
            out.append(char)
            starts.append(begin)
            ends.append(end)
    return Folded("".join(out), original, tuple(starts), tuple(ends))


def _fold_lookalikes(folded: Folded, greek_text: bool) -> Folded:
    """Rewrite the minority-script letters of mixed-script words into the majority script
    (and, in Greek text, all-capital Latin look-alike acronyms into Greek)."""
    chars = list(folded.text)
    changed = False
    spans: list[tuple[int, int, bool]] = []
    for match in _mixed().finditer(folded.text):
        word = match.group()
        greek = len(_has_greek().findall(word))
        latin = len(_HAS_LATIN.findall(word))
        spans.append((match.start(), match.end(), greek > latin or (greek == latin and greek_text)))
    if greek_text and folded.starts is None:  # the original lines up with the folded text
        caps = _latin_caps_word().finditer(folded.original)
        spans.extend((m.start(), m.end(), True) for m in caps)
    for begin, end, to_greek in spans:
        for i in range(begin, end):
            source = folded.original[folded.span(i, i + 1)[0]]
            table = _TO_GREEK if to_greek else _TO_LATIN
            if to_greek and source in _TO_LATIN and source not in _TO_GREEK:
                # Cyrillic inside a Greek word: through its Latin twin.
                replacement = _TO_GREEK.get(_TO_LATIN[source].upper()) or _TO_GREEK.get(
                    _TO_LATIN[source]
                )
            else:
                # An accented original (ἀ) is not in the table; its folded letter (α) is, and
                # folding the result again must not change it (idempotence).
                replacement = table.get(source) or table.get(chars[i])
            if replacement is not None and replacement != chars[i]:
                chars[i] = replacement
                changed = True
    if not changed:
        return folded
    return Folded("".join(chars), folded.original, folded.starts, folded.ends)


# What stops a text from folding word by word (see `wordwise`): markup, the characters that
# vanish, and the two modifier-letter apostrophes, which are letters (\w) that fold to "'"
# (not one). Every other character folds to a character that is a word character exactly
# when it was one (a test checks all of Unicode), so folding moves no word boundary. And
# Cyrillic: a word mixing Greek and Cyrillic letters has its look-alikes folded only when
# some other word of the text holds a Latin letter (rare enough to fold such texts whole).
_NOT_WORDWISE = re.compile(f"[<{{{_DELETE}\u02bb\u02bc{CYRILLIC}]")


def wordwise(text: str) -> bool:
    """Whether `text` folds word by word: its folded words are `fold_word` of its own words
    (`TOKEN` over the original), at the same offsets.

    Most subtitles do; then a matcher folds and analyses each distinct word once for the
    whole run instead of folding every text whole (what `fold` costs is most of the cost
    of a text that mentions no term).
    """
    if text.isascii():  # constant time; ASCII is NFC and holds none of the rest
        return "<" not in text and "{" not in text
    return unicodedata.is_normalized("NFC", text) and not _NOT_WORDWISE.search(text)


def fold_word(word: str, lang: str | None = None) -> str:
    """One word of a `wordwise` text, folded as `fold` folds it inside the text.

    Such a text folds by `_fold_chars` and the look-alike rewrite. The first goes character
    by character (lowercasing a final sigma depends on its neighbours, but σ and ς fold
    alike); the second one word at a time (its scripts, and in Greek text whether it is all
    Latin capitals), with the language as the only other input, as long as no word mixes
    Greek and Cyrillic letters (`wordwise` keeps Cyrillic out).
    """
    return _with_lookalikes(Folded(_fold_chars(word), word), lang).text


# The blocks holding every character whose fold (with `skeleton`) lies below U+3040: Latin,
# Greek, Cyrillic and the rest of the alphabets and punctuation there, Latin Extended-D,
# small and full-width forms (a test checks every other code point folds above).
_SOURCE_BLOCKS = ((0x0000, 0x3040), (0xA720, 0xA800), (0xFE50, 0xFE70), (0xFF00, 0xFFF0))
SOURCE_TOP = "\u3040"


@cache
def _sources() -> dict[str, set[str]]:
    """`written_forms` for every character below U+3040 (built once, on first use)."""
    chars = "".join(
        chr(code)
        for low, high in _SOURCE_BLOCKS
        for code in range(low, high)
        if not 0xD800 <= code < 0xE000
    )
    folded = _fold_chars(chars)  # character by character: a final sigma folds as σ does
    found: dict[str, set[str]] = {}
    lookalikes = _TO_GREEK.keys() | _TO_LATIN.keys()
    for char, fold_, skel in zip(chars, folded, skeleton(folded), strict=True):
        found.setdefault(skel, set()).add(char)
        if char not in lookalikes and fold_ not in lookalikes:
            continue
        # What the look-alike rewrite may make of it inside a word of another script: it
        # reads the original character and the folded one (see `_fold_lookalikes`).
        twin = _TO_LATIN.get(char)
        for other in (
            _TO_GREEK.get(char),
            _TO_GREEK.get(fold_),
            _TO_LATIN.get(char),
            _TO_LATIN.get(fold_),
            twin and (_TO_GREEK.get(twin.upper()) or _TO_GREEK.get(twin)),
        ):
            if other:
                found.setdefault(skeleton(other), set()).add(char)
    return found


@cache
def written_forms(char: str) -> str | None:
    """A pattern class of every character of a `wordwise` text that can stand for `char` (a
    character of a word's skeleton) in the same place: itself, its other case, its accented
    forms, its look-alikes in the other scripts. None above U+3040, where nobody looked (and
    for a character nothing folds to)."""
    if char >= SOURCE_TOP:
        return None
    return _char_class(sorted(map(ord, _sources().get(char, ()))))


def _char_class(codes: list[int]) -> str | None:
    """A pattern class of these code points (sorted), runs written `a-b`; None for none."""
    runs: list[str] = []
    at = 0
    while at < len(codes):
        end = at
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        low, high = re.escape(chr(codes[at])), re.escape(chr(codes[end]))
        runs.append(low if at == end else f"{low}-{high}")
        at = end + 1
    return f"[{''.join(runs)}]" if runs else None


def skeleton(word: str) -> str:
    """A folded word without Latin diacritics: the form word comparisons are made on."""
    return word.translate(_strip_table())


TOKEN = re.compile(r"\w+")


def tokens(folded: str) -> list[tuple[str, int, int]]:
    """The words of folded text with their folded spans (hyphens and apostrophes split)."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(folded)]


def fold_term(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The folded words of a term (or any phrase)."""
    return tuple(word for word, _, _ in tokens(fold(text, lang).text))
