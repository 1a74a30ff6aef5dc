"""Build src/thoisu/data/clean/stopwords.tsv: the most frequent syllables of Vietnamese news.

The flattened-text cleaner scores a line by its stopword density, as jusText does: body
sentences are full of function words ("của", "và", "được"), navigation and headline lists
are not. The list is the TOP most frequent lower-cased syllables of the VietNews sample
(5,000 articles, ../shared/data/corpus/vietnews), as jusText builds its lists from the
most frequent words of a language.

    /work/venv/bin/python evaluation/build_clean_stopwords.py [CORPUS] [--top 200]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "../shared/data/corpus/vietnews/articles_5k.jsonl.gz"
OUTPUT = Path(__file__).resolve().parents[1] / "src/thoisu/data/clean/stopwords.tsv"
SYLLABLE_RE = re.compile(r"[^\W\d_]+")


def main() -> None:
    """Count syllables over the corpus articles and write the most frequent ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS.resolve())
    parser.add_argument("--top", type=int, default=200)
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    articles = 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)["article"].replace("_", " ")
            counts.update(SYLLABLE_RE.findall(article.lower()))
            articles += 1
    total = sum(counts.values())
    header = [
        "# Vietnamese stopwords for jusText-style stopword density (thoisu.clean.lines).",
        f"# The {args.top} most frequent lower-cased syllables of the VietNews sample ({articles} articles,",
        "# Nguyen et al. 2019), built by evaluation/build_clean_stopwords.py — rerun it to rebuild.",
        "# Columns (tab-separated):",
        "#   word           a syllable, lower-cased, NFC",
        "#   per_thousand   its frequency per 1,000 syllables of the corpus",
        "word\tper_thousand",
    ]
    rows = [f"{word}\t{count * 1000 / total:.2f}" for word, count in counts.most_common(args.top)]
    OUTPUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} stopwords from {articles} articles ({total} syllables) to {OUTPUT}")


if __name__ == "__main__":
    main()
