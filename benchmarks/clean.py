"""Cleaning throughput on one core: flattened page text and HTML, beside trafilatura alone.

Flattened text: the five sample pages of ``examples/`` repeated. HTML: the pages of the
HTML evaluation set (``evaluation/html_pages/make_pages.py`` writes them to
``out/html_eval/pages``). Every page goes through the real dispatcher
``thoisu.clean.clean`` (decoding, cleaning, metadata, language check); trafilatura runs
``extract(html)`` as users call it, and ``bare_extraction(html, with_metadata=True)`` for
body plus metadata, on the same HTML. One process, one thread; each measure is the best
of ``--rounds`` rounds after a warm-up page, timed in CPU time of this process
(``time.process_time``) so that other jobs on a shared machine do not count against it.

    python evaluation/html_pages/make_pages.py
    python benchmarks/clean.py [--html-dir out/html_eval/pages] [--repeat 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import trafilatura
from timing import best_seconds, pin_one_core

from thoisu.clean import clean
from thoisu.read.page import Page

ROOT = Path(__file__).resolve().parents[1]
FLAT_TARGET = 200.0  # pages per second, issue 2


def pages_per_second(work: Callable[[object], object], items: list, rounds: int) -> float:
    """Best throughput over ``rounds`` passes of ``work`` over ``items``, in pages per CPU second."""
    return len(items) / best_seconds(work, items, rounds)[1]


def main() -> None:
    """Measure and print pages/second and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html-dir", type=Path, default=ROOT / "out" / "html_eval" / "pages")
    parser.add_argument("--repeat", type=int, default=100, help="how many times the five text samples are repeated")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pin_one_core()
    flat = [(path.name, path.read_bytes()) for path in sorted((ROOT / "examples").glob("*.txt"))] * args.repeat
    html_paths = sorted(args.html_dir.glob("*.html"))
    if not html_paths:
        sys.exit(f"no HTML pages in {args.html_dir}: run evaluation/html_pages/make_pages.py first")
    html = [(path.name, path.read_text(encoding="utf-8")) for path in html_paths]

    flat_rate = pages_per_second(lambda item: clean(Page(source=item[0], content=item[1], kind="text")), flat, args.rounds)
    ours = pages_per_second(lambda item: clean(Page(source=item[0], content=item[1], kind="html")), html, args.rounds)
    plain = pages_per_second(lambda item: trafilatura.extract(item[1]), html, args.rounds)
    with_metadata = pages_per_second(
        lambda item: trafilatura.bare_extraction(item[1], with_metadata=True), html, args.rounds
    )

    print(f"one core, CPU time, best of {args.rounds} rounds")
    print(f"flattened text  thoisu.clean                      {flat_rate:8.1f} pages/s  ({len(flat)} pages; target >= {FLAT_TARGET:.0f})")
    print(f"HTML            thoisu.clean                      {ours:8.1f} pages/s  ({len(html)} pages)")
    print(f"HTML            trafilatura.extract               {plain:8.1f} pages/s")
    print(f"HTML            trafilatura.bare_extraction+meta  {with_metadata:8.1f} pages/s")
    print(f"ratio thoisu / trafilatura.extract:      {ours / plain:.2f}")
    print(f"ratio thoisu / trafilatura with metadata: {ours / with_metadata:.2f}")
    print(f"flattened text target met: {'yes' if flat_rate >= FLAT_TARGET else 'no'}")


if __name__ == "__main__":
    main()
