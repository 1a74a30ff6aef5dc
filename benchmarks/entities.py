"""Entity recognition speed and memory: thoisu's Recognizer vs underthesea's ``ner``, same sentences, one core.

    /work/venv/bin/python benchmarks/entities.py [--file ../shared/data/ner/vlsp2016/dev.txt] [--limit N]

Both taggers get the raw dev sentences (rebuilt as in thoisu.evaluate.ner). Speed is
syllables (letter/digit runs, punctuation not counted) per second of wall time, pinned to
one CPU; memory is the growth of this process's resident set when the recognizer loads.
Ours is timed two ways: one sentence per ``recognize`` call, and as the pipeline runs it,
one document at a time (the step decodes all sentences of a document in one batch).
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from timing import pin_one_core

from thoisu.document import Document, Sentence
from thoisu.entities.features import syllable_spans
from thoisu.evaluate.ner import read_conll

T = TypeVar("T")
DOCUMENT_SENTENCES = 20  # VLSP dev sentences run in article order; 20 is a short news article
DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "vlsp2016" / "dev.txt"


def rss_mib() -> float:
    """Resident set size of this process in MiB (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def throughput(tag: Callable[[T], object], items: list[T], syllables: int) -> tuple[float, float]:
    """Syllables per second of wall time and per second of CPU time of ``tag`` over ``items`` (after a warm-up call).

    Wall time swings on a shared machine; CPU time of this process does much less.
    """
    tag(items[0])
    wall, cpu = time.perf_counter(), time.process_time()
    for item in items:
        tag(item)
    return syllables / (time.perf_counter() - wall), syllables / (time.process_time() - cpu)


def as_document(sentences: list[str]) -> Document:
    """Consecutive dev sentences as one document, one sentence per line, sentence spans given."""
    spans, offset = [], 0
    for sentence in sentences:
        spans.append(Sentence(offset, offset + len(sentence)))
        offset += len(sentence) + 1
    return Document(text="\n".join(sentences), sentences=spans)


def main() -> None:
    """Print syllables/s and memory for both taggers and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=DEV)
    parser.add_argument("--limit", type=int, default=0, help="first N sentences only (0: all)")
    args = parser.parse_args()
    pin_one_core()
    sentences = [s.text for s in read_conll(args.file)]
    if args.limit:
        sentences = sentences[: args.limit]
    syllables = sum(1 for t in sentences for s, _ in syllable_spans(t) if t[s].isalnum())
    print(f"{len(sentences)} sentences, {syllables} syllables from {args.file}")

    before = rss_mib()
    started = time.perf_counter()
    from thoisu.entities.recognizer import Recognizer

    recognizer = Recognizer()
    load_s = time.perf_counter() - started
    print(f"thoisu Recognizer loaded in {load_s:.2f} s: +{rss_mib() - before:.0f} MiB RSS")
    single, single_cpu = throughput(recognizer.recognize, sentences, syllables)
    print(f"thoisu, one sentence per call (recognize):       {single:,.0f} syllables/s ({single_cpu:,.0f} per CPU-s)")
    documents = [as_document(sentences[i : i + DOCUMENT_SENTENCES]) for i in range(0, len(sentences), DOCUMENT_SENTENCES)]
    ours, ours_cpu = throughput(lambda doc: recognizer(dataclasses.replace(doc, entities=[])), documents, syllables)
    print(f"thoisu, pipeline step on {DOCUMENT_SENTENCES}-sentence documents: {ours:,.0f} syllables/s ({ours_cpu:,.0f} per CPU-s)")
    print(f"  (+{rss_mib() - before:.0f} MiB RSS after tagging, per-form caches filled)")

    try:
        from underthesea import ner
    except ImportError:
        print("underthesea not installed (pip install 'thoisu[compare]'); no comparison")
        return
    before = rss_mib()
    theirs, theirs_cpu = throughput(ner, sentences, syllables)
    print(f"underthesea ner, one sentence per call:          {theirs:,.0f} syllables/s ({theirs_cpu:,.0f} per CPU-s);"
          f" +{rss_mib() - before:.0f} MiB RSS (model loaded on first call)")
    print(f"ratio (CPU time): thoisu is {ours_cpu / theirs_cpu:.1f}x faster as a pipeline step,"
          f" {single_cpu / theirs_cpu:.1f}x one sentence per call (wall: {ours / theirs:.1f}x, {single / theirs:.1f}x)")


if __name__ == "__main__":
    main()
