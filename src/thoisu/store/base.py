"""What the SQLite and PostgreSQL stores do the same way: documents, derived tables, search, stories, questions.

A subclass opens the connection (``self.db``: SQL with ``?`` placeholders), migrates its schema, names its
``dialect`` and runs ``_transaction`` (one writer at a time, a document stored whole or not at all).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, Self

from thoisu.document import Document
from thoisu.errors import StoreError
from thoisu.store import questions
from thoisu.store.dialect import Dialect
from thoisu.store.rows import DocumentRows, document_rows, load_record
from thoisu.store.search import Filters, Hit, parse_query, snippet
from thoisu.store.stories import StoryIndex, signature_from_bytes

Outcome = Literal["added", "updated", "unchanged"]
# Tables whose rows are derived from one document's data, removed and rewritten when it changes.
DERIVED_TABLES = ("mentions", "times", "events", "event_actors", "quotes")
# The latest schema version that changed the derived tables or the search index: a database migrated across it is
# reindexed from its documents.
REINDEX_VERSION = 5
REINDEX_REPORT_EVERY = 5000  # documents between two progress messages of a reindex
log = logging.getLogger("thoisu.store")
# The events table's columns but its generated id, in the order the writer gives them.
_EVENT_COLUMNS = ("doc", "doc_id", "position", "type", "mode", "cameo", "goldstein", "quad_class", "modality", "day",
                  "date_value", "trigger", "trigger_start", "trigger_end", "sentence_start", "sentence_end", "mentions",
                  "confidence", "merged_id")


class DocumentStore:
    """Analyzed documents, the tables derived from them, and the questions they answer."""

    dialect: Dialect
    db: Any
    location: str  # what open_store() opens this store from again (another process's connection)
    path: str  # for messages: the location without a password

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
        return self.write([document_rows(doc) for doc in docs])  # encoded before the transaction: others need not wait

    def put_stream(self, docs: Iterable[Document], batch: int = 500, processes: int = 1) -> dict[str, Outcome]:
        """Store documents batch by batch, a transaction each; with ``processes=2`` a writer process writes a batch
        while this one encodes the next (about twice the rate on two free cores)."""
        batches = _batches(docs, batch)
        if processes > 1:
            from thoisu.store.writer import write_in_background

            return write_in_background(self.location, ([document_rows(d) for d in b] for b in batches))
        outcomes: dict[str, Outcome] = {}
        for documents in batches:
            outcomes.update(self.put_many(documents))
        return outcomes

    def write(self, batch: Sequence[DocumentRows]) -> dict[str, Outcome]:
        """Store documents prepared by ``rows.document_rows`` (in this or any process) in one transaction."""
        outcomes: dict[str, Outcome] = {}
        try:
            with self._transaction():
                for chunk in _distinct_chunks(batch):
                    outcomes.update(self._write_chunk(chunk))
        except BaseException:
            self._stories, self._story_seq = None, 0  # the index saw rows that were rolled back: read it afresh
            raise
        return outcomes

    def _write_chunk(self, chunk: list[DocumentRows]) -> dict[str, Outcome]:
        """Write documents of distinct ids; only those new or changed since stored touch the database."""
        stored = {doc_id: (digest, key) for doc_id, digest, key in self._select_in(
            "SELECT id, digest, key FROM documents WHERE id IN ({})", [r.id for r in chunk])}
        changed = [r for r in chunk if r.id not in stored or stored[r.id][0] != r.digest]
        replaced = [stored[r.id][1] for r in changed if r.id in stored]
        if replaced:
            self._forget_derived(replaced)
        stored_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.db.executemany(
            "INSERT INTO documents (id, url, source, outlet, title, published, language, text, data, digest, stored_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET url = excluded.url, source = excluded.source,"
            " outlet = excluded.outlet, title = excluded.title, published = excluded.published,"
            " language = excluded.language, text = excluded.text, data = excluded.data,"
            " digest = excluded.digest, stored_at = excluded.stored_at",
            [(r.id, *r.columns, r.data, r.digest, stored_at) for r in changed],
        )
        keys = dict(self._select_in("SELECT id, key FROM documents WHERE id IN ({})", [r.id for r in changed]))
        self._write_derived([(keys[r.id], r) for r in changed])
        return {r.id: "added" if r.id not in stored else "unchanged" if stored[r.id][0] == r.digest else "updated"
                for r in chunk}

    def _select_in(self, sql: str, values: Sequence[Any]) -> list[tuple]:
        """The rows of ``sql`` (its ``{}`` a list of placeholders) for the values (ids, keys), 500 at a time."""
        rows: list[tuple] = []
        for i in range(0, len(values), 500):
            part = values[i : i + 500]
            rows += self.db.execute(sql.format(", ".join("?" * len(part))), part).fetchall()
        return rows

    def _forget_derived(self, keys: list[int]) -> None:
        """Remove the documents' rows (by their keys) from the derived tables, the search index and the stories."""
        params = [(key,) for key in keys]
        old_merged = [(r[0],) for key in keys for r in self.db.execute(
            "SELECT DISTINCT merged_id FROM events WHERE doc = ? AND merged_id IS NOT NULL", (key,))]
        for table in (*DERIVED_TABLES, "stories"):
            self.db.executemany(f"DELETE FROM {table} WHERE doc = ?", params)
        self.db.executemany("DELETE FROM merged_events WHERE id = ? AND NOT EXISTS"
                            " (SELECT 1 FROM events WHERE merged_id = merged_events.id)", old_merged)
        if self.dialect.unindex:
            self.db.executemany(self.dialect.unindex, params)

    def _write_derived(self, batch: list[tuple[int, DocumentRows]]) -> None:
        """Add the documents' rows, by key, to the derived tables, the search index and the stories (none there yet)."""
        self.db.executemany(self.dialect.index, [(r.folded_title, r.folded_text, key) for key, r in batch])
        self._insert("mentions", [(key, *row) for key, r in batch for row in r.mentions])
        self.db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                            [row for _, r in batch for row in r.entities])
        self._insert("times", [(key, *row) for key, r in batch for row in r.times])
        self._insert("quotes", [(key, *row) for key, r in batch for row in r.quotes])
        self._write_events(batch)
        self._assign_stories(batch)

    def _write_events(self, batch: list[tuple[int, DocumentRows]]) -> None:
        """Add the documents' events, each in its merged event, and their actors: a few statements per batch."""
        events = [(key, r.id, columns, merge, actors) for key, r in batch for columns, merge, actors in r.events]
        merged = self._merged_event_ids([merge for *_, merge, _ in events])
        event_ids = self._insert_ids(
            "events", _EVENT_COLUMNS,
            [(key, doc_id, *columns, merged_id) for (key, doc_id, columns, _, _), merged_id in zip(events, merged)],
        )
        self._insert("event_actors", [(event_id, key, doc_id, *actor)
                                      for event_id, (key, doc_id, *_, actors) in zip(event_ids, events)
                                      for actor in actors])

    def _merged_event_ids(self, merges: list[tuple[str, str, str, str] | None]) -> list[int | None]:
        """The real-world event each report (type, sources, targets, day) belongs to, in order: the stored or earlier
        one of the same type and actors nearest in days, a day apart at most (ties: the older); made where none.
        None for a report that cannot be merged."""
        nearby: dict[tuple[str, str, str], dict[int, date]] = defaultdict(dict)  # candidates by key: id -> day
        wanted = [(*key, *_day_window(day)) for *key, day in filter(None, merges)]
        if wanted:  # the batch's keys go into a table of this connection's own, then one join finds every candidate
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS merge_keys"
                            " (type TEXT, source_key TEXT, target_key TEXT, low TEXT, high TEXT)")
            self._insert("merge_keys", wanted)
            for merged_id, *key, day in self.db.execute(
                "SELECT m.id, m.type, m.source_key, m.target_key, m.day FROM merge_keys k JOIN merged_events m"
                " ON m.type = k.type AND m.source_key = k.source_key AND m.target_key = k.target_key"
                " AND m.day BETWEEN k.low AND k.high"
            ).fetchall():
                nearby[tuple(key)][merged_id] = date.fromisoformat(day)
            self.db.execute(self.dialect.clear_table.format("merge_keys"))
        chosen: list[int | None] = []
        new: list[tuple[str, str, str, str]] = []  # made here, ids to come: -1, -2 … stand for them meanwhile
        for merge in merges:
            if merge is None:
                chosen.append(None)
                continue
            *key, day = merge
            candidates = nearby[tuple(key)]
            start = date.fromisoformat(day)
            # the nearest; then a stored one (positive id, the smaller first), then the first made here
            near = [(abs((d - start).days), i < 0, abs(i), i) for i, d in candidates.items()]
            best = min(near, default=None)
            if best and best[0] <= 1:
                chosen.append(best[3])
            else:
                new.append(merge)
                candidates[-len(new)] = start
                chosen.append(-len(new))
        ids = self._insert_ids("merged_events", ("type", "source_key", "target_key", "day"), new)
        return [ids[-i - 1] if i is not None and i < 0 else i for i in chosen]

    def _insert(self, table: str, rows: list[tuple], columns: Sequence[str] = ()) -> None:
        """Append rows to a table: values for all its columns in order, or for ``columns``."""
        if rows:
            names = f" ({', '.join(columns)})" if columns else ""
            self.db.executemany(f"INSERT INTO {table}{names} VALUES ({', '.join('?' * len(rows[0]))})", rows)

    def _insert_ids(self, table: str, columns: Sequence[str], rows: list[tuple]) -> list[int]:
        """Insert rows into a table keyed by a generated id; their ids, in order. This writer holds the write lock,
        and generated ids only grow: the ids above the largest before are the rows it just inserted."""
        if not rows:
            return []
        before = self.db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        self._insert(table, rows, columns)
        ids = [r[0] for r in self.db.execute(f"SELECT id FROM {table} WHERE id > ? ORDER BY id", (before,))]
        if len(ids) != len(rows):
            raise StoreError(f"{self.path}: {len(ids)} new rows in {table} for {len(rows)} inserted: another program"
                             " writes this database without thoisu's write lock")
        return ids

    def _story_index(self) -> StoryIndex:
        """The story index, after reading the signatures other writers (or earlier sessions) stored since last time."""
        if self._stories is None:
            self._stories = StoryIndex()
        for seq, other, story_id, blob in self.db.execute(
            "SELECT seq, doc_id, story_id, signature FROM stories WHERE seq > ? ORDER BY seq", (self._story_seq,)
        ):
            self._stories.add(other, signature_from_bytes(blob), story_id)
            self._story_seq = seq
        return self._stories

    def _assign_stories(self, batch: list[tuple[int, DocumentRows]]) -> None:
        """Put each document in its story, in order: a document can join the story of one before it in the batch."""
        index = self._story_index()
        rows = []
        for key, r in batch:
            minhash = signature_from_bytes(r.signature)
            match = index.match(r.id, minhash)
            index.add(r.id, minhash, match.story_id)
            rows.append((key, r.id, match.story_id, match.similarity, r.signature))
        self._insert("stories", rows, ("doc", "doc_id", "story_id", "similarity", "signature"))
        if rows:  # this writer holds the write lock: the newest rows are its own
            self._story_seq = self.db.execute("SELECT max(seq) FROM stories").fetchone()[0]

    def reindex(self) -> int:
        """Rebuild every derived table and the search index from the stored documents; returns how many."""
        with self._transaction():
            for table in (*DERIVED_TABLES, "merged_events", "entities", "stories"):
                self.db.execute(f"DELETE FROM {table}")
            if self.dialect.clear_index:
                self.db.execute(self.dialect.clear_index)
        self._stories, self._story_seq = None, 0
        keys = [key for (key,) in self.db.execute("SELECT key FROM documents ORDER BY key")]  # as first stored
        log.info("%s: reindexing %s documents", self.path, f"{len(keys):,}")
        done = 0
        for page in self._pages(keys):
            with self._transaction():
                self._write_derived([(key, document_rows(doc)) for key, doc in page])
            done += len(page)
            if done % REINDEX_REPORT_EVERY < len(page) and done < len(keys):
                log.info("%s: reindexed %s of %s documents", self.path, f"{done:,}", f"{len(keys):,}")
        return len(keys)

    def _announce_upgrade(self, current: int, latest: int) -> None:
        """Say that the schema is being upgraded: with its reindex, an archive's upgrade takes minutes."""
        if 0 < current < latest:
            log.info("%s: upgrading the database from schema %d to %d", self.path, current, latest)

    def _reindex_after_upgrade(self, current: int, latest: int) -> None:
        """Refill the derived tables and the search index when an upgrade from ``current`` crossed REINDEX_VERSION."""
        if 0 < current < REINDEX_VERSION <= latest:
            self.reindex()

    def get(self, doc_id: str) -> Document | None:
        """The stored document with this id (or a unique id prefix), or None."""
        rows = self.db.execute(
            "SELECT data FROM documents WHERE id = ? OR id LIKE ? LIMIT 2", (doc_id, doc_id.replace("%", "") + "%")
        ).fetchall()
        records = [load_record(r[0]) for r in rows]
        exact = [r for r in records if r["id"] == doc_id]
        chosen = exact or (records if len(records) == 1 else [])
        return Document.from_dict(chosen[0]) if chosen else None

    def documents(self, filters: Filters | None = None) -> Iterator[Document]:
        """Every stored document (or those the filters keep), oldest publication first."""
        where, params = (filters or Filters()).clauses("d")
        sql = "SELECT key FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        keys = [key for (key,) in self.db.execute(sql + " ORDER BY published, id", params).fetchall()]
        for page in self._pages(keys):
            yield from (doc for _, doc in page)

    def _pages(self, keys: list[int]) -> Iterator[list[tuple[int, Document]]]:
        """(key, document) of these keys in their order, 500 records read at a time: an archive's would not fit in
        memory at once."""
        for i in range(0, len(keys), 500):
            page = keys[i : i + 500]
            records = dict(self._select_in("SELECT key, data FROM documents WHERE key IN ({})", page))
            yield [(key, Document.from_dict(load_record(records[key]))) for key in page]

    def count(self) -> int:
        """How many documents are stored."""
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def search(self, query: str = "", filters: Filters | None = None, limit: int = 20) -> list[Hit]:
        """Documents matching every word/phrase of ``query`` (diacritics optional), best first, with snippets.

        Documents holding the typed words side by side come before those holding them apart.
        """
        parsed = parse_query(query)
        where, params = (filters or Filters()).clauses("d")
        scores: dict[str, float] = {}  # ranked ids first: the texts are read for the hits only, not every match
        if not parsed.terms:
            sql = ("SELECT d.id, 0.0 FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
                   + " ORDER BY d.published DESC, d.id LIMIT ?")
            scores = dict(self.db.execute(sql, [*params, limit]).fetchall())
        for text_query in self.dialect.text_queries(parsed) if parsed.terms else []:
            if len(scores) >= limit:
                break
            sql = self.dialect.search.format(where="".join(" AND " + w for w in where))
            for doc_id, score in self.db.execute(sql, [text_query, *params, limit]):
                scores.setdefault(doc_id, score)
        ranked = list(scores)[:limit]
        found = {row[0]: row for row in self._select_in(
            "SELECT d.id, d.title, d.outlet, d.published, d.url, d.text, s.story_id FROM documents d"
            " LEFT JOIN stories s ON s.doc = d.key WHERE d.id IN ({})", ranked)}
        hits = []
        for doc_id in ranked:
            _, title, outlet, published, url, text, story_id = found[doc_id]
            piece, marks = snippet(text, parsed)
            hits.append(Hit(doc_id, title, outlet, published, url, float(scores[doc_id]), piece, marks, story_id))
        return hits

    def story(self, doc_id: str) -> list[str]:
        """The ids of the documents in the same story as ``doc_id`` (itself included), oldest first."""
        return [r[0] for r in self.db.execute(
            "SELECT o.doc_id FROM stories s JOIN stories o ON o.story_id = s.story_id"
            " WHERE s.doc = (SELECT key FROM documents WHERE id = ?) ORDER BY o.seq",
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

    def merged_counts(self) -> dict[tuple[str, int], tuple[int, int, int, int]]:
        """GDELT's counts of the merged event each report belongs to (see questions.merged_counts)."""
        return questions.merged_counts(self.db)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """The documents in lists of ``size``."""
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _day_window(day: str) -> tuple[str, str]:
    """The days from one before to one after ``day`` (YYYY-MM-DD), as the day column compares them."""
    start = date.fromisoformat(day)
    return (start - timedelta(days=1)).isoformat(), (start + timedelta(days=1)).isoformat()


def _distinct_chunks(batch: Sequence[DocumentRows]) -> Iterator[list[DocumentRows]]:
    """The batch in order, cut before any id seen earlier in the chunk: a repeated document is written twice."""
    chunk: list[DocumentRows] = []
    ids: set[str] = set()
    for rows in batch:
        if rows.id in ids:
            yield chunk
            chunk, ids = [], set()
        chunk.append(rows)
        ids.add(rows.id)
    if chunk:
        yield chunk
