"""Where analyzed documents are kept: SQLite by default."""

from __future__ import annotations

from pathlib import Path

from thoisu.store.sqlite import SQLiteStore

DEFAULT_DB = "thoisu.db"


def open_store(location: str | Path = DEFAULT_DB) -> SQLiteStore:
    """Open (creating and migrating as needed) the store at a path."""
    return SQLiteStore(location)
