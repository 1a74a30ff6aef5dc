"""Many inputs through one pipeline: read, analyze, and go on past the bad ones; in one process or a pool."""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline
from thoisu.read import Page, read_inputs

PAGES_IN_FLIGHT_PER_WORKER = 32  # results come back in order: a slow page at the head must not idle the others


def analyze_inputs(
    paths: Iterable[str], pipeline: Pipeline, skipped_records: Counter[str] | None = None
) -> Iterator[Document | InputError]:
    """Each input's analyzed document, or the InputError that says why it was skipped.

    Records that are not pages (non-HTML WARC records) are counted by reason in ``skipped_records``.
    """
    for page in read_inputs(paths, skipped_records):
        if isinstance(page, InputError):
            yield page
            continue
        try:
            yield pipeline.analyze(page)
        except InputError as error:
            yield error


def analyze_inputs_parallel(
    paths: Iterable[str],
    workers: int,
    skipped_records: Counter[str] | None = None,
    make_pipeline: Callable[[], Pipeline] = Pipeline.default,
) -> Iterator[Document | InputError]:
    """Like ``analyze_inputs``, with pages analyzed by ``workers`` processes; results come back in input order.

    Pages are read here and sent to the workers; each worker builds its pipeline once with ``make_pipeline``
    (a picklable callable).
    """
    # forkserver, not fork: the caller may run threads (a progress bar) that a forked child would inherit mid-lock
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(make_pipeline,))
    pending: deque[Future[Document | _Skipped] | InputError] = deque()
    try:
        for page in read_inputs(paths, skipped_records):
            pending.append(page if isinstance(page, InputError) else pool.submit(_analyze_in_worker, page))
            while len(pending) > workers * PAGES_IN_FLIGHT_PER_WORKER:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        pool.shutdown(cancel_futures=True)


class _Skipped(NamedTuple):
    """An InputError on its way back from a worker (InputError itself does not survive pickling)."""

    source: str
    reason: str


_worker_pipeline: Pipeline | None = None


def _start_worker(make_pipeline: Callable[[], Pipeline]) -> None:
    global _worker_pipeline
    _worker_pipeline = make_pipeline()


def _analyze_in_worker(page: Page) -> Document | _Skipped:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    try:
        return _worker_pipeline.analyze(page)
    except InputError as error:
        return _Skipped(error.source, error.reason)


def _result(item: Future[Document | _Skipped] | InputError) -> Document | InputError:
    if isinstance(item, InputError):
        return item
    result = item.result()
    return InputError(result.source, result.reason) if isinstance(result, _Skipped) else result
