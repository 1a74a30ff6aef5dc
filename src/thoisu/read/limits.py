"""The size rules every input kind applies to a page before it is handed on."""

from __future__ import annotations

from typing import BinaryIO

from thoisu.errors import InputError

# News articles are 50-500 KB of HTML. A "page" past 5 MB is a dump, an archive or a runaway page:
# cleaning it would hold a worker for a long time and its text is not one article anyway.
MAX_PAGE_BYTES = 5 * 1024 * 1024
# The longest of the 33,759 VNTC news articles has 76,300 characters, and annotation time grows faster than the
# length; clean text past 200,000 characters is a dump or a runaway page, not one article.
MAX_ARTICLE_CHARS = 200_000


def size_problem(
    source: str, size: int, what: str = "file", limit: int | None = MAX_PAGE_BYTES
) -> InputError | None:
    """The error for ``size`` bytes that are empty or over ``limit`` (None: no limit); None when they are fine."""
    if size == 0:
        return InputError(source, f"empty {what}")
    if limit is not None and size > limit:
        return InputError(source, f"page too large ({size / 2**20:.1f} MB > {MAX_PAGE_BYTES // 2**20} MB limit)")
    return None


def read_page_bytes(stream: BinaryIO, source: str, what: str = "file") -> bytes | InputError:
    """At most MAX_PAGE_BYTES + 1 bytes from ``stream``: the page, or the error saying why it is refused."""
    data = stream.read(MAX_PAGE_BYTES + 1)
    return size_problem(source, len(data), what) or data
