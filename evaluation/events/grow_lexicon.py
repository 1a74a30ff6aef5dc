"""Grow the trigger lexicon (src/thoisu/data/events/triggers.tsv) from the BKEE train triggers.

Repeatable: rerun it and the file is rebuilt the same way.

1. Every gold trigger of a BKEE type that maps to PLOVER (data/events/bkee_plover.tsv) is reduced to its lemma
   (lowercase, tone-normalized, function words in front dropped: "bị bắt" -> "bắt", "cuộc tấn công" -> "tấn công").
2. Each lemma takes the PLOVER type of the BKEE type it marks most often.
3. The lemmas (with the curated ones) are matched over the train text as the coder matches them, longest
   first on word boundaries; precision is the share of a lemma's matches that overlap a gold trigger mapped
   to its PLOVER type.
4. A lemma is kept when it is a trigger at least --min-count times with precision >= --min-precision.
Rows whose source is not 'bkee-train:*' (curated) are kept as they are; train_count/train_precision are
refreshed for every row.

    python evaluation/events/grow_lexicon.py ../shared/data/events/bkee/train
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from thoisu.evaluate.bkee import BkeeDocument, read_bkee
from thoisu.events.lexicon import DATA_DIR, bkee_to_plover, normalize_key

LEADING_FUNCTION_WORDS = {"bị", "được", "cuộc", "vụ", "các", "những", "đã", "đợt", "người", "sự", "việc", "phiên"}
TRIGGERS = DATA_DIR / "triggers.tsv"


def lemma_of(text: str) -> str:
    """The lexicon lemma of a gold trigger span."""
    words = normalize_key(text).split()
    while len(words) > 1 and words[0] in LEADING_FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words)


def occurrences(doc: BkeeDocument, lemmas: set[str], max_len: int) -> dict[str, list[tuple[int, int]]]:
    """Where each lemma occurs, matched as the coder matches: longest first, on word boundaries."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    starts = {s for s, _ in doc.words}
    ends = {e for _, e in doc.words}
    for sent_start, sent_end in doc.sentences:
        sylls = []
        position = sent_start
        for piece in doc.text[sent_start:sent_end].split(" "):
            if piece:
                sylls.append((position, position + len(piece)))
            position += len(piece) + 1
        i = 0
        while i < len(sylls):
            match = None
            if sylls[i][0] in starts:
                for j in range(min(i + max_len, len(sylls)) - 1, i - 1, -1):
                    key = normalize_key(doc.text[sylls[i][0] : sylls[j][1]])
                    if sylls[j][1] in ends and key in lemmas:
                        match = (key, j)
                        break
            if match:
                found[match[0]].append((sylls[i][0], sylls[match[1]][1]))
                i = match[1] + 1
            else:
                i += 1
    return found


def main() -> None:
    """Rebuild triggers.tsv from BKEE train."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-precision", type=float, default=0.5)
    args = parser.parse_args()
    mapping = bkee_to_plover()
    docs = list(read_bkee(args.train))
    by_lemma: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for trig in doc.triggers:
            if trig.type in mapping:
                by_lemma[lemma_of(doc.text[trig.start : trig.end])][trig.type] += 1
    header, rows = read_rows()
    curated = [r for r in rows if not r["source"].startswith("bkee-train:")]
    # candidates: gold lemmas and curated rows only, so that a rerun never depends on the previous run's output
    lemmas = set(by_lemma) | {normalize_key(r["trigger"]) for r in curated}
    max_len = max(len(lemma.split()) for lemma in lemmas)
    total: Counter[str] = Counter()
    hits: Counter[tuple[str, str]] = Counter()  # (lemma, PLOVER type) -> occurrences on a gold trigger of that type
    for doc in docs:
        gold = [(t.start, t.end, mapping[t.type][0]) for t in doc.triggers if t.type in mapping]
        for lemma, spans in occurrences(doc, lemmas, max_len).items():
            for start, end in spans:
                total[lemma] += 1
                for plover in {p for s, e, p in gold if s < end and start < e}:
                    hits[(lemma, plover)] += 1
    known = {normalize_key(r["trigger"]) for r in curated}
    grown = []
    for lemma, types in sorted(by_lemma.items()):
        bkee_type = types.most_common(1)[0][0]
        plover, mode, cameo = mapping[bkee_type]
        precision = hits[(lemma, plover)] / total[lemma] if total[lemma] else 0.0
        if lemma in known or sum(types.values()) < args.min_count or precision < args.min_precision:
            continue
        grown.append({"trigger": lemma, "type": plover, "mode": mode or "", "cameo": cameo,
                      "weight": f"{precision:.2f}", "symmetric": "yes" if plover == "CONSULT" else "no",
                      "needs": "", "source": f"bkee-train:{bkee_type}"})
    for row in curated + grown:
        lemma = normalize_key(row["trigger"])
        row["train_count"] = str(total[lemma]) if total[lemma] else ""
        row["train_precision"] = f"{hits[(lemma, row['type'])] / total[lemma]:.2f}" if total[lemma] else ""
    write_rows(header, curated + grown)
    print(f"{len(curated)} curated rows kept, {len(grown)} grown from {len(docs)} BKEE train documents "
          f"(min count {args.min_count}, min precision {args.min_precision}) -> {TRIGGERS}")


def read_rows() -> tuple[list[str], list[dict[str, str]]]:
    """The header comment lines and the rows of the current triggers.tsv."""
    lines = TRIGGERS.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if line and not line.startswith("#")]
    return header, list(csv.DictReader(body, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_rows(header: list[str], rows: list[dict[str, str]]) -> None:
    """Write triggers.tsv back: header comments, column names, rows."""
    columns = ["trigger", "type", "mode", "cameo", "weight", "symmetric", "needs", "train_count", "train_precision", "source"]
    lines = header + ["\t".join(columns)] + ["\t".join(row[c] for c in columns) for row in rows]
    TRIGGERS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
