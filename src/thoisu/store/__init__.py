"""Where analyzed documents are kept: SQLite by default, PostgreSQL when given a postgresql:// URL."""

from __future__ import annotations

from pathlib import Path

from thoisu.store.base import DocumentStore
from thoisu.store.sqlite import SQLiteStore

DEFAULT_DB = "thoisu.db"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(location: str | Path = DEFAULT_DB) -> DocumentStore:
    """Open (creating and migrating as needed) the store at a path or a ``postgresql://`` URL."""
    if str(location).startswith(POSTGRES_SCHEMES):
        from thoisu.store.postgres import PostgresStore

        return PostgresStore(str(location))
    return SQLiteStore(location)
