"""What the SQLite and PostgreSQL stores do the same way: documents, derived tables, search, stories, questions.

A subclass opens the connection (``self.db``: SQL with ``?`` placeholders), migrates its schema, names its
``dialect`` and runs ``_transaction`` (one writer at a time, a document stored whole or not at all).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, Self

from thoisu.document import Document
from thoisu.store import questions
from thoisu.store.dialect import Dialect
from thoisu.store.fold import fold
from thoisu.store.rows import EventRow, event_rows, linked_entity_rows, mention_rows, quote_rows, time_rows
from thoisu.store.search import Filters, Hit, parse_query, snippet

if TYPE_CHECKING:  # datasketch takes a second to import: only writers load it (see put_many)
    from datasketch import MinHash

    from thoisu.store.stories import StoryIndex

Outcome = Literal["added", "updated", "unchanged"]
# Tables whose rows are derived from one document's data, removed and rewritten when it changes.
DERIVED_TABLES = ("mentions", "times", "events", "event_actors", "quotes")
# The schema version that added the derived tables: a database migrated across it is reindexed from its documents.
DERIVED_TABLES_VERSION = 2


class DocumentStore:
    """Analyzed documents, the tables derived from them, and the questions they answer."""

    dialect: Dialect
    db: Any

    def __init__(self) -> None:
        self._stories: StoryIndex | None = None
        self._story_seq = 0  # the last stories.seq read into the index

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def put(self, doc: Document) -> Outcome:
        """Store or update one document and everything derived from it, in its own transaction."""
        return self.put_many([doc])[doc.id]

    def put_many(self, docs: Iterable[Document]) -> dict[str, Outcome]:
        """Store a batch of documents in one transaction (faster; a kill loses the batch, never part of a document)."""
        from thoisu.store import stories  # here, not at the top: readers never pay for importing datasketch

        prepared = []
        for doc in docs:  # the costly encoding outside the transaction: other writers need not wait for it
            data = json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)
            prepared.append((doc, data, hashlib.sha1(data.encode("utf-8")).hexdigest(), stories.signature(doc.text)))
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
             data, digest, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        self._write_derived(doc)
        self._assign_story(doc.id, minhash)
        return "updated" if row else "added"

    def _write_derived(self, doc: Document) -> None:
        """Replace the document's rows in the derived tables and the search index."""
        old_merged = [r[0] for r in self.db.execute(
            "SELECT DISTINCT merged_id FROM events WHERE doc_id = ? AND merged_id IS NOT NULL", (doc.id,))]
        for table in DERIVED_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc.id,))
        self.db.executemany("DELETE FROM merged_events WHERE id = ? AND NOT EXISTS"
                            " (SELECT 1 FROM events WHERE merged_id = merged_events.id)", [(m,) for m in old_merged])
        if self.dialect.unindex:
            self.db.execute(self.dialect.unindex, (doc.id,))
        self.db.execute(self.dialect.index, (fold(doc.title or ""), fold(doc.text), doc.id))
        self.db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mention_rows(doc))
        self.db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", linked_entity_rows(doc))
        self.db.executemany("INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?)", time_rows(doc))
        self.db.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?)", quote_rows(doc))
        for event in event_rows(doc):
            event_id = self.db.execute(
                "INSERT INTO events (doc_id, position, type, mode, cameo, goldstein, quad_class, modality, day,"
                " date_value, trigger, trigger_start, trigger_end, sentence_start, sentence_end, mentions, confidence,"
                " merged_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (doc.id, event.position, event.type, event.mode, event.cameo, event.goldstein, event.quad_class,
                 event.modality, event.day, event.date_value, event.trigger, event.trigger_start, event.trigger_end,
                 event.sentence_start, event.sentence_end, event.mentions, event.confidence,
                 self._merged_event(event)),
            ).fetchone()[0]
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
            f" ORDER BY {self.dialect.day_distance}, id LIMIT 1",
            (*key, (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat(), event.day),
        ).fetchone()
        if row:
            return row[0]
        return self.db.execute("INSERT INTO merged_events (type, source_key, target_key, day) VALUES (?, ?, ?, ?)"
                               " RETURNING id", (*key, event.day)).fetchone()[0]

    def _assign_story(self, doc_id: str, minhash: MinHash) -> None:
        """Put the document in its story, after reading the signatures other writers added since last time."""
        from thoisu.store import stories

        if self._stories is None:
            self._stories = stories.StoryIndex()
        for seq, other, story_id, blob in self.db.execute(
            "SELECT seq, doc_id, story_id, signature FROM stories WHERE seq > ? ORDER BY seq", (self._story_seq,)
        ):
            self._stories.add(other, stories.signature_from_bytes(blob), story_id)
            self._story_seq = seq
        self._stories.remove(doc_id)
        match = self._stories.match(doc_id, minhash)
        self.db.execute("DELETE FROM stories WHERE doc_id = ?", (doc_id,))  # re-added with a new seq: others see it
        (seq,) = self.db.execute(
            "INSERT INTO stories (doc_id, story_id, similarity, signature) VALUES (?, ?, ?, ?) RETURNING seq",
            (doc_id, match.story_id, match.similarity, stories.signature_bytes(minhash)),
        ).fetchone()
        self._stories.add(doc_id, minhash, match.story_id)
        self._story_seq = max(self._story_seq, seq)

    def reindex(self) -> int:
        """Rebuild every derived table and the search index from the stored documents; returns how many."""
        from thoisu.store import stories

        done = 0
        with self._transaction():
            for table in (*DERIVED_TABLES, "merged_events", "entities", "stories", *self.dialect.index_tables):
                self.db.execute(f"DELETE FROM {table}")
        self._stories, self._story_seq = None, 0
        for doc in self.documents():
            with self._transaction():
                self._write_derived(doc)
                self._assign_story(doc.id, stories.signature(doc.text))
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
        for text_query in self.dialect.text_queries(parsed) if parsed.terms else []:
            if len(rows) >= limit:
                break
            sql = self.dialect.search.format(columns=columns, joins=joins, where="".join(" AND " + w for w in where))
            for row in self.db.execute(sql, [text_query, *params, limit]):
                rows.setdefault(row[0], row)
        hits = []
        for doc_id, title, outlet, published, url, text, story_id, score in list(rows.values())[:limit]:
            piece, marks = snippet(text, parsed)
            hits.append(Hit(doc_id, title, outlet, published, url, float(score), piece, marks, story_id))
        return hits

    def story(self, doc_id: str) -> list[str]:
        """The ids of the documents in the same story as ``doc_id`` (itself included), oldest first."""
        return [r[0] for r in self.db.execute(
            "SELECT o.doc_id FROM stories s JOIN stories o ON o.story_id = s.story_id WHERE s.doc_id = ? ORDER BY o.seq",
            (doc_id,))]

    def relations(self, first: str, second: str, period: str = "month", directed: bool = False,
                  filters: Filters | None = None) -> list[dict[str, Any]]:
        """Events between two actors per period (see questions.relations)."""
        return questions.relations(self.db, first, second, period, directed, filters, self.dialect)

    def timeline(self, entity: str | None = None, query: str | None = None, period: str = "month",
                 filters: Filters | None = None) -> list[dict[str, Any]]:
        """Documents and events about an entity or a query per period (see questions.timeline)."""
        return questions.timeline(self.db, entity, query, period, filters, self.dialect)

    def top_actors(self, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
        """The actors in the most events (see questions.top_actors)."""
        return questions.top_actors(self.db, limit, filters, self.dialect)

    def top_pairs(self, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
        """The source→target pairs with the most events (see questions.top_pairs)."""
        return questions.top_pairs(self.db, limit, filters, self.dialect)

    def outlet_coverage(self, outlet: str, limit: int = 10) -> dict[str, Any]:
        """What an outlet covers (see questions.outlet_coverage)."""
        return questions.outlet_coverage(self.db, outlet, limit, self.dialect)

    def merged_events(self, limit: int = 100, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Real-world events merged across articles, with GDELT's counts (see questions.merged_events)."""
        return questions.merged_events(self.db, limit, filters, self.dialect)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
