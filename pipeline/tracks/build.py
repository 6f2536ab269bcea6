"""Build a translated track from the source cues and a PO catalogue, never shipping English."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal, Protocol

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


# A plain class, immutable by its Final attributes, with a frozen dataclass's equality, hash
# and repr written out: making the dataclass (its methods compiled from source) cost ~0.5 ms
# of start-up.
class Gap:
    """A source cue that has no usable translation."""

    def __init__(
        self,
        position: int,  # 1-based position of the cue in the source track
        cue: Cue,
        reason: Reason,
        detail: str = "",
    ) -> None:
        self.position: Final = position
        self.cue: Final = cue
        self.reason: Final = reason
        self.detail: Final = detail

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Gap)
        return (self.position, self.cue, self.reason, self.detail) == (
            other.position,
            other.cue,
            other.reason,
            other.detail,
        )

    def __hash__(self) -> int:
        return hash((self.position, self.cue, self.reason, self.detail))

    def __repr__(self) -> str:
        return (
            f"Gap(position={self.position!r}, "
            f"cue={self.cue!r}, "
            f"reason={self.reason!r}, "
            f"detail={self.detail!r})"
        )

    def __str__(self) -> str:
        text = self.cue.text.replace("\n", " / ")
        extra = f": {self.detail}" if self.detail else ""
        return f"cue {self.position} ({_REASONS[self.reason]}{extra}): {text[:60]}"


# How each reason reads in a summary of a track's gaps, in the order they are listed.
_KINDS: tuple[tuple[str, str], ...] = (
    ("untranslated", "untranslated"),
    ("fuzzy", "fuzzy"),
    ("missing", "with no PO entry"),
    ("invalid", "unusable"),
)


def gap_fix(reasons: Iterable[str]) -> str:
    """The commands that fix the given gap reasons, or `--allow-incomplete` that skips them."""
    kinds = {reason.partition(":")[0] for reason in reasons}
    edits = []
    if "untranslated" in kinds:
        edits.append("translate the untranslated cues")
    if "fuzzy" in kinds:
        edits.append("review the fuzzy cues (clear *Needs work*)")
    if "invalid" in kinds:
        edits.append("fix the unusable translations (see `msm check`)")
    steps = [" and ".join(edits) + " in Poedit or Weblate"] if edits else []
    if "missing" in kinds:
        steps.append("run `msm update` for the cues with no PO entry")
    steps.append("or pass --allow-incomplete to leave them out")
    return ", ".join(steps)


def gap_summary(gaps: Iterable[tuple[int, str]]) -> str:
    """What keeps cues out of a build, e.g. `1 untranslated (cue 4), 2 fuzzy (cues 6, 9)`.

    `gaps` are (cue number, reason) with reason as in `Gap.reason` (or `invalid: detail`).
    """
    by_kind: dict[str, list[int]] = {}
    for number, reason in gaps:
        by_kind.setdefault(reason.partition(":")[0], []).append(number)
    parts = []
    for kind, words in _KINDS:
        numbers = by_kind.get(kind, [])
        if numbers:
            shown = ", ".join(str(n) for n in numbers[:10]) + (", …" if len(numbers) > 10 else "")
            label = "cue" if len(numbers) == 1 else "cues"
            parts.append(f"{len(numbers)} {words} ({label} {shown})")
    return ", ".join(parts)


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
