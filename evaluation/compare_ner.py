"""thoisu's Recognizer and underthesea's ``ner`` side by side on the VLSP dev sets (raw text, exact span+type).

    /work/venv/bin/python evaluation/compare_ner.py [FILE ...]

Without arguments: VLSP 2016, 2018 and 2021 dev from ../shared/data/ner. Same as
``thoisu eval ner FILE --compare`` for each file.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from thoisu.entities.recognizer import Recognizer
from thoisu.evaluate.ner import print_ner_report, score_ner, underthesea_tagger

NER_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"
DEFAULT_FILES = [NER_DATA / year / "dev.txt" for year in ("vlsp2016", "vlsp2018", "vlsp2021")]


def main() -> None:
    """Score both taggers on each file and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    args = parser.parse_args()
    console = Console(width=160)
    ours, theirs = Recognizer().recognize, underthesea_tagger()
    for path in args.files:
        print_ner_report(score_ner(path, ours), console, score_ner(path, theirs, "underthesea"))


if __name__ == "__main__":
    main()
