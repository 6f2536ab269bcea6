"""From one cue's text to the texts sent, and from the answers back to one cue's text.

One entry in, one entry out: nothing here ever joins two entries. Inside an entry:
- a position override at the start (`{\\an8}`) and markup wrapping every line, or the whole
  text (`<i>…</i>`), are kept aside and put back around the draft;
- markup inside the text travels as numbered placeholders (`{1}`); when the answer loses or
  reorders them, the draft keeps the words, drops the inner markup and says so;
- dialogue (every line starts with a dash) is sent line by line and keeps its lines;
- other text is sent as one sentence (lines joined) and re-flowed to the language's line
  length: one line when it fits, else two balanced lines;
- a text longer than the provider takes is split at sentence, then clause, then word
  boundaries, and the answers are joined again.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TAG = re.compile(r"<[^<>\n]+>|\{\\[^{}\n]*\}")
_LEAD = re.compile(r"^(?:<[^<>\n]+>|\{\\[^{}\n]*\})+")
_TRAIL = re.compile(r"(?:<[^<>\n]+>|\{\\[^{}\n]*\})+$")
_POSITION = re.compile(r"^(?:\{\\[^{}\n]*\})+")
_DASH = re.compile(r"^([-‐–—]\s*)")
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


@dataclass(frozen=True)
class Unit:
    """One run of text sent for translation, with what surrounds it in the cue."""

    prefix: str  # kept verbatim before the draft (dialogue dash, line markup)
    text: str  # what is sent: words, with inner markup as {n} placeholders
    suffix: str  # kept verbatim after the draft
    tags: tuple[str, ...] = ()  # tags[n - 1] is what placeholder {n} stands for
    dropped: tuple[str, ...] = ()  # inner markup that could not travel (text holds {n})

    @property
    def blank(self) -> bool:
        """Nothing to translate (the unit is kept as it is)."""
        return not self.text.strip()


@dataclass(frozen=True)
class Layout:
    """How one cue's text was taken apart, to put the draft together the same way."""

    units: tuple[Unit, ...]
    dialogue: bool  # one unit per line, lines kept
    position: str = ""  # `{\\an8}`-style overrides at the very start
    line_prefix: str = ""  # markup wrapping every line (re-applied to each draft line)
    line_suffix: str = ""


@dataclass(frozen=True)
class Draft:
    """The assembled text of one cue and what the reviewer should know about it."""

    text: str
    notes: tuple[str, ...] = ()


def visible(text: str) -> str:
    """Text without markup, as a viewer sees it."""
    return TAG.sub("", text)


def take_apart(text: str) -> Layout:
    """Split a cue's text into the units to translate."""
    position_match = _POSITION.match(text)
    position = position_match.group(0) if position_match else ""
    lines = text[len(position) :].split("\n")
    frames = [_frame(line) for line in lines]
    if len(lines) > 1 and all(_DASH.match(core) for _, core, _ in frames):
        units = []
        for lead, core, trail in frames:
            dash = _DASH.match(core)
            assert dash is not None  # checked just above
            units.append(_protect(lead + dash.group(1), core[dash.end() :], trail))
        return Layout(tuple(units), dialogue=True, position=position)
    same = len({(lead, trail) for lead, _, trail in frames}) == 1
    if same and len(lines) > 1:
        lead, _, trail = frames[0]
        joined = " ".join(core for _, core, _ in frames)
        unit = _protect("", joined, "")
        return Layout((unit,), False, position, line_prefix=lead, line_suffix=trail)
    # Markup differs between lines: keep the outer frame, the rest travels as placeholders.
    lead, _, _ = frames[0]
    _, _, trail = frames[-1]
    inner = "\n".join(lines)
    inner = inner[len(lead) : len(inner) - len(trail)]
    joined = " ".join(part.strip() for part in inner.split("\n"))
    return Layout((_protect(lead, joined, trail),), dialogue=False, position=position)


def _frame(line: str) -> tuple[str, str, str]:
    lead_match = _LEAD.match(line)
    lead = lead_match.group(0) if lead_match else ""
    rest = line[len(lead) :]
    trail_match = _TRAIL.search(rest)
    trail = trail_match.group(0) if trail_match else ""
    core = rest[: len(rest) - len(trail)]
    return lead, core.strip(), trail


def _protect(prefix: str, text: str, suffix: str) -> Unit:
    tags = TAG.findall(text)
    if not tags:
        return Unit(prefix, _SPACE.sub(" ", text).strip(), suffix)
    if _PLACEHOLDER.search(text):
        # The text already holds {n}: placeholders would be ambiguous, send words only.
        words = _SPACE.sub(" ", TAG.sub("", text)).strip()
        return Unit(prefix, words, suffix, (), tuple(tags))
    counter = iter(range(1, len(tags) + 1))
    protected = TAG.sub(lambda _: "{" + str(next(counter)) + "}", text)
    return Unit(prefix, _SPACE.sub(" ", protected).strip(), suffix, tuple(tags))


def pieces(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, at the best boundaries."""
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        out.extend(_pack(sentence, limit))
    return _merge(out, limit)


def _pack(sentence: str, limit: int) -> list[str]:
    if len(sentence) <= limit:
        return [sentence]
    parts: list[str] = []
    for clause in _CLAUSE_END.split(sentence):
        if len(clause) <= limit:
            parts.append(clause)
            continue
        for word in clause.split(" "):
            while len(word) > limit:  # one "word" longer than a request: cut it
                parts.append(word[:limit])
                word = word[limit:]
            parts.append(word)
    return _merge(parts, limit)


def _merge(parts: list[str], limit: int) -> list[str]:
    """Greedily join neighbouring parts with a space while they fit."""
    merged: list[str] = []
    for part in parts:
        if not part:
            continue
        if merged and len(merged[-1]) + 1 + len(part) <= limit:
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def tidy(answer: str, sent: str) -> str:
    """An answer made fit for a cue: entities decoded, whitespace and line breaks collapsed."""
    if _ENTITY.search(answer) and not _ENTITY.search(sent):
        answer = html.unescape(answer)  # some services answer HTML-escaped text (&#39;)
    return _SPACE.sub(" ", answer).strip()


def restore(unit: Unit, answer: str) -> tuple[str, bool]:
    """Put the unit's markup back into the answer; False when it could not be kept."""
    if not unit.tags:
        return answer, True
    found = [int(n) for n in _PLACEHOLDER.findall(answer)]
    wanted = list(range(1, len(unit.tags) + 1))
    if found == wanted:
        text = _PLACEHOLDER.sub(lambda m: unit.tags[int(m.group(1)) - 1], answer)
        return _SPACE.sub(" ", text).strip(), True
    words = _SPACE.sub(" ", _PLACEHOLDER.sub(" ", answer)).strip()
    return words, False


def assemble(layout: Layout, answers: list[str], max_chars: int) -> Draft:
    """The cue's draft from one answer per unit (blank units give back their own text)."""
    notes: list[str] = []
    parts: list[str] = []
    for unit, answer in zip(layout.units, answers, strict=True):
        text, kept = restore(unit, answer) if not unit.blank else (unit.text, True)
        lost = unit.dropped or (() if kept else unit.tags)
        if lost:
            tags = " ".join(sorted(set(lost)))
            notes.append(f"markup inside the text could not be kept ({tags}); re-apply it")
        parts.append(text)
    if layout.dialogue:
        lines = [u.prefix + p + u.suffix for u, p in zip(layout.units, parts, strict=True)]
        return Draft(layout.position + "\n".join(lines), tuple(notes))
    unit = layout.units[0]
    lines = reflow(parts[0], max_chars)
    lines = [layout.line_prefix + line + layout.line_suffix for line in lines]
    lines[0] = unit.prefix + lines[0]
    lines[-1] = lines[-1] + unit.suffix
    return Draft(layout.position + "\n".join(lines), tuple(notes))


def reflow(text: str, max_chars: int) -> list[str]:
    """One line when the visible text fits `max_chars`, else two lines of balanced length.

    The break goes at the space that makes the longer line shortest, preferring a break
    after punctuation when it costs at most two characters; never inside markup.
    """
    if len(visible(text)) <= max_chars:
        return [text]
    best: tuple[float, int] | None = None
    for match in re.finditer(" ", text):
        at = match.start()
        left, right = text[:at], text[at + 1 :]
        if _inside_tag(text, at):
            continue
        longest = max(len(visible(left)), len(visible(right)))
        bonus = 2.5 if visible(left).rstrip()[-1:] in ",.;:!?…" else 0.0
        cost = longest - bonus
        if best is None or cost < best[0]:
            best = (cost, at)
    if best is None:
        return [text]
    at = best[1]
    return [text[:at], text[at + 1 :]]


def _inside_tag(text: str, at: int) -> bool:
    return any(m.start() < at < m.end() for m in TAG.finditer(text))
