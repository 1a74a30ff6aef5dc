"""A writer process: the store's transactions run there while the caller's process encodes the next batch.

Encoding a document (JSON record, folded text, MinHash, rows) and writing it cost about the same, and the GIL
keeps threads from overlapping them (SQLite hands the GIL back after every row). So batches of
``rows.DocumentRows`` are pickled to a second process that owns its own connection and writes them in order,
one transaction per batch, as any other writer of the database would. A killed caller closes the pipe: the
writer finishes the batch in hand, and every committed batch stays whole.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from thoisu.errors import StoreError

if TYPE_CHECKING:
    from thoisu.store.base import Outcome
    from thoisu.store.rows import DocumentRows


def write_in_background(location: str, batches: Iterable[list[DocumentRows]]) -> dict[str, Outcome]:
    """Write each batch in its own transaction in a writer process opened on ``location``; the outcomes by id."""
    # fork where there is one: the writer starts at once with the modules already loaded, and a caller's script
    # without a __main__ guard is not run again (spawn would); the writer opens its own connection
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(location, theirs, ours), name="thoisu-store-writer", daemon=True)
    process.start()
    theirs.close()
    outcomes: dict[str, Outcome] = {}
    pending = 0
    try:
        for rows in batches:  # encoded while the writer still writes the batch before
            # as plain tuples: pickling named tuples calls Python per object and costs 4x more
            ours.send_bytes(pickle.dumps([tuple(r) for r in rows], protocol=pickle.HIGHEST_PROTOCOL))
            pending += 1
            if pending > 1:
                outcomes.update(_reply(ours))
                pending -= 1
        for _ in range(pending):
            outcomes.update(_reply(ours))
    except (EOFError, BrokenPipeError):
        process.join(5)
        raise StoreError(f"the writer process into {location.split('@')[-1]} ended before its last batch (exit code"
                         f" {process.exitcode}); the batches it committed are stored whole: run again to resume") from None
    finally:
        ours.close()
        process.join()
    return outcomes


def _reply(connection: Connection) -> dict[str, Outcome]:
    """The writer's outcomes for the oldest batch sent, or its error raised here."""
    reply = connection.recv()
    if isinstance(reply, BaseException):
        raise reply
    return reply


def _serve(location: str, connection: Connection, callers_end: Connection) -> None:
    """The writer process: open the store, write batches until the pipe closes, answer outcomes or the error."""
    from thoisu.store import open_store
    from thoisu.store.rows import DocumentRows

    callers_end.close()  # a forked writer holds a copy: the pipe would never close, and the writer never stop
    failed = False
    with open_store(location) as store:
        while True:
            try:
                payload = connection.recv_bytes()
            except EOFError:
                return
            if failed:  # drain what is still coming so the caller's sends never break; it raises the error
                continue
            try:
                connection.send(store.write([DocumentRows(*r) for r in pickle.loads(payload)]))
            except Exception as error:  # noqa: BLE001 - sent to the caller, which raises it
                failed = True
                try:
                    connection.send(error)
                except Exception:  # noqa: BLE001 - a driver's error that does not pickle: its message then
                    connection.send(StoreError(f"{store.path}: the writer process failed: {error!r}"))
