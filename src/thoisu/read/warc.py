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
_SEPARATOR = b"\r\n\r\n"  # after each record; warcio's record length leaves it out in uncompressed files


def read_warc(path: Path, skipped: Counter[str] | None = None) -> Iterator[Page | InputError]:
    """The HTML responses in the WARC file at ``path``; other records are counted in ``skipped`` by reason.

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
                    raise _Damaged("a record without a WARC-Record-ID header")
                skip = _skip_reason(record)
                item = None if skip else _page(record, f"{source}#{record_id}")
                if _unread_bytes(record):
                    raise _Damaged(f"record {record_id} ends early")
                # only once the record is read: asking earlier makes warcio skip its content
                good_until = archive.get_record_offset() + archive.get_record_length()
                records += 1
                if item is not None:
                    yield item
                elif skipped is not None:
                    skipped[skip] += 1
            # warcio stops silently at a record it cannot read; an uncompressed WARC ends in the last separator
            if path.stat().st_size - good_until > len(_SEPARATOR):
                raise _Damaged("the rest of the file is not a readable record")
    except _Damaged as exc:
        yield _broken(source, good_until, records, str(exc))
    # warcio reports a damaged file with assorted exception types (zlib, EOF, parse and attribute errors)
    except Exception:
        yield _broken(source, good_until, records, "unreadable record")


class _Damaged(Exception):
    """A WARC file that breaks off or holds something that is not a record."""


def _broken(source: str, offset: int, records: int, what: str) -> InputError:
    return InputError(source, f"truncated or corrupt WARC at offset {offset}, after {records} good records: {what}")


def _skip_reason(record: ArcWarcRecord) -> str | None:
    """Why the record is not a page to read (None: it is an HTML page that was served)."""
    if record.rec_type != "response" or record.http_headers is None:
        return f"WARC {record.rec_type} record"
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_TYPES):
        return "non-HTML WARC response"
    if not (record.http_headers.get_statuscode() or "").startswith("2"):
        return "WARC response with an HTTP error or redirect status"
    return None


def _page(record: ArcWarcRecord, source: str) -> Page | InputError:
    content = record.content_stream().read(MAX_PAGE_BYTES + 1)
    problem = size_problem(source, len(content), what="page")
    if problem:
        return problem
    return Page(
        source=source,
        content=content,
        url=(record.rec_headers.get_header("WARC-Target-URI") or "").strip("<>") or None,  # WARC 1.0 drafts: <uri>
        crawled=record.rec_headers.get_header("WARC-Date"),  # when it was fetched: never the publication date
        kind="html",
    )


def _unread_bytes(record: ArcWarcRecord) -> int:
    """Bytes the record's header promised that the file does not have (0 for a whole record)."""
    while record.raw_stream.read(65536):
        pass
    return getattr(record.raw_stream, "limit", 0)
