"""The translation cache: one SQLite row per text ever sent, so nothing is sent twice.

Key: (provider, source code, target code, text sent) with the provider's own language codes,
which are exactly what the request carried. Each row is committed as soon as it arrives, so an
interrupted run keeps every answer it paid for. No credential is ever stored here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from pipeline.errors import InputError, MsmError
from pipeline.fsutil import check_regular

SCHEMA_VERSION = 1
# SQLite's primary result codes (the low byte of an extended one) that mean the file itself
# is damaged or not a database; every other error (SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN,
# SQLITE_READONLY, SQLITE_BUSY, ...) is about writing or reaching it, and the file is fine.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_FULL = 13


class CacheWriteError(MsmError):
    """The cache could not be written or reached (full disk, permissions); it is not damaged."""


_DDL = """
CREATE TABLE IF NOT EXISTS translations (
    provider    TEXT NOT NULL,
    source      TEXT NOT NULL,
    target      TEXT NOT NULL,
    text        TEXT NOT NULL,
    translation TEXT NOT NULL,
    created     TEXT NOT NULL,
    PRIMARY KEY (provider, source, target, text)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class TranslationCache:
    """Look up and store machine translations; `read_only` never creates or changes the file."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._db: sqlite3.Connection | None = None
        self._missing = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._missing:
            return self._db
        try:  # a FIFO or device would block SQLite or be clobbered by it
            check_regular(self.path, limit=1 << 62)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise InputError(f"{self.path}: cannot use as the translation cache: {exc}") from None
        with self._errors():
            if self.read_only:
                if not self.path.is_file():
                    self._missing = True
                    return None
                db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path)
                # WAL: a killed run leaves a consistent file; NORMAL sync is enough with WAL.
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(_DDL)
                db.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('version', ?)", (str(SCHEMA_VERSION),)
                )
                db.commit()
            db.execute("SELECT count(*) FROM translations").fetchone()
        self._db = db
        return db

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite and OS errors into ours: a damaged file (delete it) apart from a file
        that cannot be written or reached (a full disk: the cache is fine, make room)."""
        try:
            yield
        except sqlite3.Error as exc:
            code = getattr(exc, "sqlite_errorcode", None)
            primary = code & 0xFF if isinstance(code, int) else None
            if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                raise InputError(
                    f"{self.path}: translation cache unreadable ({exc}); delete the file: "
                    "it only saves requests, your PO files hold the drafts"
                ) from None
            full = primary == _SQLITE_FULL or self._disk_full()
            raise self._write_error(f"{exc}; the disk is full" if full else str(exc)) from None
        except OSError as exc:
            raise self._write_error(exc.strerror or str(exc)) from None

    def _disk_full(self) -> bool:
        """Whether the cache's disk has (next to) no room left: SQLite reports a full disk
        met while growing its shared-memory file as a plain "disk I/O error"."""
        import shutil

        folder = next((p for p in (self.path.parent, *self.path.parents) if p.exists()), None)
        try:
            return folder is not None and shutil.disk_usage(folder).free < 64 * 1024
        except OSError:
            return False

    def _write_error(self, reason: str) -> CacheWriteError:
        verb = "read" if self.read_only else "write to"
        return CacheWriteError(
            f"{self.path}: cannot {verb} the translation cache ({reason}). The cache is not "
            "damaged: make room (or fix the permissions) and run the same command again"
        )

    def get(self, provider: str, source: str, target: str, text: str) -> str | None:
        """The cached translation, or None."""
        db = self._connect()
        if db is None:
            return None
        with self._errors():
            row = db.execute(
                "SELECT translation FROM translations "
                "WHERE provider = ? AND source = ? AND target = ? AND text = ?",
                (provider, source, target, text),
            ).fetchone()
        return None if row is None else str(row[0])

    def put(self, provider: str, source: str, target: str, text: str, translation: str) -> None:
        """Store one translation and commit at once (progress survives a crash)."""
        if self.read_only:
            raise RuntimeError("read-only translation cache")
        db = self._connect()
        assert db is not None  # a writable cache always connects or raises
        stamp = datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._errors(), db:
            db.execute(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                (provider, source, target, text, translation, stamp),
            )

    def __len__(self) -> int:
        db = self._connect()
        if db is None:
            return 0
        with self._errors():
            return int(db.execute("SELECT count(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
