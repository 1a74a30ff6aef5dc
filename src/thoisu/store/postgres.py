"""The server store: PostgreSQL, chosen by a ``postgresql://`` URL; the same tables and behaviour as SQLite.

Needs psycopg 3, the optional extra ``postgres`` (``pip install 'thoisu[postgres]'``). Search uses a tsvector
of the folded title and text (simple configuration), so diacritics are optional exactly as in SQLite. Writers
take a transaction-scoped advisory lock, one at a time as in SQLite, so merged events and stories stay consistent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from thoisu.errors import StoreError
from thoisu.store.base import DocumentStore
from thoisu.store.dialect import POSTGRES
from thoisu.store.schema import migrations

MIGRATIONS = migrations(POSTGRES)

# pg_advisory_xact_lock key held by every writing transaction of a thoisu database
WRITER_LOCK = 0x7468_6F69_7375


class PostgresStore(DocumentStore):
    """Documents in a PostgreSQL database, safe for many writers (one transaction per batch, writers in turn)."""

    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        super().__init__()
        self.location = url
        self.path = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)  # for messages: never print a password
        try:
            import psycopg
        except ImportError:
            raise StoreError(f"{self.path}: the PostgreSQL store needs psycopg: pip install 'thoisu[postgres]'") from None
        try:
            self.db = QmarkConnection(psycopg.connect(url, autocommit=True))
            self._migrate()
        except psycopg.Error as error:
            raise StoreError(f"{self.path}: cannot open as a thoisu database ({error})") from error

    @property
    def version(self) -> int:
        """The schema version of the open database."""
        row = self.db.execute("SELECT to_regclass('thoisu_schema') IS NOT NULL").fetchone()
        return self.db.execute("SELECT version FROM thoisu_schema").fetchone()[0] if row[0] else 0

    def _migrate(self) -> None:
        with self._transaction():
            self.db.execute("CREATE TABLE IF NOT EXISTS thoisu_schema (version INTEGER NOT NULL)")
            if self.db.execute("SELECT count(*) FROM thoisu_schema").fetchone()[0] == 0:
                self.db.execute("INSERT INTO thoisu_schema VALUES (0)")
            current = self.version
            if current > len(MIGRATIONS):
                raise StoreError(f"{self.path}: schema version {current} is newer than this thoisu"
                                 f" ({len(MIGRATIONS)}); upgrade thoisu")
            self._announce_upgrade(current, len(MIGRATIONS))
            for version in range(current, len(MIGRATIONS)):
                self.db.execute(MIGRATIONS[version])
                self.db.execute("UPDATE thoisu_schema SET version = ?", (version + 1,))
        self._reindex_after_upgrade(current, len(MIGRATIONS))

    def _insert(self, table: str, rows: list[tuple], columns: Sequence[str] = ()) -> None:
        """Append rows to a table with COPY: one stream, several times faster than a statement per row."""
        if rows:
            names = f" ({', '.join(columns)})" if columns else ""
            with self.db.connection.cursor() as cursor, cursor.copy(f"COPY {table}{names} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction, after every other writer's: a document is stored whole or not at all."""
        with self.db.connection.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(?)", (WRITER_LOCK,))
            yield


class QmarkConnection:
    """A psycopg connection that takes the store's ``?`` placeholders."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns the cursor."""
        return self.connection.execute(sql.replace("?", "%s"), params or None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        if rows:
            with self.connection.cursor() as cursor:
                cursor.executemany(sql.replace("?", "%s"), rows)

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()
