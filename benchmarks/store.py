"""Store throughput and query latency on a VietNews archive of 50,000 analyzed documents.

The 5,000 real VietNews articles are analyzed once with thoisu's pipeline (cached with --cache), then replicated
with varied ids (URLs), outlets and dates (each copy shifted by a whole number of weeks, event dates too) up to
--docs. Measured:
  ingest     documents/s through store.put_stream (batches of --batch, a transaction each; search index, derived
             tables, merged events and stories included), on a new database for each --processes value
             (1: encoded and written by this process; 2: a writer process writes while this one encodes the next
             batch), with the CPU time each process spent per document (the machine may be shared: CPU time is the
             steadier figure); and through put() (a transaction per document) on a sample of updates
  search     median ms of a filtered full-text search (two words from a title, a 90-day window, an outlet),
             beside a LIKE scan of the same words over the text (what a plain SQLite table offers; it cannot
             ignore diacritics, so it is given the exact accented words)
  timeline   median ms of an actor-pair timeline (store.relations per month) over random country pairs
The queries run on the database of the first --processes value.
While the pipeline does not link event actors yet, events without actors get a source and target drawn from
twelve countries (--synthetic-actors, on by default, printed in the report) so the pair queries have data.

    /work/venv/bin/python benchmarks/store.py [--docs 50000] [--cache /tmp/vietnews_analyzed.jsonl]
        [--processes 2,1]   # ingest figures with a writer process, then on one process
        [--store postgresql://user@host:port/empty_database]   # the same on PostgreSQL (one --processes value)
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import random
import resource
import statistics
import tempfile
import time
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from thoisu.document import Actor, Document
from thoisu.store import DocumentStore, open_store
from thoisu.store.search import Filters

ROOT = Path(__file__).resolve().parents[1]
VIETNEWS = ROOT.parent / "shared" / "data" / "corpus" / "vietnews" / "articles_5k.jsonl.gz"
OUTLETS = ["vnexpress.net", "tuoitre.vn", "thanhnien.vn", "dantri.com.vn", "vietnamnet.vn", "nhandan.vn",
           "qdnd.vn", "baoquocte.vn", "tienphong.vn", "laodong.vn"]
COUNTRIES = ["RUS", "PRK", "USA", "CHN", "VNM", "JPN", "KOR", "UKR", "FRA", "GBR", "DEU", "IND"]
BASE_DAY = date(2022, 1, 3)


def analyzed(limit: int, cache: Path | None) -> list[Document]:
    """The VietNews articles analyzed by the pipeline (read from the cache when it exists)."""
    if cache and cache.exists():
        with cache.open(encoding="utf-8") as f:
            return [Document.from_dict(json.loads(line)) for line in f][:limit]
    import thoisu

    docs = []
    with gzip.open(VIETNEWS, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= limit:
                break
            row = json.loads(line)
            text = unicodedata.normalize("NFC", row["article"].replace("_", " "))
            doc = thoisu.annotate(text, published=(BASE_DAY + timedelta(days=n % 7)).isoformat())
            doc.title = unicodedata.normalize("NFC", row["title"].replace("_", " "))
            docs.append(doc)
    if cache:
        with cache.open("w", encoding="utf-8") as f:
            for doc in docs:
                f.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    return docs


def add_actors(docs: list[Document], rng: random.Random) -> int:
    """Give events without actors a source and a target country; return how many events got them."""
    added = 0
    for doc in docs:
        for event in doc.events:
            if not event.sources and not event.targets:
                source, target = rng.sample(COUNTRIES, 2)
                event.sources = [Actor(event.trigger.start, event.trigger.start, text=source, entity_id=source,
                                       cameo=source)]
                event.targets = [Actor(event.trigger.end, event.trigger.end, text=target, entity_id=target,
                                       cameo=target)]
                added += 1
    return added


def replicas(docs: list[Document], total: int) -> list[Document]:
    """``total`` documents: copies of ``docs`` with their own URL, an outlet, and dates shifted by whole weeks."""
    out = []
    for n in range(total):
        doc, copy, outlet = docs[n % len(docs)], n // len(docs), OUTLETS[n % len(OUTLETS)]
        shift = timedelta(weeks=copy * 9 + n % 13)
        events = [replace(e, date=replace(e.date, value=_shift(e.date.value, shift)) if e.date else None)
                  for e in doc.events]
        out.append(replace(doc, id="", url=f"https://{outlet}/{copy}/{n}.html", outlet=outlet,
                           published=_shift(doc.published, shift), events=events))
    return out


def _shift(value: str | None, by: timedelta) -> str | None:
    try:
        return (date.fromisoformat(value[:10]) + by).isoformat() if value and len(value) >= 10 else value
    except ValueError:
        return value


def median_ms(calls: list, repeat: int = 1) -> float:
    """Median wall time of the calls, in ms."""
    times = []
    for call in calls:
        start = time.perf_counter()
        for _ in range(repeat):
            call()
        times.append((time.perf_counter() - start) * 1000 / repeat)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--articles", type=int, default=5_000, help="real articles to analyze and replicate")
    parser.add_argument("--cache", type=Path, help="JSONL of analyzed articles: written once, then reused")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--processes", default="2,1", help="comma-separated: ingest with each (queries: the first)")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--no-synthetic-actors", dest="synthetic", action="store_false")
    parser.add_argument("--store", help="an empty PostgreSQL database URL [default: a new SQLite file in a temp dir]")
    args = parser.parse_args()
    rng = random.Random(7)

    start = time.perf_counter()
    base = analyzed(args.articles, args.cache)
    print(f"{len(base)} VietNews articles analyzed or loaded in {time.perf_counter() - start:.0f} s:"
          f" {sum(len(d.events) for d in base)} events,"
          f" {sum(bool(e.sources or e.targets) for d in base for e in d.events)} with actors from the pipeline")
    if args.synthetic:
        print(f"  synthetic country actors given to {add_actors(base, rng)} events without actors")
    docs = replicas(base, args.docs)
    # the 50,000 documents held in memory are the harness's, not the store's: kept out of the garbage collector's
    # full collections, which would otherwise rescan their millions of objects while the store works
    gc.collect()
    gc.freeze()

    processes = [int(p) for p in args.processes.split(",")]
    if args.store and len(processes) > 1:
        raise SystemExit("--store takes one --processes value: the database must be empty for each run")
    with tempfile.TemporaryDirectory() as tmp:
        for n in reversed(processes[1:]):  # figures only, on databases of their own
            with open_store(Path(tmp) / f"ingest-{n}.db") as other:
                print(ingest(other, docs, args.batch, n))
            Path(tmp, f"ingest-{n}.db").unlink()
        with open_store(args.store or Path(tmp) / "bench.db") as store:
            if store.count():
                raise SystemExit(f"{store.path} is not empty: give an empty database")
            print(ingest(store, docs, args.batch, processes[0]))
            query(store, base, docs, args, rng)


def ingest(store: DocumentStore, docs: list[Document], batch: int, processes: int) -> str:
    """Put the documents into the empty store; the ingest figures as a line."""
    cpu, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    outcomes = store.put_stream(docs, batch, processes)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    writer = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    added = sum(o == "added" for o in outcomes.values())
    assert added == len(docs) == store.count(), (added, len(docs), store.count())
    per_doc = f"CPU {cpu / len(docs) * 1000:.2f} ms/doc in this process" + (
        f" + {writer / len(docs) * 1000:.2f} ms/doc in the writer process" if processes > 1 else "")
    return (f"ingest, {processes} process{'es' if processes > 1 else ''}: {len(docs)} documents in {wall:.1f} s,"
            f" {len(docs) / wall:.0f} docs/s (batch {batch}); {per_doc}")


def query(store: DocumentStore, base: list[Document], docs: list[Document], args: argparse.Namespace,
          rng: random.Random) -> None:
    """Time updates through put(), the filtered search and the actor-pair timeline; print the figures."""
    sample = replicas(base, min(2000, len(docs)))
    for doc in sample:
        doc.published = _shift(doc.published, timedelta(days=1))  # changed: put() has work to do
    start = time.perf_counter()
    for doc in sample:
        store.put(doc)
    single = len(sample) / (time.perf_counter() - start)
    print(f"put(): {single:.0f} docs/s (one transaction each, {len(sample)} updates)")
    queries = []
    for doc in rng.sample(docs, args.queries):  # words of a stored title, a 90-day window around it, its outlet
        words = [w for w in (doc.title or "").split() if len(w) > 2][:2] or doc.text.split()[:2]
        since = date.fromisoformat(doc.published[:10]) - timedelta(days=rng.randrange(0, 90))
        queries.append((" ".join(words), Filters(since=since.isoformat(),
                                                 until=(since + timedelta(days=90)).isoformat(),
                                                 outlet=doc.outlet)))
    search_ms = median_ms([lambda q=q, f=f: store.search(q, f, limit=20) for q, f in queries])
    like_ms = median_ms([lambda q=q, f=f: store.db.execute(
        "SELECT id FROM documents WHERE text LIKE ? AND published >= ? AND published <= ? AND outlet = ? LIMIT 20",
        (f"%{q}%", f.since, f.until, f.outlet)).fetchall() for q, f in queries])
    found = sum(bool(store.search(q, f)) for q, f in queries)
    print(f"filtered search: median {search_ms:.1f} ms over {len(queries)} queries ({found} with hits);"
          f" LIKE scan {like_ms:.1f} ms ({like_ms / search_ms:.1f}x slower, and blind to missing diacritics)")
    pairs = [tuple(rng.sample(COUNTRIES, 2)) for _ in range(args.queries)]
    timeline_ms = median_ms([lambda a=a, b=b: store.relations(a, b, "month") for a, b in pairs])
    rows = store.relations(*pairs[0], "month")
    print(f"actor-pair timeline: median {timeline_ms:.1f} ms over {len(pairs)} pairs"
          f" ({pairs[0][0]}-{pairs[0][1]}: {len(rows)} months, {sum(r['reports'] for r in rows)} reports,"
          f" {sum(r['events'] for r in rows)} merged events)")
    size = Path(store.path).stat().st_size / 1e6 if not args.store else store.db.execute(
        "SELECT pg_database_size(current_database())").fetchone()[0] / 1e6
    print(f"{type(store).__name__}; targets: ingest >= 1000 docs/s, search <= 50 ms, timeline <= 100 ms;"
          f" database {size:.0f} MB")


if __name__ == "__main__":
    main()
