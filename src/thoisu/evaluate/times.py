"""Scores time-expression recognition and normalization against gold data, side by side with dateparser.

Gold comes in two forms: the VLSP 2021 NER format (``token<TAB>tag``, DATETIME spans: recognition only) and
thoisu's own JSONL (``evaluation/times/README.md``): one passage per line with its anchor date and the
annotated expressions with TIMEX3 values. Only expressions starting at or after ``scored_from`` are scored;
the text before it is context (an earlier date that "cùng ngày" refers to).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rich.console import Console

from thoisu.errors import InputError

_DATEPARSER_GRANULARITY = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?(T\d{2}:\d{2})?$")


@dataclass
class GoldTime:
    """One annotated expression: its span, and its TIMEX3 type and value when the gold has values."""

    start: int
    end: int
    type: str | None = None
    value: str | None = None
    mod: str | None = None


@dataclass
class GoldItem:
    """A passage, the anchor its values are resolved against, and its annotated expressions."""

    id: str
    text: str
    anchor: str | None
    times: list[GoldTime]
    scored_from: int = 0


@dataclass
class Prediction:
    """A system's expression: its span and value (None when the system gives no TIMEX3 value)."""

    start: int
    end: int
    value: str | None


@dataclass
class Score:
    """Counts for one system over one gold set."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    valued: int = 0  # gold expressions with a value
    value_correct: int = 0  # ... found (overlapping span) with the right value
    value_found: int = 0  # ... found at all
    errors: list[str] = field(default_factory=list)

    def prf(self, matched: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for ``matched`` true positives."""
        p = matched / self.predicted if self.predicted else 0.0
        r = matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_gold(path: str | Path) -> list[GoldItem]:
    """Gold items from a VLSP 2021 NER file (DATETIME spans) or a thoisu times JSONL file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such gold file")
    if path.suffix == ".jsonl":
        return [_item(json.loads(line), path) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return read_vlsp(path)


def _item(data: dict, path: Path) -> GoldItem:
    try:
        times = [GoldTime(t["start"], t["end"], t.get("type"), t.get("value"), t.get("mod")) for t in data["times"]]
        return GoldItem(data["id"], data["text"], data.get("anchor"), times, data.get("scored_from", 0))
    except (KeyError, TypeError) as exc:
        raise InputError(str(path), f"gold line {data.get('id', '?')} lacks field {exc}") from exc


def read_vlsp(path: str | Path) -> list[GoldItem]:
    """VLSP 2021 NER sentences as raw text (tokens joined by spaces, "_" read as a space) with DATETIME spans."""
    items: list[GoldItem] = []
    tokens: list[tuple[str, str]] = []
    name = ""

    def flush() -> None:
        if tokens:
            items.append(_vlsp_sentence(name, tokens))
        tokens.clear()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("IMGID:") or not line.strip():
            flush()
            name = line[6:].strip() if line.startswith("IMGID:") else name
            continue
        word, _, tag = line.partition("\t")
        tokens.append((word.replace("_", " "), tag.strip()))
    flush()
    return items


def _vlsp_sentence(name: str, tokens: list[tuple[str, str]]) -> GoldItem:
    text, times, open_span = "", [], None
    for word, tag in tokens:
        start = len(text) + (1 if text else 0)
        text = f"{text} {word}" if text else word
        inside = tag.startswith("I-DATETIME") and open_span is not None
        if open_span is not None and not inside:
            times.append(open_span)
            open_span = None
        if tag.startswith("B-DATETIME") or (tag.startswith("I-DATETIME") and open_span is None):
            open_span = GoldTime(start, len(text), tag[2:])
        elif inside and open_span is not None:
            open_span.end = len(text)
    if open_span is not None:
        times.append(open_span)
    return GoldItem(name, text, None, times)


def score(items: Iterable[GoldItem], predict: Callable[[GoldItem], list[Prediction]], errors: int = 0) -> Score:
    """Recognition (exact and overlapping spans) and value accuracy of ``predict`` over ``items``."""
    result = Score()
    for item in items:
        gold = [g for g in item.times if g.start >= item.scored_from]
        predicted = [p for p in predict(item) if p.start >= item.scored_from]
        result.gold += len(gold)
        result.predicted += len(predicted)
        spans = {(p.start, p.end) for p in predicted}
        result.exact += sum((g.start, g.end) in spans for g in gold)
        used: set[int] = set()
        for g in gold:
            match = next(
                (i for i, p in enumerate(predicted) if i not in used and p.start < g.end and g.start < p.end), None
            )
            if match is not None:
                used.add(match)
                result.overlap += 1
            if g.value is None:
                continue
            result.valued += 1
            found = predicted[match] if match is not None else None
            result.value_found += found is not None
            if found is not None and _same_value(found.value, g.value):
                result.value_correct += 1
            elif len(result.errors) < errors:
                said = f"{item.text[found.start:found.end]!r} -> {found.value}" if found else "missed"
                result.errors.append(f"{item.id} {item.text[g.start:g.end]!r} gold {g.value}: {said}")
        if errors and len(result.errors) < errors and all(g.value is None for g in item.times):
            for g in gold:
                if (g.start, g.end) not in spans and len(result.errors) < errors:
                    result.errors.append(f"{item.id} gold {item.text[g.start:g.end]!r} | {_around(item, predicted)}")
            gold_spans = {(g.start, g.end) for g in gold}
            for p in predicted:
                if (p.start, p.end) not in gold_spans and len(result.errors) < errors:
                    result.errors.append(f"{item.id} extra {item.text[p.start:p.end]!r} | {item.text[:160]}")
    return result


def _around(item: GoldItem, predicted: list[Prediction]) -> str:
    return "found " + ", ".join(repr(item.text[p.start : p.end]) for p in predicted) + f" | {item.text[:160]}"


def _same_value(predicted: str | None, gold: str) -> bool:
    """Whether a predicted value equals gold; a bare date-time (dateparser) is compared at gold's granularity."""
    if predicted is None:
        return False
    if predicted.startswith("@"):
        return _truncated(predicted[1:], gold)
    return predicted == gold


def _truncated(moment: str, gold: str) -> bool:
    """Compare a full date-time with a gold value cut to the gold's own granularity (year, month, day, minute)."""
    granularity = _DATEPARSER_GRANULARITY.match(gold)
    if not granularity:
        return False
    length = len(granularity[0])
    return moment[:length] == gold


def thoisu_predict() -> Callable[[GoldItem], list[Prediction]]:
    """thoisu's TimeTagger as a predictor."""
    from thoisu.text.tones import normalize_tones
    from thoisu.times import TimeTagger

    tagger = TimeTagger()

    def predict(item: GoldItem) -> list[Prediction]:
        times = tagger.tag(normalize_tones(item.text), item.anchor, item.text)
        return [Prediction(t.start, t.end, t.value) for t in times]

    return predict


def dateparser_predict() -> Callable[[GoldItem], list[Prediction]]:
    """dateparser's ``search_dates`` (languages=['vi'], RELATIVE_BASE = the anchor) as a predictor."""
    try:
        from dateparser.search import search_dates
    except ImportError as exc:
        raise InputError("dateparser", "not installed; pip install 'thoisu[compare]' to compare with it") from exc

    def predict(item: GoldItem) -> list[Prediction]:
        settings = {"RELATIVE_BASE": datetime.fromisoformat(item.anchor[:10])} if item.anchor else {}
        found = search_dates(item.text, languages=["vi"], settings=settings) or []
        predictions, cursor = [], 0
        for phrase, moment in found:
            start = item.text.find(phrase, cursor)
            if start < 0:
                continue
            cursor = start + len(phrase)
            predictions.append(Prediction(start, cursor, "@" + moment.strftime("%Y-%m-%dT%H:%M")))
        return predictions

    return predict


def report_rows(name: str, result: Score) -> list[str]:
    """Table cells for one system: exact P/R/F1, overlap P/R/F1, value accuracy."""
    cells = [name, str(result.predicted)]
    for matched in (result.exact, result.overlap):
        cells += [f"{x:.3f}" for x in result.prf(matched)]
    if result.valued:
        cells.append(f"{result.value_correct / result.valued:.3f}")
        cells.append(f"{result.value_correct / result.value_found:.3f}" if result.value_found else "-")
    else:
        cells += ["-", "-"]
    return cells


REPORT_COLUMNS = [
    "system", "found", "P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap",
    "value acc (all gold)", "value acc (found)",
]


def print_times_report(gold: Path, console: Console, compare: bool = True, errors: int = 0) -> None:
    """Score thoisu (and dateparser when ``compare``) on ``gold`` and print the table and thoisu's first errors."""
    from rich.table import Table

    items = read_gold(gold)
    systems = [("thoisu", thoisu_predict())] + ([("dateparser", dateparser_predict())] if compare else [])
    table = Table(title=f"Time expressions: {gold} ({len(items)} passages, {sum(len(i.times) for i in items)} gold)")
    for column in REPORT_COLUMNS:
        table.add_column(column)
    shown: list[str] = []
    for name, predict in systems:
        result = score(items, predict, errors if name == "thoisu" else 0)
        table.add_row(*report_rows(name, result))
        shown = shown or result.errors
    console.print(table)
    for line in shown:
        console.print(line, markup=False, highlight=False)
