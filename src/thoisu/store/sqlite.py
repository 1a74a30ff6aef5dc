"""The embedded document store: one SQLite file, a versioned schema, one transaction per document."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from datasketch import MinHash

from thoisu.document import Document
from thoisu.errors import StoreError
from thoisu.store import questions
from thoisu.store.fold import fold
from thoisu.store.rows import EventRow, event_rows, linked_entity_rows, mention_rows, quote_rows, time_rows
from thoisu.store.search import Filters, Hit, parse_query, snippet
from thoisu.store.stories import StoryIndex, signature, signature_bytes, signature_from_bytes

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
]
# Tables whose rows are derived from one document's data, removed and rewritten when it changes.
DERIVED_TABLES = ("mentions", "times", "events", "event_actors", "quotes")

Outcome = Literal["added", "updated", "unchanged"]


class SQLiteStore:
    """Documents in a SQLite file; safe to kill mid-run (WAL, a transaction per document)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._stories: StoryIndex | None = None
        self._story_seq = 0  # the last stories.seq read into the index
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
        if 0 < current < len(MIGRATIONS):
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

    def put(self, doc: Document) -> Outcome:
        """Store or update one document and everything derived from it, in its own transaction."""
        return self.put_many([doc])[doc.id]

    def put_many(self, docs: Iterable[Document]) -> dict[str, Outcome]:
        """Store a batch of documents in one transaction (faster; a kill loses the batch, never part of a document)."""
        prepared = []
        for doc in docs:  # the costly encoding outside the transaction: other writers need not wait for it
            data = json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)
            prepared.append((doc, data, hashlib.sha1(data.encode("utf-8")).hexdigest(), signature(doc.text)))
        outcomes: dict[str, Outcome] = {}
        with self._transaction():
            for doc, data, digest, minhash in prepared:
                outcomes[doc.id] = self._put_prepared(doc, data, digest, minhash)
        return outcomes

    def _put_prepared(self, doc: Document, data: str, digest: str, minhash: MinHash) -> Outcome:
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
        self._write_derived(doc)
        self._assign_story(doc.id, minhash)
        return "updated" if row else "added"

    def _write_derived(self, doc: Document) -> None:
        """Replace the document's rows in the derived tables and the search index."""
        (rowid,) = self.db.execute("SELECT rowid FROM documents WHERE id = ?", (doc.id,)).fetchone()
        old_merged = [r[0] for r in self.db.execute(
            "SELECT DISTINCT merged_id FROM events WHERE doc_id = ? AND merged_id IS NOT NULL", (doc.id,))]
        for table in DERIVED_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc.id,))
        self.db.executemany("DELETE FROM merged_events WHERE id = ? AND NOT EXISTS"
                            " (SELECT 1 FROM events WHERE merged_id = merged_events.id)", [(m,) for m in old_merged])
        self.db.execute("DELETE FROM documents_fts WHERE rowid = ?", (rowid,))
        self.db.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                        (rowid, fold(doc.title or ""), fold(doc.text)))
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mention_rows(doc))
        self.db.executemany("INSERT OR IGNORE INTO entities VALUES (?, ?, ?, ?)", linked_entity_rows(doc))
        self.db.executemany("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?)", time_rows(doc))
        self.db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)", quote_rows(doc))
        for event in event_rows(doc):
            event_id = self.db.execute(
                "INSERT INTO events (doc_id, position, type, mode, cameo, goldstein, quad_class, modality, day,"
                " date_value, trigger, trigger_start, trigger_end, sentence_start, sentence_end, mentions, confidence,"
                " merged_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, event.position, event.type, event.mode, event.cameo, event.goldstein, event.quad_class,
                 event.modality, event.day, event.date_value, event.trigger, event.trigger_start, event.trigger_end,
                 event.sentence_start, event.sentence_end, event.mentions, event.confidence,
                 self._merged_event(event)),
            ).lastrowid
            self.db.executemany(
                "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(event_id, doc.id, a.role, a.text, a.entity_id, a.cameo, a.country) for a in event.actors],
            )

    def _merged_event(self, event: EventRow) -> int | None:
        """The real-world event this report belongs to (same type and actors, a day apart at most), made if new."""
        key = event.merge_key()
        if key is None:
            return None
        day = date.fromisoformat(event.day)
        row = self.db.execute(
            "SELECT id FROM merged_events WHERE type = ? AND source_key = ? AND target_key = ? AND day BETWEEN ? AND ?"
            " ORDER BY abs(julianday(day) - julianday(?)), id LIMIT 1",
            (*key, (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat(), event.day),
        ).fetchone()
        if row:
            return row[0]
        return self.db.execute("INSERT INTO merged_events (type, source_key, target_key, day) VALUES (?, ?, ?, ?)",
                               (*key, event.day)).lastrowid

    def _assign_story(self, doc_id: str, minhash: MinHash) -> None:
        """Put the document in its story, after reading the signatures other writers added since last time."""
        if self._stories is None:
            self._stories = StoryIndex()
        for seq, other, story_id, blob in self.db.execute(
            "SELECT seq, doc_id, story_id, signature FROM stories WHERE seq > ? ORDER BY seq", (self._story_seq,)
        ):
            self._stories.add(other, signature_from_bytes(blob), story_id)
            self._story_seq = seq
        self._stories.remove(doc_id)
        match = self._stories.match(doc_id, minhash)
        seq = self.db.execute(
            "INSERT OR REPLACE INTO stories (doc_id, story_id, similarity, signature) VALUES (?, ?, ?, ?)",
            (doc_id, match.story_id, match.similarity, signature_bytes(minhash)),
        ).lastrowid
        self._stories.add(doc_id, minhash, match.story_id)
        self._story_seq = max(self._story_seq, seq)

    def reindex(self) -> int:
        """Rebuild every derived table and the search index from the stored documents; returns how many."""
        done = 0
        with self._transaction():
            for table in (*DERIVED_TABLES, "merged_events", "entities", "stories", "documents_fts"):
                self.db.execute(f"DELETE FROM {table}")
        self._stories, self._story_seq = None, 0
        for doc in self.documents():
            with self._transaction():
                self._write_derived(doc)
                self._assign_story(doc.id, signature(doc.text))
            done += 1
        return done

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (or a unique id prefix), or None."""
        rows = self.db.execute(
            "SELECT data FROM documents WHERE id = ? OR id LIKE ? LIMIT 2", (doc_id, doc_id.replace("%", "") + "%")
        ).fetchall()
        exact = [r for r in rows if json.loads(r[0])["id"] == doc_id]
        chosen = exact or (rows if len(rows) == 1 else [])
        return Document.from_dict(json.loads(chosen[0][0])) if chosen else None

    def documents(self, filters: Filters | None = None) -> Iterator[Document]:
        """Every stored document (or those the filters keep), oldest publication first."""
        where, params = (filters or Filters()).clauses("d")
        sql = "SELECT data FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        for (data,) in self.db.execute(sql + " ORDER BY published, id", params).fetchall():
            yield Document.from_dict(json.loads(data))

    def count(self) -> int:
        """How many documents are stored."""
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def search(self, query: str = "", filters: Filters | None = None, limit: int = 20) -> list[Hit]:
        """Documents matching every word/phrase of ``query`` (diacritics optional), best first, with snippets.

        Documents holding the typed words side by side come before those holding them apart.
        """
        parsed = parse_query(query)
        where, params = (filters or Filters()).clauses("d")
        columns = "d.id, d.title, d.outlet, d.published, d.url, d.text, s.story_id"
        joins = " LEFT JOIN stories s ON s.doc_id = d.id"
        rows: dict[str, tuple] = {}
        if not parsed.terms:
            sql = (f"SELECT {columns}, 0.0 FROM documents d{joins}" + (" WHERE " + " AND ".join(where) if where else "")
                   + " ORDER BY d.published DESC, d.id LIMIT ?")
            rows = {r[0]: r for r in self.db.execute(sql, [*params, limit])}
        for expression in parsed.match_expressions() if parsed.terms else []:
            if len(rows) >= limit:
                break
            sql = (f"SELECT {columns}, bm25(documents_fts, 3.0, 1.0) AS score FROM documents_fts f"
                   f" JOIN documents d ON d.rowid = f.rowid{joins} WHERE documents_fts MATCH ?"
                   + "".join(" AND " + w for w in where) + " ORDER BY score LIMIT ?")
            for row in self.db.execute(sql, [expression, *params, limit]):
                rows.setdefault(row[0], row)
        hits = []
        for doc_id, title, outlet, published, url, text, story_id, score in list(rows.values())[:limit]:
            piece, marks = snippet(text, parsed)
            hits.append(Hit(doc_id, title, outlet, published, url, -score or 0.0, piece, marks, story_id))
        return hits

    def story(self, doc_id: str) -> list[str]:
        """The ids of the documents in the same story as ``doc_id`` (itself included), oldest first."""
        return [r[0] for r in self.db.execute(
            "SELECT o.doc_id FROM stories s JOIN stories o ON o.story_id = s.story_id WHERE s.doc_id = ? ORDER BY o.seq",
            (doc_id,))]

    def relations(self, first: str, second: str, period: str = "month", directed: bool = False,
                  filters: Filters | None = None) -> list[dict[str, Any]]:
        """Events between two actors per period (see questions.relations)."""
        return questions.relations(self.db, first, second, period, directed, filters)

    def timeline(self, entity: str | None = None, query: str | None = None, period: str = "month",
                 filters: Filters | None = None) -> list[dict[str, Any]]:
        """Documents and events about an entity or a query per period (see questions.timeline)."""
        return questions.timeline(self.db, entity, query, period, filters)

    def top_actors(self, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
        """The actors in the most events (see questions.top_actors)."""
        return questions.top_actors(self.db, limit, filters)

    def top_pairs(self, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
        """The source→target pairs with the most events (see questions.top_pairs)."""
        return questions.top_pairs(self.db, limit, filters)

    def outlet_coverage(self, outlet: str, limit: int = 10) -> dict[str, Any]:
        """What an outlet covers (see questions.outlet_coverage)."""
        return questions.outlet_coverage(self.db, outlet, limit)

    def merged_events(self, limit: int = 100, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Real-world events merged across articles, with GDELT's counts (see questions.merged_events)."""
        return questions.merged_events(self.db, limit, filters)

    def close(self) -> None:
        """Close the database file."""
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
