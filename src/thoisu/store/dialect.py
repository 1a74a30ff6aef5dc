"""The SQL that differs between the SQLite and the PostgreSQL store; everything else is written once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thoisu.store.search import Query


@dataclass(frozen=True)
class Dialect:
    """SQL fragments with ``?`` placeholders, and how a parsed query becomes a full-text query parameter."""

    week: str  # the Monday starting the week of the YYYY-MM-DD text {0}, as YYYY-MM-DD
    list_agg: str  # the distinct values of {0} joined by commas
    id_in: str  # {0} is one of the ids subquery {1} returns
    text_match: str  # document d matches the full-text query parameter
    search: str  # ranked hits: d.id and score, {where} (" AND …") on d; parameters: query, filters, limit
    text_queries: Callable[[Query], list[str]]  # full-text query parameters, strictest first
    unindex: str | None  # forget a document's full-text entry, before its row changes; parameter: key
    index: str  # index a document's folded title and text; parameters: title, text, key
    clear_index: str | None  # empty the full-text index before it is rebuilt
    clear_table: str  # empty the table {0} (a temporary one, emptied after each use)
    schema: dict[str, str]  # column types and the full-text index statement filled into thoisu.store.schema


SQLITE = Dialect(
    week="date({0}, 'weekday 0', '-6 days')",
    list_agg="group_concat(DISTINCT {0})",
    id_in="{0} IN ({1})",
    text_match="d.key IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
    search=("SELECT d.id, -bm25(documents_fts, 3.0, 1.0) AS score FROM documents_fts f"
            " JOIN documents d ON d.key = f.rowid WHERE documents_fts MATCH ?{where}"
            " ORDER BY score DESC LIMIT ?"),
    text_queries=Query.match_expressions,
    # the index keeps no copy of the texts: an entry is deleted by giving the words it was made of again, the
    # stored title and text folded by the SQL function fold() (thoisu.store.fold, registered on the connection)
    unindex=("INSERT INTO documents_fts (documents_fts, rowid, title, text)"
             " SELECT 'delete', key, fold(title), fold(text) FROM documents WHERE key = ?"),
    index="INSERT INTO documents_fts (title, text, rowid) VALUES (?, ?, ?)",
    clear_index="INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')",
    clear_table="DELETE FROM {0}",  # without a WHERE, SQLite drops the pages at once
    schema={
        "real": "REAL", "blob": "BLOB", "ref": "INTEGER", "key": "INTEGER PRIMARY KEY",
        "arrival_key": "INTEGER PRIMARY KEY AUTOINCREMENT",  # never reuses a number: arrival order holds
        "search_index": "CREATE VIRTUAL TABLE documents_fts USING fts5"
                        " (title, text, tokenize = 'unicode61 remove_diacritics 2')",  # rowid = documents.rowid
        "compressed_records": "",  # a TEXT column keeps the BLOBs given to it as they are
        "search_index_without_content": "DROP TABLE documents_fts; CREATE VIRTUAL TABLE documents_fts USING fts5"
                                        " (title, text, content = '', tokenize = 'unicode61 remove_diacritics 2');",
        # the implicit rowid could be renumbered by VACUUM: the table is rebuilt with the rowid as its named key
        "document_key": "CREATE TABLE documents_keyed (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT,"
                        " source TEXT, outlet TEXT, title TEXT, published TEXT, language TEXT, text TEXT NOT NULL,"
                        " data TEXT NOT NULL, digest TEXT NOT NULL, stored_at TEXT NOT NULL);"
                        " INSERT INTO documents_keyed SELECT rowid, id, url, source, outlet, title, published,"
                        " language, text, data, digest, stored_at FROM documents;"
                        " DROP TABLE documents; ALTER TABLE documents_keyed RENAME TO documents;"
                        " CREATE INDEX documents_published ON documents (published);"
                        " CREATE INDEX documents_outlet ON documents (outlet);",
    },
)
POSTGRES = Dialect(
    week="to_char(date_trunc('week', ({0})::date), 'YYYY-MM-DD')",
    list_agg="string_agg(DISTINCT {0}, ',')",
    # the ids first, then an index lookup each: the planner misjudges INTERSECT sizes and scans all events for IN
    id_in="{0} = ANY(ARRAY({1}))",
    text_match="d.search @@ to_tsquery('simple', ?)",
    search=("SELECT d.id, ts_rank(d.search, q) AS score FROM documents d"
            " CROSS JOIN to_tsquery('simple', ?) AS q WHERE d.search @@ q{where}"
            " ORDER BY score DESC LIMIT ?"),
    text_queries=Query.tsqueries,
    unindex=None,  # the search column is rewritten with the row
    index=("UPDATE documents SET search = setweight(to_tsvector('simple', ?), 'A')"
           " || setweight(to_tsvector('simple', ?), 'B') WHERE key = ?"),
    clear_index=None,
    clear_table="TRUNCATE {0}",  # a DELETE would leave dead rows that no vacuum visits in a temporary table
    schema={
        "real": "DOUBLE PRECISION", "blob": "BYTEA", "ref": "BIGINT",
        "key": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        "arrival_key": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        "search_index": "ALTER TABLE documents ADD COLUMN search tsvector;"  # folded title (weight A), text (B)
                        " CREATE INDEX documents_search ON documents USING gin (search)",
        # stored out of line as they are: PostgreSQL would try to compress them again
        "compressed_records": "ALTER TABLE documents ALTER COLUMN data TYPE bytea USING convert_to(data, 'UTF8');"
                              " ALTER TABLE documents ALTER COLUMN data SET STORAGE EXTERNAL;",
        "search_index_without_content": "",  # the tsvector holds no text already
        "document_key": "ALTER TABLE documents ADD COLUMN key BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE;",
    },
)
