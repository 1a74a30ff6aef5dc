"""Reading inputs: files, directories, stdin, JSONL and WARC, and a clear error for each bad one."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from thoisu.errors import InputError
from thoisu.read import Page, read_inputs
from thoisu.read.limits import MAX_PAGE_BYTES

FIXTURES = Path(__file__).parent / "fixtures" / "read"
PAGE_HTML = "<html><body><h1>Tin nóng</h1><p>Quân đội Nga và các nước EU đã tập trung lực lượng.</p></body></html>"


def read_all(*paths: str | Path, skipped: Counter[str] | None = None) -> list[Page | InputError]:
    return list(read_inputs([str(p) for p in paths], skipped))


def describe(items: list[Page | InputError]) -> list[str]:
    return [str(item) if isinstance(item, InputError) else f"page {item.source}" for item in items]


def write_warc(path: Path) -> list[str]:
    """A WARC with an HTML response, a PNG response, a request, a 404 page and a second HTML response."""
    ids = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)
            ids.append(record.rec_headers.get_header("WARC-Record-ID"))

        response("https://vnexpress.net/tin-1.html", "200 OK", "text/html; charset=utf-8", PAGE_HTML.encode())
        response("https://vnexpress.net/logo.png", "200 OK", "image/png", (FIXTURES / "image.png").read_bytes())
        request = writer.create_warc_record("https://vnexpress.net/tin-1.html", "request", payload=io.BytesIO(b"GET /"))
        writer.write_record(request)
        response("https://vnexpress.net/mat.html", "404 Not Found", "text/html", b"<p>Not found</p>")
        response("https://vnexpress.net/tin-2.html", "200 OK", "text/html", (PAGE_HTML * 20).encode())
    return ids


def test_single_files_get_their_kind_from_the_name(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "vni.html", tmp_path / "page.HTM")
    shutil.copy(FIXTURES / "tcvn3.txt", tmp_path / "page.txt")
    shutil.copy(FIXTURES / "tcvn3.txt", tmp_path / "page.dat")
    pages = read_all(tmp_path / "page.HTM", tmp_path / "page.txt", tmp_path / "page.dat")
    assert [(p.kind, p.source) for p in pages] == [
        ("html", str(tmp_path / "page.HTM")),
        ("text", str(tmp_path / "page.txt")),
        (None, str(tmp_path / "page.dat")),
    ]
    assert pages[1].content == (FIXTURES / "tcvn3.txt").read_bytes()


def test_bad_inputs_are_yielded_as_errors_and_the_run_goes_on(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<p>" + b"a" * MAX_PAGE_BYTES)
    items = read_all(FIXTURES / "empty.txt", tmp_path / "missing.html", huge, FIXTURES / "utf8_bom.html")
    assert describe(items) == [
        f"{FIXTURES / 'empty.txt'}: empty file",
        f"{tmp_path / 'missing.html'}: no such file or directory",
        f"{huge}: page too large (5.0 MB > 5 MB limit)",
        f"page {FIXTURES / 'utf8_bom.html'}",
    ]


def test_directories_are_read_recursively_in_order_without_hidden_entries() -> None:
    tree = FIXTURES / "tree"
    assert [p.source for p in read_all(tree)] == [str(tree / n) for n in ("a/c.txt", "a/d.htm", "b.html")]


def test_stdin_is_read_as_bytes() -> None:
    data = (FIXTURES / "tcvn3.txt").read_bytes()
    script = "from thoisu.read import read_inputs; p, = read_inputs(['-']); print(p.source, p.kind, len(p.content))"
    out = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, check=True)
    assert out.stdout.decode().split() == ["<stdin>", "None", str(len(data))]


def test_empty_stdin() -> None:
    script = "from thoisu.read import read_inputs; print(*read_inputs(['-']))"
    out = subprocess.run([sys.executable, "-c", script], input=b"", capture_output=True, check=True)
    assert out.stdout.decode().strip() == "<stdin>: empty input"


def test_jsonl_pages_and_bad_lines() -> None:
    path = FIXTURES / "pages.jsonl"
    items = read_all(path)
    assert describe(items) == [
        f"page {path}:1",
        f"{path}:2: bad JSON (Expecting ',' delimiter at column 22)",
        f"{path}:3: no 'html' or 'text' field with the page in it",
        f"page {path}:4",
    ]
    first, last = items[0], items[3]
    assert (first.kind, first.content, first.url, first.published) == (
        "html",
        "<p>Tin một</p>",
        "https://vnexpress.net/a-1.html",
        "2024-11-19",
    )
    assert (last.kind, last.content, last.url, last.published) == ("text", "Tin bốn", None, None)


def test_jsonl_page_of_vni_glyphs_read_as_latin_1_is_converted(tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"html": "<p>Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam</p>"}) + "\n", encoding="utf-8")
    (page,) = read_all(path)
    assert page.content == "<p>Cộng hòa xã hội chủ nghĩa Việt Nam</p>"


def test_gzipped_jsonl_and_its_truncated_copy(tmp_path: Path) -> None:
    lines = "".join(f'{{"text": "Tin số {i}", "url": "https://x.vn/{i}"}}\n' for i in range(300))
    data = gzip.compress(lines.encode("utf-8"))
    (tmp_path / "feed.jsonl.gz").write_bytes(data)
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    assert len(read_all(tmp_path / "feed.jsonl.gz")) == 300
    items = read_all(tmp_path / "cut.jsonl.gz")
    assert all(isinstance(i, Page) for i in items[:-1]) and items
    assert isinstance(items[-1], InputError)
    assert "truncated or corrupt" in items[-1].reason and str(tmp_path / "cut.jsonl.gz") == items[-1].source


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text('{"text": "' + "a" * MAX_PAGE_BYTES + '"}\n{"text": "ok"}\n', encoding="utf-8")
    assert [i.source if isinstance(i, Page) else i.reason for i in read_all(path)] == [
        "page too large (5.0 MB > 5 MB limit)",
        f"{path}:2",
    ]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    ids = write_warc(path)
    skipped: Counter[str] = Counter()
    pages = read_all(path, skipped=skipped)
    assert [p.source for p in pages] == [f"{path}#{ids[0]}", f"{path}#{ids[3]}"]
    assert [p.url for p in pages] == ["https://vnexpress.net/tin-1.html", "https://vnexpress.net/tin-2.html"]
    assert pages[0].content == PAGE_HTML.encode() and pages[0].kind == "html"
    assert pages[0].crawled and pages[0].published is None  # WARC-Date is when it was fetched, not published
    assert skipped == Counter(
        {
            "non-HTML WARC response": 1,
            "WARC request record": 1,
            "WARC response with an HTTP error or redirect status": 1,
        }
    )


def test_warc_target_uri_in_angle_brackets(tmp_path: Path) -> None:
    path = tmp_path / "old.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        body = io.BytesIO(PAGE_HTML.encode())
        record = writer.create_warc_record("<http://vnexpress.net/a.html>", "response", body, http_headers=http)
        writer.write_record(record)
    (page,) = read_all(path)
    assert page.url == "http://vnexpress.net/a.html"


@pytest.mark.parametrize(
    ("name", "cut_from_end"),
    [("crawl.warc.gz", 200), ("crawl.warc.gz", 700), ("crawl.warc", 30), ("crawl.warc", 900)],
)
def test_truncated_warc_keeps_the_good_records(tmp_path: Path, name: str, cut_from_end: int) -> None:
    whole = tmp_path / name
    ids = write_warc(whole)
    cut = tmp_path / f"cut-{name}"
    cut.write_bytes(whole.read_bytes()[:-cut_from_end])
    items = read_all(cut)
    assert [p.source for p in items[:-1]] == [f"{cut}#{ids[0]}"]  # the second page is in the lost part
    error = items[-1]
    assert isinstance(error, InputError) and error.source == str(cut)
    assert error.reason.startswith("truncated or corrupt WARC at offset ")


def test_warc_that_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n" * 10)
    (error,) = read_all(path)
    assert isinstance(error, InputError) and "truncated or corrupt WARC" in error.reason


def test_empty_warc_and_jsonl(tmp_path: Path) -> None:
    for name in ("a.warc.gz", "b.jsonl"):
        (tmp_path / name).write_bytes(b"")
    expected = [f"{tmp_path / 'a.warc.gz'}: empty file", f"{tmp_path / 'b.jsonl'}: empty file"]
    assert describe(read_all(tmp_path)) == expected
