"""Collecting pages: feeds and URL lists fetched politely into WARC files that `thoisu analyze` reads."""

from thoisu.collect.collector import CollectReport, collect
from thoisu.collect.feeds import Feed, bundled_feeds, read_feed_list, read_url_list
from thoisu.collect.politeness import Politeness

__all__ = ["CollectReport", "Feed", "Politeness", "bundled_feeds", "collect", "read_feed_list", "read_url_list"]
