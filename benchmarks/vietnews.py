"""The VietNews articles the benchmarks run on, as flattened page text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/data/corpus/vietnews/articles_5k.jsonl.gz"


def load_pages(corpus: Path, limit: int) -> list[str]:
    """The first ``limit`` articles: title + body, the corpus's word-joining '_' turned back into spaces."""
    pages = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            pages.append((record["title"] + "\n\n" + record["article"]).replace("_", " "))
            if len(pages) == limit:
                break
    return pages
