"""Pages from WARC files (``.warc``, ``.warc.gz``): the HTML response records, read with warcio."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from thoisu.errors import InputError
from thoisu.read.limits import MAX_PAGE_BYTES, size_problem
from thoisu.read.page import Page

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, skipped: Counter[str] | None = None) -> Iterator[Page | InputError]:
    """The HTML responses in the WARC file at ``path``; other records are counted in ``skipped``.

    A truncated or corrupt file yields the pages read up to the break, then an error saying where it broke.
    """
    source, records, good_until = str(path), 0, 0
    try:
        problem = size_problem(source, path.stat().st_size, limit=None)  # the limit is per record, not per file
        if problem:
            yield problem
            return
        with path.open("rb") as stream:
            archive = ArchiveIterator(stream)
            for record in archive:
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                if not record_id:
                    raise ValueError("a record without a WARC-Record-ID header")
                item = _page(record, f"{source}#{record_id}") if _is_html_response(record) else None
                if _unread_bytes(record):
                    raise ValueError(f"record {record_id} ends early")
                # only once the record is read: asking earlier makes warcio skip its content
                good_until = archive.get_record_offset() + archive.get_record_length()
                records += 1
                if item is not None:
                    yield item
                elif skipped is not None:
                    skipped["non-HTML WARC record"] += 1
            if not records:
                yield InputError(source, "no WARC records in the file")
    # warcio reports a damaged file with assorted exception types (zlib, EOF, parse and attribute errors)
    except Exception as exc:
        yield InputError(source, f"truncated or corrupt WARC at offset {good_until}, after {records} good records: {exc}")


def _is_html_response(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(_HTML_TYPES)


def _page(record: ArcWarcRecord, source: str) -> Page | InputError:
    content = record.content_stream().read(MAX_PAGE_BYTES + 1)
    problem = size_problem(source, len(content), what="page")
    if problem:
        return problem
    return Page(
        source=source,
        content=content,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        crawled=record.rec_headers.get_header("WARC-Date"),  # when it was fetched: never the publication date
        kind="html",
    )


def _unread_bytes(record: ArcWarcRecord) -> int:
    """Bytes the record's header promised that the file does not have (0 for a whole record)."""
    while record.raw_stream.read(65536):
        pass
    return getattr(record.raw_stream, "limit", 0)
