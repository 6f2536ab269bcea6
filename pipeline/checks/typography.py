"""Typography checks, per language: spaces, quotes, question marks, letters, dashes, markup.

Each rule is a *finder* returning `Edit`s (where, and the replacement when the fix is certain);
the check reports them and `msm fix` applies the replacements, so a check and its fix can
never disagree. The conventions come from `pipeline.languages` (Typography), never from
language codes written here.

Long: one small finder per typographic rule (about twenty), each beside its registration,
sharing `Edit` and the per-language conventions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from pipeline import languages
from pipeline.checks.gates import SEPARATOR, Gate
from pipeline.checks.model import EntryUnit, Severity, TrackUnit
from pipeline.checks.registry import CheckContext, Problem, entry_text, register
from pipeline.checks.text import excerpt, tag, visible
from pipeline.languages import Typography

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACES = " " + NBSP + NNBSP


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class Edit:
    """A problem at text[start:end]; `replacement` is the certain fix, or None."""

    def __init__(
        self,
        start: int,
        end: int,
        replacement: str | None,
        note: str,
    ) -> None:
        self.start: Final = start
        self.end: Final = end
        self.replacement: Final = replacement
        self.note: Final = note

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Edit)
        return (self.start, self.end, self.replacement, self.note) == (
            other.start,
            other.end,
            other.replacement,
            other.note,
        )

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.replacement, self.note))

    def __repr__(self) -> str:
        return (
            f"Edit(start={self.start!r}, "
            f"end={self.end!r}, "
            f"replacement={self.replacement!r}, "
            f"note={self.note!r})"
        )


Finder = Callable[[str, Typography], list[Edit]]


@functools.cache
def typography_of(lang: str) -> Typography:
    """The conventions of `lang` (none for a language we do not know)."""
    spec = languages.find(lang)
    return spec.typography if spec is not None else Typography()


def _report(text: str, edits: list[Edit]) -> tuple[Problem, ...]:
    """One problem per entry and rule: the first place, and how many there are."""
    if not edits:
        return ()
    first = edits[0]
    more = f" ({len(edits)} places)" if len(edits) > 1 else ""
    return (Problem(f'{first.note}: "{excerpt(text, first.start, first.end)}"{more}'),)


def _entry_check(finder: Finder) -> Callable[[EntryUnit, CheckContext], Iterable[Problem]]:
    # A plain function, not a generator: it runs for every distinct text of a run, and a
    # generator costs more to start than most finders take to say "nothing here".
    def check(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
        text = unit.target
        if not text:
            return ()
        edits = finder(text, typography_of(unit.lang))
        return _report(text, edits) if edits else ()

    check.__doc__ = finder.__doc__
    return check


# Finders whose edits carry certain replacements, by check id, in the order `msm fix` applies.
FIXABLE: dict[str, Finder] = {}
# Every finder by check id, so a report can show where in the text each problem is.
FINDERS: dict[str, Finder] = {}


def entry_rule(
    id: str,
    severity: Severity,
    summary: str,
    langs: frozenset[str] | None = None,
    source: bool = False,
    fixable: bool = False,
    gate: Iterable[str] | re.Pattern[str] = (),
) -> Callable[[Finder], Finder]:
    """Register a finder as an entry check (and as a fix when its replacements are certain).

    `gate`: literals one of which every text the finder reports on holds (a string: each of
    its characters), or a pattern every such text matches: what the finder's own first test
    looks for (see gates.py).
    """

    def decorate(finder: Finder) -> Finder:
        if langs is not None and not langs:
            raise ValueError(f"{id}: no language has this convention")
        register(
            id,
            "entry",
            severity,
            summary,
            langs=langs,
            source=source,
            memo=entry_text,
            gate=Gate.of(gate) if gate else None,
        )(_entry_check(finder))
        FINDERS[id] = finder
        if fixable:
            FIXABLE[id] = finder
        return finder

    return decorate


# --- every language ------------------------------------------------------------------------


_COMMA_BELOW = {"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"}


@entry_rule(
    "comma-below",
    "error",
    "Romanian ş ţ with a cedilla instead of ș ț with a comma below (fixable)",
    langs=languages.codes_where(lambda t: t.comma_below),
    fixable=True,
    gate=_COMMA_BELOW,
)
def comma_below(text: str, t: Typography) -> list[Edit]:
    """Romanian letters with a cedilla (legacy code pages) instead of the comma below."""
    if not t.comma_below:
        return []
    return [
        Edit(i, i + 1, _COMMA_BELOW[ch], f"{ch} with a cedilla: Romanian writes {_COMMA_BELOW[ch]}")
        for i, ch in enumerate(text)
        if ch in _COMMA_BELOW
    ]


@functools.cache
def _three_dots() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"(?<!\.)\.\.\.(?!\.)")


@entry_rule(
    "ellipsis-character",
    "warning",
    'three dots "..." instead of the ellipsis character … (fixable)',
    source=True,
    fixable=True,
    gate=("...",),
)
def ellipsis_character(text: str, t: Typography) -> list[Edit]:
    """Three periods where the single character … belongs (Netflix, all our languages)."""
    if "..." not in text:
        return []
    return [
        Edit(m.start(), m.end(), "…", 'three dots instead of the ellipsis character "…"')
        for m in _three_dots().finditer(text)
    ]


@functools.cache
def _double_space() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(rf"(?<=\S)[{_SPACES}]{{2,}}(?=\S)")


@entry_rule(
    "double-space",
    "warning",
    "two or more spaces in a row inside a line (fixable)",
    source=True,
    fixable=True,
    gate=("  ", NBSP, NNBSP),
)
def double_space(text: str, t: Typography) -> list[Edit]:
    """Runs of spaces inside a line collapse to one (a no-break space wins if there is one)."""
    if "  " not in text and NBSP not in text and NNBSP not in text:
        return []
    return [
        Edit(
            m.start(),
            m.end(),
            NBSP if NBSP in m.group() or NNBSP in m.group() else " ",
            "two or more spaces in a row",
        )
        for m in _double_space().finditer(text)
    ]


# A space of any kind right before a mark: every text the check below reports on has one.
_SPACE_THEN_MARK = re.compile(f"[{_SPACES}][,.;:!?]")


@entry_rule(
    "space-before-punctuation",
    "warning",
    "a space before , . ; : ! ? where the language puts none",
    source=True,
    gate=_SPACE_THEN_MARK,
)
def space_before_punctuation(text: str, t: Typography) -> list[Edit]:
    """`word ,` or `word ?`; French marks that take a no-break space are left to that check."""
    # Most texts have no space right before a mark: one plain search says so, where the
    # pattern's look-behind would be tried at every character.
    if _SPACE_THEN_MARK.search(text) is None:
        return []
    edits = []
    for m in _space_before(t.nbsp_before).finditer(text):
        mark = m.group(1)
        edits.append(Edit(m.start(), m.end(), None, f'space before "{mark}"'))
    return edits


@functools.cache
def _space_before(nbsp_before: str) -> re.Pattern[str]:
    marks = "".join(m for m in ",.;:!?" if m not in nbsp_before)
    return re.compile(rf"(?<=\S)[{_SPACES}]+([{re.escape(marks)}])(?![.\w])")


@functools.cache
def _mark_then_period() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"[?!]\.(?!\.)")


@entry_rule(
    "period-after-mark",
    "warning",
    "a period right after ? or !",
    source=True,
    gate=("?.", "!."),
)
def period_after_mark(text: str, t: Typography) -> list[Edit]:
    """`Really?.`: the question or exclamation mark already ends the sentence."""
    if "?." not in text and "!." not in text:
        return []
    return [
        Edit(m.start(), m.end(), None, "a period after a question or exclamation mark")
        for m in _mark_then_period().finditer(text)
    ]


# Characters a viewer never sees but a player or YouTube may render as a box, a break or
# nothing, and that break search and line lengths: each with its certain replacement.
_INVISIBLE = {
    "\t": (" ", "a tab"),
    "\u00ad": ("", "a soft hyphen (U+00AD)"),
    "\u200b": ("", "a zero-width space (U+200B)"),
    "\u200c": ("", "a zero-width non-joiner (U+200C)"),
    "\u200d": ("", "a zero-width joiner (U+200D)"),
    "\u2060": ("", "a word joiner (U+2060)"),
    "\ufeff": ("", "a byte-order mark (U+FEFF) inside the text"),
    **{chr(c): ("", f"a bidirectional control (U+{c:04X})") for c in range(0x202A, 0x202F)},
    **{chr(c): ("", f"a bidirectional control (U+{c:04X})") for c in range(0x2066, 0x206A)},
    "\u200e": ("", "a left-to-right mark (U+200E)"),
    "\u200f": ("", "a right-to-left mark (U+200F)"),
    **{
        chr(c): ("", f"a control character (U+{c:04X})")
        for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))
    },
}


@functools.cache
def _invisible_re() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile("[" + re.escape("".join(_INVISIBLE)) + "]")


# The gate: every one but the separator (a text holding that one lets every text through).
_INVISIBLE_GATE = re.compile("[" + re.escape("".join(_INVISIBLE).replace(SEPARATOR, "")) + "]")


@entry_rule(
    "invisible-character",
    "warning",
    "tabs, zero-width spaces, soft hyphens, direction marks or control characters (fixable)",
    source=True,
    fixable=True,
    gate=_INVISIBLE_GATE,
)
def invisible_character(text: str, t: Typography) -> list[Edit]:
    """Characters pasted from word processors and web pages that the viewer cannot see: a
    tab becomes a space, the others are removed."""
    if _invisible_re().search(text) is None:
        return []
    edits = []
    for m in _invisible_re().finditer(text):
        replacement, name = _INVISIBLE[m.group()]
        edits.append(Edit(m.start(), m.end(), replacement, name))
    return edits


# Possessive: a shorter run of the word's letters is never followed by a space, so giving
# letters back could never lead to a match (and cost a retry at every letter of every word).
_REPEATED = re.compile(r"\b([^\W\d_]++)(\s++)(\1)\b", re.IGNORECASE)


@entry_rule(
    "repeated-word",
    "warning",
    "the same word twice in a row (the the), except where the language repeats it",
    source=True,
    gate=_REPEATED,
)
def repeated_word(text: str, t: Typography) -> list[Edit]:
    """`de de`, `the\nthe`: a slip when editing; `nous nous` (French) and the language's other
    correct doublings are left alone. Not fixed: only a person knows which one to keep."""
    edits = []
    for m in _REPEATED.finditer(text):
        word = m.group(1)
        if word.casefold() != m.group(3).casefold() or word.casefold() in t.repeatable_words:
            continue
        edits.append(Edit(m.start(), m.end(), None, f'"{word}" twice in a row'))
    return edits


# --- French --------------------------------------------------------------------------------

# Every mark that takes a no-break space before it in some language.
_NBSP_MARKS = "".join(
    sorted({mark for code in languages.LANGUAGES for mark in typography_of(code).nbsp_before})
)


@entry_rule(
    "nbsp-punctuation",
    "warning",
    "French: no-break space (U+00A0) before ; : ! ? (fixable)",
    langs=languages.codes_where(lambda t: t.nbsp_before),
    fixable=True,
    gate=_NBSP_MARKS,
)
def nbsp_punctuation(text: str, t: Typography) -> list[Edit]:
    """A normal, narrow or missing space before a mark that takes a no-break space.

    Unlike Subtitle Edit, `mot !` is not "a space too many" in French: the space belongs there,
    it just must not break. `10:30`, `http://` and `?!` are left alone.
    """
    if not t.nbsp_before or not any(mark in text for mark in t.nbsp_before):
        return []
    edits: list[Edit] = []
    for m in re.finditer(f"[{re.escape(t.nbsp_before)}]", text):
        i = m.start()
        j = i
        while j > 0 and text[j - 1] in _SPACES:
            j -= 1
        if j == 0 or text[j - 1] == "\n":
            continue  # a mark opening a line: nothing to attach it to
        run = text[j:i]
        mark = m.group()
        if run == NBSP:
            continue
        if run:
            kind = "narrow no-break space" if NNBSP in run and " " not in run else "normal space"
            edits.append(Edit(j, i, NBSP, f'{kind} before "{mark}": use a no-break space (U+00A0)'))
            continue
        before = text[j - 1]
        after = text[i + 1] if i + 1 < len(text) else ""
        if before in t.nbsp_before or before in "([{«“„'\"/":
            continue  # `?!`, or a mark right after an opening bracket or quote
        if after and (after.isalnum() or after in "/\\.-_"):
            continue  # 10:30, http://, a:b, ?. (reported by period-after-mark)
        edits.append(
            Edit(i, i, NBSP, f'no space before "{mark}": French puts a no-break space there')
        )
    return edits


@entry_rule(
    "guillemet-spacing",
    "warning",
    "French: no-break spaces inside « » (fixable)",
    langs=languages.codes_where(lambda t: t.nbsp_inside_guillemets),
    fixable=True,
    gate="«»",
)
def guillemet_spacing(text: str, t: Typography) -> list[Edit]:
    """`« mot »` takes no-break spaces inside the guillemets, never normal ones or none."""
    if not t.nbsp_inside_guillemets or ("«" not in text and "»" not in text):
        return []
    edits = []
    for i, ch in enumerate(text):
        if ch == "«":
            k = i + 1
            while k < len(text) and text[k] in _SPACES:
                k += 1
            if k >= len(text) or text[k] in "\n»" or text[i + 1 : k] == NBSP:
                continue  # end of line, empty guillemets, or already right
            what = "a normal space" if text[i + 1 : k] else "no space"
            edits.append(Edit(i + 1, k, NBSP, f"{what} after «: use a no-break space"))
        elif ch == "»":
            j = i
            while j > 0 and text[j - 1] in _SPACES:
                j -= 1
            if j == 0 or text[j - 1] in "\n«" or text[j:i] == NBSP:
                continue
            what = "a normal space" if text[j:i] else "no space"
            edits.append(Edit(j, i, NBSP, f"{what} before »: use a no-break space"))
    return edits


# --- quotation marks -----------------------------------------------------------------------

_DOUBLE_QUOTES = '"“”„«»‟'


@entry_rule(
    "quote-style",
    "warning",
    "quotation marks of another language (Polish „…”, French « »)",
    langs=languages.codes_where(lambda t: t.quotes),
    gate=_DOUBLE_QUOTES,
)
def quote_style(text: str, t: Typography) -> list[Edit]:
    """Straight or foreign double quotes where the language has its own."""
    if not t.quotes:
        return []
    pair = t.quotes[:2]
    return [
        Edit(i, i + 1, None, f"quotation mark {ch}: write {pair[0]}…{pair[1]}")
        for i, ch in enumerate(text)
        if ch in _DOUBLE_QUOTES and ch not in t.quotes
    ]


# --- Spanish -------------------------------------------------------------------------------


def _sentence_end(text: str, i: int) -> bool:
    """Whether the period at text[i] ends a sentence (not an ellipsis, decimal or initial)."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before == "." or after == ".":
        return False
    return not (before.isdigit() and after.isdigit())


@register(
    "inverted-marks",
    "track",
    "warning",
    "Spanish: a ? or ! without its opening ¿ or ¡ (or the reverse), across subtitles",
    langs=languages.codes_where(lambda t: t.inverted_marks),
)
def inverted_marks(unit: TrackUnit, ctx: CheckContext) -> Iterator[Problem]:
    """Pair ¿…? and ¡…! in reading order; a question may run over two subtitles."""
    if not typography_of(unit.lang).inverted_marks:
        return
    pairs = {"?": "¿", "!": "¡"}
    opened: dict[str, int | None] = {"¿": None, "¡": None}  # the cue that opened each mark
    lines: dict[int, int] = {}

    def unclosed(opener: str) -> Problem:
        cue = opened[opener]
        closer = "?" if opener == "¿" else "!"
        return Problem(f"{opener} is never closed by {closer}", line=lines.get(cue or 0), cue=cue)

    for cue in unit.cues:
        text = visible(cue.text)
        lines[cue.index] = cue.line
        if opened["¿"] is None and opened["¡"] is None and not any(c in text for c in "¿?¡!"):
            continue
        for i, ch in enumerate(text):
            if ch in opened:
                if opened[ch] is not None:
                    yield unclosed(ch)
                opened[ch] = cue.index
            elif ch in pairs:
                opener = pairs[ch]
                if opened[opener] is None:
                    yield Problem(
                        f"{ch} without an opening {opener}: Spanish writes {opener}…{ch}",
                        line=cue.line,
                        cue=cue.index,
                    )
                opened[opener] = None
            elif ch == "." and _sentence_end(text, i):
                for opener in ("¿", "¡"):
                    if opened[opener] is not None:
                        yield unclosed(opener)
                        opened[opener] = None
    for opener in ("¿", "¡"):
        if opened[opener] is not None:
            yield unclosed(opener)


def _each(text: str, mark: str, note: str) -> list[Edit]:
    """Every place of one character, reported with `note` (no certain fix)."""
    if mark not in text:
        return []
    return [Edit(i, i + 1, None, note) for i, ch in enumerate(text) if ch == mark]


@entry_rule(
    "semicolon",
    "warning",
    "Spanish subtitles avoid semicolons",
    langs=languages.codes_where(lambda t: t.avoid_semicolon),
    gate=";",
)
def semicolon(text: str, t: Typography) -> list[Edit]:
    """A semicolon in a language whose subtitle guide avoids them (use a period or a comma)."""
    if not t.avoid_semicolon:
        return []
    return _each(text, ";", "a semicolon: use a period or a comma")


# --- Greek ---------------------------------------------------------------------------------


@entry_rule(
    "greek-question-mark",
    "warning",
    "Greek: a Latin ? where the Greek question mark ; belongs",
    langs=languages.codes_where(lambda t: t.semicolon_question),
    gate="?",
)
def greek_question_mark(text: str, t: Typography) -> list[Edit]:
    """Greek asks with `;` (U+037E or U+003B); a Latin `?` is an English habit."""
    if not t.semicolon_question:
        return []
    return _each(text, "?", 'Latin "?": the Greek question mark is ";"')


# --- Dutch ---------------------------------------------------------------------------------


@entry_rule(
    "ellipsis-spacing",
    "warning",
    "Dutch: no space between the ellipsis and a sentence split over two subtitles",
    langs=languages.codes_where(lambda t: t.ellipsis_no_space),
    gate=("…", "..."),
)
def ellipsis_spacing(text: str, t: Typography) -> list[Edit]:
    """`word…` at the end of one subtitle and `…word` at the start of the next, no spaces."""
    if not t.ellipsis_no_space or ("…" not in text and "..." not in text):
        return []
    edits = []
    start = re.match(rf"^((?:…|\.\.\.))[{_SPACES}]+(?=\S)", text)
    if start:
        edits.append(Edit(0, start.end(), None, "a space after the opening ellipsis"))
    end = re.search(rf"(?<=\S)[{_SPACES}]+(…|\.\.\.)$", text)
    if end:
        edits.append(Edit(end.start(), len(text), None, "a space before the closing ellipsis"))
    return edits


# --- European Portuguese, Basque -----------------------------------------------------------


@functools.cache
def _number_unit() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"\d(%|km|kg|cm|mm|m)(?![\w²³])")


@entry_rule(
    "unit-space",
    "warning",
    "Portuguese: a space between a number and % or a unit (14 %, 6 km)",
    langs=languages.codes_where(lambda t: t.space_before_unit),
)
def unit_space(text: str, t: Typography) -> list[Edit]:
    """`14%` is written `14 %` in European Portuguese."""
    if not t.space_before_unit:
        return []
    return [
        Edit(m.start(), m.end(), None, f'no space between the number and "{m.group(1)}"')
        for m in _number_unit().finditer(text)
    ]


@functools.cache
def _dotted_acronym() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"\b(?:[A-ZÁÉÍÓÚÑ]\.){2,}")


@entry_rule(
    "acronym-periods",
    "warning",
    "Basque: acronyms without periods (NBE, not N.B.E.)",
    langs=languages.codes_where(lambda t: t.acronyms_without_periods),
)
def acronym_periods(text: str, t: Typography) -> list[Edit]:
    """Acronyms written with periods."""
    if not t.acronyms_without_periods:
        return []
    return [
        Edit(m.start(), m.end(), None, "an acronym with periods")
        for m in _dotted_acronym().finditer(text)
    ]


# --- dialogue and markup -------------------------------------------------------------------

_DASHES = "-‐–—"  # hyphen-minus, hyphen, en dash, em dash
_DASH = f"[{re.escape(_DASHES)}]"
_DIALOGUE = re.compile(rf"^({_DASH})([ \u00a0]?)(?=[^\s\d{re.escape(_DASHES)}])")


@entry_rule(
    "dialogue-dash",
    "warning",
    "the dialogue dash written in another language's style (-Text, - Text, second line only)",
    source=True,
    gate=_DASHES,
)
def dialogue_dash(text: str, t: Typography) -> list[Edit]:
    """Two speakers in one subtitle, marked the way the language's guide says."""
    if not any(dash in text for dash in _DASHES):
        return []
    lines = visible(text).split("\n")
    marked = [(n, _DIALOGUE.match(line)) for n, line in enumerate(lines)]
    dashes = [(n, m) for n, m in marked if m]
    if not dashes:
        return []
    edits: list[Edit] = []
    style = t.dialogue_dash
    if not style:
        kinds = {(m.group(1), bool(m.group(2))) for _, m in dashes}
        if len(kinds) > 1:
            edits.append(Edit(0, 0, None, "dialogue dashes in two different styles"))
        return edits
    for n, m in dashes:
        where = f"line {n + 1}"
        if m.group(1) != "-":
            edits.append(Edit(0, 0, None, f"{where}: a dialogue dash is a hyphen '-'"))
        elif style == "-" and m.group(2):
            edits.append(Edit(0, 0, None, f"{where}: no space after the dialogue dash ('-Text')"))
        elif style == "- " and not m.group(2):
            edits.append(Edit(0, 0, None, f"{where}: a space after the dialogue dash ('- Text')"))
    if t.dialogue_second_line_only and len(lines) > 1 and dashes[0][0] == 0:
        edits.append(Edit(0, 0, None, "only the second speaker's line takes a dash"))
    return edits


@functools.cache
def _plain_style() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"</?[ibu]>")


@register(
    "style-tags",
    "entry",
    "error",
    "markup YouTube does not render: <font>, {\\an8} (error); <i> <b> <u> (warning)",
    source=True,
    memo=entry_text,
    gate=Gate.of("<{"),
)
def style_tags(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Style tags: YouTube takes SRT as plain text, so tags show up as text or vanish."""
    text = unit.target
    if "<" not in text and "{" not in text:
        return ()
    tags = list(dict.fromkeys(m.group() for m in tag().finditer(text)))
    if not tags:
        return ()
    plain = all(_plain_style().fullmatch(tag) for tag in tags)
    return (
        Problem(
            f"YouTube does not render style tags: {' '.join(tags)}",
            severity="warning" if plain else None,
        ),
    )
