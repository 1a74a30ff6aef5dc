"""thoisu's Recognizer and underthesea's ``ner`` side by side on the VLSP dev sets (raw text, exact span+type).

    /work/venv/bin/python evaluation/compare_ner.py [FILE ...]
    /work/venv/bin/python evaluation/compare_ner.py --errors ORG [--examples 10] [FILE]
    /work/venv/bin/python evaluation/compare_ner.py --linker [FILE ...]
    /work/venv/bin/python evaluation/compare_ner.py --tune-offset B-ORG [FILE ...]

Without arguments: VLSP 2016, 2018 and 2021 dev from ../shared/data/ner. Same as
``thoisu eval ner FILE --compare`` for each file. ``--errors LABEL`` instead breaks our
errors on that label down: a gold entity found with the right span but another label
(type), overlapped by a prediction of its label with another span (boundary), overlapped
only by other labels and spans (boundary+type), not overlapped at all (missed); a
prediction that overlaps no gold entity (spurious). With examples of each. ``--linker``
scores the recognizer alone and followed by the Linker (which relabels and repairs spans),
both as pipeline steps on documents of 20 consecutive sentences. ``--tune-offset TAG`` scores
our recognizer with each offset from 0 to 3 (step 0.25) added to that tag's score instead of the
shipped one (``label_offsets.tsv``); tune on the first file (VLSP 2016 dev), the others show
whether the choice carries over.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rich.console import Console

from thoisu.document import Document, Entity, Sentence
from thoisu.entities.linker import Linker
from thoisu.entities.recognizer import Recognizer
from thoisu.evaluate.ner import PREDICTED_LABELS, Tagger, print_ner_report, read_conll, score_ner, underthesea_tagger

NER_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"
DEFAULT_FILES = [NER_DATA / year / "dev.txt" for year in ("vlsp2016", "vlsp2018", "vlsp2021")]
DOCUMENT_SENTENCES = 20  # the dev sentences run in story order; 20 is a short news article


def pipeline_tagger(steps: list) -> Tagger:
    """A tagger that runs ``steps`` on documents of consecutive sentences (one per line) and splits the entities back."""

    def tag(texts: list[str]) -> list[list[Entity]]:
        out: list[list[Entity]] = []
        for first in range(0, len(texts), DOCUMENT_SENTENCES):
            chunk = texts[first : first + DOCUMENT_SENTENCES]
            spans, offset = [], 0
            for text in chunk:
                spans.append(Sentence(offset, offset + len(text)))
                offset += len(text) + 1
            doc = Document(text="\n".join(chunk), sentences=spans)
            for step in steps:
                doc = step(doc)
            for span in spans:
                out.append(
                    [
                        Entity(e.start - span.start, e.end - span.start, label=e.label)
                        for e in doc.entities
                        if span.start <= e.start and e.end <= span.end
                    ]
                )
        return out

    return tag


def error_kinds(path: Path, label: str, examples: int) -> None:
    """Print how our recognizer's errors on ``label`` split into kinds, with examples (gold -> predictions)."""
    sentences = read_conll(path)
    predicted = Recognizer().recognize_sentences([s.text for s in sentences])
    kinds: Counter[str] = Counter()
    shown: dict[str, list[str]] = {}
    for sentence, entities in zip(sentences, predicted):
        text, gold = sentence.text, set(sentence.entities)
        found = {(e.start, e.end, PREDICTED_LABELS.get(e.label, e.label)) for e in entities}
        misses = [(g, [p for p in found if p[0] < g[1] and g[0] < p[1]]) for g in gold - found if g[2] == label]
        wrong = [(p, []) for p in found - gold if p[2] == label and not any(g[0] < p[1] and p[0] < g[1] for g in gold)]
        for entity, overlaps in misses + wrong:
            if entity in found:
                kind = "spurious"
            elif any(p[:2] == entity[:2] for p in overlaps):
                kind = "type"
            elif any(p[2] == label for p in overlaps):
                kind = "boundary"
            else:
                kind = "boundary+type" if overlaps else "missed"
            kinds[kind] += 1
            got = ", ".join(f"{text[p[0] : p[1]]}/{p[2]}" for p in sorted(overlaps)) or "-"
            shown.setdefault(kind, []).append(f"[{text[entity[0] : entity[1]]}] -> {got}   | {text[:100]}")
    print(f"{label} errors on {path}: {dict(kinds.most_common())}")
    for kind, lines in shown.items():
        print(f"== {kind} ({len(lines)})")
        for line in lines[:examples]:
            print("  " + line)


def tune_offset(files: list[Path], tag: str) -> None:
    """Print PER/LOC/ORG F1 and the F1 of ``tag``'s label on each file for each offset of ``tag`` from 0 to 3."""
    recognizer = Recognizer()
    if tag not in recognizer.crf.labels:
        raise SystemExit(f"--tune-offset: {tag!r} is not a tag of the model ({', '.join(recognizer.crf.labels)})")
    shipped = recognizer.offsets.copy()
    label = tag.partition("-")[2]
    print("offset  " + "  ".join(f"{path.parent.name}: PER/LOC/ORG {label}" for path in files))
    for step in range(13):
        recognizer.offsets = shipped.copy()
        recognizer.offsets[recognizer.crf.labels.index(tag)] = step / 4
        reports = [score_ner(path, recognizer.recognize_sentences) for path in files]
        row = "  ".join(f"{report.overall().f1:.4f} {report.labels[label].f1:.4f}" for report in reports)
        print(f"{step / 4:6.2f}  {row}", flush=True)


def main() -> None:
    """Score both taggers on each file and print the tables (or our error kinds on one label)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--errors", metavar="LABEL", help="break our errors on LABEL down instead (PER, LOC, ORG, MISC)")
    parser.add_argument("--examples", type=int, default=10, help="examples per kind of error")
    parser.add_argument("--linker", action="store_true", help="recognizer alone vs recognizer + Linker instead")
    parser.add_argument("--tune-offset", metavar="TAG", help="F1 for each offset of TAG (B-ORG, ...) instead")
    args = parser.parse_args()
    if args.tune_offset:
        tune_offset(args.files, args.tune_offset)
        return
    if args.errors:
        for path in args.files[:1]:
            error_kinds(path, args.errors, args.examples)
        return
    console = Console(width=160)
    if args.linker:
        recognizer, linker = Recognizer(), Linker()
        for path in args.files:
            alone = score_ner(path, pipeline_tagger([recognizer]), "recognizer")
            print_ner_report(alone, console, score_ner(path, pipeline_tagger([recognizer, linker]), "+linker"))
        return
    ours, theirs = Recognizer().recognize_sentences, underthesea_tagger()
    for path in args.files:
        print_ner_report(score_ner(path, ours), console, score_ner(path, theirs, "underthesea"))


if __name__ == "__main__":
    main()
