"""Word segmentation on UD Vietnamese-VTB: thoisu's WordSegmenter and underthesea's word_tokenize side by side.

Both tools get the raw sentence (the ``# text`` line) and are scored the same way: a predicted
word counts when its character span (whitespace ignored) equals a gold word's span.

    python evaluation/compare_words.py [--data ../shared/data/segmentation/ud_vtb] [--parts dev test]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "segmentation" / "ud_vtb"


@dataclass
class GoldSentence:
    """A raw sentence and its gold words (each word a string of space-separated syllables)."""

    text: str
    words: list[str]


@dataclass
class Score:
    """Word-level precision, recall and F1 counts."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted words that are gold words."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold words that were predicted."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_conllu(path: Path) -> Iterator[GoldSentence]:
    """Sentences of a CoNLL-U file: the ``# text`` line and the word forms (multiword ranges skipped)."""
    text, words = "", []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# text"):
                text = line.split("=", 1)[1].strip()
            elif line and line[0].isdigit():
                index, form = line.split("\t", 2)[:2]
                if "-" not in index and "." not in index:
                    words.append(form)
            elif not line and words:
                yield GoldSentence(text, words)
                text, words = "", []
    if words:
        yield GoldSentence(text, words)


def part_path(data: Path, part: str) -> Path:
    """The CoNLL-U file of one part (train, dev, test) of UD VTB."""
    return data / f"vi_vtb-ud-{part}.conllu"


def word_spans(words: Iterable[str]) -> set[tuple[int, int]]:
    """Spans of words counted in non-whitespace characters, so tokenizer spacing does not matter."""
    spans, position = set(), 0
    for word in words:
        length = sum(1 for c in word if not c.isspace())
        spans.add((position, position + length))
        position += length
    return spans


def score(sentences: Iterable[GoldSentence], segment: Callable[[str], list[str]]) -> Score:
    """Score a segmenter (raw sentence -> list of word strings) against gold words."""
    result = Score()
    for sentence in sentences:
        gold = word_spans(sentence.words)
        predicted = word_spans(segment(sentence.text))
        result.correct += len(gold & predicted)
        result.predicted += len(predicted)
        result.gold += len(gold)
    return result


def thoisu_segment() -> Callable[[str], list[str]]:
    """thoisu's WordSegmenter as raw sentence -> word strings."""
    from thoisu.text.words import WordSegmenter

    segmenter = WordSegmenter()
    return lambda text: [t.text_in(text) for t in segmenter.segment(text)]


def underthesea_segment() -> Callable[[str], list[str]]:
    """underthesea's word_tokenize as raw sentence -> word strings."""
    from underthesea import word_tokenize

    return word_tokenize


def main() -> None:
    """Print P/R/F1 of both segmenters on the chosen UD VTB parts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--parts", nargs="+", default=["dev", "test"])
    args = parser.parse_args()
    tools = {"thoisu": thoisu_segment(), "underthesea": underthesea_segment()}
    print(f"{'part':<6} {'tool':<12} {'P':>7} {'R':>7} {'F1':>7} {'words':>7}")
    for part in args.parts:
        sentences = list(read_conllu(part_path(args.data, part)))
        for name, segment in tools.items():
            s = score(sentences, segment)
            print(f"{part:<6} {name:<12} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f} {s.gold:7d}")


if __name__ == "__main__":
    main()
