"""Score entity linking on the five sample pages against tests/fixtures/entities/sample_links.tsv.

Runs cleaning, then the recognizer (when its model is in the package, else none), the Linker and Coreference,
and prints, per sample, how many expected links (same text, id and label) were found, and the ones missed.
Run from the repository root::

    python evaluation/link_samples.py [--no-recognizer]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from thoisu.clean import clean
from thoisu.entities.coref import Coreference
from thoisu.entities.linker import Linker
from thoisu.read.page import Page

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "entities" / "sample_links.tsv"


def main() -> None:
    """Print found/expected links per sample and overall."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-recognizer", action="store_true", help="link KB names in the text only")
    args = parser.parse_args()
    steps = [] if args.no_recognizer else [_recognizer()]
    steps += [Linker(), Coreference()]
    with FIXTURE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
    total = hits = 0
    for sample in sorted({r["sample"] for r in rows}):
        doc = clean(Page(source=sample, content=(ROOT / "examples" / sample).read_text(encoding="utf-8")))
        for step in steps:
            doc = step(doc)
        links = {(e.text, e.entity_id, e.label) for e in doc.entities}
        expected = [r for r in rows if r["sample"] == sample]
        missed = [r for r in expected if (r["surface"], r["entity_id"], r["label"]) not in links]
        total, hits = total + len(expected), hits + len(expected) - len(missed)
        print(f"{sample}: {len(expected) - len(missed)}/{len(expected)} links")
        for r in missed:
            got = sorted({(e.label, e.entity_id) for e in doc.entities if e.text == r["surface"]})
            print(f"    missed {r['surface']!r} → {r['entity_id']} {r['label']}; mentions with that text: {got}")
    print(f"all samples: {hits}/{total} expected links found ({hits / total:.1%})")


def _recognizer():
    from thoisu.entities.recognizer import Recognizer

    return Recognizer()


if __name__ == "__main__":
    main()
