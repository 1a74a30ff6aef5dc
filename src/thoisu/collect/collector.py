"""A collection run: feeds read, new article pages fetched politely into a WARC file, the state kept."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from thoisu.collect.archive import WarcArchive, warc_name
from thoisu.collect.feeds import Feed, feed_links
from thoisu.collect.fetch import Fetched, Fetcher
from thoisu.collect.politeness import Politeness
from thoisu.collect.state import CollectState
from thoisu.document import canonical_url
from thoisu.errors import InputError


@dataclass
class CollectReport:
    """What a collection run did."""

    warc: Path | None = None  # the WARC file written (None: nothing new was fetched)
    feeds_read: int = 0
    feeds_unchanged: int = 0  # answered 304 Not Modified to the conditional request
    pages_found: int = 0  # distinct page URLs from the feeds and lists
    already_fetched: int = 0  # fetched by an earlier run: not asked for again
    fetched: int = 0  # responses archived (any final status)
    disallowed: list[str] = field(default_factory=list)  # robots.txt said no
    failed: list[InputError] = field(default_factory=list)  # feeds and pages with no usable response


def collect(
    feeds: list[Feed], urls: list[str], output: Path, politeness: Politeness | None = None,
    max_pages: int | None = None,
) -> CollectReport:
    """Read ``feeds`` and fetch the new pages they link to, and the new ``urls``, into a WARC file in ``output``."""
    return asyncio.run(_collect(feeds, urls, output, politeness or Politeness(), max_pages))


async def _collect(
    feeds: list[Feed], urls: list[str], output: Path, politeness: Politeness, max_pages: int | None
) -> CollectReport:
    report = CollectReport()
    timeout = httpx.Timeout(politeness.timeout)
    limits = httpx.Limits(max_connections=politeness.concurrency)
    headers = {"User-Agent": politeness.user_agent}
    with CollectState(output) as state, WarcArchive(output / warc_name(), politeness.user_agent) as archive:
        async with httpx.AsyncClient(timeout=timeout, limits=limits, headers=headers) as client:
            fetcher = Fetcher(client, politeness)
            found = await asyncio.gather(*(_read_feed(fetcher, state, feed, report) for feed in feeds))
            pages = _new_pages([*(link for links in found for link in links), *urls], state, report)
            if max_pages is not None:
                pages = pages[:max_pages]
            slots = asyncio.Semaphore(politeness.concurrency)

            async def fetch_page(url: str) -> None:
                async with slots:
                    fetched = await fetcher.fetch(url)
                _keep_page(fetched, archive, state, report)

            await asyncio.gather(*(fetch_page(url) for url in pages))
        report.warc = archive.path if archive.records else None
    return report


async def _read_feed(fetcher: Fetcher, state: CollectState, feed: Feed, report: CollectReport) -> list[str]:
    """The links of a feed that changed since the last run (conditional request); [] when unchanged or failed."""
    fetched = await fetcher.fetch(feed.url, *state.validators(feed.url))
    if fetched.status == 304:
        report.feeds_unchanged += 1
        return []
    if fetched.error or fetched.status is None or not 200 <= fetched.status < 300:
        report.failed.append(InputError(feed.url, fetched.error or f"feed answered HTTP {fetched.status}"))
        return []
    try:
        links = feed_links(fetched.content(), feed.url)
    except InputError as error:
        report.failed.append(error)
        return []
    report.feeds_read += 1
    state.remember_validators(feed.url, fetched.header("ETag"), fetched.header("Last-Modified"))
    return links


def _new_pages(urls: list[str], state: CollectState, report: CollectReport) -> list[str]:
    """``urls`` without repeats (by canonical URL) and without pages fetched in earlier runs."""
    first: dict[str, str] = {}
    for url in urls:
        first.setdefault(canonical_url(url), url)
    unique = list(first.values())
    report.pages_found = len(unique)
    new = [url for url in unique if not state.fetched(url)]
    report.already_fetched = len(unique) - len(new)
    return new


def _keep_page(fetched: Fetched, archive: WarcArchive, state: CollectState, report: CollectReport) -> None:
    """Archive a page's response and remember it; report the pages that got none."""
    if fetched.disallowed:
        report.disallowed.append(fetched.url)
    elif fetched.error or fetched.status is None:
        report.failed.append(InputError(fetched.url, fetched.error or "no response"))
    else:
        archive.add(fetched)
        state.record_page(fetched.url, fetched.status, archive.path.name)
        report.fetched += 1

