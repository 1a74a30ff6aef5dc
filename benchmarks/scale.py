"""Scaling out: the full pipeline on real articles in one process, in a local process pool, and on Spark local[N].

Reads the VietNews articles (word-segmented; '_' becomes a space), writes the first --limit of them as a JSONL
input ({"text", "url"}) to a temporary folder, and analyzes that same file three ways:

* 1 core:        thoisu.batch.analyze_inputs in this process (what `thoisu analyze` does);
* N workers:     thoisu.batch.analyze_inputs_parallel (what `thoisu analyze --workers N` does);
* Spark:         thoisu.spark.run_job on a local[N] SparkSession (what `thoisu spark --master local[N]` does),
                 writing its Parquet tables; the JVM start is timed apart from the job.

Each time includes loading the pipeline's resources (in every worker), as a user's run does; the load time of
one pipeline is printed too. Peak memory is each process's VmHWM (peak resident set, from /proc), sampled every
1 s over this process's descendants: per worker is the largest Python worker's. Results are checked equal:
the runs must give the same documents (their full JSON).

    /work/venv/bin/python benchmarks/scale.py [--limit 5000] [--workers 2 [4 8 …]] [--spark-threads 2] [--no-spark]
                                              [--corpus PATH]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from thoisu.batch import analyze_inputs, analyze_inputs_parallel
from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "vietnews" / "articles_5k.jsonl.gz"


@dataclass
class PeakMemory:
    """The peak resident set (VmHWM, bytes) of this process and of each descendant, by pid."""

    peaks: dict[int, tuple[str, int]] = field(default_factory=dict)  # pid -> (command name, bytes)

    def sample(self) -> None:
        """Read VmHWM of this process and of every process below it now."""
        for pid in [os.getpid(), *_descendants(os.getpid())]:
            status = _status(pid)
            if "VmHWM" in status:
                peak = int(status["VmHWM"].split()[0]) * 1024
                name = status.get("Name", "?")
                self.peaks[pid] = (name, max(peak, self.peaks.get(pid, (name, 0))[1]))

    def largest(self, kind: Callable[[str], bool], exclude: int | None = None) -> int:
        """The largest peak among processes whose name passes ``kind`` (leaving out pid ``exclude``)."""
        return max((peak for pid, (name, peak) in self.peaks.items() if kind(name) and pid != exclude), default=0)


@contextmanager
def sampled(memory: PeakMemory, every: float = 1.0) -> Iterator[None]:
    """Sample ``memory`` in a thread while the block runs."""
    done = threading.Event()

    def loop() -> None:
        while not done.wait(every):
            memory.sample()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        memory.sample()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _status(pid: int) -> dict[str, str]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in lines if ":\t" in line)


def write_input(corpus: Path, folder: Path, limit: int) -> Path:
    """The first ``limit`` corpus articles as a JSONL input file of page texts."""
    path = folder / "articles.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as articles, path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(articles):
            if number >= limit:
                break
            record = json.loads(line)
            text = f"{record['title']}\n\n{record['article']}".replace("_", " ")
            url = f"https://vietnews.example/{record['id']}.html"
            out.write(json.dumps({"text": text, "url": url}, ensure_ascii=False) + "\n")
    return path


def digests(results: Iterable[Document | InputError]) -> tuple[list[str], int]:
    """A digest of each analyzed document's full JSON (in order), and the number of inputs skipped."""
    docs, skipped = [], 0
    for result in results:
        if isinstance(result, InputError):
            skipped += 1
        else:
            docs.append(hashlib.sha1(json.dumps(result.to_dict(), sort_keys=True).encode()).hexdigest())
    return docs, skipped


def is_python(name: str) -> bool:
    return name.startswith("python")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=5000, help="articles to analyze (of 5,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[2], help="pool sizes to run (one run each)")
    parser.add_argument("--spark-threads", type=int, default=2, help="N of the Spark run's local[N] master")
    parser.add_argument("--no-spark", action="store_true", help="leave out the Spark run")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="articles_5k.jsonl.gz of VietNews")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="thoisu-scale-") as folder:
        source = write_input(args.corpus, Path(folder), args.limit)
        print(f"{args.limit} VietNews articles; {os.cpu_count()} CPUs visible; load average "
              f"{os.getloadavg()[0]:.1f} at the start")
        rows = []

        started = time.perf_counter()
        pipeline = Pipeline.default()
        load = time.perf_counter() - started
        print(f"pipeline load (one process): {load:.2f} s")
        serial_docs, skipped = digests(analyze_inputs([str(source)], pipeline))
        serial = time.perf_counter() - started
        serial_memory = PeakMemory()
        serial_memory.sample()  # no sampling thread here: it would take the GIL from the pipeline
        rows.append(("1 core", serial, serial_memory.largest(is_python)))

        for workers in args.workers:
            pool_memory = PeakMemory()
            started = time.perf_counter()
            with sampled(pool_memory):
                pool_docs, _ = digests(analyze_inputs_parallel([str(source)], workers))
            pool = time.perf_counter() - started
            rows.append((f"{workers} workers", pool, pool_memory.largest(is_python, exclude=os.getpid())))
            assert pool_docs == serial_docs, "the pool's documents differ from the serial run's"

        if not args.no_spark:
            from thoisu.spark import read_documents, run_job, spark_session

            spark_memory = PeakMemory()
            with sampled(spark_memory):
                started = time.perf_counter()
                spark = spark_session(f"local[{args.spark_threads}]", "thoisu-scale")
                spark.sparkContext.setLogLevel("ERROR")
                jvm_start = time.perf_counter() - started
                started = time.perf_counter()
                report = run_job(spark, [str(source)], str(Path(folder) / "out"))
                job = time.perf_counter() - started
                spark.stop()
            python_peak = spark_memory.largest(is_python, exclude=os.getpid())
            rows.append((f"Spark local[{args.spark_threads}]", job, python_peak))
            print(f"Spark: JVM start {jvm_start:.1f} s (not in the time below); JVM peak "
                  f"{spark_memory.largest(lambda name: name == 'java') / 2**20:.0f} MB; "
                  f"{report.rows['documents']} documents, {report.bad_records} bad records")
            spark_docs, _ = digests(read_documents(Path(folder) / "out"))
            assert sorted(spark_docs) == sorted(serial_docs), "Spark's documents differ from the serial run's"

    print(f"analyzed {len(serial_docs)}, skipped {skipped}; every run gave the same documents (full JSON compared)")
    print(f"{'run':<18}{'seconds':>10}{'articles/s':>12}{'vs 1 core':>11}{'peak RSS/worker':>17}")
    for name, seconds, peak in rows:
        print(f"{name:<18}{seconds:>10.1f}{len(serial_docs) / seconds:>12.1f}{serial / seconds:>10.2f}×"
              f"{peak / 2**20:>14.0f} MB")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
