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
from thoisu.store.base import DERIVED_TABLES_VERSION, DocumentStore
from thoisu.store.dialect import POSTGRES

# Each entry migrates the schema from version i to i + 1, as the SQLite store's do; append, never edit.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, url TEXT, source TEXT, outlet TEXT, title TEXT, published TEXT, language TEXT,
        text TEXT NOT NULL, data TEXT NOT NULL, digest TEXT NOT NULL, stored_at TEXT NOT NULL
    );
    CREATE INDEX documents_published ON documents (published);
    CREATE INDEX documents_outlet ON documents (outlet);
    """,
    """
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT, text TEXT,
        entity_id TEXT, role TEXT, country TEXT, cameo TEXT, confidence DOUBLE PRECISION
    );
    CREATE INDEX mentions_doc ON mentions (doc_id);
    CREATE INDEX mentions_entity ON mentions (entity_id, doc_id);
    CREATE TABLE entities (id TEXT PRIMARY KEY, label TEXT, name TEXT, country TEXT);
    CREATE TABLE times (
        doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, type TEXT, value TEXT, text TEXT,
        mod TEXT, anchor TEXT
    );
    CREATE INDEX times_doc ON times (doc_id);
    CREATE TABLE merged_events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, type TEXT NOT NULL, source_key TEXT NOT NULL,
        target_key TEXT NOT NULL, day TEXT NOT NULL
    );
    CREATE INDEX merged_events_key ON merged_events (type, source_key, target_key, day);
    CREATE TABLE events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL,
        type TEXT NOT NULL, mode TEXT, cameo TEXT, goldstein DOUBLE PRECISION, quad_class INTEGER, modality TEXT,
        day TEXT, date_value TEXT, trigger TEXT, trigger_start INTEGER, trigger_end INTEGER,
        sentence_start INTEGER, sentence_end INTEGER, mentions INTEGER NOT NULL, confidence DOUBLE PRECISION,
        merged_id BIGINT REFERENCES merged_events (id)
    );
    CREATE INDEX events_doc ON events (doc_id);
    CREATE INDEX events_type_day ON events (type, day);
    CREATE INDEX events_merged ON events (merged_id);
    CREATE TABLE event_actors (
        event_id BIGINT NOT NULL, doc_id TEXT NOT NULL, role TEXT NOT NULL, text TEXT, entity_id TEXT,
        cameo TEXT, country TEXT
    );
    CREATE INDEX event_actors_event ON event_actors (event_id);
    CREATE INDEX event_actors_doc ON event_actors (doc_id);
    CREATE INDEX event_actors_entity ON event_actors (entity_id);
    CREATE INDEX event_actors_country ON event_actors (country, role);
    CREATE TABLE quotes (
        doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, speaker TEXT,
        speaker_entity_id TEXT, verb TEXT
    );
    CREATE INDEX quotes_doc ON quotes (doc_id);
    CREATE TABLE stories (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, story_id TEXT NOT NULL,
        similarity DOUBLE PRECISION NOT NULL, signature BYTEA NOT NULL
    );
    CREATE INDEX stories_story ON stories (story_id);
    ALTER TABLE documents ADD COLUMN search tsvector;  -- folded title (weight A) and text (B)
    CREATE INDEX documents_search ON documents USING gin (search);
    """,
    """
    -- covering indexes: the actor-pair questions read event ids straight from the index
    DROP INDEX event_actors_entity;
    DROP INDEX event_actors_country;
    CREATE INDEX event_actors_entity ON event_actors (entity_id, role, event_id);
    CREATE INDEX event_actors_country ON event_actors (country, role, event_id);
    """,
]# pg_advisory_xact_lock key held by every writing transaction of a thoisu database
WRITER_LOCK = 0x7468_6F69_7375


class PostgresStore(DocumentStore):
    """Documents in a PostgreSQL database, safe for many writers (one transaction per batch, writers in turn)."""

    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        super().__init__()
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
            for version in range(current, len(MIGRATIONS)):
                self.db.execute(MIGRATIONS[version])
                self.db.execute("UPDATE thoisu_schema SET version = ?", (version + 1,))
        if 0 < current < DERIVED_TABLES_VERSION <= len(MIGRATIONS):
            self.reindex()

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
