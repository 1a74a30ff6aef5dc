"""The embedded document store: one SQLite file, a versioned schema, one transaction per document."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from thoisu.document import Document
from thoisu.errors import StoreError

# Each entry migrates the schema from version i to i + 1; append, never edit a released one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE documents (
        id          TEXT PRIMARY KEY,
        url         TEXT,
        source      TEXT,
        outlet      TEXT,
        title       TEXT,
        published   TEXT,
        language    TEXT,
        text        TEXT NOT NULL,
        data        TEXT NOT NULL,   -- Document.to_dict() as JSON: the lossless record
        digest      TEXT NOT NULL,   -- sha1 of data: re-ingesting an unchanged page writes nothing
        stored_at   TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents (published);
    CREATE INDEX documents_outlet ON documents (outlet);
    """,
]

Outcome = Literal["added", "updated", "unchanged"]


class SQLiteStore:
    """Documents in a SQLite file; safe to kill mid-run (WAL, a transaction per document)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
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
        for version in range(current, len(MIGRATIONS)):
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[version]}; PRAGMA user_version = {version + 1}; COMMIT;"
                )
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

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

    def put(self, doc: Document) -> Outcome:
        """Store or update one document in its own transaction."""
        data = json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha1(data.encode("utf-8")).hexdigest()
        with self._transaction():
            row = self.db.execute("SELECT digest FROM documents WHERE id = ?", (doc.id,)).fetchone()
            if row and row[0] == digest:
                return "unchanged"
            self.db.execute(
                "INSERT INTO documents (id, url, source, outlet, title, published, language, text, data, digest, stored_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET url = excluded.url, source = excluded.source,"
                " outlet = excluded.outlet, title = excluded.title, published = excluded.published,"
                " language = excluded.language, text = excluded.text, data = excluded.data,"
                " digest = excluded.digest, stored_at = excluded.stored_at",
                (doc.id, doc.url, doc.source, doc.outlet, doc.title, doc.published, doc.language, doc.text,
                 data, digest, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        return "updated" if row else "added"

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (or a unique id prefix), or None."""
        rows = self.db.execute(
            "SELECT data FROM documents WHERE id = ? OR id LIKE ? LIMIT 2", (doc_id, doc_id.replace("%", "") + "%")
        ).fetchall()
        exact = [r for r in rows if json.loads(r[0])["id"] == doc_id]
        chosen = exact or (rows if len(rows) == 1 else [])
        return Document.from_dict(json.loads(chosen[0][0])) if chosen else None

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest publication first."""
        for (data,) in self.db.execute("SELECT data FROM documents ORDER BY published, id"):
            yield Document.from_dict(json.loads(data))

    def count(self) -> int:
        """How many documents are stored."""
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def close(self) -> None:
        """Close the database file."""
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

