"""Scoring the event coder on BKEE: trigger detection and type F1 for the BKEE types PLOVER covers.

Each BKEE document is rebuilt as raw text ('_' -> ' ', offsets unchanged); its lines are the sentences and
its segmentation the words (so the coder sees the gold word boundaries, as it sees the segmenter's in the
pipeline). Gold triggers of BKEE types mapped to PLOVER (data/events/bkee_plover.tsv) are the gold set, with
their PLOVER type; predictions are every mention of every coded event whose PLOVER type is one of those
("type, micro"). BKEE annotates only part of some PLOVER categories (Arrest-jail is COERCE mode arrest, not
COERCE seize; Charge-indict/Sue/Trial-hearing are ACCUSE mode allege, not investigate), so a second, scoped
score counts only predictions whose type and mode the mapping names (a mapping without a mode covers the type).
A predicted trigger matches a gold one when the spans overlap (BKEE spans are inconsistent about function
words: "bị bắt" vs "bắt", "cuộc tấn công" vs "tấn công"); exact-span scores are reported beside them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from thoisu.document import Document, Sentence, Token
from thoisu.evaluate.bkee import BkeeDocument, read_bkee
from thoisu.events import EventCoder
from thoisu.events.lexicon import bkee_to_plover


@dataclass
class Counts:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EventScores:
    """Scores of one evaluation run."""

    documents: int = 0
    trigger: Counts = field(default_factory=Counts)  # span found, any mapped type
    typed: Counts = field(default_factory=Counts)  # span found with the right PLOVER type (micro)
    scoped: Counts = field(default_factory=Counts)  # the same, predictions limited to the mapped type/modes
    exact_typed: Counts = field(default_factory=Counts)  # exact span and type
    per_type: dict[str, Counts] = field(default_factory=dict)


def to_document(bkee: BkeeDocument) -> Document:
    """The BKEE document as a thoisu Document with its gold sentences and words."""
    return Document(
        text=bkee.text,
        sentences=[Sentence(s, e) for s, e in bkee.sentences],
        tokens=[Token(s, e) for s, e in bkee.words],
    )


def score_events(directory: Path, coder: EventCoder | None = None) -> EventScores:
    """Run the coder over a BKEE split and score its triggers against the gold ones."""
    coder = coder or EventCoder()
    mapping = bkee_to_plover()
    plover_types = {plover for plover, _, _ in mapping.values()}
    whole_types = {plover for plover, mode, _ in mapping.values() if mode is None}
    modes = {(plover, mode) for plover, mode, _ in mapping.values()}
    scores = EventScores()
    for bkee in read_bkee(directory):
        scores.documents += 1
        gold = [(t.start, t.end, mapping[t.type][0]) for t in bkee.triggers if t.type in mapping]
        doc = coder(to_document(bkee))
        predicted = [(m.start, m.end, ev.type) for ev in doc.events if ev.type in plover_types for m in ev.mentions]
        _score(scores, gold, predicted)
        in_scope = [(m.start, m.end, ev.type) for ev in doc.events
                    if ev.type in whole_types or (ev.type, ev.mode) in modes for m in ev.mentions]
        count_typed(scores.scoped, gold, in_scope)
    return scores


def count_typed(counts: Counts, gold: list[tuple[int, int, str]], predicted: list[tuple[int, int, str]]) -> None:
    """Overlap matching with the right type, each gold trigger used once."""
    used: set[int] = set()
    for start, end, kind in predicted:
        hit = next((i for i, (s, e, t) in enumerate(gold) if i not in used and t == kind and s < end and start < e), None)
        if hit is None:
            counts.fp += 1
        else:
            used.add(hit)
            counts.tp += 1
    counts.fn += len(gold) - len(used)


def _score(scores: EventScores, gold: list[tuple[int, int, str]], predicted: list[tuple[int, int, str]]) -> None:
    used_any: set[int] = set()
    used_typed: set[int] = set()
    exact = Counter((s, e, t) for s, e, t in gold)
    for start, end, kind in predicted:
        per = scores.per_type.setdefault(kind, Counts())
        hit = next((i for i, (s, e, _) in enumerate(gold) if i not in used_any and s < end and start < e), None)
        if hit is None:
            scores.trigger.fp += 1
        else:
            used_any.add(hit)
            scores.trigger.tp += 1
        typed = next((i for i, (s, e, t) in enumerate(gold)
                      if i not in used_typed and t == kind and s < end and start < e), None)
        if typed is None:
            scores.typed.fp += 1
            per.fp += 1
        else:
            used_typed.add(typed)
            scores.typed.tp += 1
            per.tp += 1
        if exact[(start, end, kind)] > 0:
            exact[(start, end, kind)] -= 1
            scores.exact_typed.tp += 1
        else:
            scores.exact_typed.fp += 1
    scores.trigger.fn += len(gold) - len(used_any)
    scores.exact_typed.fn += sum(exact.values())
    for i, (_, _, kind) in enumerate(gold):
        if i not in used_typed:
            scores.typed.fn += 1
            scores.per_type.setdefault(kind, Counts()).fn += 1


def report(scores: EventScores) -> list[tuple[str, Counts]]:
    """Rows for display: micro scores first, then each PLOVER type."""
    rows = [("trigger (any type)", scores.trigger), ("type, micro", scores.typed),
            ("type, mapped modes only", scores.scoped), ("type, exact span", scores.exact_typed)]
    rows += [(kind, counts) for kind, counts in sorted(scores.per_type.items())]
    return rows


def print_events_report(directory: Path, console: Console) -> None:
    """Score a BKEE split and print the table."""
    scores = score_events(directory)
    table = Table(title=f"Event triggers on {directory} ({scores.documents} documents, overlap match)")
    for column in ("", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if not column else "right")
    for name, c in report(scores):
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp), str(c.fp), str(c.fn))
    console.print(table)
