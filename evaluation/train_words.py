"""Train thoisu's word-segmentation CRF on UD Vietnamese-VTB (train part; dev for tuning).

The dictionary of multi-syllable words comes from UD VTB train and, optionally, from the
word-segmented ``raw`` field of the VietNews corpus; the same VietNews text can add training
sentences. UD VTB test is never read here.

    python evaluation/train_words.py --out src/thoisu/data/models/words
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycrfsuite
from compare_words import DEFAULT_DATA, GoldSentence, part_path, read_conllu, score
from underthesea_core import CRFModel, CRFTrainer

from thoisu.text.tones import normalize_tones
from thoisu.text.words import DICTIONARY_FILE, MODEL_FILE, Featurizer, WordSegmenter, units

DEFAULT_VIETNEWS = DEFAULT_DATA.parents[1] / "corpus" / "vietnews" / "articles_5k.jsonl.gz"


def vietnews_sentences(path: Path) -> Iterator[GoldSentence]:
    """Word-segmented VietNews lines ("Hà_Nội" = one word) as raw sentences with gold words."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            for sentence in json.loads(line)["raw"].split("\n"):
                words = [w.replace("_", " ") for w in sentence.split()]
                if words:
                    yield GoldSentence(" ".join(words), words)


def labelled_units(sentence: GoldSentence) -> tuple[list[str], list[str]]:
    """The sentence's units and their B/I tags (B where a gold word starts)."""
    starts, position = set(), 0
    for word in sentence.words:
        starts.add(position)
        position += len(word) + 1
    spans = units(sentence.text)
    return [sentence.text[a:b] for a, b in spans], ["B" if a in starts else "I" for a, _ in spans]


def _key(word: str) -> str:
    """How conventions are looked up: lower case, tones normalized, numbers by shape ("10 triệu" = "0 triệu")."""
    return _NUMBER.sub("0", normalize_tones(word.lower()))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class Convention:
    """UD VTB's choices where VietNews's segmenter disagrees: "cho biết" is two words in UD, one in VietNews."""

    def __init__(self, reference: Iterable[GoldSentence]) -> None:
        self.joined: Counter[str] = Counter()
        self.split: dict[str, Counter[tuple[int, ...]]] = {}
        for sentence in reference:
            keys = [_key(w) for w in sentence.words]
            sizes = [w.count(" ") + 1 for w in sentence.words]
            for i, key in enumerate(keys):
                if sizes[i] > 1:
                    self.joined[key] += 1
                for j in range(i + 2, min(i + 4, len(keys)) + 1):
                    if sum(sizes[i:j]) <= 4:
                        self.split.setdefault(" ".join(keys[i:j]), Counter())[tuple(sizes[i:j])] += 1

    def adapt(self, sentence: GoldSentence) -> GoldSentence:
        """The sentence re-segmented where UD VTB train mostly splits a word or mostly joins a word sequence."""
        words: list[str] = []
        i = 0
        while i < len(sentence.words):
            merged = self._merge(sentence.words, i)
            if merged:
                words.append(" ".join(sentence.words[i : i + merged]))
                i += merged
                continue
            words.extend(self._split(sentence.words[i]))
            i += 1
        return GoldSentence(sentence.text, words)

    def _split_count(self, key: str) -> int:
        return sum(self.split[key].values()) if key in self.split else 0

    def _merge(self, words: list[str], i: int) -> int:
        for size in (3, 2):
            key = _key(" ".join(words[i : i + size]))
            if i + size <= len(words) and self.joined[key] > self._split_count(key):
                return size
        return 0

    def _split(self, word: str) -> list[str]:
        key = _key(word)
        if " " not in word or self._split_count(key) <= self.joined[key]:
            return [word]
        sizes = self.split[key].most_common(1)[0][0]
        syllables = word.split(" ")
        parts, position = [], 0
        for size in sizes:
            parts.append(" ".join(syllables[position : position + size]))
            position += size
        return parts


def dictionary_words(sentences: Iterable[GoldSentence], min_count: int) -> list[str]:
    """Lower-cased multi-syllable words made of letters (2-4 syllables) seen at least ``min_count`` times."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for word in sentence.words:
            syllables = word.split(" ")
            if 2 <= len(syllables) <= 4 and all(s.isalpha() for s in syllables):
                counts[normalize_tones(word.lower())] += 1
    return sorted(w for w, c in counts.items() if c >= min_count)


def write_dictionary(words: list[str], path: Path, sources: str) -> None:
    """Write the dictionary file the segmenter reads."""
    header = f"# Multi-syllable words, lower case, tone marks normalized; derived from {sources}.\n"
    path.write_text(header + "".join(w + "\n" for w in words), encoding="utf-8")


def train_crf(x: list, y: list[list[str]], args: argparse.Namespace) -> CRFModel:
    """A CRF trained with L1+L2 regularization (OWL-QN)."""
    trainer = CRFTrainer(
        loss_function="lbfgs", l1_penalty=args.l1, l2_penalty=args.l2, max_iterations=args.iterations, verbose=0
    )
    return trainer.train(x, y)


def weighted_attributes(model_path: Path) -> set[str]:
    """Attributes with a non-zero state weight in a saved CRFsuite model."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return {attribute for attribute, _ in tagger.info().state_features}


def main() -> None:
    """Build the dictionary, train the CRF, save both and print the dev score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="UD VTB folder")
    parser.add_argument("--vietnews", type=Path, default=DEFAULT_VIETNEWS)
    parser.add_argument("--vietnews-sentences", type=int, default=None, help="VietNews sentences added (default all)")
    parser.add_argument("--ud-dictionary-only", action="store_true", help="no VietNews words in the dictionary")
    parser.add_argument("--min-count", type=int, default=2, help="VietNews count a dictionary word needs")
    parser.add_argument("--ud-repeat", type=int, default=5, help="times UD train is repeated (its weight)")
    parser.add_argument("--l1", type=float, default=1.0)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    train = list(read_conllu(part_path(args.data, "train")))
    dictionary = set(dictionary_words(train, 1))
    sources = "UD Vietnamese-VTB train"
    training = train * args.ud_repeat
    if not args.ud_dictionary_only or args.vietnews_sentences != 0:
        convention = Convention(train)
        news = [convention.adapt(s) for s in vietnews_sentences(args.vietnews)]
        if not args.ud_dictionary_only:
            dictionary |= set(dictionary_words(news, args.min_count))
            sources += f" and VietNews raw (words seen at least {args.min_count} times)"
        random.Random(args.seed).shuffle(news)
        training += news[: args.vietnews_sentences]
    args.out.mkdir(parents=True, exist_ok=True)
    write_dictionary(sorted(dictionary), args.out / DICTIONARY_FILE, sources)

    featurizer = Featurizer(frozenset(dictionary))
    x, y = [], []
    for sentence in training:
        words, tags = labelled_units(sentence)
        x.append(featurizer.features(words))
        y.append(tags)
    print(f"{len(dictionary)} dictionary words; training on {len(x)} sentences, {sum(map(len, y))} units")
    started = time.perf_counter()
    model_path = args.out / MODEL_FILE
    train_crf(x, y, args).save(str(model_path))
    # The saved model lists every attribute seen in training, most with no weight left after L1:
    # retraining on the attributes that kept a weight gives a small file and a faster tagger.
    kept = weighted_attributes(model_path)
    model = train_crf([[[a for a in unit if a in kept] for unit in sequence] for sequence in x], y, args)
    model.save(str(model_path))
    print(f"trained in {time.perf_counter() - started:.0f} s: {model}, {model_path.stat().st_size:,} bytes")

    segmenter = WordSegmenter(args.out)
    dev = score(read_conllu(part_path(args.data, "dev")), lambda t: [w.text_in(t) for w in segmenter.segment(t)])
    print(f"dev P {dev.precision:.4f} R {dev.recall:.4f} F1 {dev.f1:.4f}")


if __name__ == "__main__":
    main()
