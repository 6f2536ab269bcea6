"""The settings file as TOML, parsed once: what tomllib made of it kept in `.msm-cache/`.

Importing tomllib costs ~2 ms of every start-up (it compiles its patterns, and loads
`string`), more than a one-track check's whole catalogue. `.msm-cache/settings.bin` holds
the settings file's whole text and what tomllib made of it (with `marshal`: dicts, lists,
strings, numbers, booleans, exactly as they were), and a later run whose file holds the
same text, compared in full (never by date or size), takes that instead of parsing.
Anything else is parsed: another text, another Python (its tomllib), a file that does not
load. Settings with a date or time (which marshal cannot keep) are parsed every time. The
file is written only into a cache folder that is already there (a dry run in a fresh
project makes none) and best effort (a read-only project is still read).
"""

from __future__ import annotations

import contextlib
import marshal
import sys
from pathlib import Path
from typing import Any

from pipeline.errors import ProjectError
from pipeline.fsutil import MAX_CACHE_BYTES, atomic_write_bytes, read_bytes

FORMAT = 1  # bump when the stored layout changes
CACHE_DIR = ".msm-cache"  # the project's git-ignored cache folder
FILE = "settings.bin"


def parse_toml(text: str, where: str, cache: Path | None = None) -> dict[str, Any]:
    """`tomllib.loads(text)`, from `cache` (a project's cache folder) when it holds the same
    text; invalid TOML is a ProjectError naming `where`."""
    stamp = (FORMAT, sys.version, text)
    if cache is not None:
        known = _load(cache / FILE, stamp)
        if known is not None:
            return known
    import tomllib  # only for settings not parsed before (2 ms to import)

    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError; an int of 4,300+ digits
        raise ProjectError(f"{where}: not valid TOML: {exc}") from None
    if cache is not None and cache.is_dir():
        # best effort: a read-only folder; a date or time (marshal keeps none)
        with contextlib.suppress(OSError, ValueError):
            atomic_write_bytes(cache / FILE, marshal.dumps((*stamp, data)))
    return data


def _load(path: Path, stamp: tuple[int, str, str]) -> dict[str, Any] | None:
    """What the cache file holds for exactly this text, or None."""
    try:
        kept = marshal.loads(read_bytes(path, MAX_CACHE_BYTES))
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if (
        type(kept) is tuple
        and len(kept) == len(stamp) + 1
        and kept[:-1] == stamp
        and type(kept[-1]) is dict
    ):
        data: dict[str, Any] = kept[-1]
        return data
    return None
