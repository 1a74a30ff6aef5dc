"""Would a supervised trigger tagger trained on BKEE beat the lexicon on `thoisu eval events`? A study, no model shipped.

Trains a CRF (python-crfsuite, one process) on BKEE train to tag the triggers of the BKEE types that map to PLOVER,
word by word (features: the word, its neighbours, and the lexicon's longest-match type), then scores on BKEE dev,
with the same overlap matching and mapped-mode scope as `thoisu eval events`:
  * the lexicon coder alone (what ships);
  * the CRF alone;
  * the lexicon filtered by the CRF for lemmas BKEE train marks (>= 3 occurrences), and that plus CRF-only triggers.

    /work/venv/bin/python evaluation/events/trigger_crf_study.py ../shared/data/events/bkee [--model /tmp/triggers.crfsuite]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pycrfsuite
from underthesea_core import CRFTagger

from thoisu.evaluate.bkee import BkeeDocument, read_bkee
from thoisu.evaluate.events import Counts, count_typed, to_document
from thoisu.events import EventCoder
from thoisu.events.lexicon import bkee_to_plover, load_lexicon, normalize_key, read_table

MAPPING = bkee_to_plover()
LEXICON = load_lexicon()
Span3 = tuple[int, int, str]


def sentences(doc: BkeeDocument) -> Iterator[list[tuple[int, int]]]:
    """The words of each sentence."""
    for start, end in doc.sentences:
        words = [(s, e) for s, e in doc.words if start <= s and e <= end]
        if words:
            yield words


def features(doc: BkeeDocument, words: list[tuple[int, int]]) -> list[list[str]]:
    """CRF features of each word: itself, neighbours, lexicon longest-match type."""
    keys = [normalize_key(doc.text[s:e]) for s, e in words]
    lex = ["O"] * len(keys)
    i = 0
    while i < len(keys):
        end = next((j for j in range(min(len(keys), i + 5), i, -1) if " ".join(keys[i:j]) in LEXICON.triggers), None)
        if end is None:
            i += 1
            continue
        kind = LEXICON.triggers[" ".join(keys[i:end])].type
        for k in range(i, end):
            lex[k] = ("B-" if k == i else "I-") + kind
        i = end
    rows = []
    for i, key in enumerate(keys):
        row = [f"w={key}", f"lex={lex[i]}", f"n={len(key.split())}", f"cap={doc.text[words[i][0]].isupper()}",
               f"lex-1={lex[i - 1] if i else '#'}", f"w-1w={keys[i - 1] if i else '#'}|{key}",
               f"ww+1={key}|{keys[i + 1] if i + 1 < len(keys) else '#'}"]
        row += [f"w{d}={keys[i + d] if 0 <= i + d < len(keys) else '#'}" for d in (-2, -1, 1, 2)]
        rows.append(row)
    return rows


def labels(doc: BkeeDocument, words: list[tuple[int, int]]) -> list[str]:
    """BIO labels of the BKEE types that map to PLOVER."""
    tags = ["O"] * len(words)
    for trigger in doc.triggers:
        if trigger.type in MAPPING:
            inside = [i for i, (s, e) in enumerate(words) if s < trigger.end and trigger.start < e]
            for n, i in enumerate(inside):
                tags[i] = ("B-" if n == 0 else "I-") + trigger.type
    return tags


def decode(tags: list[str], words: list[tuple[int, int]]) -> list[Span3]:
    """(start, end, PLOVER type) of the tagged triggers."""
    out, current = [], None
    for i, tag in enumerate(tags + ["O"]):
        if current and (tag == "O" or tag.startswith("B-") or tag[2:] != current[2]):
            out.append((words[current[0]][0], words[current[1] - 1][1], MAPPING[current[2]][0]))
            current = None
        if tag != "O" and current is None:
            current = [i, i + 1, tag[2:]]
        elif tag != "O":
            current[1] = i + 1
    return out


def main() -> None:
    """Train on train/, score the four set-ups on dev/."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bkee", type=Path)
    parser.add_argument("--model", type=Path, default=Path("/tmp/thoisu_triggers.crfsuite"))
    args = parser.parse_args()
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in read_bkee(args.bkee / "train"):
        for words in sentences(doc):
            trainer.append(features(doc, words), labels(doc, words))
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(args.model))
    tagger = CRFTagger()
    tagger.load(str(args.model))
    marked = {normalize_key(r["trigger"]) for r in read_table("triggers.tsv") if int(r["train_count"] or 0) >= 3}
    whole = {plover for plover, mode, _ in MAPPING.values() if mode is None}
    modes = {(plover, mode) for plover, mode, _ in MAPPING.values()}
    coder = EventCoder()
    results = {name: Counts() for name in ("lexicon (ships)", "CRF alone", "lexicon filtered by CRF", "filtered + CRF-only")}
    for doc in read_bkee(args.bkee / "dev"):
        gold = [(t.start, t.end, MAPPING[t.type][0]) for t in doc.triggers if t.type in MAPPING]
        crf = [span for words in sentences(doc) for span in decode(tagger.tag(features(doc, words)), words)]
        coded = coder(to_document(doc))
        lexicon = [(m.start, m.end, ev.type) for ev in coded.events if ev.type in whole or (ev.type, ev.mode) in modes
                   for m in ev.mentions]
        filtered = [p for p in lexicon if normalize_key(doc.text[p[0] : p[1]]) not in marked
                    or any(s < p[1] and p[0] < e for s, e, _ in crf)]
        extra = [c for c in crf if not any(s < c[1] and c[0] < e for s, e, _ in filtered)]
        for name, predicted in zip(results, (lexicon, crf, filtered, filtered + extra), strict=True):
            count_typed(results[name], gold, predicted)
    print("| set-up | P | R | F1 |\n|---|---:|---:|---:|")
    for name, c in results.items():
        print(f"| {name} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |")


if __name__ == "__main__":
    main()
