"""Progress of a pull: a silent reporter, and progress bars for a terminal.

The core calls a `Reporter`; `cli.py` picks the terminal one only when standard error is a
terminal and --quiet is not given, so piped output and logs never fill with bars.
"""

from __future__ import annotations

import shutil
import time
from typing import Protocol, TextIO


class Reporter(Protocol):
    """What a pull tells whoever is watching."""

    def video(self, index: int, label: str) -> None:
        """Work on the index-th video (1-based) starts."""

    def progress(self, name: str, done: int, total: int | None) -> None:
        """`done` bytes of file `name` are downloaded (out of `total`, when known)."""

    def finished(self, name: str) -> None:
        """File `name` is complete."""

    def note(self, message: str) -> None:
        """Something worth a line while it happens (a retry, a failure)."""


class Silent:
    """Reports nothing: for pipes, logs and --quiet (the summary still says everything)."""

    def video(self, index: int, label: str) -> None:
        """Nothing."""

    def progress(self, name: str, done: int, total: int | None) -> None:
        """Nothing."""

    def finished(self, name: str) -> None:
        """Nothing."""

    def note(self, message: str) -> None:
        """Nothing."""


def _size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover (the loop always returns)


class TerminalProgress:
    """One redrawn line per download: `  name  [#####-----]  48%  1.2 MiB/2.5 MiB` (fits in
    80 columns)."""

    def __init__(self, stream: TextIO, min_interval: float = 0.1, width: int | None = None) -> None:
        self.stream = stream
        self.min_interval = min_interval
        self.width = width
        self._last: float | None = None  # when the bar was last drawn
        self._open = False  # a bar is on the current line

    def _width(self) -> int:
        columns = self.width or shutil.get_terminal_size((80, 24)).columns
        return max(40, min(columns, 120))

    def _clear(self) -> None:
        if self._open:
            self.stream.write("\r" + " " * (self._width() - 1) + "\r")
            self._open = False

    def video(self, index: int, label: str) -> None:
        """Print the video's header line."""
        self._clear()
        self.stream.write(f"[{index}] {label}\n")
        self.stream.flush()

    def progress(self, name: str, done: int, total: int | None) -> None:
        """Redraw the bar (at most every `min_interval` seconds)."""
        now = time.monotonic()
        recent = self._last is not None and now - self._last < self.min_interval
        if recent and not (total and done >= total):
            return
        self._last = now
        width = self._width()
        label = name if len(name) <= 24 else "…" + name[-23:]
        if total:
            share = min(done / total, 1.0)
            cells = 24
            filled = int(share * cells)
            bar = "#" * filled + "-" * (cells - filled)
            line = f"  {label:<24} [{bar}] {share:4.0%}  {_size(done)}/{_size(total)}"
        else:
            line = f"  {label:<24} {_size(done)}"
        self.stream.write("\r" + line[: width - 1].ljust(width - 1))
        self.stream.flush()
        self._open = True

    def finished(self, name: str) -> None:
        """End the bar's line."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False

    def note(self, message: str) -> None:
        """A line of its own, under any bar."""
        self._clear()
        self.stream.write(f"  {message}\n")
        self.stream.flush()
