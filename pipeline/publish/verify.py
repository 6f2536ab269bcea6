"""Compare what YouTube gives back with what msm sent: cue count and each cue's text.

Timing is not compared: YouTube may round it. Whitespace inside a cue is normalised (YouTube
re-wraps lines); any other difference is reported, never taken for success.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.checks.report import one_line
from pipeline.errors import MsmError
from pipeline.tracks.srt_io import parse_srt


def _norm(text: str) -> str:
    return " ".join(text.split())


def compare(sent: Sequence[str], data: bytes, where: str) -> str | None:
    """Why the downloaded SRT `data` differs from the cue texts `sent`, or None when it matches."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "YouTube sent back a track that is not UTF-8"
    try:
        cues = parse_srt(text, where).cues
    except MsmError as exc:
        return f"YouTube sent back a track msm cannot read: {one_line(str(exc))[:200]}"
    got = [_norm(c.text) for c in cues]
    want = [_norm(t) for t in sent]
    if len(got) != len(want):
        return f"YouTube holds {len(got)} cues, msm sent {len(want)}"
    for number, (a, b) in enumerate(zip(want, got, strict=True), start=1):
        if a != b:
            sent_text, got_text = one_line(a)[:60], one_line(b)[:60]
            return f"cue {number} differs: sent {sent_text!r}, YouTube has {got_text!r}"
    return None
