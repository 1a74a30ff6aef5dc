"""Word segmentation speed: thoisu's WordSegmenter vs underthesea's word_tokenize, syllables per second.

Both segment the same raw sentences (UD Vietnamese-VTB dev and test by default) in one
process on one core; models are loaded and warmed up before timing.

    python benchmarks/words.py [--data ../shared/data/segmentation/ud_vtb] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluation"))
from compare_words import DEFAULT_DATA, part_path, read_conllu, thoisu_segment, underthesea_segment  # noqa: E402


def syllables_per_second(segment: Callable[[str], list[str]], texts: list[str], rounds: int) -> float:
    """Best throughput over ``rounds`` passes of ``segment`` over ``texts``."""
    syllables = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            segment(text)
        best = min(best, time.perf_counter() - started)
    return syllables / best


def main() -> None:
    """Print syllables/second of both segmenters and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--parts", nargs="+", default=["dev", "test"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    texts = [s.text for part in args.parts for s in read_conllu(part_path(args.data, part))]
    speeds = {}
    for name, segment in (("thoisu", thoisu_segment()), ("underthesea", underthesea_segment())):
        segment(texts[0])
        speeds[name] = syllables_per_second(segment, texts, args.rounds)
        print(f"{name:<12} {speeds[name]:>10,.0f} syllables/s")
    print(f"thoisu / underthesea: {speeds['thoisu'] / speeds['underthesea']:.2f}x")


if __name__ == "__main__":
    main()
