"""Many inputs through one pipeline: read, analyze, and go on past the bad ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline
from thoisu.read import read_inputs


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
