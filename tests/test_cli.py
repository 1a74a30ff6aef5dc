"""The `thoisu` command end to end: real files in, a real SQLite file out."""

import gzip
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from thoisu.cli import app
from thoisu.store import open_store

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
