"""Seconds per article spent in cleaning and in each step of ``Pipeline.default()`` over VietNews pages.

Pages are built as benchmarks/events.py builds them (title + body, '_' turned back into spaces). One process
pinned to one CPU; each step is timed around its call (CPU time, steadier than wall time on a shared machine), so
the shares add up to the whole pipeline.

    /work/venv/bin/python benchmarks/profile_pipeline.py [--corpus ../shared/data/corpus/vietnews/articles_5k.jsonl.gz] [--limit 200]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timing import pin_one_core
from vietnews import CORPUS, load_pages

from thoisu.clean import clean
from thoisu.errors import InputError
from thoisu.pipeline import Pipeline
from thoisu.read.page import Page


def main() -> None:
    """Print seconds per article and share of the total for clean and each step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    pin_one_core()
    pages = load_pages(args.corpus, args.limit)
    pipeline = Pipeline.default()
    names = ["clean"] + [type(step).__name__ for step in pipeline.steps]
    seconds = dict.fromkeys(names, 0.0)
    articles = 0
    for text in pages:
        start = time.process_time()
        try:
            doc = clean(Page(source="<vietnews>", content=text))
        except InputError:
            seconds["clean"] += time.process_time() - start
            continue
        seconds["clean"] += time.process_time() - start
        articles += 1
        for name, step in zip(names[1:], pipeline.steps):
            start = time.process_time()
            doc = step(doc)
            seconds[name] += time.process_time() - start
    total = sum(seconds.values())
    print(f"{len(pages)} VietNews pages ({articles} articles annotated), one core")
    print(f"{'step':<14}{'ms/page':>10}{'share':>8}")
    for name in names:
        print(f"{name:<14}{1000 * seconds[name] / len(pages):>10.2f}{seconds[name] / total:>8.1%}")
    print(f"{'total':<14}{1000 * total / len(pages):>10.2f}{'':>8}  -> {len(pages) / total:.1f} pages/s")


if __name__ == "__main__":
    main()
