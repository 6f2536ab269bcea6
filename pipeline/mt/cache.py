"""The translation cache: one SQLite row per text ever sent, so nothing is sent twice.

Key: (provider, source code, target code, text sent) with the provider's own language codes,
which are exactly what the request carried. Each row is committed as soon as it arrives, so an
interrupted run keeps every answer it paid for. No credential is ever stored here.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from pipeline.errors import InputError
from pipeline.fsutil import check_regular

SCHEMA_VERSION = 1

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
        try:
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
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{self.path}: translation cache unreadable ({exc}); delete the file: "
                "it only saves requests, your PO files hold the drafts"
            ) from None
        self._db = db
        return db

    def get(self, provider: str, source: str, target: str, text: str) -> str | None:
        """The cached translation, or None."""
        db = self._connect()
        if db is None:
            return None
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
        with db:
            db.execute(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
                (provider, source, target, text, translation, stamp),
            )

    def __len__(self) -> int:
        db = self._connect()
        if db is None:
            return 0
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
