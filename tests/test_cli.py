"""The `thoisu` command end to end: real files in, a real SQLite file out."""

import gzip
import json
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from thoisu.cli import app
from thoisu.store import open_store
from thoisu.store.sqlite import MIGRATIONS

EXAMPLES = Path(__file__).parent.parent / "examples"
runner = CliRunner()


def test_analyze_examples_stores_and_summarizes(tmp_path):
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["analyze", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 5 (5 added" in result.output
    assert "skipped 0" in result.output
    with open_store(db) as store:
        assert store.count() == 5
        titles = {d.title for d in store.documents()}
    assert "Quân đội Nga và các nước EU thiết lập các kênh liên lạc trực tiếp" in titles

    again = runner.invoke(app, ["analyze", str(EXAMPLES), "--db", str(db)])
    assert "5 unchanged" in again.output
    with open_store(db) as store:
        assert store.count() == 5

    page = str(EXAMPLES / "000_4436bf889208a2e4.txt")
    twice = runner.invoke(app, ["analyze", page, page, "--db", str(tmp_path / "twice.db")])  # one batch, one id
    assert "stored 2 (1 added, 0 updated, 1 unchanged)" in twice.output, twice.output


def test_bad_inputs_are_named_and_the_run_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "000_4436bf889208a2e4.txt", inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (inputs / "english.txt").write_text(
        "The quick brown fox jumps over the lazy dog. " * 5 + "\n\nThis page is written in English only, "
        "about the weather and the markets, and has nothing Vietnamese in it at all.\n", encoding="utf-8")
    with gzip.open(inputs / "pages.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write("{not json\n")
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["analyze", str(inputs), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 1" in result.output
    for name in ("empty.txt", "image.html", "english.txt", "pages.jsonl.gz"):
        assert name in result.output
    with open_store(db) as store:
        assert store.count() == 1


def test_json_lines_and_show(tmp_path):
    page = EXAMPLES / "001_1f9865336d579bec.txt"
    result = runner.invoke(app, ["analyze", str(page), "--json"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["text"] and doc["source"] == str(page)

    db = tmp_path / "t.db"
    runner.invoke(app, ["analyze", str(page), "--db", str(db)])
    shown = runner.invoke(app, ["show", doc["id"][:8], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert doc["title"] in " ".join(shown.output.split())  # the console wraps long lines
    missing = runner.invoke(app, ["show", "ffffffff", "--db", str(db)])
    assert missing.exit_code == 1


def test_warc_archive_end_to_end(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (EXAMPLES / "004_64cba449c13e52c4.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in page.splitlines() if line.strip())
    html = f"<html><head><title>x</title></head><body><article>{paragraphs}</article></body></html>"
    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        url = "https://vnexpress.net/the-gioi/bo-truong-nga-1234.html"
        writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html.encode()),
                                                      http_headers=headers))
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["analyze", str(archive), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "stored 1 (1 added" in result.output
    assert "left out 1" in result.output
    with open_store(db) as store:
        (doc,) = store.documents()
    assert doc.url == url and doc.crawled  # the WARC date is when it was crawled …
    assert doc.published_source != "given"  # … never taken as the publication date
    assert "Belousov" in doc.text


def test_an_upgrade_of_an_old_database_is_announced_on_stderr(tmp_path):
    path = tmp_path / "v4.db"
    db = sqlite3.connect(path)
    db.executescript("; ".join(MIGRATIONS[:4]) + "; PRAGMA user_version = 4;")
    db.close()
    result = runner.invoke(app, ["search", "quan doi", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "upgrading the database from schema 4 to 5" in result.output
    assert "reindexing 0 documents" in result.output
    assert "upgrading" not in runner.invoke(app, ["search", "quan doi", "--db", str(path)]).output  # once
