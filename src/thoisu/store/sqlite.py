"""The embedded document store: one SQLite file, a versioned schema, one transaction per document."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from thoisu.errors import StoreError
from thoisu.store.base import DERIVED_TABLES_VERSION, DocumentStore
from thoisu.store.dialect import SQLITE

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
    """
    -- derived from documents.data by put(); rebuilt from it by reindex()
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT, text TEXT,
        entity_id TEXT, role TEXT, country TEXT, cameo TEXT, confidence REAL
    );
    CREATE INDEX mentions_doc ON mentions (doc_id);
    CREATE INDEX mentions_entity ON mentions (entity_id, doc_id);
    CREATE TABLE entities (id TEXT PRIMARY KEY, label TEXT, name TEXT, country TEXT);  -- linked KB entities
    CREATE TABLE times (
        doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, type TEXT, value TEXT, text TEXT,
        mod TEXT, anchor TEXT
    );
    CREATE INDEX times_doc ON times (doc_id);
    CREATE TABLE merged_events (   -- one real-world event: reports of the same type, actors and day (±1)
        id INTEGER PRIMARY KEY, type TEXT NOT NULL, source_key TEXT NOT NULL, target_key TEXT NOT NULL,
        day TEXT NOT NULL
    );
    CREATE INDEX merged_events_key ON merged_events (type, source_key, target_key, day);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, position INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT,
        cameo TEXT, goldstein REAL, quad_class INTEGER, modality TEXT, day TEXT, date_value TEXT, trigger TEXT,
        trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
        mentions INTEGER NOT NULL, confidence REAL, merged_id INTEGER REFERENCES merged_events (id)
    );
    CREATE INDEX events_doc ON events (doc_id);
    CREATE INDEX events_type_day ON events (type, day);
    CREATE INDEX events_merged ON events (merged_id);
    CREATE TABLE event_actors (
        event_id INTEGER NOT NULL, doc_id TEXT NOT NULL, role TEXT NOT NULL, text TEXT, entity_id TEXT,
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
        seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of arrival: other writers' new signatures are read by it
        doc_id TEXT NOT NULL UNIQUE, story_id TEXT NOT NULL, similarity REAL NOT NULL, signature BLOB NOT NULL
    );
    CREATE INDEX stories_story ON stories (story_id);
    -- folded (diacritic-free, lower-case, same length) title and text; rowid = documents.rowid
    CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, tokenize = 'unicode61 remove_diacritics 2');
    """,
    """
    -- covering indexes: the actor-pair questions read event ids straight from the index
    DROP INDEX event_actors_entity;
    DROP INDEX event_actors_country;
    CREATE INDEX event_actors_entity ON event_actors (entity_id, role, event_id);
    CREATE INDEX event_actors_country ON event_actors (country, role, event_id);
    """,
]

class SQLiteStore(DocumentStore):
    """Documents in a SQLite file; safe to kill mid-run (WAL, a transaction per document)."""

    dialect = SQLITE

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
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
        if 0 < current < DERIVED_TABLES_VERSION <= len(MIGRATIONS):
            self.reindex()  # tables added by the new migrations are filled from the stored documents

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
