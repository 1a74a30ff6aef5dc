"""Mine VietNews for time phrasing the tagger misses or resolves oddly (coverage work before a blind draw).

Takes articles that no value-set candidate file uses, in a seeded order, tags them with thoisu (anchor: the
article's latest stated full date, as in select_sentences.py) and prints two lists:

* the most frequent word n-grams that start at a time noun (ngày, tháng, năm, tuần, sáng, dịp, mùa, …) and lie
  outside every detected span: phrasing the grammar has not seen;
* detected spans grouped by shape (digits as 9, lower case) with their count and examples of text → value:
  wrong resolution families show up as a shape whose values look off.

The mined articles are written to ``--out`` as ``{"id": …}`` lines, so a later blind draw can leave them out
with ``select_sentences.py --exclude``.

    /work/venv/bin/python evaluation/times/mine_coverage.py [--count 2500] [--seed 777] [--top 150]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

from select_sentences import _detokenize, latest_full_date

from thoisu.times import tag_times

HERE = Path(__file__).parent
TIME_NOUN = re.compile(
    r"(?<!\w)(?:ngày|hôm|tháng|năm|tuần|quý|sáng|trưa|chiều|tối|đêm|khuya|thứ|dịp|mùa|thời điểm|giai đoạn|đợt|kỳ"
    r"|niên|tết|giờ|phút|thế kỷ|thập niên|nay|qua|mai|hồi|lúc|sau|trước|tới)(?!\w)",
    re.IGNORECASE,
)
WORD = re.compile(r"\w+|[^\w\s]")


def main() -> None:
    """Print the uncovered n-grams and the detected shapes; write the mined article ids."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vietnews", default="/work/shared/data/corpus/vietnews/articles_5k.jsonl.gz")
    parser.add_argument("--count", type=int, default=2500)
    parser.add_argument("--seed", type=int, default=777)
    parser.add_argument("--top", type=int, default=150)
    parser.add_argument("--out", default=str(HERE / "mined_articles.jsonl"))
    args = parser.parse_args()
    used = set()
    for path in sorted(HERE.glob("*candidates*.jsonl")):
        used |= {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}
    with gzip.open(args.vietnews, "rt", encoding="utf-8") as lines:
        articles = [a for a in map(json.loads, lines) if f"vietnews:{a['id']}" not in used]
    random.Random(args.seed).shuffle(articles)
    articles = sorted(articles[: args.count], key=lambda a: a["id"])
    uncovered: Counter[str] = Counter()
    shapes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for article in articles:
        sentences = [_detokenize(s) for s in article["raw"].split("\n") if s.strip()]
        anchor, _ = latest_full_date(" ".join(sentences))
        text = "\n".join(sentences)
        times = tag_times(text, anchor)
        covered = [(t.start, t.end) for t in times]
        for match in TIME_NOUN.finditer(text):
            if any(s <= match.start() < e for s, e in covered):
                continue
            words = WORD.findall(text[match.start() : match.start() + 40].split("\n")[0])[:3]
            uncovered[" ".join(words).lower()] += 1
        for time in times:
            shape = re.sub(r"\d", "9", time.text.lower())
            shapes[shape].append((time.text, time.value, anchor or "-"))
    print(f"# {len(articles)} articles not in any candidate file (seed {args.seed})")
    print("\n## uncovered n-grams starting at a time noun")
    for gram, count in uncovered.most_common(args.top):
        print(f"{count}\t{gram}")
    print("\n## detected shapes")
    for shape, found in sorted(shapes.items(), key=lambda kv: -len(kv[1]))[: args.top * 2]:
        examples = "; ".join(f"{t} → {v} @{a}" for t, v, a in found[:3])
        print(f"{len(found)}\t{shape}\t{examples}")
    with open(args.out, "w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps({"id": f"vietnews:{article['id']}"}) + "\n")


if __name__ == "__main__":
    main()
