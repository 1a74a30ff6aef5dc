"""Score story clustering on the gold set from build_gold.py: pairwise precision, recall and F1.

The articles go into a fresh store one at a time, in the file's (shuffled) order, exactly as `thoisu analyze`
stores pages; the store's story ids are compared with the gold stories over all pairs of articles. Beside it:
exact-text dedup (the hash of the normalized text, what a pipeline without near-duplicate detection does), and
with --sweep, the MinHash threshold swept on the same signatures.

    /work/venv/bin/python evaluation/stories/score.py /tmp/stories_gold.jsonl [--sweep]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from thoisu.document import Document
from thoisu.store import open_store
from thoisu.store.fold import folded_words
from thoisu.store.stories import THRESHOLD, StoryIndex, signature


def pairs(clusters: dict[str, str]) -> set[tuple[str, str]]:
    """Every unordered pair of ids that share a cluster."""
    members: dict[str, list[str]] = defaultdict(list)
    for doc_id, cluster in clusters.items():
        members[cluster].append(doc_id)
    return {tuple(sorted(p)) for ids in members.values() for p in combinations(ids, 2)}


def score(gold: dict[str, str], found: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of ``found`` clusters against ``gold``."""
    truth, guess = pairs(gold), pairs(found)
    hit = len(truth & guess)
    precision = hit / len(guess) if guess else 1.0
    recall = hit / len(truth) if truth else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    """Print the scores."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--sweep", action="store_true", help="also score other MinHash thresholds")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.gold.open(encoding="utf-8")]
    gold = {r["id"]: r["story"] for r in records}
    docs = {r["id"]: Document(text=r["text"], title=r["title"], url=f"https://gold.invalid/{r['id']}")
            for r in records}
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "stories.db") as store:
        start = time.perf_counter()
        for doc in docs.values():
            store.put(doc)
        seconds = time.perf_counter() - start
        story_of = dict(store.db.execute("SELECT doc_id, story_id FROM stories"))
    found = {rid: story_of[doc.id] for rid, doc in docs.items()}
    n_pairs = len(pairs(gold))
    print(f"{len(records)} articles, {len(set(gold.values()))} gold stories, {n_pairs} gold pairs;"
          f" stored in {seconds:.1f} s")
    print(f"{'method':<34} {'precision':>9} {'recall':>7} {'F1':>6}")
    p, r, f = score(gold, found)
    print(f"{'thoisu MinHash LSH (t=' + str(THRESHOLD) + ')':<34} {p:9.3f} {r:7.3f} {f:6.3f}")
    exact = {rid: hashlib.sha1(" ".join(folded_words(d.text)).encode()).hexdigest() for rid, d in docs.items()}
    p, r, f = score(gold, exact)
    print(f"{'exact normalized-text hash':<34} {p:9.3f} {r:7.3f} {f:6.3f}")
    truth = pairs(gold)
    missed = Counter()
    for a, b in truth - pairs(found):
        kind = next(x["kind"] for x in records if x["id"] in (a, b) and x["kind"] != "original")
        missed[kind] += 1
    if missed:
        print("missed pairs by the copy's edits:", dict(missed.most_common(8)))
    if args.sweep:
        signatures = {rid: signature(d.text) for rid, d in docs.items()}
        for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
            index = StoryIndex(threshold)
            for rid, minhash in signatures.items():
                index.add(rid, minhash, index.match(rid, minhash).story_id)
            p, r, f = score(gold, index.story_of)
            print(f"{'  threshold ' + str(threshold):<34} {p:9.3f} {r:7.3f} {f:6.3f}")


if __name__ == "__main__":
    main()
