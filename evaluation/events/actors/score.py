"""Score the event coder's sources and targets against the blind actor gold (gold.tsv) on VietNews articles."""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import thoisu
from thoisu.document import Actor, Document, Event, Span

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
# The matching rule is this checkout's, also when an older thoisu is on PYTHONPATH to score its coder
RULE_SPEC = importlib.util.spec_from_file_location("actor_rule", ROOT / "src/thoisu/evaluate/actors.py")
rule = importlib.util.module_from_spec(RULE_SPEC)
RULE_SPEC.loader.exec_module(rule)
same_side = rule.same_side
sys.path.insert(0, str(ROOT / "benchmarks"))
from vietnews import CORPUS, load_pages  # benchmarks/ is not a package

WORST = 15  # errors printed; '--all' prints every one


@dataclass
class Result:
    """One gold trigger and what the coder made of it."""

    gold: dict[str, str]
    candidate: dict
    event: Event | None
    source_ok: bool = False
    target_ok: bool = False


def gold_side(cell: str) -> list[dict]:
    """A gold side as the samples' gold writes it: one {"name": "A|B", "code": None} per actor."""
    return [] if cell == "-" else [{"name": actor, "code": None} for actor in cell.split(";")]


def read_gold(candidates_path: Path, gold_path: Path) -> tuple[list[dict], list[dict[str, str]]]:
    """The candidates and their gold rows, in the same order."""
    candidates = [json.loads(line) for line in candidates_path.open(encoding="utf-8")]
    lines = [line for line in gold_path.open(encoding="utf-8") if not line.startswith("#")]
    gold = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if [g["id"] for g in gold] != [c["id"] for c in candidates]:
        raise SystemExit(f"{gold_path} and {candidates_path} disagree: "
                         "rerun select_candidates.py only with the gold redone")
    return candidates, gold


def aligned(doc: Document, start: int, end: int) -> Event | None:
    """The event whose trigger, or else one of whose mentions, overlaps [start, end)."""
    def overlaps(span: Span) -> bool:
        return span.start < end and start < span.end
    return next((e for e in doc.events if overlaps(e.trigger)), None) or next(
        (e for e in doc.events for m in e.mentions if overlaps(m)), None)


def score(candidate: dict, gold: dict[str, str], doc: Document) -> Result:
    """Align one gold trigger and judge the event's two sides."""
    start = candidate["sentence_start"] + candidate["start"]
    event = aligned(doc, start, start + candidate["end"] - candidate["start"])
    result = Result(gold, candidate, event)
    if event is not None and gold["event"] == "yes":
        sources, targets = gold_side(gold["sources"]), gold_side(gold["targets"])
        if gold["reciprocal"] == "yes":
            result.source_ok = result.target_ok = same_side(sources + targets, event.sources + event.targets)
        else:
            result.source_ok, result.target_ok = same_side(sources, event.sources), same_side(targets, event.targets)
    return result


def names(actors: list[Actor], candidate: dict) -> str:
    """Predicted actors in the gold's notation, '*' after one outside the candidate's sentence."""
    start = candidate["sentence_start"]
    inside = range(start, start + len(candidate["sentence"]))
    return ";".join(a.text + ("" if a.start in inside else "*") for a in actors) or "-"


def report(results: list[Result], worst: int) -> None:
    """Print the table and the ``worst`` errors."""
    events = [r for r in results if r.gold["event"] == "yes"]
    found = [r for r in events if r.event is not None]
    non_events = [r for r in results if r.gold["event"] == "no"]
    rows = [
        ("gold events found (trigger recall)", len(found), len(events)),
        ("source correct, of events found", sum(r.source_ok for r in found), len(found)),
        ("target correct, of events found", sum(r.target_ok for r in found), len(found)),
        ("both sides correct, of events found", sum(r.source_ok and r.target_ok for r in found), len(found)),
        ("events made of non-event triggers", sum(r.event is not None for r in non_events), len(non_events)),
    ]
    for label, count, total in rows:
        print(f"{label:<40} {count:>4} / {total:<4} {count / total if total else 0:6.1%}")
    print("non-event triggers coded:", " ".join(f"#{results.index(r)}" for r in non_events if r.event is not None))
    wrong = sorted((r for r in found if not (r.source_ok and r.target_ok)), key=lambda r: r.source_ok + r.target_ok)
    print(f"\n{len(wrong)} events with a side wrong; the {min(worst, len(wrong))} worst ('*': from another sentence):")
    for r in wrong[:worst]:
        c, e = r.candidate, r.event
        assert e is not None
        recip = " (reciprocal)" if r.gold["reciprocal"] == "yes" else ""
        print(f"\n#{results.index(r)} {c['id']} [{c['trigger']}] {c['sentence']}")
        print(f"  gold{recip}: {r.gold['sources']} -> {r.gold['targets']}   coder: {names(e.sources, c)} -> "
              f"{names(e.targets, c)}{' (reciprocal)' if e.reciprocal else ''}   [{r.gold['note']}]")


def arguments() -> argparse.Namespace:
    """The gold pair to score (default: the development set) and whether to print every error."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=Path, default=HERE / "candidates.jsonl")
    parser.add_argument("--gold", type=Path, default=HERE / "gold.tsv")
    parser.add_argument("--all", action="store_true", help="print every error, not the worst")
    return parser.parse_args()


def main() -> None:
    """Annotate every gold article once, score each gold trigger, print the report."""
    args = arguments()
    candidates, gold = read_gold(args.candidates, args.gold)
    pages = load_pages(CORPUS, max(c["index"] for c in candidates) + 1)
    docs = {i: thoisu.annotate(pages[i]) for i in sorted({c["index"] for c in candidates})}
    report([score(c, g, docs[c["index"]]) for c, g in zip(candidates, gold)], len(gold) if args.all else WORST)


if __name__ == "__main__":
    main()
