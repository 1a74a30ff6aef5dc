"""`thoisu spark` in Spark local mode gives the local pipeline's records; `thoisu load` stores them."""

from __future__ import annotations

import json
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from thoisu.batch import analyze_inputs
from thoisu.cli import app
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline
from thoisu.spark import read_documents
from thoisu.spark_cross_document import arrival_key
from thoisu.store import open_store

pytest.importorskip("pyspark")
pyarrow_dataset = pytest.importorskip("pyarrow.dataset")

EXAMPLES = Path(__file__).parent.parent / "examples"
PAGES = Path(__file__).parent / "fixtures" / "collect"


def _write_warc(path: Path) -> None:
    """Two HTML responses and a non-HTML one, as a crawler stores them."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body, kind in (
            ("https://tuoitre.vn/the-gioi/nato.htm", (PAGES / "article_nato.html").read_bytes(), "text/html"),
            ("https://thanhnien.vn/the-gioi/nga.htm", (PAGES / "article_second.html").read_bytes(), "text/html"),
            ("https://thanhnien.vn/logo.png", b"\x89PNG\r\n", "image/png"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """One Spark run (local[2]) over the examples folder, a WARC and a JSONL file with a bad line."""
    folder = tmp_path_factory.mktemp("spark")
    (folder / "crawls" / "2024").mkdir(parents=True)
    _write_warc(folder / "crawls" / "2024" / "crawl.warc.gz")  # a nested folder: read recursively
    page = (EXAMPLES / "002_9130780adcf611a9.txt").read_text(encoding="utf-8")
    (folder / "pages.jsonl").write_text(
        json.dumps({"text": page, "url": "https://vnexpress.net/a-1.html", "published": "2023-05-04"},
                   ensure_ascii=False) + "\n\n{broken\n", encoding="utf-8")
    inputs = [str(EXAMPLES.resolve()), str(folder / "crawls"), str(folder / "pages.jsonl")]
    output = folder / "out"
    result = CliRunner().invoke(app, ["spark", *inputs, "--output", str(output), "--master", "local[2]"])
    assert result.exit_code == 0, result.output
    skipped = Counter()
    local = list(analyze_inputs(inputs, Pipeline.default(), skipped))
    return output, local, skipped, result.output


def test_spark_documents_are_the_local_pipeline_documents(job):
    output, local, _, _ = job
    expected = sorted((d.to_dict() for d in local if not isinstance(d, InputError)), key=lambda d: d["id"])
    assert len(expected) == 8
    assert sorted((d.to_dict() for d in read_documents(output)), key=lambda d: d["id"]) == expected


def test_annotation_tables_and_months(job):
    output, local, _, _ = job
    docs = [d for d in local if not isinstance(d, InputError)]
    for table in ("events", "quotes", "entities"):
        expected = sum(len(getattr(d, table)) for d in docs)
        if not expected:
            continue  # Spark writes no files for an empty table
        rows = pyarrow_dataset.dataset(output / table, format="parquet", partitioning="hive").to_table()
        assert rows.num_rows == expected
        assert set(rows.column("doc_id").to_pylist()) <= {d.id for d in docs}
    documents = pyarrow_dataset.dataset(output / "documents", format="parquet", partitioning="hive").to_table()
    months = dict(zip(documents.column("doc_id").to_pylist(), documents.column("month").to_pylist(), strict=True))
    assert months == {d.id: d.published[:7] if d.published else "unknown" for d in docs}
    assert "2023-05" in months.values() and "unknown" in months.values()


def test_bad_records_are_set_aside_with_their_reason(job):
    output, local, skipped, printed = job
    bad = [json.loads(line) for part in (output / "bad_records").glob("*.json") for line in part.open()]
    assert sorted((b["source"], b["reason"]) for b in bad) == sorted(
        (e.source, e.reason) for e in local if isinstance(e, InputError))
    assert any(b["source"].endswith("pages.jsonl:3") and "bad JSON" in b["reason"] for b in bad)
    assert "8 documents" in printed and "1 bad records" in printed
    assert skipped["non-HTML WARC response"] == 1 and "left out 1 × non-HTML WARC response" in printed


def test_load_stores_the_spark_documents(job, tmp_path):
    output, _, _, _ = job
    db = tmp_path / "t.db"
    result = CliRunner().invoke(app, ["load", str(output), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Loaded 8 documents" in result.output and "8 added" in result.output
    with open_store(db) as store:
        assert store.count() == 8
    keys = [arrival_key(doc.published, doc.id) for doc in read_documents(output)]
    assert keys == sorted(keys)  # stored in arrival order, the order `spark-cross` assumes


def _add_document(output: Path, folder: Path, page: dict[str, str]) -> str:
    """Analyze one JSONL page locally and add its row to the output's documents table; returns its id."""
    import pyarrow
    import pyarrow.parquet

    from thoisu.read import read_inputs
    from thoisu.spark import document_rows, table_schemas

    path = folder / f"{len(list(folder.glob('*.jsonl')))}.jsonl"
    path.write_text(json.dumps(page, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = [Pipeline.default().analyze(p) for p in read_inputs([str(path)])]
    ((_, row),) = [r for r in document_rows(doc) if r[0] == "documents"]
    names = table_schemas()["documents"].fieldNames()
    values = dict(zip(names, row, strict=True))
    partition = output / "documents" / f"month={values['month']}"
    partition.mkdir(exist_ok=True)
    pyarrow.parquet.write_table(pyarrow.table({name: [values[name]] for name in names if name != "month"}),
                                partition / f"{doc.id}.parquet")
    return doc.id


def _add_syndicated_copies(output: Path, folder: Path) -> tuple[str, str]:
    """Example 001 as another outlet reprints it (an outlet prefix, one paragraph edited), and a reprint of that."""
    page = (EXAMPLES / "001_1f9865336d579bec.txt").read_text(encoding="utf-8")
    edited = "(Báo Thanh Niên) " + page.replace("Hai bên đã thảo luận", "Theo nguồn tin riêng, hai bên đã bàn", 1)
    again = edited.replace("Phía Kiev lưu ý rằng", "Phía Kiev cũng nhấn mạnh rằng", 1)
    assert page not in edited and edited != again
    first = _add_document(output, folder, {"text": edited, "url": "https://thanhnien.vn/jatec.htm",
                                           "published": "2024-11-20"})
    second = _add_document(output, folder, {"text": again, "url": "https://baomoi.com/jatec.htm",
                                            "published": "2024-11-21"})
    return first, second


def test_cross_document_stories_and_merged_events_are_the_stores(job, tmp_path):
    import shutil

    from thoisu.spark_cross_document import arrival_key

    output = tmp_path / "out"
    shutil.copytree(job[0], output)
    copy_id, reprint_id = _add_syndicated_copies(output, tmp_path)
    result = CliRunner().invoke(app, ["spark-cross", str(output), "--master", "local[2]"])
    assert result.exit_code == 0, result.output
    docs = sorted(read_documents(output), key=lambda d: arrival_key(d.published, d.id))
    assert len(docs) == 10
    with open_store(tmp_path / "t.db") as store:
        for doc in docs:  # the order the Spark steps assume documents arrived in
            store.put(doc)
        expected_stories = sorted(store.db.execute("SELECT doc_id, story_id, similarity FROM stories"))
        expected_merged = store.merged_events(limit=1000)
        (merged_reports,) = store.db.execute("SELECT count(*) FROM events WHERE merged_id IS NOT NULL").fetchone()

    def table(name):
        return pyarrow_dataset.dataset(output / name, format="parquet").to_table().to_pylist()

    stories = sorted((r["doc_id"], r["story_id"], r["similarity"]) for r in table("stories"))
    assert stories == [tuple(row) for row in expected_stories]
    story_of = {doc_id: story_id for doc_id, story_id, _ in stories}
    assert story_of[copy_id] != copy_id  # the syndicated copy joined the original's story
    assert story_of[reprint_id] == story_of[copy_id]  # the reprint is nearest the copy, and in the original's story

    def merged_key(row):
        return (row["type"], row["day"], row["source"], row["target"], row["NumMentions"], row["NumSources"],
                row["NumArticles"], tuple(sorted(set(row["documents"]))))

    merged = table("merged_events")
    assert sorted(map(merged_key, merged)) == sorted(map(merged_key, expected_merged))
    assert any(copy_id in row["documents"] and row["NumArticles"] == 3 and row["NumSources"] == 3 for row in merged)
    assert sum(len(row["events"]) for row in merged) == merged_reports
    assert all(event.split(":")[0] in row["documents"] for row in merged for event in row["events"])
