"""Build a translated track from the source cues and a PO catalogue, never shipping English."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from pipeline.tracks.model import Cue
from pipeline.tracks.po_io import Key
from pipeline.tracks.po_read import translation

Reason = Literal["untranslated", "fuzzy", "missing", "invalid"]

_REASONS: dict[Reason, str] = {
    "untranslated": "not translated",
    "fuzzy": "fuzzy (needs review)",
    "missing": "no entry in the PO (run `msm update`)",
    "invalid": "translation cannot go into a subtitle",
}


@dataclass(frozen=True)
class Gap:
    """A source cue that has no usable translation."""

    position: int  # 1-based position of the cue in the source track
    cue: Cue
    reason: Reason
    detail: str = ""

    def __str__(self) -> str:
        text = self.cue.text.replace("\n", " / ")
        extra = f": {self.detail}" if self.detail else ""
        return f"cue {self.position} ({_REASONS[self.reason]}{extra}): {text[:60]}"


def clean_translation(text: str) -> tuple[str, str]:
    """Normalise a msgstr into subtitle text; return (text, problem or '')."""
    if "\r" not in text and "-->" not in text and text and text == text.strip():
        if "\n" not in text:
            return text, ""  # already clean (nearly every translation)
        for line in text.split("\n"):
            if not line or line != line.strip():
                break
        else:
            return text, ""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    if "" in lines:
        return "", "blank line inside the translation"
    joined = "\n".join(lines)
    if re.search(r"-->", joined):
        return "", "contains '-->'"
    return joined, ""


class Translation(Protocol):
    """What the builder reads of a catalogue entry (a polib entry, or one from `po_read`)."""

    msgstr: str
    msgid_plural: str  # a plural entry's translation is its first form, once all are there

    @property
    def fuzzy(self) -> bool:
        """Whether the translation awaits review."""


def translate_track(
    source: Sequence[Cue], keys: Sequence[Key], entries: Mapping[Key, Translation]
) -> tuple[list[Cue], list[Gap]]:
    """The translated cues (source timing, translated text) and the cues left out, with why."""
    cues: list[Cue] = []
    gaps: list[Gap] = []
    for position, (cue, key) in enumerate(zip(source, keys, strict=True), start=1):
        entry = entries.get(key)
        wanted = "" if entry is None else translation(entry) if entry.msgid_plural else entry.msgstr
        if entry is None:
            gaps.append(Gap(position, cue, "missing"))
        elif not wanted.strip():
            gaps.append(Gap(position, cue, "untranslated"))
        elif entry.fuzzy:
            gaps.append(Gap(position, cue, "fuzzy"))
        else:
            text, problem = clean_translation(wanted)
            if problem:
                gaps.append(Gap(position, cue, "invalid", problem))
            else:
                cues.append(Cue(cue.start, cue.end, text, position, cue.line))
    return cues, gaps
