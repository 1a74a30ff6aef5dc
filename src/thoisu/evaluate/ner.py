"""Named-entity scores on VLSP CoNLL files: exact span and type, on raw text.

How the raw text is rebuilt from a CoNLL file (``IMGID:`` header, then ``token<TAB>tag``
lines, a blank line between sentences): every token has its ``_`` replaced by a space
(``Hà_Nội`` → ``Hà Nội``) and the tokens of a sentence are joined with one space,
punctuation included (``Mỹ , Nga .`` stays spaced like that). A gold entity is the
character span from the start of its B- token to the end of its last I- token in that
string; an I- tag with no B- before it opens an entity. Our recognizer (and, with
``compare``, underthesea's tagger) is run on those raw sentences; a prediction counts only
if its start, end and label all equal a gold entity's. The files hold the sentences of their
news stories in reading order, without story boundaries; a tagger gets them all in that
order, as the pipeline gives it a document's sentences (ours reads the sentences around
each one: ``Recognizer.recognize_sentences``; underthesea tags each on its own).

Labels: VLSP 2016 uses PER/LOC/ORG/MISC; VLSP 2018 and 2021 spell them out (PERSON,
LOCATION, ORGANIZATION, MISCELLANEOUS, with subtypes such as LOCATION-GPE in 2021) and
2021 adds types we do not tag (DATETIME, QUANTITY, …), which are dropped from the gold.
Our GPE counts as LOC.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from thoisu.document import Entity
from thoisu.errors import InputError

LABELS = ("PER", "LOC", "ORG", "MISC")
CORE = ("PER", "LOC", "ORG")
_GOLD_LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "MISC": "MISC",
    "MISCELLANEOUS": "MISC",
}
PREDICTED_LABELS = {"PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "MISC": "MISC"}

# the sentences of a file in order -> the entities of each, offsets into it
Tagger = Callable[[list[str]], list[list[Entity]]]


@dataclass
class GoldSentence:
    """A sentence's raw text and its gold entities as (start, end, label) character spans."""

    text: str
    entities: list[tuple[int, int, str]]


@dataclass
class LabelScore:
    """Counts for one label (or a group of labels) and the scores they give."""

    label: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted entities that are right."""
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold entities found."""
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class NerReport:
    """Scores of one tagger on one CoNLL file."""

    path: str
    system: str
    sentences: int
    syllables: int
    seconds: float
    labels: dict[str, LabelScore] = field(default_factory=dict)

    def overall(self, labels: tuple[str, ...] = CORE) -> LabelScore:
        """Micro-averaged counts over ``labels`` (PER/LOC/ORG by default)."""
        total = LabelScore("+".join(labels))
        for label in labels:
            score = self.labels[label]
            total.true_positives += score.true_positives
            total.false_positives += score.false_positives
            total.false_negatives += score.false_negatives
        return total


def read_conll(path: Path) -> list[GoldSentence]:
    """Sentences of a VLSP CoNLL file as raw text with gold character spans (see the module docstring)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the CoNLL file: {exc}") from exc
    sentences: list[GoldSentence] = []
    rows: list[tuple[str, str]] = []
    for number, line in enumerate([*lines, ""], 1):
        if line.startswith("IMGID:") or not line.strip():
            if rows:
                sentences.append(_gold_sentence(rows))
                rows = []
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise InputError(str(path), f"line {number}: expected token<TAB>tag, got {line!r}")
        rows.append((parts[0].replace("_", " "), parts[-1].strip()))
    if not sentences:
        raise InputError(str(path), "no sentences found; expected IMGID: headers and token<TAB>tag lines")
    return sentences


def _gold_sentence(rows: list[tuple[str, str]]) -> GoldSentence:
    text_parts: list[str] = []
    entities: list[tuple[int, int, str]] = []
    offset = 0
    current: list | None = None
    for token, tag in rows:
        start, end = offset, offset + len(token)
        prefix, _, kind = tag.partition("-")
        label = _GOLD_LABELS.get(kind.split("-")[0]) if prefix in ("B", "I") else None
        if label and prefix == "I" and current and current[2] == label:
            current[1] = end
        else:
            if current:
                entities.append(tuple(current))
            current = [start, end, label] if label else None
        text_parts.append(token)
        offset = end + 1
    if current:
        entities.append(tuple(current))
    return GoldSentence(" ".join(text_parts), entities)


def score_ner(path: Path, recognizer: Tagger | None = None, system: str = "thoisu") -> NerReport:
    """Run ``recognizer`` (ours by default) on the raw sentences of ``path`` and score exact span+type."""
    if recognizer is None:
        from thoisu.entities.recognizer import Recognizer

        recognizer = Recognizer().recognize_sentences
    from thoisu.entities.features import syllable_spans

    sentences = read_conll(path)
    report = NerReport(str(path), system, len(sentences), 0, 0.0, {label: LabelScore(label) for label in LABELS})
    started = time.perf_counter()
    predictions = recognizer([sentence.text for sentence in sentences])
    report.seconds = time.perf_counter() - started
    for sentence, predicted in zip(sentences, predictions):
        report.syllables += sum(1 for start, end in syllable_spans(sentence.text) if sentence.text[start].isalnum())
        gold = set(sentence.entities)
        found = {(e.start, e.end, PREDICTED_LABELS.get(e.label, e.label)) for e in predicted}
        for span in found:
            if span[2] in report.labels:
                score = report.labels[span[2]]
                if span in gold:
                    score.true_positives += 1
                else:
                    score.false_positives += 1
        for span in gold - found:
            report.labels[span[2]].false_negatives += 1
    return report


def underthesea_tagger() -> Tagger:
    """underthesea's ``ner`` as a tagger of raw sentences, each on its own, with character spans (needs the ``compare`` extra)."""
    try:
        from underthesea import ner
    except ImportError as exc:
        raise InputError("--compare", "underthesea is not installed; run: pip install 'thoisu[compare]'") from exc

    def tag(text: str) -> list[Entity]:
        entities: list[Entity] = []
        cursor = 0
        current: Entity | None = None
        for row in ner(text):
            word, tag_ = row[0], row[-1]
            start = text.find(word, cursor)
            if start < 0:
                continue
            end = cursor = start + len(word)
            prefix, _, label = tag_.partition("-")
            if prefix == "I" and current and current.label == label:
                current.end = end
                continue
            if current:
                entities.append(current)
            current = Entity(start, end, label=label) if prefix in ("B", "I") else None
        if current:
            entities.append(current)
        for entity in entities:
            entity.text = text[entity.start : entity.end]
        return entities

    return lambda texts: [tag(text) for text in texts]


def print_ner_report(report: NerReport, console: Console, other: NerReport | None = None) -> None:
    """Per-label precision/recall/F1 and the micro averages; a second report goes side by side."""
    reports = [report] + ([other] if other else [])
    table = Table(title=f"NER on {report.path} ({report.sentences} sentences, {report.syllables} syllables)")
    table.add_column("label")
    for r in reports:
        for metric in ("P", "R", "F1"):
            table.add_column(f"{r.system} {metric}", justify="right")
    table.add_column("gold", justify="right")
    rows = [report.labels[label] for label in LABELS]
    rows += [report.overall(CORE), report.overall(LABELS)]
    for index, score in enumerate(rows):
        cells = [score.label]
        for r in reports:
            s = r.labels[score.label] if index < len(LABELS) else r.overall(tuple(score.label.split("+")))
            cells += [f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
        cells.append(str(score.true_positives + score.false_negatives))
        table.add_row(*cells)
    console.print(table)
    for r in reports:
        rate = r.syllables / r.seconds if r.seconds else 0.0
        console.print(f"{r.system}: {r.seconds:.1f} s, {rate:,.0f} syllables/s (single process)")
