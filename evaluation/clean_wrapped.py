"""Hard-wrapped plain text through the flattened-text cleaner: are the paragraphs and the title given back whole?

Real VietNews articles (as ``clean_flat_stress.py`` loads them: title, lead, sentences grouped into paragraphs of one
to three) are written as a plain-text file would hold them: the title, a blank line, then each paragraph wrapped by
Python's ``textwrap.fill`` at 60, 72, 80 or 100 columns, blank lines between paragraphs. Scored: the share of the
article's paragraphs found as one paragraph of ``doc.text``, and the title exact. Without joining wrapped lines back
(``thoisu.clean.wrapping``) every wrapped line is a paragraph of its own, and sentences break mid-clause.

    /work/venv/bin/python evaluation/clean_wrapped.py [--articles 500] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import textwrap
from pathlib import Path

from clean_flat_stress import CORPUS, _paragraphs, load_articles

from thoisu.clean.flat import clean_flat

WIDTHS = (60, 72, 80, 100)


def main() -> None:
    """Wrap articles at each width, clean them, print paragraph and title scores per width."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS.resolve())
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    articles = load_articles(args.corpus, args.articles)
    print(f"{len(articles)} VietNews articles, hard-wrapped (seed {args.seed})")
    for width in WIDTHS:
        rng = random.Random(args.seed)
        whole = total = titles = 0
        for article in articles:
            paragraphs = [article.lead, *_paragraphs(article.sentences, rng)]
            page = "\n\n".join([article.title, *(textwrap.fill(p, width) for p in paragraphs)])
            doc = clean_flat(page)
            found = set(doc.text.split("\n\n"))
            whole += sum(p in found for p in paragraphs)
            total += len(paragraphs)
            titles += doc.title == article.title
        print(f"width {width:>3}: paragraphs whole {whole / total:.3f} ({whole}/{total}), "
              f"title exact {titles / len(articles):.3f}")


if __name__ == "__main__":
    main()
