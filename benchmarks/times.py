"""Time-expression throughput on one core: thoisu's TimeTagger beside dateparser's ``search_dates``.

Texts: VietNews articles (``../shared/data/corpus/vietnews/articles_5k.jsonl.gz``, raw text with the
word-segmentation underscores removed, NFC), or the ``examples/`` pages when the corpus is not there.
thoisu runs the whole step (tone normalization, grammar, resolution against an anchor); dateparser runs
``search_dates(text, languages=['vi'], settings={'RELATIVE_BASE': anchor})`` as a user would, on the first
``--dateparser-articles`` of the same texts, one round. One process pinned to one CPU, CPU time of this
process (``time.process_time``), thoisu best of ``--rounds``.

    /work/venv/bin/python benchmarks/times.py [--articles 1000] [--dateparser-articles 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from timing import best_seconds, pin_one_core
from vietnews import CORPUS as VIETNEWS

from thoisu.document import Document
from thoisu.times import TimeTagger

ROOT = Path(__file__).resolve().parents[1]
TARGET = 100_000  # characters per second, issue 4
ANCHOR = "2018-06-15"


def load_texts(limit: int) -> tuple[list[str], str]:
    """Up to ``limit`` article texts and where they came from."""
    if VIETNEWS.is_file():
        texts = []
        with gzip.open(VIETNEWS, "rt", encoding="utf-8") as lines:
            for line in lines:
                texts.append(unicodedata.normalize("NFC", json.loads(line)["raw"].replace("_", " ")))
                if len(texts) == limit:
                    break
        return texts, str(VIETNEWS)
    pages = sorted((ROOT / "examples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in pages]
    return (texts * (limit // len(texts) + 1))[:limit], "examples/*.txt"


def chars_per_second(work: Callable[[str], object], texts: list[str], rounds: int) -> float:
    """Best throughput over ``rounds`` passes, in characters per CPU second."""
    return sum(map(len, texts)) / best_seconds(work, texts, rounds)[1]


def main() -> None:
    """Measure and print characters/second and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--dateparser-articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pin_one_core()
    texts, source = load_texts(args.articles)
    tagger = TimeTagger()

    def thoisu_step(text: str) -> object:
        return tagger(Document(text=text, published=ANCHOR))

    ours = chars_per_second(thoisu_step, texts, args.rounds)
    found = sum(len(thoisu_step(t).times) for t in texts)
    print(f"texts: {len(texts)} from {source}, {sum(map(len, texts)):,} characters; {found} time expressions found")
    print(f"thoisu TimeTagger      {ours:>12,.0f} chars/s   (target {TARGET:,}: {'met' if ours >= TARGET else 'NOT met'})")
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser not installed (pip install 'thoisu[compare]'): no comparison")
        return
    settings = {"RELATIVE_BASE": datetime.fromisoformat(ANCHOR)}
    sample = texts[: args.dateparser_articles]
    theirs = chars_per_second(lambda t: search_dates(t, languages=["vi"], settings=settings), sample, 1)
    print(f"dateparser search_dates {theirs:>11,.0f} chars/s   ({len(sample)} texts, 1 round)")
    print(f"ratio thoisu / dateparser: {ours / theirs:,.0f}x")


if __name__ == "__main__":
    main()
