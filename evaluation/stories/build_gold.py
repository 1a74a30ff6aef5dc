"""Build the story-clustering gold set from real VietNews articles: syndicated copies with edits, hard negatives.

For each sampled original article the script writes 0-4 copies as other outlets publish them, each made by one
or more of these edits (the kinds seen when Vietnamese outlets re-run an article):
  prefix      an outlet tag in front ("(Dân trí) - ") and an attribution at the end ("Theo TTXVN")
  trim        the last 15-40% of the paragraphs cut
  reorder     the paragraphs after the lead shuffled
  edit        one paragraph dropped, numbers changed, a sentence of the editor's own added
  boilerplate breadcrumbs, share/comment lines and a "Tin liên quan" list of three other articles' titles
  tones       old-style tone placement (hoà, thuý) instead of the new (hòa, thúy)
Hard negatives: for each original, the two articles of the corpus that share the most (idf-weighted) words with
it, i.e. distinct articles on the same topic; each is its own story. Articles that are already near-duplicates
of one another in the corpus (word 3-gram Jaccard >= 0.3) are left out of the pool, so the gold clusters are
exactly the generated ones.

    /work/venv/bin/python evaluation/stories/build_gold.py --out /tmp/stories_gold.jsonl [--originals 400]

Output JSONL, one article a line: id, story (gold cluster), kind (original, negative, or the edits joined by +),
title, text. The set is derived from VietNews and is not committed; rebuild it with this command.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "vietnews" / "articles_5k.jsonl.gz"
OUTLETS = ["Dân trí", "VnExpress", "Tuổi Trẻ", "Thanh Niên", "VTC News", "Zing", "Người Lao Động", "Lao Động"]
AGENCIES = ["TTXVN", "VOV", "Tiền Phong", "Pháp luật TP.HCM", "An ninh Thủ đô"]
EDITOR_LINES = [
    "Vụ việc đang được các cơ quan chức năng tiếp tục làm rõ.",
    "Chúng tôi sẽ tiếp tục thông tin về vụ việc.",
    "Theo ghi nhận của phóng viên, nhiều người dân đã có mặt tại hiện trường.",
    "Sự việc đã gây xôn xao dư luận trong những ngày qua.",
]
OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "òe": "oè", "óe": "oé", "ọe": "oẹ",
             "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}
KINDS = ["prefix", "trim", "reorder", "edit", "boilerplate", "tones"]


def load(path: Path) -> list[dict]:
    """VietNews records with raw text (word-segmentation underscores removed, NFC)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    for row in rows:
        row["title"] = unicodedata.normalize("NFC", row["title"].replace("_", " "))
        row["text"] = unicodedata.normalize("NFC", row["article"].replace("_", " "))
    return rows


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def copy_of(row: dict, kinds: list[str], others: list[dict], rng: random.Random) -> str:
    """The text of a syndicated copy of ``row`` made by the given edits."""
    paragraphs = row["text"].split("\n")
    if "trim" in kinds and len(paragraphs) > 3:
        keep = max(3, round(len(paragraphs) * rng.uniform(0.6, 0.85)))
        paragraphs = paragraphs[:keep]
    if "reorder" in kinds and len(paragraphs) > 3:
        rest = paragraphs[1:]
        rng.shuffle(rest)
        paragraphs = [paragraphs[0], *rest]
    if "edit" in kinds and len(paragraphs) > 3:
        del paragraphs[rng.randrange(1, len(paragraphs))]
        paragraphs = [re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 3)), p, count=1)
                      for p in paragraphs]
        paragraphs.insert(rng.randrange(1, len(paragraphs)), rng.choice(EDITOR_LINES))
    if "prefix" in kinds:
        paragraphs[0] = f"({rng.choice(OUTLETS)}) - {paragraphs[0]}"
        paragraphs.append(f"Theo {rng.choice(AGENCIES)}")
    if "boilerplate" in kinds:
        related = [o["title"] for o in rng.sample(others, 3)]
        paragraphs = ["Trang chủ > Thời sự > Pháp luật", *paragraphs,
                      "Chia sẻ Facebook | Bình luận (0) | In bài", "Tin liên quan:", *("- " + t for t in related)]
    text = "\n".join(paragraphs)
    if "tones" in kinds:
        for new, old in OLD_TONES.items():
            text = text.replace(new, old)
    return text


def topical_neighbours(rows: list[dict], chosen: list[int], count: int) -> dict[int, list[int]]:
    """For each chosen article, the ``count`` others sharing the most idf-weighted distinct words with it."""
    words = [set(re.findall(r"\w+", (r["title"] + " " + r["text"]).lower())) for r in rows]
    frequency = Counter(w for ws in words for w in ws)
    idf = {w: math.log(len(rows) / n) for w, n in frequency.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            if idf[w] > 2.0:  # skip words in more than ~1 article in 7: they say nothing about the topic
                postings[w].append(i)
    result = {}
    for i in chosen:
        scores: Counter[int] = Counter()
        for w in words[i]:
            for j in postings.get(w, ()):
                if j != i:
                    scores[j] += idf[w]
        result[i] = [j for j, _ in scores.most_common(count)]
    return result


def main() -> None:
    """Write the gold set."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--originals", type=int, default=400)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = load(args.corpus)
    chosen = rng.sample(range(len(rows)), args.originals)
    neighbours = topical_neighbours(rows, chosen, 2)
    pool = list(dict.fromkeys(chosen + [j for i in chosen for j in neighbours[i]]))
    signatures = {i: shingles(rows[i]["text"]) for i in pool}
    dropped = set()
    for i in chosen:  # corpus near-duplicates of one another would be gold negatives that are truly the same story
        for j in neighbours[i]:
            a, b = signatures[i], signatures[j]
            if len(a & b) / len(a | b) >= 0.3:
                dropped.add(j)
    records = []
    for i in pool:
        if i in dropped:
            continue
        row = rows[i]
        records.append({"id": f"{row['id']}", "story": row["id"], "kind": "original" if i in chosen else "negative",
                        "title": row["title"], "text": row["text"]})
        if i not in chosen:
            continue
        for n in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            kinds = sorted(rng.sample(KINDS, rng.choice([1, 1, 2, 3])), key=KINDS.index)
            title = row["title"] if rng.random() < 0.5 else f"{row['title']} ({rng.choice(OUTLETS)})"
            records.append({"id": f"{row['id']}-copy{n}", "story": row["id"], "kind": "+".join(kinds),
                            "title": title, "text": copy_of(row, kinds, rows, rng)})
    rng.shuffle(records)  # the order pages arrive in
    with args.out.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    kinds = Counter(r["kind"] if r["kind"] in ("original", "negative") else "copy" for r in records)
    print(f"{len(records)} articles in {len({r['story'] for r in records})} stories: {dict(kinds)};"
          f" {len(dropped)} corpus near-duplicates left out -> {args.out}")


if __name__ == "__main__":
    main()
