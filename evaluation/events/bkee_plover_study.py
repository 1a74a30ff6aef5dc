"""BKEE <-> PLOVER: how far the BKEE annotation covers what the PLOVER coder codes, type by type.

For every BKEE event type: its PLOVER counterpart (data/events/bkee_plover.tsv), its trigger count in train and
dev, the share of its dev triggers the coder finds with the right PLOVER type (recall), and the lemmas it misses
most. Then, for every curated lexicon lemma of a PLOVER category BKEE maps to, how often BKEE marks it on train:
lemmas that PLOVER codes but BKEE never annotates (verbal accusations, investigations, cooperation) are where
`thoisu eval events` counts false positives that are no errors of the ontology. Prints a Markdown report.

    /work/venv/bin/python evaluation/events/bkee_plover_study.py ../shared/data/events/bkee
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from thoisu.evaluate.bkee import read_bkee
from thoisu.evaluate.events import to_document
from thoisu.events import EventCoder
from thoisu.events.lexicon import bkee_to_plover, normalize_key, read_table


def main() -> None:
    """Print the study for a BKEE directory holding train/ and dev/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bkee", type=Path)
    args = parser.parse_args()
    mapping = bkee_to_plover()
    every = {r["bkee_type"]: r["plover_type"] for r in read_table("bkee_plover.tsv")}
    train = Counter(t.type for doc in read_bkee(args.bkee / "train") for t in doc.triggers)
    dev: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed: dict[str, Counter[str]] = defaultdict(Counter)
    coder = EventCoder()
    for bkee in read_bkee(args.bkee / "dev"):
        doc = coder(to_document(bkee))
        mentions = [(m.start, m.end, ev.type) for ev in doc.events for m in ev.mentions]
        for t in bkee.triggers:
            dev[t.type] += 1
            plover = mapping.get(t.type, ("-",))[0]
            if any(s < t.end and t.start < e and kind == plover for s, e, kind in mentions):
                found[t.type] += 1
            else:
                missed[t.type][normalize_key(bkee.text[t.start : t.end])] += 1
    print("| BKEE type | PLOVER | train | dev | coder recall (dev) | most missed |")
    print("|---|---|---:|---:|---:|---|")
    for kind, _ in sorted(train.items(), key=lambda kv: -kv[1]):
        if kind not in every:
            continue  # entity and argument labels share the .ann files
        recall = f"{found[kind] / dev[kind]:.2f}" if every[kind] != "-" and dev[kind] else ""
        worst = ", ".join(f"{w} ({n})" for w, n in missed[kind].most_common(5)) if every[kind] != "-" else ""
        print(f"| {kind} | {every[kind]} | {train[kind]} | {dev[kind]} | {recall} | {worst} |")
    covered = {plover for plover, _, _ in mapping.values()}
    print("\nCurated lemmas of PLOVER categories BKEE maps to, and how often BKEE train marks them:\n")
    print("| lemma | PLOVER type/mode | occurrences in train | marked as that type |")
    print("|---|---|---:|---:|")
    for row in read_table("triggers.tsv"):
        if row["source"] == "curated" and row["type"] in covered and row["train_count"]:
            print(f"| {row['trigger']} | {row['type']} {row['mode']} | {row['train_count']} | {row['train_precision']} |")


if __name__ == "__main__":
    main()
