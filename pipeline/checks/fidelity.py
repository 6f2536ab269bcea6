"""Fidelity checks: what a translation must carry over from its source text unchanged.

Numbers, links, brackets and where a sentence ends are facts of the source, not style: a
subtitle that says €250,000 in English and 25 000 € in Polish misinforms the viewer. Each check
compares one PO entry's translation with its source text; entries without a source (a lone
translated SRT), fuzzy entries (translated from an older source) and untranslated ones are left
to other checks. Like pofilter's numbers, urls, brackets and endpunc filters, but aware of how
our languages write numbers and questions.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from pipeline.checks.gates import Gate
from pipeline.checks.model import EntryUnit
from pipeline.checks.registry import CheckContext, Problem, entry_text, register
from pipeline.checks.text import visible
from pipeline.checks.typography import typography_of
from pipeline.languages import Typography

_NO_PROBLEMS: tuple[Problem, ...] = ()
# The last entry's visible texts: the four checks ask about the same entry one after another.
_last: list[tuple[str, str, tuple[str, str]]] = []


def _pair(unit: EntryUnit) -> tuple[str, str] | None:
    """The visible (source, translation) to compare, or None when there is nothing to judge."""
    if not unit.from_po or unit.fuzzy or unit.obsolete or not unit.source:
        return None
    source, target = unit.source, unit.target
    if _last and _last[0][0] is source and _last[0][1] is target:
        return _last[0][2]
    if not target.strip():
        return None
    pair = (visible(source), visible(target))
    _last[:] = [(source, target, pair)]
    return pair


# --- numbers -------------------------------------------------------------------------------


# Digits with the separators our languages write inside a number: 2.5 / 2,5 (decimals),
# 1,000 / 1.000 / 1 000 / 1 000 (thousands: a space only before a group of three digits).
@functools.cache
def _number() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(r"\d+(?:(?:[.,]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*")


_DIGIT = re.compile(r"\d")
_NOT_DIGITS = re.compile(r"\D+")
_SEPARATORS = str.maketrans("", "", ".,  \u00a0\u202f\u2009")
# Integers up to ten are spelled out in subtitles (Netflix and TED style guides): "3" may
# rightly become "trzy", and "three" may become "3".
_SPELLED_OUT = 10


def _numbers(text: str) -> Counter[str]:
    """The numbers of a text by their digits alone (2.5 and 2,5 are the same number)."""
    found: Counter[str] = Counter()
    for m in _number().finditer(text):
        written = m.group()
        digits = written.translate(_SEPARATORS)
        if written.isdigit() and int(digits) <= _SPELLED_OUT:
            continue
        found[digits] += 1
    return found


def _digits(text: str) -> str:
    return _NOT_DIGITS.sub("", text)


# The source side of a comparison: each source text is compared with its translation in every
# language of the project, so what a check reads from it is worked out once (a bounded memo;
# a translation is seen once and gets none).
_SOURCE_MEMO = 16_384


@functools.lru_cache(maxsize=_SOURCE_MEMO)
def _source_digits(text: str) -> str:
    return _digits(text)


def _written(text: str, digits: Iterable[str]) -> list[str]:
    """How the text writes each of these numbers (its first spelling), in text order."""
    wanted = set(digits)
    seen: dict[str, str] = {}
    for m in _number().finditer(text):
        key = m.group().translate(_SEPARATORS)
        if key in wanted:
            seen.setdefault(key, m.group())
    return list(seen.values())


@register(
    "number-mismatch",
    "entry",
    "warning",
    "a number of the source missing from the translation, or one the source does not have",
    memo=entry_text,
)
def number_mismatch(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Amounts, years, directive numbers and percentages must survive translation; the
    decimal and thousands separators may change (2.5 → 2,5; 1,000 → 1 000), numbers up to ten
    may be spelled out."""
    pair = _pair(unit)
    if pair is None:
        return _NO_PROBLEMS
    had = _source_digits(pair[0])
    if not had and _DIGIT.search(pair[1]) is None:
        return _NO_PROBLEMS
    if had == _digits(pair[1]):
        return _NO_PROBLEMS  # the same digits in the same order, grouped or broken otherwise
    source, target = map(_numbers, pair)
    if source == target:
        return _NO_PROBLEMS
    missing = source - target
    added = target - source
    parts = []
    if missing:
        parts.append("the source's " + ", ".join(_written(pair[0], missing)) + " missing")
    if added:
        parts.append(", ".join(_written(pair[1], added)) + " not in the source")
    return (Problem("numbers differ from the source: " + "; ".join(parts)),)


# --- links and e-mail addresses --------------------------------------------------------------


@functools.cache
def _link() -> re.Pattern[str]:
    """Compiled on first use (not at import: a run may never need it)."""
    return re.compile(
        # An address starts where a word starts (the look-behind spares the engine a retry at
        # every letter of a long word before an @).
        r"(?:https?://|www\.)[^\s<>\"«»“”„]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        re.IGNORECASE,
    )


_TRAILING = ".,;:!?)]}'’\"»”"


def _links(text: str) -> list[str]:
    if "@" not in text and "://" not in text and "www." not in text and "WWW." not in text:
        return []
    return [m.group().rstrip(_TRAILING) for m in _link().finditer(text)]


@functools.lru_cache(maxsize=_SOURCE_MEMO)
def _source_links(text: str) -> tuple[str, ...]:
    return tuple(_links(text))


@register(
    "link-mismatch",
    "entry",
    "warning",
    "a web or e-mail address of the source missing or changed in the translation, or added",
    memo=entry_text,
    gate=Gate.of(("@", "://", "www.", "WWW.", "<", "{"), source=True),
)
def link_mismatch(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Links are copied, never translated, and a subtitle does not add one of its own (a
    localised page is fine: accept it on the entry with `# msm-accept: link-mismatch`)."""
    pair = _pair(unit)
    if pair is None:
        return _NO_PROBLEMS
    source, target = _source_links(pair[0]), _links(pair[1])
    if not source and not target:
        return _NO_PROBLEMS
    had = {link.casefold() for link in source}
    has = {link.casefold() for link in target}
    problems = [
        f'the source\'s "{link}" is not in the translation, unchanged'
        for link in source
        if link.casefold() not in has
    ]
    problems += [
        f'the translation has "{link}", which the source does not'
        for link in target
        if link.casefold() not in had
    ]
    if not problems:
        return _NO_PROBLEMS
    more = f" ({len(problems)} links differ)" if len(problems) > 1 else ""
    return (Problem(problems[0] + more),)


# --- brackets ------------------------------------------------------------------------------


def _balanced(text: str, opening: str, closing: str) -> bool:
    depth = 0
    for ch in text:
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@register(
    "bracket-mismatch",
    "entry",
    "warning",
    "brackets ( ) [ ] that do not pair up, or a [label] of the source without its brackets",
    memo=entry_text,
    gate=Gate.of("()[]", source=True),
)
def bracket_mismatch(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """A bracket left open is a slip; a sound or speaker label in square brackets keeps
    them. An aside may change from dashes to parentheses or back: that is style."""
    pair = _pair(unit)
    if pair is None:
        return _NO_PROBLEMS
    source, target = pair
    if not any(ch in target or ch in source for ch in "()[]"):
        return _NO_PROBLEMS
    problems = []
    for opening, closing in ("()", "[]"):
        if _balanced(source, opening, closing) and not _balanced(target, opening, closing):
            problems.append(Problem(f'"{opening}" and "{closing}" do not pair up'))
    labels, kept = source.count("["), target.count("[")
    if _balanced(source, "[", "]") and kept < labels:
        problems.append(
            Problem(f"the source has {labels} [label] in square brackets, the translation {kept}")
        )
    return problems


# --- where the sentence ends ---------------------------------------------------------------

_CLOSERS = " \"'”’»)]›\u00a0\u202f"
_FINAL = ".!?…;\u037e"


def _ending(text: str, t: Typography) -> str:
    """How a subtitle ends: question, exclamation, stop, ellipsis, open (the sentence goes
    on in the next subtitle) or other (a colon, a dash, a comma…)."""
    end = text.rstrip().rstrip(_CLOSERS)
    marks = end[len(end.rstrip(_FINAL)) :]  # the run of final punctuation: `?`, `?!`, `...`
    if "?" in marks or (t.semicolon_question and (";" in marks or "\u037e" in marks)):
        return "question"
    if marks.endswith(("...", "…")):
        return "ellipsis"
    if "!" in marks:
        return "exclamation"
    if marks:
        return "stop" if "." in marks else "other"
    return "open" if end and end[-1].isalnum() else "other"


@functools.lru_cache(maxsize=_SOURCE_MEMO)
def _source_ending(text: str, lang: str) -> str:
    return _ending(text, typography_of(lang))


_ENDINGS = {
    ("question", "*"): "the source asks a question here; the translation does not end with "
    "a question mark",
    ("*", "question"): "the translation ends with a question mark; the source does not ask "
    "a question",
    ("stop", "open"): "the source ends its sentence here; the translation runs on without "
    "a full stop",
    ("open", "stop"): "the source's sentence runs on into the next subtitle; the translation "
    "ends it here",
}


@register(
    "end-punctuation",
    "entry",
    "warning",
    "a question, or the end of a sentence, where the source has none (or the reverse)",
    memo=entry_text,
)
def end_punctuation(unit: EntryUnit, ctx: CheckContext) -> Iterable[Problem]:
    """Questions stay questions (Greek asks with ;) and a sentence split over subtitles
    splits where the source's does; an exclamation for a full stop is a choice of style."""
    pair = _pair(unit)
    if pair is None:
        return _NO_PROBLEMS
    source_lang = ctx.settings.source_language if ctx.settings is not None else "en"
    source = _source_ending(pair[0], source_lang)
    target = _ending(pair[1], typography_of(unit.lang))
    if source == target:
        return _NO_PROBLEMS
    if source == "question":
        message = _ENDINGS[("question", "*")]
    elif target == "question":
        message = _ENDINGS[("*", "question")]
    else:
        found = _ENDINGS.get((source, target))
        if found is None:
            return _NO_PROBLEMS
        message = found
    return (Problem(message),)
