"""Join the selected passages and the hand annotation into the gold file `thoisu eval times` reads.

candidates.jsonl (from select_sentences.py) + annotations.tsv (written by hand) -> gold_values.jsonl, each
annotated expression located by its text in the scored sentence (character offsets into the passage).

    /work/venv/bin/python evaluation/times/build_gold.py
    /work/venv/bin/python evaluation/times/build_gold.py --candidates evaluation/times/heldout_candidates.jsonl \
        --annotations evaluation/times/heldout_annotations.tsv --out evaluation/times/gold_values_heldout.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    """Write the gold file; fail loudly on an expression that is not in its sentence."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=Path, default=HERE / "candidates.jsonl")
    parser.add_argument("--annotations", type=Path, default=HERE / "annotations.tsv")
    parser.add_argument("--out", type=Path, default=HERE / "gold_values.jsonl")
    args = parser.parse_args()
    passages = [json.loads(line) for line in args.candidates.read_text(encoding="utf-8").splitlines()]
    rows = defaultdict(list)
    for number, line in enumerate(args.annotations.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        item, expression, kind, value, mod = (line.split("\t") + [""])[:5]
        rows[item].append((number, expression, kind, value, mod or None))
    known = {p["id"] for p in passages}
    unknown = set(rows) - known
    if unknown:
        raise SystemExit(f"{args.annotations} names passages not in {args.candidates}: {sorted(unknown)}")
    total = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for passage in passages:
            times = [_locate(passage, *row, source=args.annotations.name) for row in rows.get(passage["id"], [])]
            times.sort(key=lambda t: t["start"])
            total += len(times)
            passage = dict(passage, times=times)
            out.write(json.dumps(passage, ensure_ascii=False) + "\n")
    with_anchor = sum(1 for p in passages if p["anchor"])
    print(f"wrote {len(passages)} passages ({with_anchor} with an anchor), {total} expressions to {args.out}")


def _locate(passage: dict, number: int, expression: str, kind: str, value: str, mod: str | None, source: str) -> dict:
    text, start = passage["text"], passage["scored_from"]
    phrase, _, nth = expression.partition("#")
    for _ in range(int(nth or 1)):
        found = text.find(phrase, start)
        if found < 0:
            raise SystemExit(f"{source} line {number}: {phrase!r} not in the sentence of {passage['id']}")
        start = found + 1
    return {"start": found, "end": found + len(phrase), "text": phrase, "type": kind, "value": value, "mod": mod}


if __name__ == "__main__":
    main()
