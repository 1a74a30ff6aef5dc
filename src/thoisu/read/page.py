"""A page as read from an input, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Page:
    """Raw page content and what the input said about it."""

    source: str  # where it came from: a path, "<stdin>", "feed.jsonl:12", "crawl.warc.gz#<record id>"
    content: bytes | str  # bytes are decoded by thoisu.text.encoding; str is taken as Unicode
    url: str | None = None
    published: str | None = None  # given by the input (JSONL field, WARC header is NOT a publication date)
    crawled: str | None = None  # when it was fetched (WARC-Date), never used as the publication date
    kind: str | None = None  # "html" or "text"; None: sniff from the content
