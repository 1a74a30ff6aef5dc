"""Pick the actor-gold candidates: trigger occurrences in international news of VietNews articles 3000-4999."""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from pathlib import Path

from thoisu.events.lexicon import load_lexicon
from thoisu.text.tones import normalize_tones

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "benchmarks"))
from vietnews import CORPUS, load_pages  # benchmarks/ is not a package

KB = ROOT / "src/thoisu/data/kb"
OUT = Path(__file__).resolve().parent / "candidates.jsonl"
SEED = 20261123
FIRST, LAST = 3000, 4999  # articles 0-1499 are the range other engineers inspect
TYPES = {"CONSULT", "AGREE", "ACCUSE", "THREATEN", "SANCTION", "ASSAULT", "COERCE", "REQUEST", "SUPPORT", "COOPERATE"}
WANTED, PER_ARTICLE, MIN_FOREIGN = 120, 3, 3  # MIN_FOREIGN: mentions of foreign names an article needs
SENTENCE_END = re.compile(r"(?<= [.!?]) (?=\S)|\n+")


def kb_rows(name: str) -> list[dict[str, str]]:
    """Rows of a bundled knowledge-base TSV (comment lines start with '#')."""
    lines = [line for line in (KB / name).read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def foreign_names() -> re.Pattern[str]:
    """Case-sensitive pattern of the unambiguous full names of foreign countries and international organisations."""
    names = set()
    for row in kb_rows("countries.tsv"):
        if row["id"] != "VNM":
            names.update(set(row["names"].split("|")) - set(row["ambiguous"].split("|")) - set(row["tagged"].split("|")))
    names.add("Mỹ")  # flagged ambiguous (a common word in lowercase), but the capitalised form is the USA
    for row in kb_rows("organizations.tsv"):
        if row["kind"] in {"igo", "igo-organ"}:
            names.update(row["names"].split("|"))
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if len(n) > 2)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def trigger_pattern() -> re.Pattern[str]:
    """Every trigger lemma (blocking phrases included, longest first) on word boundaries of the normalized text."""
    lemmas = sorted(load_lexicon().triggers, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(lemma) for lemma in lemmas) + r")(?!\w)")


def sentences(page: str) -> list[tuple[int, str]]:
    """(offset in the page, text) of each sentence: lines, cut after a spaced full stop, '?' or '!'."""
    found, start = [], 0
    for cut in [*SENTENCE_END.finditer(page), None]:
        end = cut.start() if cut else len(page)
        if page[start:end].strip():
            found.append((start, page[start:end]))
        start = cut.end() if cut else end
    return found


def triggers_in(sentence: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each wanted trigger in the sentence, its 'needs' word checked within five words."""
    lexicon, hits = load_lexicon(), []
    for match in pattern.finditer(normalize_tones(sentence).lower()):  # same length: offsets hold
        entry = lexicon.triggers[match.group()]
        after = match.string[match.end():].split()[:5]
        if entry.type in TYPES and (not entry.needs or set(entry.needs) & set(after)):
            hits.append((match.start(), match.end(), entry.type))
    return hits


def arguments() -> argparse.Namespace:
    """Seed, output file and earlier candidate files whose articles are skipped (the held-out set's options)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--exclude", type=Path, action="append", default=[], help="candidates.jsonl of an earlier set")
    return parser.parse_args()


def main() -> None:
    """Write about WANTED candidates from randomly ordered qualifying articles, at most PER_ARTICLE each."""
    args = arguments()
    taken = {json.loads(line)["index"] for path in args.exclude for line in path.open(encoding="utf-8")}
    pages = load_pages(CORPUS, LAST + 1)
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        ids = [json.loads(line)["id"] for line in lines][: LAST + 1]
    names, pattern, rng = foreign_names(), trigger_pattern(), random.Random(args.seed)
    order = [index for index in range(FIRST, LAST + 1) if index not in taken]
    rng.shuffle(order)
    candidates: list[dict] = []
    for index in order:
        if len(candidates) >= WANTED:
            break
        if len(names.findall(pages[index])) < MIN_FOREIGN:
            continue
        hits = [(offset, text, *hit) for offset, text in sentences(pages[index]) for hit in triggers_in(text, pattern)]
        for offset, text, start, end, kind in sorted(rng.sample(hits, min(PER_ARTICLE, len(hits)))):
            candidates.append({"id": f"{ids[index]}-{start + offset}", "article": ids[index], "index": index,
                               "sentence_start": offset, "sentence": text, "trigger": text[start:end],
                               "start": start, "end": end, "lexicon_type": kind})
    with args.out.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in candidates)
    print(f"{len(candidates)} candidates from {len({c['article'] for c in candidates})} articles -> {args.out}")


if __name__ == "__main__":
    main()
