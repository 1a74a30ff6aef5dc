"""Whole-pipeline throughput (clean -> events) on VietNews articles, one core; the event coder alone beside it.

Each article (title + body, '_' of the word-segmented corpus turned back into spaces) goes in as flattened page
text through ``Pipeline.default().analyze`` (cleaning, then every registered step, EventCoder last). No event
coder for Vietnamese exists to compare with (GDELT codes only after machine translation), so the figure is put
beside issue 5's target of 50 articles/s. One process pinned to one CPU; best of ``--rounds`` rounds, in wall time
and in CPU time (the steadier figure where other jobs share the CPU).

    /work/venv/bin/python benchmarks/events.py [--corpus ../shared/data/corpus/vietnews/articles_5k.jsonl.gz] [--limit 300]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import best_seconds, pin_one_core
from vietnews import CORPUS, load_pages

from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.events import EventCoder
from thoisu.pipeline import Pipeline, default_steps
from thoisu.read.page import Page

TARGET = 50.0  # articles per second, issue 5


def best_rate(run, items: list, rounds: int) -> tuple[float, float]:
    """Items per second of wall time and of CPU time, each the best of ``rounds``."""
    wall, cpu = best_seconds(run, items, rounds)
    return len(items) / wall, len(items) / cpu


def main() -> None:
    """Print articles/second for the pipeline and for the event coder alone."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pin_one_core()
    pages = load_pages(args.corpus, args.limit)
    pipeline = Pipeline.default()

    def analyze(text: str) -> None:
        try:
            pipeline.analyze(Page(source="<vietnews>", content=text))
        except InputError:
            pass

    coder = EventCoder()
    annotator = Pipeline(s for s in default_steps() if not isinstance(s, EventCoder))
    prepared = [annotator.annotate(Document(text=p)) for p in pages]
    steps = ", ".join(type(s).__name__ for s in pipeline.steps)
    whole = best_rate(analyze, pages, args.rounds)
    alone = best_rate(coder, prepared, args.rounds)
    print(f"{len(pages)} VietNews articles, one core, steps: clean, {steps}")
    for clock, rate, coder_rate in (("wall", whole[0], alone[0]), ("CPU", whole[1], alone[1])):
        print(f"whole pipeline (clean -> events), {clock:>4} time: {rate:8.1f} articles/s  "
              f"({rate / TARGET:.2f}x the target of {TARGET:.0f})")
        print(f"EventCoder alone,                 {clock:>4} time: {coder_rate:8.1f} articles/s")


if __name__ == "__main__":
    main()
