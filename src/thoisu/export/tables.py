"""Flat tables for spreadsheets and dataframes: one row per document or per event, as CSV or Parquet.

Parquet needs pyarrow, the optional extra ``parquet`` (``pip install 'thoisu[parquet]'``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.store.rows import event_rows

DOCUMENT_COLUMNS = ["id", "url", "outlet", "title", "published", "authors", "agencies", "words", "entities",
                    "linked_entities", "times", "events", "quotes", "text"]
EVENT_COLUMNS = ["document_id", "event", "url", "outlet", "published", "day", "date_value", "type", "mode", "cameo",
                 "goldstein", "quad_class", "modality", "source", "source_code", "source_country", "target",
                 "target_code", "target_country", "trigger", "trigger_start", "trigger_end", "sentence", "mentions",
                 "confidence"]
TABLES = {"documents": DOCUMENT_COLUMNS, "events": EVENT_COLUMNS}


def document_records(docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    """One flat record per document: metadata, annotation counts and the clean text."""
    for doc in docs:
        yield {
            "id": doc.id, "url": doc.url, "outlet": doc.outlet, "title": doc.title, "published": doc.published,
            "authors": "; ".join(doc.authors), "agencies": "; ".join(doc.agencies), "words": len(doc.text.split()),
            "entities": len(doc.entities), "linked_entities": "; ".join(sorted({e.entity_id for e in doc.entities
                                                                                if e.entity_id})),
            "times": len(doc.times), "events": len(doc.events), "quotes": len(doc.quotes), "text": doc.text,
        }


def event_records(docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    """One flat record per event: who did what to whom and when, with the sentence it came from."""
    for doc in docs:
        for row in event_rows(doc):
            sides = {role: [a for a in row.actors if a.role == role] for role in ("source", "target")}
            yield {
                "document_id": doc.id, "event": row.position, "url": doc.url, "outlet": doc.outlet,
                "published": doc.published, "day": row.day, "date_value": row.date_value, "type": row.type,
                "mode": row.mode, "cameo": row.cameo, "goldstein": row.goldstein, "quad_class": row.quad_class,
                "modality": row.modality,
                **{f"{role}{suffix}": "; ".join(getattr(a, field) or "" for a in actors) or None
                   for role, actors in sides.items()
                   for suffix, field in (("", "text"), ("_code", "cameo"), ("_country", "country"))},
                "trigger": row.trigger, "trigger_start": row.trigger_start, "trigger_end": row.trigger_end,
                "sentence": doc.text[row.sentence_start : row.sentence_end], "mentions": row.mentions,
                "confidence": row.confidence,
            }


def records(table: str, docs: Iterable[Document]) -> Iterator[dict[str, Any]]:
    """The records of a table by name: "documents" or "events"."""
    if table not in TABLES:
        raise InputError("table", f"{table!r} is not one of {', '.join(TABLES)}")
    return document_records(docs) if table == "documents" else event_records(docs)


def write_csv(docs: Iterable[Document], stream: TextIO, table: str = "events") -> int:
    """Write a table as CSV with a header; return how many rows were written."""
    rows = records(table, docs)  # checks the table name
    writer = csv.DictWriter(stream, fieldnames=TABLES[table], lineterminator="\n")
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow(row)
        written += 1
    return written


def write_parquet(docs: Iterable[Document], path: Path, table: str = "events") -> int:
    """Write a table as a Parquet file; return how many rows were written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(str(path), "Parquet export needs pyarrow: pip install 'thoisu[parquet]'") from None
    rows = list(records(table, docs))
    columns = {name: [row[name] for row in rows] for name in TABLES[table]}
    pq.write_table(pa.table(columns), path)
    return len(rows)
