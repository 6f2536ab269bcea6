"""Subtitle text as HTML: escaped, line breaks kept, findings and glossary terms marked.

Marks may overlap (a typography problem inside a glossary term, two checks on one word), so
the text is cut at every mark boundary and each piece is wrapped in the marks covering it:
the glossary term outside, the finding inside. Nothing of the text is ever interpreted.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["error", "warning", "info", "accepted", "term", "forbidden"]
FINDING_KINDS: tuple[Kind, ...] = ("error", "warning", "info", "accepted")  # worst first
_TERM_KINDS = ("term", "forbidden")


@dataclass(frozen=True)
class Mark:
    """Part of a text to mark: text[start:end]; an empty span marks a place (insert here)."""

    start: int
    end: int
    kind: Kind
    title: str


def escape(text: str) -> str:
    """Text safe in HTML element content and in quoted attribute values."""
    return html.escape(text, quote=True)


def _piece(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def render(text: str, marks: Sequence[Mark] = ()) -> str:
    """The text as HTML with its marks (ranges clamped to the text)."""
    size = len(text)
    spans = [m for m in marks if 0 <= m.start < m.end <= size]
    points = [m for m in marks if m.start == m.end and 0 <= m.start <= size]
    if not spans and not points:
        return _piece(text)
    cuts = sorted(
        {0, size, *(m.start for m in spans), *(m.end for m in spans), *(m.start for m in points)}
    )
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        out.append(_inserts(a, spans, points))
        covering = [m for m in spans if m.start <= a and b <= m.end]
        out.append(_wrap(_piece(text[a:b]), covering))
    out.append(_inserts(size, spans, points))
    return "".join(out)


def _inserts(at: int, spans: Sequence[Mark], points: Sequence[Mark]) -> str:
    """What stands between two pieces: the label after a forbidden term, a place marker."""
    out = [
        '<span class="tag tag-forbidden">forbidden</span>'
        for m in spans
        if m.kind == "forbidden" and m.end == at
    ]
    for m in points:
        if m.start == at:
            label = escape(m.title)
            out.append(
                f'<span class="ins ins-{m.kind}" role="img" aria-label="{label}" '
                f'title="{label}">‸</span>'
            )
    return "".join(out)


def _wrap(inner: str, covering: Sequence[Mark]) -> str:
    if not covering:
        return inner
    terms = [m for m in covering if m.kind in _TERM_KINDS]
    found = [m for m in covering if m.kind in FINDING_KINDS]
    if found:
        worst = min(found, key=lambda m: FINDING_KINDS.index(m.kind)).kind
        title = escape(" · ".join(dict.fromkeys(m.title for m in found)))
        inner = f'<mark class="hl hl-{worst}" title="{title}">{inner}</mark>'
    if terms:
        kind = "forbidden" if any(m.kind == "forbidden" for m in terms) else "term"
        title = escape(" · ".join(dict.fromkeys(m.title for m in terms)))
        inner = f'<span class="term term-{kind}" title="{title}">{inner}</span>'
    return inner
