"""Select the passages of the time-value gold set (evaluation/times/README.md explains the procedure).

Reads the VietNews sample and the example pages by path, keeps sentences that contain any broad time cue
(a time noun or a digit pattern; much broader than the tagger's grammar, so recall is measured fairly),
draws them with a fixed seed, and writes evaluation/times/candidates.jsonl: each passage is the chosen
sentence with the sentence before it as context, the anchor date and where the anchor came from.

    /work/venv/bin/python evaluation/times/select_sentences.py [--vietnews PATH] [--examples DIR]

The held-out set, drawn after the tagger was frozen, uses another seed and leaves out every article and page
line of the development set:

    /work/venv/bin/python evaluation/times/select_sentences.py --seed 4096 --vietnews-count 120 \
        --example-count 20 --exclude evaluation/times/candidates.jsonl --out evaluation/times/heldout_candidates.jsonl
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20241119
VIETNEWS_SENTENCES = 320
EXAMPLE_SENTENCES = 60
MAX_SENTENCE = 320
# time nouns and digit shapes: any sentence a time expression could hide in
CUE = re.compile(
    r"(?<!\w)(?:ngày|hôm|tháng|năm|tuần|quý|giờ|phút|giây|sáng|trưa|chiều|tối|đêm|khuya|thứ|chủ nhật|mùa|xuân|hè"
    r"|thu|đông|thế kỷ|thập niên|thập kỷ|tết|dịp|hồi|lúc|nay|qua|mai|kia)(?!\w)"
    r"|\d{1,2}\s*[/.:h-]\s*\d{1,2}|(?<!\d)(?:1[89]|20)\d\d(?!\d)",
    re.IGNORECASE,
)
FULL_DATE = re.compile(
    r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)|(\d{1,2}) tháng (\d{1,2}) năm ((?:19|20)\d\d)"
)
YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d|\d)")
# anchors of the example pages, read by hand from each page (README: "Anchors")
EXAMPLE_ANCHORS = {
    "000_4436bf889208a2e4": (None, "none: the page states no publication date"),
    "001_1f9865336d579bec": ("2024-11-19", "dateline '09:00 19/11/2024' under the title"),
    "002_9130780adcf611a9": (None, "none: the page states no publication date (only scheduled dates)"),
    "003_9487228af6148030": (None, "none: the page states no publication date"),
    "004_64cba449c13e52c4": ("2024-11-29", "caption date 'ngày 29/11/2024' and 'ngày hôm nay (29/11)' in the lead"),
}


def main() -> None:
    """Write candidates.jsonl from the two sources."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vietnews", default="/work/shared/data/corpus/vietnews/articles_5k.jsonl.gz")
    parser.add_argument("--examples", default=str(HERE.parent.parent / "examples"))
    parser.add_argument("--out", default=str(HERE / "candidates.jsonl"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--vietnews-count", type=int, default=VIETNEWS_SENTENCES)
    parser.add_argument("--example-count", type=int, default=EXAMPLE_SENTENCES)
    parser.add_argument(
        "--anchored-count", type=int, default=None, help="how many VietNews passages come from articles that state a"
        " full date (default: half; the fourth blind set takes the 25 such articles left)"
    )
    parser.add_argument(
        "--exclude", action="append", default=[], help="a candidates file whose articles and page lines are left out"
        " (repeatable)"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    excluded = set()
    for path in args.exclude:
        excluded |= {json.loads(line)["id"] for line in Path(path).read_text(encoding="utf-8").splitlines()}
    anchored = args.vietnews_count // 2 if args.anchored_count is None else args.anchored_count
    passages = vietnews_passages(Path(args.vietnews), rng, anchored, args.vietnews_count - anchored, excluded)
    passages += example_passages(Path(args.examples), rng, args.example_count, excluded)
    with open(args.out, "w", encoding="utf-8") as out:
        for passage in passages:
            out.write(json.dumps(passage, ensure_ascii=False) + "\n")
    print(f"wrote {len(passages)} passages to {args.out}")


def vietnews_passages(
    path: Path, rng: random.Random, anchored: int, unanchored: int, excluded: set[str]
) -> list[dict]:
    """One cue sentence from each of ``anchored + unanchored`` randomly drawn articles (not in ``excluded``).

    Stratified: ``anchored`` articles state a full date (so values resolve against an anchor), ``unanchored`` do
    not (so values must keep the unknown year); without it, nine in ten would have no anchor.
    """
    wanted = {True: anchored, False: unanchored}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines]
    rng.shuffle(articles)
    buckets: dict[bool, list[dict]] = {True: [], False: []}
    for article in articles:
        if f"vietnews:{article['id']}" in excluded:
            continue
        sentences = [_detokenize(s) for s in article["raw"].split("\n") if s.strip()]
        choices = [i for i, s in enumerate(sentences) if CUE.search(s) and len(s) <= MAX_SENTENCE]
        if not choices:
            continue
        anchor, source = latest_full_date(" ".join(sentences))
        bucket = buckets[anchor is not None]
        if len(bucket) < wanted[anchor is not None]:
            bucket.append(_passage(f"vietnews:{article['id']}", sentences, rng.choice(choices), anchor, source))
        if all(len(b) == wanted[k] for k, b in buckets.items()):
            break
    return sorted(buckets[True] + buckets[False], key=lambda p: p["id"])


def example_passages(folder: Path, rng: random.Random, count: int, excluded: set[str]) -> list[dict]:
    """``count`` cue sentences drawn from the example pages (lines of page text, not in ``excluded``), with
    hand-read anchors."""
    pool = []
    for page in sorted(folder.glob("*.txt")):
        page_text = unicodedata.normalize("NFC", page.read_text(encoding="utf-8"))
        lines = [line.strip() for line in page_text.splitlines() if line.strip()]
        for i, line in enumerate(lines):
            if f"examples:{page.stem}:{i}" in excluded:
                continue
            if CUE.search(line) and len(line) <= MAX_SENTENCE and line not in lines[:i]:
                pool.append((page.stem, lines, i))
    chosen = sorted(rng.sample(pool, count), key=lambda p: (p[0], p[2]))
    passages = []
    for stem, lines, i in chosen:
        anchor, source = EXAMPLE_ANCHORS[stem]
        passages.append(_passage(f"examples:{stem}:{i}", lines, i, anchor, source))
    return passages


def latest_full_date(text: str) -> tuple[str | None, str]:
    """The VietNews anchor rule: the latest day-month-year date the article states, unless the article names a
    later year anywhere (then that date is stale, a birth date or a past event, and the article has no anchor)."""
    dates = []
    for m in FULL_DATE.finditer(text):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            dates.append(f"{year}-{int(month):02d}-{int(day):02d}")
    if not dates:
        return None, "none: the article states no full date"
    latest = max(dates)
    if any(int(y) > int(latest[:4]) for y in YEAR.findall(text)):
        return None, f"none: the latest full date {latest} is older than a year the article names"
    return latest, "latest full date stated in the article"


def _passage(item: str, sentences: list[str], index: int, anchor: str | None, source: str) -> dict:
    context = sentences[index - 1] + "\n" if index and len(sentences[index - 1]) <= MAX_SENTENCE else ""
    return {
        "id": item,
        "text": context + sentences[index],
        "scored_from": len(context),
        "anchor": anchor,
        "anchor_source": source,
    }


def _detokenize(sentence: str) -> str:
    """VietNews raw text in NFC (as thoisu's reader gives it), without word-segmentation underscores and with
    ordinary punctuation spacing."""
    text = unicodedata.normalize("NFC", sentence.replace("_", " "))
    text = re.sub(r" ([,.;:!?)\]”])", r"\1", text)
    text = re.sub(r"([(\[“]) ", r"\1", text)
    return text.strip()


if __name__ == "__main__":
    main()
