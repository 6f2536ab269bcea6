"""Checks that remember: what each part of a video found, kept in `.msm-cache/` for the next run.

`msm check` is run again and again on a tree that barely changed (pre-commit, CI on every
push). The runner checks a video in parts: its source track, then each catalogue with the
track built from it. Each part's outcome (its findings, which checks looked at which file,
and what the cross-file checks gather from it) is stored under a key that hashes everything
the part depends on:

- the run's salt (`run_salt`): msm's version and build (compiled or Python, and a stamp of
  its code files), Python's version, the settings the checks read (`[checks]`, `[glossary]`,
  the source language and frame rate, `--profile`), and the glossary's bytes;
- the part's own files: the source track's bytes and the video's msgctxt settings, and for a
  catalogue its bytes, its language and the bytes of its built `<lang>.srt` / `<lang>.vtt`
  (or their absence), with the paths reports show for them.

A later run whose key for a part is known takes the outcome from the cache instead of
reading and checking those files: the report is byte for byte the one a run without the
cache makes (tests/checks/test_check_cache.py). Parts that could not be read (errors) are
never stored. The cross-file checks (inconsistent-translation, missing-catalog) run every
time, on the gathered digests.

Hashing every file is most of a re-check, so the cache also remembers each file's hash
with what `stat` said of it (size, modification and change times, inode), as git's index
does: a file whose `stat` is unchanged is not read again. Only files last changed more than
RACY_SECONDS before they were hashed are remembered, so a file written again within the
same clock tick is always read (git's "racy" case); the change time cannot be set back by
any tool, so a rewrite that restores the modification time is still seen.

The outcomes are JSON (`check-results.json`: a format number and a map from key to
outcome), at most MAX_ENTRIES of them (the ones used last kept), read only when a run needs
one; the file stats are apart (`check-stats.json`), read by every run. A wholly unchanged
run needs no outcome at all: the rendered report of a run that could be remembered whole is
kept too (`check-report-<format>.txt`, the last one in each format, with its summary line and
exit status), under a key over every part's key, the report's format and what the caller's
own findings depend on (`report_key`), so a re-check of an unchanged project costs hashing
(or `stat`ing) its files plus start-up. Every file is written atomically; one that does not
load or does not have the expected shape is ignored and rewritten, never trusted.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from pipeline import __version__
from pipeline.fsutil import MAX_CACHE_BYTES, atomic_write_bytes, read_bytes
from pipeline.hashes import blake2b  # hashlib's blake2b without OpenSSL

FORMAT = 2  # bump when the stored layout changes
FILE = "check-results.json"  # the parts' outcomes
STATS_FILE = "check-stats.json"  # each file's stat and hash
REPORT_FILE = "check-report-{}.txt"  # a whole run's rendered report, by format
MAX_ENTRIES = 50_000  # outcomes kept: a channel of 5,000 videos in nine languages
CONSISTENCY = "inconsistent-translation"  # the one check that gathers (a Digest per catalogue)
RACY_SECONDS = 2  # a file changed this recently when hashed is hashed again next time

Outcome = dict[str, Any]  # one part's outcome, as stored (plain JSON values)


def content_hash(data: bytes) -> str:
    """A file's bytes as part of a key."""
    return blake2b(data, digest_size=16).hexdigest()


def code_stamp() -> str:
    """msm's build: its version, and the size and modification time of each of its code files,
    Python and compiled (`.so`) alike, in the package folder that runs (an edited check
    invalidates what it found, a compiled install differs from the same code as Python; no
    file is read, no module imported)."""
    import pipeline

    here = Path(pipeline.__file__).resolve().parent
    parts = [__version__, sys.version]
    for folder, _, names in sorted(os.walk(here)):
        for name in sorted(names):
            if name.endswith((".py", ".so", ".pyd")):
                path = f"{folder}/{name}"
                info = os.stat(path)  # noqa: PTH116 - 150 Path objects took half of the time
                parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def _json() -> Any:
    return __import__("json")  # on first use: a run --no-cache reads and writes no JSON


def run_salt(settings: Mapping[str, Any], glossary: bytes | None) -> str:
    """What every part of a run depends on: msm's build, the settings, the glossary."""
    digest = blake2b(digest_size=16)
    digest.update(f"{FORMAT}\n{code_stamp()}\n".encode())
    digest.update(_json().dumps(settings, sort_keys=True, default=repr).encode())
    digest.update(b"\nglossary:" + (content_hash(glossary).encode() if glossary else b"-"))
    return digest.hexdigest()


class Rendered:
    """A run's report as the command shows it: its text (as rendered, or in UTF-8 as the
    cache keeps it: 8 MB of text take 20 ms to decode, for nothing when they are written out
    in UTF-8 again), its summary line, its exit status."""

    # A plain class: a dataclass cost ~0.5 ms of start-up (its methods compiled from source).
    __slots__ = ("body", "exit_code", "summary")

    def __init__(self, body: str | bytes, summary: str, exit_code: int) -> None:
        self.body: Final = body
        self.summary: Final = summary
        self.exit_code: Final = exit_code

    @property
    def text(self) -> str:
        """The report's text."""
        if isinstance(self.body, str):
            return self.body
        return self.body.decode("utf-8", "replace")  # kept as written (damaged only by hand)

    @property
    def utf8(self) -> bytes | None:
        """The report's text in UTF-8 (None when it cannot be: a lone surrogate)."""
        if isinstance(self.body, bytes):
            return self.body
        try:
            return self.body.encode("utf-8")
        except UnicodeEncodeError:
            return None


class ResultCache:
    """The outcomes of earlier runs, looked up by key; new ones saved at the end."""

    def __init__(
        self,
        path: Path,
        salt: str,
        entries: dict[str, Outcome] | None = None,
        stats: dict[str, list[Any]] | None = None,
    ) -> None:
        self.path = path  # the outcomes; the stats and reports beside them
        self.salt = salt
        self._salted = blake2b(salt.encode(), digest_size=20)  # each key starts with it
        self._entries = entries  # None: not read yet
        self.used: set[str] = set()
        self.fresh: dict[str, Outcome] = {}  # stored this run (in this process)
        self.stats = stats or {}  # path -> [size, mtime_ns, ctime_ns, inode, hash]
        self.hashed: dict[str, list[Any]] = {}  # the files hashed or recognised this run

    @classmethod
    def load(cls, folder: Path, salt: str) -> ResultCache:
        """The cache in `folder` (empty when there is none, or it cannot be used); the
        outcomes are read when first needed."""
        return cls(folder / FILE, salt, None, _read_stats(folder / STATS_FILE))

    @property
    def entries(self) -> dict[str, Outcome]:
        """The stored outcomes by key (read on first use)."""
        if self._entries is None:
            self._entries = _read_entries(self.path)
        return self._entries

    def file_hash(self, path: str) -> str:
        """`content_hash` of a file's bytes; from its remembered hash when `stat` says it
        has not changed. Raises OSError as `read_bytes` does."""
        info = os.stat(path)  # noqa: PTH116  # a str: no Path object for each of thousands of files
        seen = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        known = self.stats.get(path)
        if known is not None and known[:4] == seen and stat.S_ISREG(info.st_mode):
            self.hashed[path] = known
            return str(known[4])
        data = read_bytes(path)
        digest = content_hash(data)
        racy = time.time_ns() - RACY_SECONDS * 1_000_000_000
        if len(data) == info.st_size and max(info.st_mtime_ns, info.st_ctime_ns) < racy:
            self.hashed[path] = [*seen, digest]
        return digest

    def key(self, *parts: str) -> str:
        """The key of a part: the run's salt and the part's own inputs."""
        digest = self._salted.copy()
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str) -> Outcome | None:
        """A stored outcome, or None."""
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, outcome: Outcome) -> None:
        """Keep a new outcome (saved by `save`)."""
        self.fresh[key] = outcome

    def save(self) -> None:
        """Write the outcomes used or made in this run, after the older ones that still fit,
        and the stats of the files hashed (best effort: a read-only project or a full disk
        still gets checked)."""
        if self.fresh:
            kept = {k: v for k, v in self.entries.items() if k not in self.used}
            kept.update((k, self.entries[k]) for k in self.used if k in self.entries)
            kept.update(self.fresh)
            if len(kept) > MAX_ENTRIES:
                kept = dict(list(kept.items())[-MAX_ENTRIES:])
            _write(self.path, {"format": FORMAT, "entries": kept})
        if any(self.stats.get(path) != known for path, known in self.hashed.items()):
            stats = {**self.stats, **self.hashed}
            if len(stats) > 4 * MAX_ENTRIES:
                stats = dict(self.hashed)
            _write(self.path.with_name(STATS_FILE), {"format": FORMAT, "stats": stats})

    def report_key(self, whole: str, fmt: str, color: bool, also: str) -> str:
        """The key of a run's rendered report: the run's own key (`whole`, over every part's
        key), the report's format and colour, and the stamp of what the caller adds (`also`)."""
        return self.key("report", whole, fmt, "color" if color else "plain", also)

    def report(self, fmt: str, key: str) -> Rendered | None:
        """The report kept under `key` in `fmt`, or None (none, another key, damaged)."""
        try:
            data = read_bytes(self._report_path(fmt), MAX_CACHE_BYTES)
            head, _, body = data.partition(b"\n")
            said = _json().loads(head)
            if not (
                isinstance(said, dict)
                and said.get("format") == FORMAT
                and said.get("key") == key
                and type(said.get("exit")) is int
                and isinstance(said.get("summary"), str)
                and said.get("bytes") == len(body)
            ):
                return None
            return Rendered(body, said["summary"], said["exit"])
        except (OSError, ValueError, RecursionError):
            return None

    def keep_report(self, fmt: str, key: str, rendered: Rendered) -> None:
        """Keep a run's report for the next run with the same key (best effort)."""
        body = rendered.utf8
        if body is None:
            return
        said = {
            "format": FORMAT,
            "key": key,
            "exit": rendered.exit_code,
            "summary": rendered.summary,
            "bytes": len(body),
        }
        head = _json().dumps(said, ensure_ascii=True).encode("ascii")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self._report_path(fmt), head + b"\n" + body)
        except (OSError, ValueError):
            pass

    def _report_path(self, fmt: str) -> Path:
        return self.path.with_name(REPORT_FILE.format(fmt))


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, _json().dumps(data, separators=(",", ":")).encode("utf-8"))
    except (OSError, ValueError):
        pass


def _read_json(path: Path, field: str) -> dict[str, Any]:
    """The map stored under `field` in one of the cache's files ({} when it is not there)."""
    try:
        data = _json().loads(read_bytes(path, MAX_CACHE_BYTES))
    except (OSError, ValueError, RecursionError):
        return {}  # none yet, unreadable, too big, or not JSON: rebuilt
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    found = data.get(field)
    return found if isinstance(found, dict) else {}


def _read_entries(path: Path) -> dict[str, Outcome]:
    return {k: v for k, v in _read_json(path, "entries").items() if isinstance(v, dict)}


def _read_stats(path: Path) -> dict[str, list[Any]]:
    return {k: v for k, v in _read_json(path, "stats").items() if _a_stat(v)}


def _a_stat(value: Any) -> bool:
    """[size, mtime_ns, ctime_ns, inode, hash], as `file_hash` remembers a file."""
    return (
        isinstance(value, list)
        and len(value) == 5
        and all(type(v) is int for v in value[:4])
        and isinstance(value[4], str)
    )


# --- a part's outcome as JSON -------------------------------------------------------------

_SEVERITIES = frozenset(("error", "warning", "info"))
Part = tuple[list[Any], dict[str, set[str]], set[str], dict[str, list[Any]]]


def outcome_of(
    findings: list[Any],
    ran: dict[str, set[str]],
    files: set[str],
    gathered: dict[str, list[Any]],
) -> Outcome | None:
    """A checked part (its findings as field tuples, which checks ran on which file, the files
    shown, what the project checks gathered) as stored; None when it cannot be stored."""
    stored: dict[str, list[Any]] = {}
    for check, values in gathered.items():
        digests = [digest_out(value) for value in values]
        if any(value is None for value in digests):
            return None
        stored[check] = digests
    return {
        "findings": findings,
        "ran": {path: sorted(ids) for path, ids in ran.items()},
        "files": sorted(files),
        "gathered": stored,
    }


def stored_part(stored: Outcome, gathering: list[str], digests: bool = True) -> Part:
    """What `outcome_of` stored (without what was gathered unless `digests`); KeyError,
    TypeError or ValueError when it is not exactly that."""
    findings = []
    for fields in stored["findings"]:
        path, line, context, cue, lang, check, severity, message, concept, accepted = fields
        if not (
            type(path) is str
            and (line is None or type(line) is int)
            and (context is None or type(context) is str)
            and (cue is None or type(cue) is int)
            and type(lang) is str
            and type(check) is str
            and severity in _SEVERITIES
            and type(message) is str
            and (concept is None or type(concept) is str)
            and type(accepted) is bool
        ):
            raise ValueError("not a finding")
        findings.append(tuple(fields))
    ran = {str(path): {str(i) for i in ids} for path, ids in stored["ran"].items()}
    files = {str(path) for path in stored["files"]}
    gathered = stored["gathered"]
    if sorted(gathered) != sorted(gathering):
        raise ValueError("gathered for other checks")
    values: dict[str, list[Any]] = {check: [] for check in gathering}
    if digests:
        values = {check: [digest_in(d) for d in gathered[check]] for check in gathering}
    return findings, ran, files, values


# --- digests as JSON ----------------------------------------------------------------------


def digest_out(found: Any) -> list[Any] | None:
    """A consistency Digest as JSON values; None when it holds entries (kept in memory)."""
    from pipeline.checks.consistency import Digest

    if not isinstance(found, Digest) or found.file is None or found.entries:
        return None
    columns = (found.sources, found.targets, found.lines, found.offsets, found.cues)
    return [found.path, found.lang, found.file, *(_column(c) for c in columns)]


def digest_in(stored: list[Any]) -> Any:
    """The Digest `digest_out` stored (raises ValueError/TypeError/KeyError when damaged)."""
    from pipeline.checks.consistency import Digest

    path, lang, file, *columns = stored
    if not (isinstance(path, str) and isinstance(lang, str) and isinstance(file, str)):
        raise TypeError("not a digest")
    sources, targets, lines, offsets, cues = (_array(c) for c in columns)
    if not len(sources) == len(targets) == len(lines) == len(offsets) == len(cues):
        raise ValueError("columns of different lengths")
    return Digest(path, lang, file, sources, targets, lines, offsets, cues)


def _column(values: array[int]) -> list[str]:
    import binascii  # base64's b64encode and b64decode(validate=True), without base64 (1 ms)

    return [values.typecode, binascii.b2a_base64(values.tobytes(), newline=False).decode("ascii")]


def _array(stored: list[str]) -> array[int]:
    typecode, data = stored
    if typecode not in ("i", "q"):
        raise ValueError(f"bad typecode {typecode!r}")
    if not isinstance(data, str):
        raise TypeError("not a column")
    import binascii

    return array(typecode, binascii.a2b_base64(data.encode("ascii"), strict_mode=True))
