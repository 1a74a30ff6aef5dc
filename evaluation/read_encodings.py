"""How often thoisu.text.encoding.decode recovers real Vietnamese articles written in each encoding.

Each article of a news corpus is encoded (Unicode forms with Python's codecs, Windows-1258 with tone marks
split off as that code page writes them, TCVN3 and VNI with thoisu's tables), decoded blind, and compared
with the original. Also: mojibake repair (legacy bytes read as Windows-1252), language detection, speed.

    python evaluation/read_encodings.py ../shared/data/corpus/vietnews/articles_5k.jsonl.gz --limit 1000
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
import unicodedata
from collections import Counter

from thoisu.text.encoding import decode, legacy_charset, repair_legacy
from thoisu.text.language import detect_language, is_vietnamese_syllable

TONES = "\u0300\u0301\u0303\u0309\u0323"
WORD = re.compile(r"[^\W\d_]+")


def cp1258_form(text: str) -> str:
    """Tone marks as separate combining characters, the form Windows-1258 writes."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tones)
    return "".join(out)


ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8 BOM": lambda t: t.encode("utf-8-sig"),
    "utf-16-le no BOM": lambda t: t.encode("utf-16-le"),
    "utf-16-be no BOM": lambda t: t.encode("utf-16-be"),
    "windows-1258": lambda t: cp1258_form(t).encode("cp1258"),
    "tcvn3": lambda t: legacy_charset("tcvn3").encode(t),
    "vni": lambda t: legacy_charset("vni").encode(t),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="JSONL(.gz) with an 'article' field (VietNews format; '_' joins words)")
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    opener = gzip.open if args.corpus.endswith(".gz") else open
    with opener(args.corpus, "rt", encoding="utf-8") as lines:
        articles = [unicodedata.normalize("NFC", json.loads(line)["article"].replace("_", " ")) for line in lines]
    articles = articles[: args.limit]
    right, tried, seconds, megabytes = Counter(), Counter(), Counter(), Counter()
    for text in articles:
        for name, encode in ENCODERS.items():
            try:
                data = encode(text)
            except (UnicodeEncodeError, ValueError):
                continue  # a character this encoding cannot write (e.g. CJK in a legacy encoding)
            start = time.perf_counter()
            decoded = decode(data, "article")
            seconds[name] += time.perf_counter() - start
            megabytes[name] += len(data) / 2**20
            tried[name] += 1
            right[name] += decoded == text
            if name in ("tcvn3", "vni"):
                tried[f"{name} mojibake repair"] += 1
                right[f"{name} mojibake repair"] += repair_legacy(data.decode("cp1252", errors="replace")) == text
    start = time.perf_counter()
    vietnamese = sum(detect_language(text) == "vi" for text in articles)
    language_seconds = time.perf_counter() - start
    print(f"{len(articles)} articles, {sum(map(len, articles)) / len(articles):.0f} characters on average")
    print(f"{'encoding':28} {'recovered':>12} {'MB/s':>8}")
    for name in tried:
        speed = f"{megabytes[name] / seconds[name]:8.1f}" if seconds[name] else ""
        print(f"{name:28} {right[name]:5}/{tried[name]:<5} {speed}")
    accented = [w.lower() for text in articles for w in WORD.findall(text) if not w.isascii()]
    syllables = sum(map(is_vietnamese_syllable, accented))
    print(f"accented words that are well-formed syllables: {syllables}/{len(accented)}")
    per_article = 1000 * language_seconds / len(articles)
    print(f"detect_language == 'vi': {vietnamese}/{len(articles)}, {per_article:.2f} ms each")


if __name__ == "__main__":
    main()
