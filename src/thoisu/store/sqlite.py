"""The embedded document store: one SQLite file, a versioned schema, one transaction per document."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from thoisu.errors import StoreError
from thoisu.store.base import DocumentStore
from thoisu.store.dialect import SQLITE
from thoisu.store.fold import fold
from thoisu.store.schema import migrations

MIGRATIONS = migrations(SQLITE)

class SQLiteStore(DocumentStore):
    """Documents in a SQLite file; safe to kill mid-run (WAL, a transaction per document)."""

    dialect = SQLITE

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = self.location = str(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            # the search index forgets an entry by being given its folded words again (dialect.SQLITE.unindex)
            self.db.create_function("fold", 1, lambda text: fold(text or ""), deterministic=True)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL: a commit survives a killed process, as with FULL
            # bulk writes: up to 256 MiB of index pages stay cached between batches (pages are allocated as used),
            # and the WAL is copied back to the database every 64 MB instead of every 4 MB
            self.db.execute("PRAGMA cache_size=-262144")
            self.db.execute("PRAGMA wal_autocheckpoint=16384")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: cannot open as a thoisu database ({error})") from error

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        current = self.version
        if current > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this thoisu ({len(MIGRATIONS)}); upgrade thoisu"
            )
        self._announce_upgrade(current, len(MIGRATIONS))
        for version in range(current, len(MIGRATIONS)):
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[version]}; PRAGMA user_version = {version + 1}; COMMIT;"
                )
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        self._reindex_after_upgrade(current, len(MIGRATIONS))

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error: a document is stored whole or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
