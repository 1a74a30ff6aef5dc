"""Named-entity recognition on raw Vietnamese text: a syllable-level CRF (PER, ORG, LOC, MISC).

The model (trained by ``evaluation/train_ner.py`` on VLSP 2016; see
``data/models/ner/PROVENANCE.md``) tags each syllable B-/I-/O; knowledge-base names then
correct what the CRF gets wrong in foreign news (``NameRules``, configured by
``rules.tsv``). The sentences of a story are tagged together: the CRF reads how the sentences
around each one use its words (``story_features``), and a name tagged in one sentence is
tagged where it recurs untagged in the sentences around it (``spread_names``). A per-label offset
(``label_offsets.tsv``) is added to every syllable's scores before decoding: the CRF finds
fewer organizations than there are, and starting one is made cheaper. Spans are
character offsets into ``doc.text``. Turning LOC mentions of countries and cities into GPE is
the linker's job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Hashable
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

import numpy as np

from thoisu.document import Document, Entity
from thoisu.entities.crf import LinearChainCRF
from thoisu.entities.features import (
    SYLLABLE,
    Gazetteer,
    SyllableFeatures,
    load_clusters,
    script,
    story_features,
    syllable_spans,
)
from thoisu.entities.model_files import read_rows
from thoisu.errors import ResourceError
from thoisu.text.tones import normalize_tones

MODEL_DIR = Path(str(files("thoisu") / "data" / "models" / "ner"))
_BIGRAM_PREFIXES = ("b-=", "b+=", "b--=", "b++=")
# sentences before and after a sentence that count as its story (a short news article is about 20)
STORY_WINDOW = 20
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)]*\s+(?=[\"“«(]?[^\W\d_])|\n\s*")


class Recognizer:
    """Pipeline step: adds PER/ORG/LOC/MISC entity mentions to ``doc.entities``."""

    def __init__(self, model_dir: Path = MODEL_DIR, rules: bool = True) -> None:
        clusters, capitalized = load_clusters(model_dir / "clusters.tsv")
        known = Gazetteer.load(model_dir / "kb_names.tsv")
        self.features = SyllableFeatures(clusters, capitalized, known)
        self.crf = LinearChainCRF.load(model_dir / "weights.tsv")
        self.offsets = load_label_offsets(model_dir / "label_offsets.tsv", self.crf.labels)
        self.rules = NameRules(model_dir / "rules.tsv", known) if rules else None
        self._form_scores = ScoreRows(200_000)
        self._pair_scores = ScoreRows(500_000)
        # the (left, right) pairs some bigram feature "b…=left|right" names; every other pair scores nothing. A form
        # may be "|" itself, so each split at a "|" is kept: a pair is in the set exactly when "left|right" is named.
        named = {attribute.partition("=")[2] for attribute in self.crf.state if attribute.startswith(_BIGRAM_PREFIXES)}
        self._weighted_pairs = frozenset(
            (pair[:k], pair[k + 1 :]) for pair in named for k, char in enumerate(pair) if char == "|"
        )

    def __call__(self, doc: Document) -> Document:
        """Add the entity mentions of every sentence of ``doc`` (all sentences decoded in one batch)."""
        text = doc.analysis_text
        spans = [(s.start, s.end) for s in doc.sentences] or sentence_spans(text)
        for (start, end), entities in zip(spans, self._tag([text[start:end] for start, end in spans])):
            for entity in entities:
                entity.start += start
                entity.end += start
                entity.text = doc.text[entity.start : entity.end]
                doc.entities.append(entity)
        return doc

    def recognize(self, text: str) -> list[Entity]:
        """Entity mentions of one sentence on its own, offsets into ``text``."""
        return self.recognize_sentences([text])[0]

    def recognize_sentences(self, texts: list[str]) -> list[list[Entity]]:
        """Entity mentions of each sentence of one or more stories in reading order, offsets into each sentence."""
        results = self._tag([normalize_tones(text) for text in texts])
        for text, entities in zip(texts, results):
            for entity in entities:
                entity.text = text[entity.start : entity.end]
        return results

    def _tag(self, texts: list[str]) -> list[list[Entity]]:
        """Entities of each (tone-normalized) sentence, offsets into it; the sentences are read in order as a story."""
        spans = [syllable_spans(text) for text in texts]
        forms = [SYLLABLE.findall(text) for text in texts]  # the syllables of ``spans`` as strings
        tagged = [k for k, sentence in enumerate(forms) if sentence]
        found: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        if tagged:
            sentences = [forms[k] for k in tagged]
            around = story_features(sentences, STORY_WINDOW)
            labels = self.crf.decode_batch(self._emissions(sentences, around))
            for k, tags in zip(tagged, labels):
                found[k] = decode_bio(tags)
                if self.rules:
                    found[k] = self.rules.apply(forms[k], found[k])
            found = spread_names(forms, found, STORY_WINDOW)
        return [
            [Entity(spans[k][i][0], spans[k][j - 1][1], label=label) for i, j, label in entities]
            for k, entities in enumerate(found)
        ]

    def _emissions(self, sentences: list[list[str]], around: list[list[list[str]]]) -> list[np.ndarray]:
        """Label scores per syllable of each sentence: cached per-form scores over the ±3 window, plus context."""
        forms = [form for sentence in sentences for form in sentence]
        per = self._form_scores.gather(forms, self._score_form)
        position = np.concatenate([np.arange(len(sentence)) for sentence in sentences])
        left = np.concatenate([np.arange(len(sentence))[::-1] for sentence in sentences])  # syllables after
        initial = np.concatenate([self.features.initial(sentence) for sentence in sentences])
        emissions = np.where(initial[:, None], per[:, 1], per[:, 0]) + self.offsets
        # the form d syllables before (slot 2d) and after (slot 2d + 1), within the same sentence
        for d in (1, 2, 3):
            emissions[d:] += per[:-d, 2 * d] * (position[d:, None] >= d)
            emissions[:-d] += per[d:, 2 * d + 1] * (left[:-d, None] >= d)
        lowers = list(map(str.lower, forms))
        weighted = self._weighted_pairs
        # pair k is syllables k and k+1; a pair across two sentences scores nothing
        pairs = [(k, pair) for k, pair in enumerate(zip(lowers, lowers[1:])) if pair in weighted]
        if pairs:
            at = np.array([k for k, _ in pairs])
            scores = self._pair_scores.gather([pair for _, pair in pairs], self._score_pair)
            inside = left[at] >= 1
            at, scores = at[inside], scores[inside]
            emissions[at + 1] += scores[:, 0]
            emissions[at] += scores[:, 1]
            before = left[at] >= 2
            emissions[at[before] + 2] += scores[before, 2]
            after = position[at] >= 1
            emissions[at[after] - 1] += scores[after, 3]
        story = list(itertools.chain.from_iterable(around))  # per syllable of the batch, its story features
        starts = itertools.accumulate((len(sentence) for sentence in sentences[:-1]), initial=0)
        edges = [(start + i, f) for start, s in zip(starts, sentences) for i, f in self.features.edge_items(s)]
        # a syllable's story features, then its edge features: np.add.at adds them in that order, as training summed
        for syllables, attributes in (
            (np.repeat(np.arange(len(story)), list(map(len, story))), list(itertools.chain.from_iterable(story))),
            (np.array([k for k, _ in edges], dtype=np.intp), [attribute for _, attribute in edges]),
        ):
            rows = np.fromiter(map(self.crf.rows.get, attributes, itertools.repeat(-1)), np.intp, len(attributes))
            known = rows >= 0
            np.add.at(emissions, syllables[known], self.crf.weights[rows[known]])
        bounds = np.cumsum([len(sentence) for sentence in sentences])[:-1]
        return np.split(emissions, bounds)

    def _score_pair(self, pair: tuple[str, str]) -> np.ndarray:
        """Label scores of a pair of lowercase neighbours, one row per bigram slot."""
        return np.stack([self.crf.score(slot) for slot in self.features.bigram_slots(*pair)])

    def _score_form(self, form: str) -> np.ndarray:
        """Label scores of a form, one row per form slot."""
        return np.stack([self.crf.score(slot) for slot in self.features.form_slots(form)])


class ScoreRows:
    """Score arrays of keys (forms, pairs) kept as rows of one growing array, so a sentence's are gathered at once."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.rows: dict[Hashable, int] = {}
        self.matrix: np.ndarray | None = None

    def gather(self, keys: list[Hashable], score: Callable[[Hashable], np.ndarray]) -> np.ndarray:
        """The score arrays of ``keys`` stacked in order, computing ``score(key)`` for keys not seen before."""
        rows = self.rows
        found = list(map(rows.get, keys))
        new = list(dict.fromkeys(key for key, row in zip(keys, found) if row is None))
        if new:
            if len(rows) + len(new) > self.limit:  # start over rather than grow without bound
                rows.clear()
                new = list(dict.fromkeys(keys))
            scores = np.stack([score(key) for key in new])
            first = len(rows)
            if self.matrix is None or first + len(new) > len(self.matrix):
                grown = np.zeros((max(2 * first, first + len(new), 1024), *scores.shape[1:]))
                if self.matrix is not None:
                    grown[:first] = self.matrix[:first]
                self.matrix = grown
            self.matrix[first : first + len(new)] = scores
            rows.update(zip(new, range(first, first + len(new))))
            found = list(map(rows.__getitem__, keys))
        return self.matrix[found]


class NameRules:
    """Corrections of the CRF's entities by knowledge-base names, configured by a ``kind/label/actions`` file."""

    def __init__(self, path: Path, names: Gazetteer) -> None:
        self.names = names
        self.kinds: dict[str, tuple[str, frozenset[str]]] = {}
        for _, (kind, label, actions) in read_rows(path, "NER rules", "kind<TAB>label<TAB>actions", columns=3)[1:]:
            self.kinds[kind] = (label, frozenset(actions.split(",")))

    def _with(self, action: str, matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        return [(a, b, self.kinds[k][0]) for a, b, k in matches if k in self.kinds and action in self.kinds[k][1]]

    def apply(self, forms: list[str], entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The entities (syllable ranges) after stripping titles, splitting, relabelling and adding names."""
        matches = self.names.matches(forms)
        titles = self._with("strip", matches)
        splits = {a: (b, label) for a, b, label in self._with("split", matches)}
        exact = {(a, b): label for a, b, label in self._with("relabel", matches)}
        starts = {i for i, _, _ in entities}
        out: list[tuple[int, int, str]] = []
        for i, j, label in entities:
            after_title = False
            for a, b, _ in titles:
                if a <= i <= b and b < j and forms[b][:1].isupper():  # a title, then a name
                    i, after_title = max(i, b), True
                elif a <= i and j <= b:
                    i = j  # the whole entity is a title
            if i >= j:
                continue
            if after_title and i in splits and splits[i][0] <= j:
                end, place_label = splits[i]
                out.append((i, end, place_label))
                if end == j:  # "Thứ trưởng [Quốc phòng Nga]": what is left of the entity is the country
                    continue
                i, label = end, "PER"
                while j < len(forms) and forms[j][:1].isupper() and j not in splits and j not in starts:
                    j += 1
            out.append((i, j, exact.get((i, j), label)))
        for a, b, label in self._with("add", matches):
            if all(b <= i or j <= a for i, j, _ in out):
                out.append((a, b, label))
        return sorted(out)


def spread_names(
    forms: list[list[str]], found: list[list[tuple[int, int, str]]], window: int
) -> list[list[tuple[int, int, str]]]:
    """Each sentence's entities plus the untagged recurrences of names tagged within ``window`` sentences of it.

    A name (its exact syllables, starting with a capital) tagged in one sentence of a story is the same name
    where it recurs as a whole word sequence that no entity overlaps; it takes the label it got most often there.
    An entity that is the end of a foreign person's name tagged there is that person ("Jens Stoltenberg" →
    "Stoltenberg"); Vietnamese names end in given names that are also places and words ("Nam", "Hà").
    """
    capitalized = [
        [(tuple(sentence[i:j]), label) for i, j, label in entities if sentence[i][:1].isupper()]
        for sentence, entities in zip(forms, found)
    ]
    windows: dict[tuple[int, int], WindowNames] = {}  # sentences whose windows span the same sentences share one
    out = []
    for k, (sentence, entities) in enumerate(zip(forms, found)):
        first, past = max(0, k - window), min(len(forms), k + window + 1)
        if (first, past) not in windows:
            windows[first, past] = window_names(capitalized[first:past])
        votes, ends, by_first = windows[first, past]
        entities = [(i, j, "PER" if tuple(sentence[i:j]) in ends else label) for i, j, label in entities]
        taken = [False] * len(sentence)
        for i, j, _ in entities:
            taken[i:j] = [True] * (j - i)
        added = []
        for i, form in enumerate(sentence):
            for name in by_first.get(form, ()):
                j = i + len(name)
                if tuple(sentence[i:j]) == name and not any(taken[i:j]):
                    counts = votes[name]
                    added.append((i, j, max(counts, key=counts.get)))
                    taken[i:j] = [True] * (j - i)
                    break
        out.append(sorted(entities + added) if added else entities)
    return out


class WindowNames(NamedTuple):
    """The capitalized names tagged in a window of sentences, as ``spread_names`` reads them."""

    votes: dict[tuple[str, ...], dict[str, int]]  # name -> label -> times tagged so, in the order first seen
    ends: set[tuple[str, ...]]  # the ends of the foreign persons' names ("Stoltenberg" of "Jens Stoltenberg")
    by_first: dict[str, list[tuple[str, ...]]]  # first syllable -> the names starting with it, longest first


def window_names(tagged: list[list[tuple[tuple[str, ...], str]]]) -> WindowNames:
    """The ``WindowNames`` of the (name, label) pairs tagged in each sentence of a window, in reading order."""
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for names in tagged:
        for name, label in names:
            counts = votes.setdefault(name, {})
            counts[label] = counts.get(label, 0) + 1
    ends = {
        name[n:]
        for name, counts in votes.items()
        if "PER" in counts and len(name) > 1 and script(name[-1]) == "foreign"
        for n in range(1, len(name))
    }
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(votes, key=len, reverse=True):
        by_first.setdefault(name[0], []).append(name)
    return WindowNames(votes, ends, by_first)


def load_label_offsets(path: Path, labels: list[str]) -> np.ndarray:
    """Per label of ``labels``, the score added at every syllable (``label<TAB>offset`` rows; labels not listed add 0)."""
    offsets = np.zeros(len(labels))
    for number, (label, value) in read_rows(path, "label offsets", "label<TAB>offset", columns=2):
        try:
            offsets[labels.index(label)] = float(value)
        except ValueError as exc:
            raise ResourceError(f"{path}:{number}: expected a label of the model <TAB> a number,"
                                f" got {label!r}, {value!r}") from exc
    return offsets


def decode_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first, past-last, label) index ranges of the entities in a BIO tag sequence."""
    out: list[tuple[int, int, str]] = []
    current: list | None = None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current and current[2] == label:
            current[1] = i + 1
            continue
        if current:
            out.append(tuple(current))
        current = [i, i + 1, label] if prefix in ("B", "I") else None
    if current:
        out.append(tuple(current))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans by a simple rule (end punctuation before a capital, or a line break), for documents not yet split."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
