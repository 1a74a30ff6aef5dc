"""Word segmentation speed: thoisu's WordSegmenter vs underthesea's word_tokenize, syllables per second.

Both segment the same raw sentences (UD Vietnamese-VTB dev and test by default) in one
process on one core; models are loaded before timing, rounds alternate between the tools and the best
round of each counts.

    python benchmarks/words.py [--data ../shared/data/segmentation/ud_vtb] [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluation"))
from compare_words import (
    DEFAULT_DATA,
    part_path,
    read_conllu,
    thoisu_segment,
    underthesea_segment,
)
from timing import pin_one_core


def seconds(segment: Callable[[str], list[str]], texts: list[str]) -> float:
    """CPU time of one pass of ``segment`` over ``texts`` (CPU, not wall time: the machine may be shared)."""
    started = time.process_time()
    for text in texts:
        segment(text)
    return time.process_time() - started


def main() -> None:
    """Print syllables/second of both segmenters and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--parts", nargs="+", default=["dev", "test"])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pin_one_core()
    texts = [s.text for part in args.parts for s in read_conllu(part_path(args.data, part))]
    tools = {"thoisu": thoisu_segment(), "underthesea": underthesea_segment()}
    best = dict.fromkeys(tools, float("inf"))
    for _ in range(args.rounds):  # rounds alternate between the tools so that load on the machine hits both alike
        for name, segment in tools.items():
            best[name] = min(best[name], seconds(segment, texts))
    syllables = sum(len(t.split()) for t in texts)
    speeds = {name: syllables / time_taken for name, time_taken in best.items()}
    for name, speed in speeds.items():
        print(f"{name:<12} {speed:>10,.0f} syllables/s")
    print(f"thoisu / underthesea: {speeds['thoisu'] / speeds['underthesea']:.2f}x")


if __name__ == "__main__":
    main()
