"""Best-of-rounds timing shared by the benchmarks."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence


def best_seconds(work: Callable[[object], object], items: Sequence, rounds: int) -> tuple[float, float]:
    """The shortest wall and CPU seconds of ``rounds`` passes of ``work`` over ``items``, after one warm-up call."""
    work(items[0])
    wall = cpu = float("inf")
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        for item in items:
            work(item)
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def pin_one_core() -> None:
    """Run this process on one CPU, as the targets are per core (where the system lets a process choose)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
