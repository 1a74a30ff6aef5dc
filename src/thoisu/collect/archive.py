"""The WARC file a collection run writes: a request and a response record for each page fetched."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from thoisu import __version__
from thoisu.collect.fetch import Fetched

# the body is stored de-chunked, so a Transfer-Encoding header would make readers de-chunk it again
_DROPPED_HEADERS = {"transfer-encoding"}


class WarcArchive:
    """A gzipped WARC file, created on the first record, that ``thoisu analyze`` reads like any other."""

    def __init__(self, path: Path, user_agent: str) -> None:
        self.path = path
        self.user_agent = user_agent
        self.records = 0
        self._writer: WARCWriter | None = None

    def add(self, fetched: Fetched) -> None:
        """Write the request and the response of a fetch that got an HTTP response."""
        if fetched.status is None or fetched.final_url is None:
            raise ValueError(f"{fetched.url}: no HTTP response to archive")
        writer = self._writer or self._open()
        url = fetched.final_url
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            url, "request", payload=BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", fetched.request_headers, is_http_request=True),
        )
        status_line = f"{fetched.status} {fetched.reason}".strip()
        headers = [(k, v) for k, v in fetched.headers if k.lower() not in _DROPPED_HEADERS]
        response = writer.create_warc_record(
            url, "response", payload=BytesIO(fetched.body),
            http_headers=StatusAndHeaders(status_line, headers, protocol=fetched.http_version),
        )
        request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(request)
        writer.write_record(response)
        self.records += 2

    def close(self) -> None:
        """Flush and close the file (nothing was created if nothing was added)."""
        if self._writer is not None:
            self._writer.out.close()
            self._writer = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.close()

    def _open(self) -> WARCWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = WARCWriter(self.path.open("xb"), gzip=True)
        info = {"software": f"thoisu/{__version__}", "http-header-user-agent": self.user_agent, "format": "WARC/1.1"}
        self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, info))
        return self._writer


def warc_name(now: datetime | None = None) -> str:
    """A new WARC file name for a run starting ``now``: thoisu-20260102T030405Z.warc.gz."""
    return f"thoisu-{(now or datetime.now(UTC)):%Y%m%dT%H%M%S%fZ}.warc.gz"
