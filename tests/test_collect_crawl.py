"""`thoisu collect` against real web servers on 127.0.0.1: feeds, robots.txt, slow and failing hosts, reruns."""

from __future__ import annotations

import gzip
import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thoisu.batch import analyze_inputs
from thoisu.cli import app
from thoisu.collect import Feed, Politeness, collect
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline

FIXTURES = Path(__file__).parent / "fixtures" / "collect"
Reply = tuple[int, dict[str, str], bytes]
FAST = Politeness(delay=0.05, timeout=0.5, retries=1, backoff=0.05)


class Site:
    """A web server on a free loopback port; each path answered by a function of (request headers, times asked)."""

    def __init__(self, routes: dict[str, Callable[[dict[str, str], int], Reply]]) -> None:
        self.routes = routes
        self.requests: list[tuple[float, str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                site.requests.append((time.monotonic(), self.path, headers))
                route = site.routes.get(self.path.split("?")[0])
                asked = sum(1 for _, path, _ in site.requests if path == self.path)
                status, reply_headers, body = route(headers, asked) if route else (404, {}, b"not found")
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **reply_headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def asked(self, path: str) -> int:
        """How many times ``path`` (with its query) was requested."""
        return sum(1 for _, asked_path, _ in self.requests if asked_path == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _html(name: str) -> Reply:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, (FIXTURES / name).read_bytes()


def _gzipped_html(name: str) -> Reply:
    status, headers, body = _html(name)
    return status, {**headers, "Content-Encoding": "gzip"}, gzip.compress(body)


def _flaky(headers: dict[str, str], asked: int) -> Reply:
    return (500, {}, b"busy") if asked == 1 else _html("article_second.html")


def _slow(headers: dict[str, str], asked: int) -> Reply:
    time.sleep(1.5)
    return _html("article_nato.html")


@pytest.fixture
def sites() -> Iterator[tuple[Site, Site, Site]]:
    other = Site({"/flaky.html": _flaky})  # no robots.txt (404): everything allowed
    slow = Site({"/slow.html": _slow})
    main = Site({
        "/robots.txt": lambda h, n: (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
        "/news/nato.html": lambda h, n: _gzipped_html("article_nato.html"),
        "/news/second.html": lambda h, n: _html("article_second.html"),
        "/private/secret.html": lambda h, n: _html("article_nato.html"),
    })
    feed = (FIXTURES / "feed.rss").read_text(encoding="utf-8").format(base=main.base, other=other.base).encode()
    main.routes["/feed.rss"] = lambda h, n: (
        (304, {"ETag": '"v1"'}, b"") if h.get("if-none-match") == '"v1"'
        else (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, feed)
    )
    yield main, other, slow
    for site in (main, other, slow):
        site.close()


def test_feed_pages_are_fetched_politely_into_a_warc_that_analyze_reads(sites, tmp_path):
    main, other, slow = sites
    report = collect([Feed(f"{main.base}/feed.rss")], [f"{slow.base}/slow.html"], tmp_path, FAST)

    assert report.feeds_read == 1 and report.pages_found == 5
    assert report.fetched == 3  # nato, second, flaky (after one retry)
    assert report.disallowed == [f"{main.base}/private/secret.html"]
    assert main.asked("/private/secret.html") == 0
    assert [(e.source, "timed out" in e.reason) for e in report.failed] == [(f"{slow.base}/slow.html", True)]
    assert other.asked("/flaky.html") == 2
    assert all(h["user-agent"].startswith("thoisu/") and "+http" in h["user-agent"] for _, _, h in main.requests)

    skipped = Counter()
    docs = [d for d in analyze_inputs([str(report.warc)], Pipeline.default(), skipped) if not isinstance(d, InputError)]
    by_url = {d.url: d for d in docs}
    assert set(by_url) == {f"{main.base}/news/nato.html", f"{main.base}/news/second.html?utm_source=rss",
                           f"{other.base}/flaky.html"}
    nato = by_url[f"{main.base}/news/nato.html"]  # served gzipped: stored as sent, decoded by the reader
    assert nato.title.startswith("Ukraine sẽ gia nhập một tổ chức chung với NATO")
    assert "Bydgoszcz" in nato.text and "Trang chủ" not in nato.text
    assert nato.published.startswith("2024-11-19")
    assert skipped["WARC request record"] == 3


def test_second_run_asks_conditionally_and_fetches_nothing_twice(sites, tmp_path):
    main, _, _ = sites
    feeds, again = [Feed(f"{main.base}/feed.rss")], [f"{main.base}/news/nato.html#comments"]
    first = collect(feeds, [], tmp_path, FAST)
    second = collect(feeds, again, tmp_path, FAST)

    assert first.fetched == 3 and first.warc is not None
    assert second.feeds_unchanged == 1 and second.feeds_read == 0
    feed_requests = [h for _, path, h in main.requests if path == "/feed.rss"]
    assert [h.get("if-none-match") for h in feed_requests] == [None, '"v1"']
    assert second.already_fetched == 1 and second.fetched == 0 and second.warc is None
    assert main.asked("/news/nato.html") == 1
    assert len(list(tmp_path.glob("*.warc.gz"))) == 1


def test_requests_to_one_host_are_spaced_by_the_delay(sites, tmp_path):
    main, _, _ = sites
    urls = [f"{main.base}/news/nato.html", f"{main.base}/news/second.html", f"{main.base}/missing.html"]
    report = collect([], urls, tmp_path, Politeness(delay=0.3, concurrency=4, timeout=2, retries=0))
    assert report.fetched == 3  # the 404 is archived too, and never asked again
    starts = [at for at, _, _ in main.requests]
    assert len(starts) == 4  # robots.txt, then the three pages
    # the gate spaces the starts by 0.3 s; arrival at the server adds connection jitter on a loaded machine
    assert min(b - a for a, b in itertools.pairwise(starts)) >= 0.2


def test_cli_collect_reads_a_url_list_and_reports(sites, tmp_path):
    main, _, _ = sites
    url_list = tmp_path / "urls.txt"
    url_list.write_text(f"# pages\n{main.base}/news/second.html\n\n{main.base}/private/secret.html\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["collect", str(url_list), "--output", str(out), "--delay", "0",
                                      "--contact", "mailto:me@example.org"])
    assert result.exit_code == 0, result.output
    assert "1 fetched now, 1 disallowed by robots.txt" in result.output
    assert "thoisu analyze" in result.output
    assert all("mailto:me@example.org" in h["user-agent"] for _, _, h in main.requests)
    analyzed = CliRunner().invoke(app, ["analyze", str(out), "--db", str(tmp_path / "t.db")])
    assert "stored 1 (1 added" in analyzed.output and "skipped 0" in analyzed.output  # the state file is hidden

    bad = tmp_path / "bad.txt"
    bad.write_text("ftp://example.org/page\n")
    refused = CliRunner().invoke(app, ["collect", str(bad), "--output", str(out)])
    assert refused.exit_code == 2 and "not an http(s) URL" in " ".join(refused.output.split())


def test_a_host_whose_robots_txt_fails_is_not_crawled_this_run(tmp_path):
    down = Site({"/robots.txt": lambda h, n: (503, {}, b"down"), "/page.html": lambda h, n: _html("article_nato.html")})
    try:
        report = collect([], [f"{down.base}/page.html"], tmp_path, FAST)
    finally:
        down.close()
    assert down.asked("/page.html") == 0 and down.asked("/robots.txt") == 2  # one retry
    assert [e.reason for e in report.failed] == ["robots.txt could not be read (5xx or no answer); try again later"]
    assert report.fetched == 0 and report.warc is None


def test_bundled_feed_list_is_well_formed():
    from thoisu.collect import bundled_feeds

    feeds = bundled_feeds()
    assert len(feeds) >= 30
    assert {"vnexpress.net", "tuoitre.vn", "thanhnien.vn", "dantri.com.vn"} <= {f.outlet for f in feeds}
    assert all(f.url.startswith("https://") for f in feeds)
