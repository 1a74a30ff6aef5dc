"""Where the pages to collect come from: RSS/Atom feeds, the bundled list of outlets' feeds, URL lists."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from thoisu.errors import InputError, ResourceError

FEED_LIST_COLUMNS = ("outlet", "name", "section", "feed_url", "rss_page")


@dataclass(frozen=True)
class Feed:
    """An RSS or Atom feed, with the outlet it belongs to when known."""

    url: str
    outlet: str | None = None
    section: str | None = None


def bundled_feeds() -> list[Feed]:
    """The main Vietnamese outlets' feeds (data/collect/feeds.tsv)."""
    source = resources.files("thoisu") / "data" / "collect" / "feeds.tsv"
    try:
        return _parse_feed_list(source.read_text(encoding="utf-8"), "data/collect/feeds.tsv")
    except InputError as error:
        raise ResourceError(f"bundled feed list is malformed: {error}") from None


def read_feed_list(path: Path) -> list[Feed]:
    """The feeds of a TSV file laid out like data/collect/feeds.tsv (only the feed_url column is required)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the feed list: {exc}") from None
    return _parse_feed_list(text, str(path))


def read_url_list(path: Path) -> list[str]:
    """The page URLs of a text file, one a line; blank lines and lines starting with '#' are left out."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the URL list: {exc}") from None
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    for number, url in enumerate(urls, 1):
        if not url.startswith(("http://", "https://")):
            raise InputError(str(path), f"not an http(s) URL: {url!r} (URL {number})")
    return urls


def feed_links(content: bytes, feed_url: str) -> list[str]:
    """The article links of an RSS or Atom document, in feed order, made absolute against ``feed_url``."""
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        raise InputError(feed_url, f"not an RSS or Atom feed ({parsed.get('bozo_exception', 'unreadable')})")
    links = (entry.get("link") for entry in parsed.entries)
    return [urljoin(feed_url, link.strip()) for link in links if link and link.strip()]


def _parse_feed_list(text: str, source: str) -> list[Feed]:
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    if "feed_url" not in (rows.fieldnames or []):
        raise InputError(source, f"no header line with a feed_url column (columns: {', '.join(FEED_LIST_COLUMNS)})")
    feeds = []
    for row in rows:
        url = (row.get("feed_url") or "").strip()
        if not url.startswith(("http://", "https://")):
            raise InputError(source, f"feed_url is not an http(s) URL: {url!r}")
        feeds.append(Feed(url, row.get("outlet") or None, row.get("section") or None))
    return feeds


def sources_from(arguments: list[str]) -> tuple[list[Feed], list[str]]:
    """Feeds and page URLs from command-line arguments; no arguments: the bundled feeds.

    An http(s) URL is a feed; a ``.tsv`` file is a feed list; any other file is a list of page URLs.
    """
    if not arguments:
        return bundled_feeds(), []
    feeds: list[Feed] = []
    urls: list[str] = []
    for argument in arguments:
        if argument.startswith(("http://", "https://")):
            feeds.append(Feed(argument))
        elif argument.lower().endswith(".tsv"):
            feeds.extend(read_feed_list(Path(argument)))
        else:
            urls.extend(read_url_list(Path(argument)))
    return feeds, urls
