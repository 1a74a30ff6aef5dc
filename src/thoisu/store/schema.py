"""The tables of a thoisu database, written once for both stores; each dialect fills in its column types.

Each template migrates the schema from version i to i + 1; append, never edit a released one.
"""

from __future__ import annotations

from thoisu.store.dialect import Dialect

TEMPLATES: list[str] = [
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
        entity_id TEXT, role TEXT, country TEXT, cameo TEXT, confidence {real}
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
        id {key}, type TEXT NOT NULL, source_key TEXT NOT NULL, target_key TEXT NOT NULL,
        day TEXT NOT NULL
    );
    CREATE INDEX merged_events_key ON merged_events (type, source_key, target_key, day);
    CREATE TABLE events (
        id {key}, doc_id TEXT NOT NULL, position INTEGER NOT NULL, type TEXT NOT NULL, mode TEXT,
        cameo TEXT, goldstein {real}, quad_class INTEGER, modality TEXT, day TEXT, date_value TEXT, trigger TEXT,
        trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
        mentions INTEGER NOT NULL, confidence {real}, merged_id {ref} REFERENCES merged_events (id)
    );
    CREATE INDEX events_doc ON events (doc_id);
    CREATE INDEX events_type_day ON events (type, day);
    CREATE INDEX events_merged ON events (merged_id);
    CREATE TABLE event_actors (
        event_id {ref} NOT NULL, doc_id TEXT NOT NULL, role TEXT NOT NULL, text TEXT, entity_id TEXT,
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
        seq {arrival_key},  -- order of arrival: other writers' new signatures are read by it
        doc_id TEXT NOT NULL UNIQUE, story_id TEXT NOT NULL, similarity {real} NOT NULL, signature {blob} NOT NULL
    );
    CREATE INDEX stories_story ON stories (story_id);
    -- full-text index of the folded (diacritic-free, lower-case, same length) title and text
    {search_index};
    """,
    """
    -- covering indexes: the actor-pair questions read event ids straight from the index
    DROP INDEX event_actors_entity;
    DROP INDEX event_actors_country;
    CREATE INDEX event_actors_entity ON event_actors (entity_id, role, event_id);
    CREATE INDEX event_actors_country ON event_actors (country, role, event_id);
    """,
    """
    -- documents.data holds Document.to_dict() as zlib-compressed JSON from now on (a quarter of the bytes to write);
    -- records stored before stay plain JSON and are read as such (rows.load_record)
    {compressed_records}
    -- the full-text index keeps no copy of the folded texts: it is rebuilt from the documents (reindex)
    {search_index_without_content}
    """,
    """
    -- every document gets an integer key that only grows and never changes (documents.key), and the derived tables
    -- refer to their document by it (doc) beside its text id: a batch then appends to their indexes instead of
    -- touching a random page of each per document. Their rows are rebuilt from the documents (reindex).
    {document_key}
    DROP TABLE mentions;
    DROP TABLE times;
    DROP TABLE event_actors;
    DROP TABLE events;
    DROP TABLE quotes;
    DROP TABLE stories;
    CREATE TABLE mentions (
        doc {ref} NOT NULL, doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT,
        text TEXT, entity_id TEXT, role TEXT, country TEXT, cameo TEXT, confidence {real}
    );
    CREATE INDEX mentions_doc ON mentions (doc);
    CREATE INDEX mentions_entity ON mentions (entity_id, doc);
    CREATE TABLE times (
        doc {ref} NOT NULL, doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, type TEXT,
        value TEXT, text TEXT, mod TEXT, anchor TEXT
    );
    CREATE INDEX times_doc ON times (doc);
    CREATE TABLE events (
        id {key}, doc {ref} NOT NULL, doc_id TEXT NOT NULL, position INTEGER NOT NULL, type TEXT NOT NULL,
        mode TEXT, cameo TEXT, goldstein {real}, quad_class INTEGER, modality TEXT, day TEXT, date_value TEXT,
        trigger TEXT, trigger_start INTEGER, trigger_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
        mentions INTEGER NOT NULL, confidence {real}, merged_id {ref} REFERENCES merged_events (id)
    );
    CREATE INDEX events_doc ON events (doc);
    CREATE INDEX events_type_day ON events (type, day);
    CREATE INDEX events_merged ON events (merged_id);
    CREATE TABLE event_actors (
        event_id {ref} NOT NULL, doc {ref} NOT NULL, doc_id TEXT NOT NULL, role TEXT NOT NULL, text TEXT,
        entity_id TEXT, cameo TEXT, country TEXT
    );
    CREATE INDEX event_actors_event ON event_actors (event_id);
    CREATE INDEX event_actors_doc ON event_actors (doc);
    CREATE INDEX event_actors_entity ON event_actors (entity_id, role, event_id);
    CREATE INDEX event_actors_country ON event_actors (country, role, event_id);
    CREATE TABLE quotes (
        doc {ref} NOT NULL, doc_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT,
        speaker TEXT, speaker_entity_id TEXT, verb TEXT
    );
    CREATE INDEX quotes_doc ON quotes (doc);
    CREATE TABLE stories (
        seq {arrival_key},  -- order of arrival: other writers' new signatures are read by it
        doc {ref} NOT NULL UNIQUE, doc_id TEXT NOT NULL, story_id TEXT NOT NULL, similarity {real} NOT NULL,
        signature {blob} NOT NULL
    );
    CREATE INDEX stories_story ON stories (story_id);
    """,
]


def migrations(dialect: Dialect) -> list[str]:
    """The migrations in ``dialect``'s SQL."""
    return [template.format_map(dialect.schema) for template in TEMPLATES]
