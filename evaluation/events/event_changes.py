"""What a change to the event coder does on real news: dump the events of VietNews articles, then diff two dumps.

There is no gold for actors beyond the five samples, so a change to attribution is judged by reading what it
changes. Dump with the code before the change (a ``git worktree`` of the old commit, its ``src`` first on the path),
dump again after, and print every event whose type, actors, reciprocity or modality moved, with its sentence:

    git worktree add /tmp/before HEAD~1
    PYTHONPATH=/tmp/before/src /work/venv/bin/python evaluation/events/event_changes.py dump /tmp/before.jsonl
    /work/venv/bin/python evaluation/events/event_changes.py dump /tmp/after.jsonl
    /work/venv/bin/python evaluation/events/event_changes.py diff /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "../shared/data/corpus/vietnews/articles_5k.jsonl.gz"


def dump(out: Path, corpus: Path, limit: int) -> None:
    """One JSON line per article: [type, trigger, sources, targets, reciprocal, modality, sentence] for each event."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from vietnews import load_pages

    import thoisu
    from thoisu.errors import InputError
    from thoisu.pipeline import Pipeline
    from thoisu.read.page import Page

    print(f"thoisu from {Path(thoisu.__file__).parent}", file=sys.stderr)
    pipeline = Pipeline.default()
    with out.open("w", encoding="utf-8") as lines:
        for text in load_pages(corpus, limit):
            try:
                doc = pipeline.analyze(Page(source="<vietnews>", content=text))
            except InputError:
                doc = None
            events = [[e.type, e.trigger.text_in(doc.text), [a.text for a in e.sources], [a.text for a in e.targets],
                       e.reciprocal, e.modality, e.sentence.text_in(doc.text)] for e in (doc.events if doc else [])]
            lines.write(json.dumps(events, ensure_ascii=False) + "\n")


def diff(before: Path, after: Path) -> None:
    """Print the events that differ between two dumps of the same articles, and how many."""
    old = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    new = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    changed = 0
    for article, (was, now) in enumerate(zip(old, new)):
        if len(was) != len(now):
            print(f"article {article}: {len(was)} events -> {len(now)}")
            changed += abs(len(was) - len(now))
            continue
        for a, b in zip(was, now):
            if a != b:
                changed += 1
                print(f"article {article}: {a[0]} '{a[1]}' sources {a[2]} -> {b[2]}, targets {a[3]} -> {b[3]}"
                      + (f", type -> {b[0]}" if a[0] != b[0] else "")
                      + (f", modality {a[5]} -> {b[5]}" if a[5] != b[5] else "") + f"\n    {a[6][:200]}")
    print(f"{changed} events changed of {sum(map(len, old))} in {len(old)} articles")


def main() -> None:
    """dump OUT | diff BEFORE AFTER."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--corpus", type=Path, default=CORPUS)
    dumping.add_argument("--limit", type=int, default=1500)
    diffing = commands.add_parser("diff")
    diffing.add_argument("before", type=Path)
    diffing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.corpus, args.limit)
    else:
        diff(args.before, args.after)


if __name__ == "__main__":
    main()
