"""One store connection per worker thread: SQLite connections must stay in the thread that opened them."""

from __future__ import annotations

import threading

from thoisu.store import open_store
from thoisu.store.base import DocumentStore


class StoreConnections:
    """Opens the store at ``path`` once per thread that asks for it, and hands back that thread's connection."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        open_store(path).close()  # create and migrate now, so that a bad path fails at start-up, not per request

    def current(self) -> DocumentStore:
        """The calling thread's open store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.path)
        return store
