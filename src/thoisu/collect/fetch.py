"""Polite HTTP fetching: robots.txt asked first, hosts paced, transient failures retried with backoff."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from thoisu.collect.politeness import HostGate, Politeness
from thoisu.collect.robots import robots_rules
from thoisu.read.limits import MAX_PAGE_BYTES

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After is treated as "fail now, try on a later run"


@dataclass
class Fetched:
    """What one fetch came to: the final HTTP response (raw body, as sent), or why there is none."""

    url: str  # the URL asked for
    final_url: str | None = None  # after redirects
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""  # as sent: still content-encoded (gzip…); the WARC reader decodes it
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None  # set when there is no usable response: timed out, 5xx after retries, too large…
    disallowed: bool = False  # robots.txt forbids it; nothing was requested

    def header(self, name: str) -> str | None:
        """The value of a response header (case-insensitive), or None."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def content(self) -> bytes:
        """The body with its content-encoding (gzip, deflate, br) undone."""
        return httpx.Response(self.status or 200, headers=self.headers, content=self.body).content


class Fetcher:
    """Fetches URLs with one shared client, keeping to a Politeness; robots.txt is read once per host per run."""

    def __init__(self, client: httpx.AsyncClient, politeness: Politeness) -> None:
        self.client = client
        self.politeness = politeness
        self.gate = HostGate(politeness.per_host)
        self._robots: dict[str, asyncio.Task[RobotFileParser | None]] = {}

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` if robots.txt allows it; conditional when ``etag`` or ``last_modified`` is given."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = await self._rules(origin)
        if rules is None:  # RFC 9309: an unreachable robots.txt disallows everything, for now
            return Fetched(url, error="robots.txt could not be read (5xx or no answer); try again later")
        agent = self.politeness.user_agent
        if not rules.can_fetch(agent, url):
            return Fetched(url, disallowed=True, error="disallowed by robots.txt")
        delay = max(self.politeness.delay, float(rules.crawl_delay(agent) or 0))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._get(url, headers, parts.netloc, delay)

    async def _rules(self, origin: str) -> RobotFileParser | None:
        """The host's robots.txt rules; None when robots.txt could not be read."""
        # one task per origin: pages of a host that start together wait for the same robots.txt request
        if origin not in self._robots:
            self._robots[origin] = asyncio.ensure_future(self._read_robots(origin))
        return await self._robots[origin]

    async def _read_robots(self, origin: str) -> RobotFileParser | None:
        fetched = await self._get(f"{origin}/robots.txt", {}, urlsplit(origin).netloc, self.politeness.delay)
        if fetched.status is None or fetched.status >= 500:
            return None
        return robots_rules(fetched.status, fetched.content().decode("utf-8", "replace"))

    async def _get(self, url: str, headers: dict[str, str], host: str, delay: float) -> Fetched:
        """GET with retries on timeouts, connection failures and RETRY_STATUSES."""
        error, wait = "not tried", 0.0
        for attempt in range(self.politeness.retries + 1):
            if attempt:
                await asyncio.sleep(max(wait, self.politeness.backoff * 2 ** (attempt - 1)))
            wait = 0.0
            async with self.gate.slot(host, delay):
                try:
                    fetched = await self._get_once(url, headers)
                except httpx.TimeoutException:
                    error = f"timed out after {self.politeness.timeout:g} s"
                    continue
                except httpx.TransportError as exc:
                    error = f"connection failed: {exc or type(exc).__name__}"
                    continue
            if fetched.status in RETRY_STATUSES:
                error = f"HTTP {fetched.status} {fetched.reason}".strip()
                wait = _retry_after(fetched.header("Retry-After"))
                if wait > MAX_RETRY_AFTER:
                    break
                continue
            return fetched
        tries = attempt + 1
        return Fetched(url, error=f"{error} ({tries} {'try' if tries == 1 else 'tries'})")

    async def _get_once(self, url: str, headers: dict[str, str]) -> Fetched:
        request = self.client.build_request("GET", url, headers=headers)
        response = await self.client.send(request, stream=True, follow_redirects=True)
        try:
            body = bytearray()
            async for chunk in response.aiter_raw():
                body += chunk
                if len(body) > MAX_PAGE_BYTES:
                    return Fetched(url, status=response.status_code, error="page too large (over 5 MB)")
        finally:
            await response.aclose()
        sent = response.request
        return Fetched(
            url,
            final_url=str(response.url),
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            headers=list(response.headers.multi_items()),
            body=bytes(body),
            request_headers=list(sent.headers.multi_items()),
        )


def _retry_after(value: str | None) -> float:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date); 0 when absent or unreadable."""
    if not value:
        return 0.0
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return 0.0

