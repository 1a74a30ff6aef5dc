"""Draw the expressions thoisu finds in VLSP 2021 dev that overlap no gold DATETIME span, for a hand audit.

VLSP 2021 annotates DATETIME sparsely (many plain "năm 2017", "ngày 22/9" are left unlabelled), so precision
against it undercounts. This prints a seeded random sample of the unmatched expressions with their context;
the audit of that sample, one judgement per line, is vlsp_extras_audit.tsv (README: "VLSP precision").

    /work/venv/bin/python evaluation/times/sample_vlsp_extras.py [--dev PATH] [--n 100]
"""

from __future__ import annotations

import argparse
import random

from thoisu.evaluate.times import read_vlsp, thoisu_predict

SEED = 7


def main() -> None:
    """Print n unmatched expressions as TSV: sentence id, expression, context."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default="/work/shared/data/ner/vlsp2021/dev.txt")
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    predict = thoisu_predict()
    extras = []
    for item in read_vlsp(args.dev):
        for p in predict(item):
            if not any(p.start < g.end and g.start < p.end for g in item.times):
                context = item.text[max(0, p.start - 50) : p.end + 30].replace("\t", " ")
                extras.append((item.id, item.text[p.start : p.end], context))
    print(f"# {len(extras)} unmatched expressions; a sample of {args.n} (seed {SEED})")
    random.Random(SEED).shuffle(extras)
    for sentence, expression, context in extras[: args.n]:
        print(f"{sentence}\t{expression}\t{context}")


if __name__ == "__main__":
    main()
