"""Untrusted text made safe to print: control characters shown as escapes, never sent raw.

A file name, a zip member name, a cue, a glossary term or a server's error message can hold
an escape sequence (ESC, or its one-character C1 form CSI) that a terminal would obey: change
the title, colour or hide text, move the cursor over earlier lines. Bidirectional overrides
(U+202E and friends) reorder what is shown. Everything msm prints from outside goes through
`printable`, which writes such characters as `\\x1b`, `\\x9b`, `\\u202e`: visible and inert.
"""

from __future__ import annotations

# C0 controls, DEL, C1 controls; bidi embeddings, overrides, isolates and marks; the Unicode
# line and paragraph separators (a terminal may break the line there).
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = (*range(0x20), 0x7F, *range(0x80, 0xA0))
_ESCAPED: dict[int, str] = {
    **{c: f"\\x{c:02x}" for c in _CONTROLS},
    **{c: f"\\u{c:04x}" for c in (*_BIDI, 0x2028, 0x2029)},
}
_KEEP_LINES = {**_ESCAPED, 0x0A: "\n", 0x09: "\t"}


def printable(text: str, *, lines: bool = True) -> str:
    """`text` with control, bidi and separator characters escaped (`\\x1b`, `\\u202e`).

    With `lines` (the default) line feeds and tabs stay as they are, so a multi-line message
    still reads as lines; without, they are escaped too.
    """
    if text.isprintable():  # most text: nothing to do (isprintable is false for all of them)
        return text
    return text.translate(_KEEP_LINES if lines else _ESCAPED)


def unsafe(text: str) -> bool:
    """Whether `text` holds a character `printable` would escape (line feed and tab aside)."""
    return printable(text) != text
