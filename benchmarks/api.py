"""REST API throughput and latency on loopback: /search and /analyze under concurrent clients.

Starts `thoisu serve` (uvicorn, one process) on a free 127.0.0.1 port over a store, then for each endpoint runs
--concurrency clients (httpx, asyncio) that send requests back to back until --requests are done or --seconds have
passed, whichever comes first, and stops the server. Reported per endpoint: requests done, errors, requests/s, p50
and p95 latency; beside it, the same work called in-process (store.search / thoisu.analyze in one thread, no HTTP)
and the ratio, i.e. what the HTTP layer costs. The store: --db PATH, or the example pages analyzed once and stored
--copies times under distinct URLs and dates (store size printed). Client and server share the machine's cores.

    /work/venv/bin/python benchmarks/api.py [--db thoisu.db] [--copies 200] [--concurrency 8] [--requests 400]
                                            [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

import thoisu
from thoisu.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
QUERIES = ["nga", "quan doi", "Triều Tiên", "hợp tác quân sự", "ukraine nato", "\"Bộ trưởng Quốc phòng\"",
           "dam phan", "Putin Kim Jong-un"]
ANALYZED_PAGE = "004_64cba449c13e52c4.txt"


@dataclasses.dataclass
class Load:
    """What one load run measured."""

    latencies: list[float]  # seconds, successful requests
    errors: int
    elapsed: float

    def line(self, name: str, baseline: float) -> str:
        rate = len(self.latencies) / self.elapsed
        p50, p95 = (statistics.quantiles(self.latencies, n=20)[i] * 1000 for i in (9, 18))
        return (f"{name:<9} {len(self.latencies):>6} {self.errors:>6} {rate:>9.1f} {p50:>8.1f} {p95:>8.1f}"
                f" {baseline:>12.1f} {rate / baseline:>7.2f}")


def build_store(path: Path, copies: int) -> None:
    """The analyzed example pages, stored ``copies`` times under distinct URLs and publication dates."""
    docs = [thoisu.analyze(p.read_text(encoding="utf-8"), url=f"https://example.vn/{p.stem}")
            for p in sorted(EXAMPLES.glob("*.txt"))]
    with open_store(path) as store:
        for copy in range(copies):
            day = (date(2022, 1, 3) + timedelta(days=7 * copy)).isoformat()
            for doc in docs:
                store.put(dataclasses.replace(doc, id="", url=f"{doc.url}/{copy}", published=day))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    """`thoisu serve` in a child process, returned once it answers."""
    command = [sys.executable, "-c", "from thoisu.cli import app; app()", "serve", "--db", str(db),
               "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not answer within 30 s")


async def run_load(send, concurrency: int, requests: int, seconds: float) -> Load:
    """``concurrency`` workers calling ``send(client, n)`` until ``requests`` are sent or ``seconds`` pass."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    start = time.perf_counter()
    deadline = start + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal issued, errors
        while issued < requests and time.perf_counter() < deadline:
            n = issued
            issued += 1
            began = time.perf_counter()
            try:
                response = await send(client, n)
                response.raise_for_status()
                latencies.append(time.perf_counter() - began)
            except httpx.HTTPError:
                errors += 1

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return Load(latencies, errors, time.perf_counter() - start)


def in_process_rate(call, count: int) -> float:
    """Calls per second of ``call(n)`` in this process, one thread."""
    start = time.perf_counter()
    for n in range(count):
        call(n)
    return count / (time.perf_counter() - start)


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="An existing store [default: built from examples/].")
    parser.add_argument("--copies", type=int, default=200, help="Copies of each example page in the built store.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="At most this many requests per endpoint.")
    parser.add_argument("--seconds", type=float, default=20, help="At most this long per endpoint.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "bench.db"
        if args.db is None:
            build_store(db, args.copies)
        with open_store(db) as store:
            size = store.count()
            page = (EXAMPLES / ANALYZED_PAGE).read_text(encoding="utf-8")
            thoisu.analyze(page)  # load the models before timing
            search_baseline = in_process_rate(lambda n: store.search(QUERIES[n % len(QUERIES)], limit=20), 200)
            analyze_baseline = in_process_rate(lambda n: thoisu.analyze(page), 20)
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            search = asyncio.run(run_load(
                lambda client, n: client.get(f"{base}/search", params={"q": QUERIES[n % len(QUERIES)]}),
                args.concurrency, args.requests, args.seconds))
            analyze = asyncio.run(run_load(
                lambda client, n: client.post(f"{base}/analyze", json={"page": page}),
                args.concurrency, args.requests, args.seconds))
        finally:
            server.terminate()
            server.wait(10)
        megabytes = os.path.getsize(db) / 1e6
    print(f"store: {size} documents, {megabytes:.1f} MB; {args.concurrency} concurrent clients on loopback;"
          f" {os.cpu_count()} CPUs shared by client and server")
    print(f"{'endpoint':<9} {'done':>6} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8}"
          f" {'in-process/s':>12} {'ratio':>7}")
    print(search.line("/search", search_baseline))
    print(analyze.line("/analyze", analyze_baseline))


if __name__ == "__main__":
    main()
