"""What earlier collection runs did, kept in a small SQLite file next to their WARC files."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from thoisu.document import canonical_url

STATE_FILE = ".thoisu-collect.sqlite"  # hidden: `thoisu analyze DIR` walks past it

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,   -- canonical URL (thoisu.document.canonical_url)
    requested TEXT NOT NULL,
    status INTEGER NOT NULL,
    fetched TEXT NOT NULL,  -- ISO 8601, UTC
    warc TEXT NOT NULL      -- file name of the WARC the response is in
);
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,   -- a feed URL as given
    etag TEXT,
    last_modified TEXT,
    checked TEXT NOT NULL
);
"""


class CollectState:
    """Pages fetched in earlier runs (never fetched again) and feeds' validators (for conditional requests)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_FILE
        self._db = sqlite3.connect(self.path)
        self._db.executescript(_SCHEMA)

    def fetched(self, url: str) -> bool:
        """Whether a page with this canonical URL was fetched in an earlier run."""
        return self._db.execute("SELECT 1 FROM pages WHERE url = ?", (canonical_url(url),)).fetchone() is not None

    def record_page(self, url: str, status: int, warc: str) -> None:
        """Remember that ``url`` was fetched (with this final status) into the WARC file ``warc``."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)", (canonical_url(url), url, status, _now(), warc)
            )

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the server last sent for ``url`` (None when unknown)."""
        row = self._db.execute("SELECT etag, last_modified FROM validators WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Keep the validators of ``url``'s latest response for the next run's conditional request."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?)", (url, etag, last_modified, _now())
            )

    def close(self) -> None:
        """Close the state file."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
