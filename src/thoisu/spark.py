"""The Spark job: the per-document pipeline in mapPartitions over WARC, JSONL and text inputs, Parquet out.

Run it with ``thoisu spark INPUT… --output DIR`` (a local Spark), or on a cluster with spark-submit::

    spark-submit --master yarn $(python -c "import thoisu.spark as s; print(s.__file__)") \\
        s3a://bucket/crawl/*.warc.gz hdfs:///news/pages.jsonl --output s3a://bucket/thoisu-out

thoisu (``pip install thoisu[spark]``) must be installed in the executors' Python too (the same
virtualenv on every node, or one shipped with ``--archives``). Inputs are any path or glob Spark reads
(local, HDFS, S3 through Hadoop): ``.jsonl``/``.jsonl.gz`` files are read as lines (split across
tasks); anything else (WARC, HTML, text, directories of them) as whole files, each read with the same
reader as ``thoisu analyze`` (folders recursively: set
``spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive=true`` with spark-submit). Output, under DIR: ``documents``, ``entities``, ``events``, ``quotes``
(Parquet, partitioned by publication month ``month=YYYY-MM`` or ``month=unknown``; the ``document``
column of ``documents`` holds the full ``Document.to_dict()`` JSON) and ``bad_records`` (JSON lines:
source, reason). A bad record is counted and set aside, never fatal.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
import tempfile
import types
import typing
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from thoisu.document import Document, Entity, Event, Quote
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline
from thoisu.read import Page, read_inputs

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType
    from rich.console import Console

ANNOTATION_TABLES: dict[str, type] = {"entities": Entity, "events": Event, "quotes": Quote}
DOCUMENT_COLUMNS = ("doc_id", "month", "source", "url", "outlet", "title", "published", "language", "document")
UNKNOWN_MONTH = "unknown"
_MONTH = re.compile(r"\d{4}-\d{2}")
_LINE_INPUTS = (".jsonl", ".jsonl.gz")

Result = tuple[str, tuple[Any, ...]]  # (table name, row); tables: those above, "bad_records", "left_out"


@dataclass
class JobReport:
    """What a Spark run wrote."""

    output: str
    rows: Counter[str]  # rows per table
    bad_records: int
    left_out: Counter[str]  # WARC records that are not pages, by reason


def print_job_report(report: JobReport, console: Console) -> None:
    """Rows written per table, bad records set aside, WARC records left out."""
    tables = ", ".join(f"{report.rows[t]} {t}" for t in ("documents", *ANNOTATION_TABLES))
    console.print(f"Wrote {tables} under {report.output} · {report.bad_records} bad records in bad_records/")
    for reason, count in report.left_out.items():
        console.print(f"  [dim]left out {count} × {reason}[/]")


def run_job(spark: SparkSession, inputs: list[str], output: str) -> JobReport:
    """Analyze every page of ``inputs`` on ``spark`` and write the tables under ``output``."""
    from pyspark import StorageLevel
    from pyspark.sql import functions

    # one pass through Python: every result becomes a row of one wide table (a struct column per table),
    # cached by the JVM; each output table is then a JVM-side filter and select over it
    schema = result_schema()
    columns = schema.fieldNames()
    rows = _records(spark, inputs).mapPartitions(analyze_partition).map(lambda r: _wide_row(r, columns))
    results = spark.createDataFrame(rows, schema).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        for table in (*table_schemas(), "bad_records"):
            frame = results.where(results.table == table).select(f"{table}.*")
            if table == "bad_records":
                frame.coalesce(1).write.mode("overwrite").json(f"{output}/{table}")
            else:
                frame.write.mode("overwrite").partitionBy("month").parquet(f"{output}/{table}")
        totals = results.groupBy("table").count().collect()
        left = results.where(results.table == "left_out").groupBy("left_out.reason")
        left_out = Counter(dict(left.agg(functions.sum("left_out.count")).collect()))
    finally:
        results.unpersist()
    counts = Counter({table: n for table, n in totals if table != "left_out"})
    return JobReport(output, counts, counts.pop("bad_records", 0), left_out)


def analyze_partition(records: Iterable[tuple[str, str, Any]]) -> Iterator[Result]:
    """The rows of every table for one partition's input records; the pipeline is built once per Python worker."""
    pipeline = _pipeline()
    for kind, name, payload in records:
        left_out: Counter[str] = Counter()
        pages = _file_pages(name, payload, left_out) if kind == "file" else _line_pages(name, payload)
        for page in pages:
            if isinstance(page, InputError):
                yield "bad_records", (page.source, page.reason)
                continue
            try:
                doc = pipeline.analyze(page)
            except InputError as error:
                yield "bad_records", (error.source, error.reason)
                continue
            # one odd page must not fail a job of millions: the error is kept with its source instead
            except Exception as error:  # noqa: BLE001
                yield "bad_records", (page.source, f"pipeline failed: {type(error).__name__}: {error}")
                continue
            yield from document_rows(doc)
        for reason, count in left_out.items():
            yield "left_out", (reason, count)


def document_rows(doc: Document) -> Iterator[Result]:
    """The document's row and its annotations' rows, in table order (the columns of ``table_schemas``)."""
    month = publication_month(doc.published)
    data = doc.to_dict()
    yield "documents", (
        doc.id, month, doc.source, doc.url, doc.outlet, doc.title, doc.published, doc.language,
        json.dumps(data, ensure_ascii=False),
    )
    for table, kind in ANNOTATION_TABLES.items():
        columns = _columns(kind)
        for item in data[table]:
            yield table, (doc.id, month, *(_cell(item[name], scalar) for name, scalar in columns))


def result_schema() -> StructType:
    """The wide table of a job's results: the table name, then one struct column per table (one set per row)."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    def strings(*names: str) -> StructType:
        return StructType([StructField(name, StringType()) for name in names])

    tables = [StructField(table, schema) for table, schema in table_schemas().items()]
    left_out = StructType([StructField("reason", StringType()), StructField("count", LongType())])
    return StructType([
        StructField("table", StringType()), *tables,
        StructField("bad_records", strings("source", "reason")), StructField("left_out", left_out),
    ])


def publication_month(published: str | None) -> str:
    """``YYYY-MM`` of an ISO publication date, or "unknown"."""
    return published[:7] if published and _MONTH.match(published) else UNKNOWN_MONTH


def table_schemas() -> dict[str, StructType]:
    """The Spark schema of each Parquet table: documents, then one table per annotation kind."""
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    spark_types = {bool: BooleanType(), int: LongType(), float: DoubleType(), str: StringType()}
    schemas = {"documents": StructType([StructField(name, StringType()) for name in DOCUMENT_COLUMNS])}
    for table, kind in ANNOTATION_TABLES.items():
        fields = [StructField("doc_id", StringType()), StructField("month", StringType())]
        fields += [StructField(name, spark_types[scalar]) for name, scalar in _columns(kind)]
        schemas[table] = StructType(fields)
    return schemas


def read_documents(output: str | Path) -> Iterator[Document]:
    """The documents of a job's output folder (its ``documents`` Parquet) in arrival order, read with pyarrow.

    Arrival order (by publication, undated last) is the order `thoisu spark-cross` assumes the store received
    them in, so stories and merged events come out the same; one month is held in memory at a time.
    """
    import pyarrow.dataset

    from thoisu.spark_cross_document import arrival_key

    months = sorted((Path(output) / "documents").glob("month=*"), key=lambda p: (p.name == "month=unknown", p.name))
    for month in months:
        table = pyarrow.dataset.dataset(month, format="parquet").to_table(columns=["doc_id", "published", "document"])
        rows = sorted(zip(*(table.column(c).to_pylist() for c in ("doc_id", "published", "document")), strict=True),
                      key=lambda row: arrival_key(row[1], row[0]))
        for _, _, data in rows:
            yield Document.from_dict(json.loads(data))


def spark_session(master: str | None = None, app_name: str = "thoisu") -> SparkSession:
    """A SparkSession: on ``master`` when given (local[N] runs executors with this Python), else as submitted."""
    from pyspark.sql import SparkSession

    # folders are read recursively, as `thoisu analyze` reads them
    recursive = "spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive"
    builder = SparkSession.builder.appName(app_name).config(recursive, "true")
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # a SparkContext started from Python runs its Python workers with $PYSPARK_PYTHON, else "python3"
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # the pipeline's work is in Python: the local JVM needs a quick start (C1 JIT only halves it), not peak speed
        builder = builder.config("spark.ui.enabled", "false").config(
            "spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
    return builder.getOrCreate()


def main(argv: list[str] | None = None) -> None:
    """The spark-submit entry point: INPUT… --output DIR."""
    parser = argparse.ArgumentParser(prog="thoisu.spark", description=main.__doc__)
    parser.add_argument("inputs", nargs="+", help="WARC, JSONL, HTML or text paths/globs Spark can read")
    parser.add_argument("--output", required=True, help="folder for the Parquet tables and bad_records")
    args = parser.parse_args(argv)
    spark = spark_session()
    try:
        report = run_job(spark, args.inputs, args.output)
    finally:
        spark.stop()
    print(json.dumps(dataclasses.asdict(report)))


def _wide_row(result: Result, columns: list[str]) -> tuple[Any, ...]:
    """A result as a row of ``result_schema``: its table's name, its row in that table's column, None elsewhere."""
    table, row = result
    return tuple(table if column == "table" else row if column == table else None for column in columns)


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline.default()


def _records(spark: SparkSession, inputs: list[str]) -> RDD[tuple[str, str, Any]]:
    """(kind, name, payload) per input record: ("lines", path, [(line number, line)…]) or ("file", name, bytes)."""
    context = spark.sparkContext
    parts = []
    for name in inputs:
        if name.lower().endswith(_LINE_INPUTS):
            numbered = context.textFile(name).zipWithIndex().map(lambda pair: (pair[1] + 1, pair[0]))
            parts.append(numbered.mapPartitions(lambda lines, n=name: [("lines", _local_name(n), list(lines))]))
        else:
            parts.append(context.binaryFiles(name).map(lambda pair: ("file", _local_name(pair[0]), pair[1])))
    return context.union(parts)


def _file_pages(name: str, content: bytes, left_out: Counter[str]) -> Iterator[Page | InputError]:
    """The pages of one whole file, read by the same reader as a local run (from a spooled copy)."""
    with tempfile.TemporaryDirectory(prefix="thoisu-") as folder:
        spooled = Path(folder) / Path(urlsplit(name).path).name
        spooled.write_bytes(content)
        for page in read_inputs([str(spooled)], left_out):
            yield _renamed(page, str(spooled), name)


def _line_pages(name: str, lines: list[tuple[int, str]]) -> Iterator[Page | InputError]:
    """The pages of one partition of a JSONL input: its lines, read by the local JSONL reader, named by line number."""
    lines = [(number, line) for number, line in lines if line.strip()]
    if not lines:
        return
    with tempfile.TemporaryDirectory(prefix="thoisu-") as folder:
        spooled = Path(folder) / "part.jsonl"
        spooled.write_text("".join(line + "\n" for _, line in lines), encoding="utf-8")
        for page in read_inputs([str(spooled)]):
            line = page.source.removeprefix(f"{spooled}:")
            if line.isdigit():
                yield _renamed(page, page.source, f"{name}:{lines[int(line) - 1][0]}")
            else:  # an error about the whole spooled file
                yield _renamed(page, str(spooled), name)


def _renamed(page: Page | InputError, old: str, new: str) -> Page | InputError:
    """The page or error with its source's spooled-file prefix ``old`` replaced by the real name ``new``."""
    source = new + page.source[len(old):] if page.source.startswith(old) else page.source
    if isinstance(page, InputError):
        return InputError(source, page.reason)
    return dataclasses.replace(page, source=source)


def _local_name(uri: str) -> str:
    """A local file named as a local run names it (a plain path); other URIs (hdfs:, s3a:) as they are."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return parts.path
    return str(Path(uri)) if not parts.scheme else uri


@cache
def _columns(kind: type) -> tuple[tuple[str, type], ...]:
    """The fields of an annotation class with the scalar type of their column (str for JSON-encoded ones)."""
    hints = typing.get_type_hints(kind)
    return tuple((f.name, _scalar(hints[f.name])) for f in dataclasses.fields(kind))


def _scalar(hint: Any) -> type:
    """bool, int, float or str for a field of that type (or Optional of it); str (JSON) for anything nested."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        hint = inner[0] if len(inner) == 1 else None
    return hint if hint in (bool, int, float, str) else str


def _cell(value: Any, scalar: type) -> Any:
    """A table cell: scalars as their column type, nested values (spans, actors, lists) as JSON."""
    if value is None:
        return None
    if scalar is float:
        return float(value)
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False)


if __name__ == "__main__":
    main()
