"""Join the selected passages and the hand annotation into the gold file `thoisu eval times` reads.

candidates.jsonl (from select_sentences.py) + annotations.tsv (written by hand) -> gold_values.jsonl, each
annotated expression located by its text in the scored sentence (character offsets into the passage).

    /work/venv/bin/python evaluation/times/build_gold.py
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    """Write gold_values.jsonl; fail loudly on an expression that is not in its sentence."""
    passages = [json.loads(line) for line in (HERE / "candidates.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = defaultdict(list)
    for number, line in enumerate((HERE / "annotations.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        item, expression, kind, value, mod = (line.split("\t") + [""])[:5]
        rows[item].append((number, expression, kind, value, mod or None))
    known = {p["id"] for p in passages}
    unknown = set(rows) - known
    if unknown:
        raise SystemExit(f"annotations.tsv names passages not in candidates.jsonl: {sorted(unknown)}")
    total = 0
    with open(HERE / "gold_values.jsonl", "w", encoding="utf-8") as out:
        for passage in passages:
            times = [_locate(passage, *row) for row in rows.get(passage["id"], [])]
            times.sort(key=lambda t: t["start"])
            total += len(times)
            passage = dict(passage, times=times)
            out.write(json.dumps(passage, ensure_ascii=False) + "\n")
    with_anchor = sum(1 for p in passages if p["anchor"])
    print(f"wrote {len(passages)} passages ({with_anchor} with an anchor), {total} expressions to gold_values.jsonl")


def _locate(passage: dict, number: int, expression: str, kind: str, value: str, mod: str | None) -> dict:
    text, start = passage["text"], passage["scored_from"]
    phrase, _, nth = expression.partition("#")
    for _ in range(int(nth or 1)):
        found = text.find(phrase, start)
        if found < 0:
            raise SystemExit(f"annotations.tsv line {number}: {phrase!r} not in the sentence of {passage['id']}")
        start = found + 1
    return {"start": found, "end": found + len(phrase), "text": phrase, "type": kind, "value": value, "mod": mod}


if __name__ == "__main__":
    main()
