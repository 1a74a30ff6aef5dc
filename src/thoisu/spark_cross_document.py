"""Cross-document steps as Spark jobs over a ``thoisu spark`` output: stories and merged events.

Both replay the store's rules as if the store had received the documents in *arrival order* (publication
day, undated last, then id), so ``thoisu load`` in that order gives the same stories and merged events:

* ``stories`` (doc_id, story_id, similarity): signatures are the store's MinHash (``store.stories.signature``),
  computed in ``mapPartitions``; candidate pairs are documents sharing an LSH band key (the bands of the
  store's ``MinHashLSH`` at its threshold), found by exploding band keys and grouping by them. Each document
  joins the story of its most similar earlier candidate when that reaches the threshold, as the store's
  ``StoryIndex.match`` does. Only those near-duplicate links (far fewer than the documents) go to the driver,
  which follows them to each story's first document in arrival order: a dict walk in one pass, no iterative
  Spark rounds; the other documents are stories of their own.
* ``merged_events`` (merged_id, type, source, target, day, NumMentions, NumSources, NumArticles, events,
  documents): reports are grouped by the store's ``EventRow.merge_key`` (type, source actors, target actors);
  within a group each report joins the merged event whose day is nearest and at most a day away (the oldest
  on a tie), else starts one, as the store's ``_merged_event`` does. ``events`` are the member events' ids
  ``doc_id:position``; ``merged_id`` is its first member's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from thoisu.document import Document
from thoisu.store.rows import event_rows

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

MERGE_DAYS = 1  # reports of one real event are at most this many days apart from its first report (as the store)

ArrivalKey = tuple[bool, str, str]


def arrival_key(published: str | None, doc_id: str) -> ArrivalKey:
    """The order the cross-document steps assume documents reached the store: by publication, undated last."""
    return (published is None, published or "", doc_id)


def run_cross_document(spark: SparkSession, output: str) -> dict[str, int]:
    """Write ``stories`` and ``merged_events`` (Parquet) under a job's ``output``; returns their row counts."""
    from pyspark.sql import functions

    frame = spark.read.parquet(f"{output}/documents").select("doc_id", "published", "document")
    linked = spark.createDataFrame(story_links(frame.rdd), "doc_id string, story_id string, similarity double")
    stories = frame.select("doc_id").join(linked, "doc_id", "left").select(
        "doc_id", functions.coalesce("story_id", "doc_id").alias("story_id"),
        functions.coalesce("similarity", functions.lit(1.0)).alias("similarity"))
    stories.write.mode("overwrite").parquet(f"{output}/stories")
    merged_schema = ("merged_id string, type string, source string, target string, day string,"
                     " NumMentions long, NumSources long, NumArticles long, events array<string>,"
                     " documents array<string>")
    merged = frame.rdd.mapPartitions(_reports).groupByKey().flatMap(lambda group: merge_reports(*group))
    spark.createDataFrame(merged, merged_schema).write.mode("overwrite").parquet(f"{output}/merged_events")
    return {table: spark.read.parquet(f"{output}/{table}").count() for table in ("stories", "merged_events")}


def story_links(documents: RDD[Any]) -> list[tuple[str, str, float]]:
    """(doc_id, story_id, similarity) of the documents that join an earlier one's story; the others found one."""
    from thoisu.store.stories import THRESHOLD

    bands = documents.mapPartitions(_signatures).flatMap(_band_keys).groupByKey()
    best = bands.flatMap(_earlier_candidates).reduceByKey(_more_similar)
    links = best.filter(lambda pair: pair[1][0] >= THRESHOLD).collect()
    story_of: dict[str, str] = {}
    rows = []
    for (doc_id, _), (similarity, other) in sorted(links, key=lambda link: link[0][1]):
        story_of[doc_id] = story_of.get(other, other)  # the other arrived earlier: its story is known by now
        rows.append((doc_id, story_of[doc_id], similarity))
    return rows


def merge_reports(key: tuple[str, str, str], reports: Iterable[tuple]) -> Iterator[tuple]:
    """The merged events of one merge key's reports (arrival key, doc_id, position, day, mentions, outlet)."""
    merged: list[dict[str, Any]] = []
    for _, doc_id, position, day, mentions, outlet in sorted(reports, key=lambda r: (r[0], r[2])):
        when = date.fromisoformat(day)
        distances = [(abs((when - m["day"]).days), i) for i, m in enumerate(merged)]
        near = [pair for pair in distances if pair[0] <= MERGE_DAYS]
        if near:
            target = merged[min(near)[1]]
        else:
            target = {"day": when, "events": [], "mentions": 0, "outlets": set(), "documents": set()}
            merged.append(target)
        target["events"].append(f"{doc_id}:{position}")
        target["mentions"] += mentions
        target["outlets"].add(outlet)
        target["documents"].add(doc_id)
    for m in merged:
        yield (m["events"][0], *key, m["day"].isoformat(), m["mentions"], len(m["outlets"]), len(m["documents"]),
               m["events"], sorted(m["documents"]))


def _signatures(rows: Iterable[Any]) -> Iterator[tuple[str, ArrivalKey, bytes]]:
    """(doc_id, arrival key, signature bytes) per document row: the store's MinHash of its text."""
    from thoisu.store.stories import signature, signature_bytes

    for doc_id, published, data in rows:
        text = json.loads(data)["text"]
        yield doc_id, arrival_key(published, doc_id), signature_bytes(signature(text))


def _band_keys(signed: tuple[str, ArrivalKey, bytes]) -> Iterator[tuple[tuple[int, bytes], tuple]]:
    """((band, band hash values), document) for each LSH band of the store's index at its threshold."""
    from thoisu.store.stories import band_keys

    for key in band_keys(signed[2]):
        yield key, signed


def _earlier_candidates(bucket: tuple[Any, Iterable[tuple]]) -> Iterator[tuple[tuple, tuple[float, str]]]:
    """((later doc_id, its arrival key), (similarity, earlier doc_id)) per pair of documents sharing a band key."""
    from thoisu.store.stories import signature_from_bytes, similarity

    members = sorted(bucket[1], key=lambda member: member[1])
    signatures = [signature_from_bytes(member[2]) for member in members]
    # a bucket's pairs grow with its square: a band shared by thousands of pages (boilerplate) would dominate
    for i, (later, arrival, _) in enumerate(members):
        for j in range(i):
            yield (later, arrival), (similarity(signatures[i], signatures[j]), members[j][0])


def _more_similar(a: tuple[float, str], b: tuple[float, str]) -> tuple[float, str]:
    """The more similar candidate, the smaller id on a tie (as ``StoryIndex.match``)."""
    return a if (a[0], b[1]) > (b[0], a[1]) else b


def _reports(rows: Iterable[Any]) -> Iterator[tuple[tuple[str, str, str], tuple]]:
    """(merge key, report) per mergeable event of each document row, its fields as the store's events table."""
    for doc_id, published, data in rows:
        doc = Document.from_dict(json.loads(data))
        arrival = arrival_key(published, doc_id)
        for event in event_rows(doc):
            key = event.merge_key()
            if key is not None:
                yield key, (arrival, doc_id, event.position, event.day, event.mentions, doc.outlet or doc_id)
